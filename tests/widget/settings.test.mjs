// What the widget takes from the server and the page without a browser: the server's limits and example
// questions (web/src/server_info.mjs), and settings from init() and configure() (options.mjs).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { LABELS } from '../../web/src/labels.mjs';
import { mergeSettings } from '../../web/src/options.mjs';
import { DEFAULT_LIMITS, pickExamples, readLimits } from '../../web/src/server_info.mjs';

test("the server's limits replace the defaults where they are positive integers", () => {
  assert.deepEqual(readLimits({ max_question_chars: 500, max_message_bytes: 0, max_comment_chars: 2.5 }),
    { ...DEFAULT_LIMITS, max_question_chars: 500 });
});

test('no reply, or not an object, leaves the defaults', () => {
  assert.deepEqual(readLimits({}), DEFAULT_LIMITS);
  assert.deepEqual(readLimits(null), DEFAULT_LIMITS);
});

test('origin_allowed is kept only when the server says it', () => {
  assert.equal(readLimits({ origin_allowed: false }).origin_allowed, false);
  assert.equal('origin_allowed' in readLimits({ origin_allowed: 'no' }), false);
});

const topic = (t, intent, example) => ({ kind: 'topic', topic: t, intent, example });

test("one example per topic, the topic's main intent's where it has one", () => {
  const topics = [topic('salary', 'salary.by_city', 'Pay in Austin?'), topic('salary', 'salary.overview', 'How much?'),
    topic('skills', 'skills.languages', 'Which languages?')];
  assert.deepEqual(pickExamples(topics, 4), ['How much?', 'Which languages?']);
});

test('topics with a main intent come first, and no more than asked', () => {
  const topics = [topic('a', 'a.detail', 'A?'), topic('b', 'b', 'B?'), topic('c', 'c.overview', 'C?')];
  assert.deepEqual(pickExamples(topics, 2), ['B?', 'C?']);
});

test('entries that are not topics, or have no example, give none', () => {
  assert.deepEqual(pickExamples([{ kind: 'smalltalk', topic: 'hi', intent: 'hi', example: 'Hi' },
    { kind: 'topic', topic: 'x', intent: 'x' }], 4), []);
});

const options = { title: 'Career Advisor', titleGiven: false, theme: 'auto', teaserDelay: 5, labels: { ...LABELS } };

test('settings change the labels they name and keep the others', () => {
  const merged = mergeSettings(options, { labels: { send: 'Envoyer' } });
  assert.equal(merged.labels.send, 'Envoyer');
  assert.equal(merged.labels.close, LABELS.close);
  assert.equal(options.labels.send, LABELS.send, 'the options given are not changed');
});

test('an unknown label is a console warning, not a label', (t) => {
  const warn = t.mock.method(console, 'warn', () => {});
  const merged = mergeSettings(options, { labels: { sned: 'Envoyer' } });
  assert.equal('sned' in merged.labels, false);
  assert.deepEqual(warn.mock.calls[0].arguments, ['Career Advisor: no label named', 'sned']);
});

test('a title counts as given once set; a blank one changes nothing', () => {
  assert.deepEqual([mergeSettings(options, { title: ' Ask us ' }).title, mergeSettings(options, { title: ' Ask us ' }).titleGiven],
    ['Ask us', true]);
  assert.equal(mergeSettings(options, { title: '  ' }).titleGiven, false);
});

test('a theme other than light, dark or auto is ignored', () => {
  assert.equal(mergeSettings(options, { theme: 'dark' }).theme, 'dark');
  assert.equal(mergeSettings(options, { theme: 'sepia' }).theme, 'auto');
});

test('a z-index must be an integer', () => {
  assert.equal(mergeSettings(options, { zIndex: 10 }).zIndex, '10');
  assert.equal(mergeSettings(options, { zIndex: '1e3' }).zIndex, null);
});

test("the greeting's delay is seconds from 0 up; anything else is a warning and 5", (t) => {
  const warn = t.mock.method(console, 'warn', () => {});
  assert.equal(mergeSettings(options, { teaserDelay: '2.5' }).teaserDelay, 2.5);
  assert.equal(mergeSettings(options, { teaserDelay: -1 }).teaserDelay, 5);
  assert.equal(warn.mock.callCount(), 1);
});

