// The widget's text without a browser: labels' templates, answers as plain text (Copy), source lines,
// transcripts (web/src/labels.mjs, markdown.mjs, sources.mjs, transcript.mjs).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { LABELS, fill } from '../../web/src/labels.mjs';
import { plainText } from '../../web/src/markdown.mjs';
import { Role } from '../../web/src/outbox.mjs';
import { answerSources, sourceLine } from '../../web/src/sources.mjs';
import { answerText, transcriptText } from '../../web/src/transcript.mjs';

const noble = { id: 'noble', publisher: 'Noble Desktop', title: 'What Does a Back End Web Developer Do?',
  published: '2026-03-22', url: 'https://www.nobledesktop.com/careers/back-end-developer' };
const truest = { id: 'truest', publisher: 'Truest', title: 'Back-End Web Developer' };

test('fill() puts in the values it has and leaves other braces as written', () => {
  assert.equal(fill('{count} characters left of {limit}', { count: 3 }), '3 characters left of {limit}');
});

test('every label is a string', () => {
  assert.deepEqual(Object.entries(LABELS).filter(([, v]) => typeof v !== 'string'), []);
});

test('plain text drops the stars of bold and keeps a link as its text and URL', () => {
  assert.equal(plainText('**Pay** is in [the guide](https://example.com/pay).'), 'Pay is in the guide (https://example.com/pay).');
});

test('an answer names only its sources that have a title', () => {
  assert.deepEqual(answerSources({ sources: [noble, { id: 'x', title: '' }, null, { id: 'y' }] }), [noble]);
  assert.deepEqual(answerSources({}), []);
});

test('the plain source line gives publisher, quoted title, the date in words and the address', () => {
  assert.equal(sourceLine([noble, truest], 'en-US', true),
    'Noble Desktop, "What Does a Back End Web Developer Do?" (March 22, 2026) https://www.nobledesktop.com/careers/back-end-developer; ' +
    'Truest, "Back-End Web Developer"');
});

test('a source line leaves out an address that is not https and a date that is not one', () => {
  const source = { title: 'Guide', url: 'http://example.com/guide', published: '2026-13-45' };
  assert.equal(sourceLine([source], 'en-US', true), '"Guide"');
});

test("an answer's plain text is its text, then its sources", () => {
  const answer = { text: 'They make **about $120,000**.', sources: [truest] };
  assert.equal(answerText(answer, LABELS, 'en-US'), 'They make about $120,000.\n\nSources: Truest, "Back-End Web Developer"');
});

test('a transcript has a title line, then each message with its UTC time and who wrote it', () => {
  const at = Date.UTC(2026, 2, 22, 14, 5);
  const messages = [
    { role: Role.user, text: 'How much do they make?', at },
    { role: Role.bot, answer: { text: 'About **$120,000**.' }, at },
    { role: Role.error, text: 'Sorry, that question could not be answered: busy', at },
  ];
  const lines = transcriptText(messages, { labels: LABELS, title: 'Career Advisor', lang: 'en-US' }).split('\n');
  assert.match(lines[0], /^Conversation with Career Advisor, \d{4}-\d{2}-\d{2}$/);
  assert.deepEqual(lines.slice(1), ['', '[2026-03-22 14:05] You: How much do they make?', '',
    '[2026-03-22 14:05] Advisor: About $120,000.', '',
    '[2026-03-22 14:05] Sorry, that question could not be answered: busy', '']);
});
