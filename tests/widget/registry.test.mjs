// window.CareerAdvisor without a browser (web/src/registry.mjs): the page's queued commands, the shortcuts that
// wait for the first chat, settings for chats to come, and the conversation kept in storage (history.mjs).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { History } from '../../web/src/history.mjs';
import { createRegistry, pageRegistry } from '../../web/src/registry.mjs';

// A chat instance's API that records what it is asked.
function fakeInstance(state = 'connected') {
  const calls = [];
  return {
    state,
    calls,
    open: () => calls.push(['open']),
    close: () => calls.push(['close']),
    toggle: () => calls.push(['toggle']),
    clear: () => calls.push(['clear']),
    ask: (text) => { calls.push(['ask', text]); return text ? Promise.resolve({ text }) : Promise.reject(new Error('empty')); },
    configure: (settings) => calls.push(['configure', settings]),
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

test("the state is 'loading' until a chat has started, then the first chat's", () => {
  const registry = createRegistry();
  assert.equal(registry.state, 'loading');
  registry.add(fakeInstance('connecting'));
  assert.equal(registry.state, 'connecting');
});

test('shortcuts wait for the first chat, then act on it', async () => {
  const registry = createRegistry();
  registry.open();
  const answer = registry.ask('How much?');
  const first = fakeInstance();
  registry.add(first);
  registry.add(fakeInstance());
  assert.deepEqual(await answer, { text: 'How much?' });
  assert.deepEqual(first.calls, [['open'], ['ask', 'How much?']]);
});

test('a function pushed is given the registry once a chat is ready', async () => {
  const registry = createRegistry();
  let given = null;
  registry.push((api) => { given = api; });
  await tick();
  assert.equal(given, null);
  registry.add(fakeInstance());
  await tick();
  assert.equal(given, registry);
});

test('init() is kept for chats to come, labels merged, and applied to those running', () => {
  const registry = createRegistry();
  const running = fakeInstance();
  registry.add(running);
  registry.init({ labels: { send: 'Envoyer' } });
  registry.init({ theme: 'dark', labels: { close: 'Fermer' } });
  assert.deepEqual(registry.settings, { theme: 'dark', labels: { send: 'Envoyer', close: 'Fermer' } });
  assert.deepEqual(running.calls.map(([name]) => name), ['configure', 'configure']);
});

test('an unknown command is a console error and the others still run', (t) => {
  const error = t.mock.method(console, 'error', () => {});
  const registry = createRegistry();
  const first = fakeInstance();
  registry.add(first);
  registry.push(['explode'], ['open']);
  assert.equal(error.mock.callCount(), 1);
  assert.deepEqual(first.calls, [['open']]);
});

test('a failed ask pushed as a command is a console warning', async (t) => {
  const warn = t.mock.method(console, 'warn', () => {});
  const registry = createRegistry();
  registry.add(fakeInstance());
  registry.push(['ask', '']);
  await tick();
  assert.deepEqual(warn.mock.calls[0].arguments, ['Career Advisor:', 'ask', 'failed:', 'empty']);
});

test("the page's queue runs when the registry takes its place, init first of all", () => {
  globalThis.window = { CareerAdvisor: [['init', { theme: 'dark' }]] };
  const registry = pageRegistry();
  assert.equal(globalThis.window.CareerAdvisor, registry);
  assert.equal(registry.settings.theme, 'dark');
  assert.equal(pageRegistry(), registry, 'a second copy of the script shares it');
});

// ----- history

// Web Storage as a Map; `full` makes it refuse writes as a full quota does.
function fakeStorage({ full = false } = {}) {
  const items = new Map();
  return {
    items,
    getItem: (key) => (items.has(key) ? items.get(key) : null),
    setItem: (key, value) => {
      if (full) throw new Error('QuotaExceededError');
      items.set(key, String(value));
    },
  };
}

test('the conversation is kept in the storage asked for, its last 200 messages', () => {
  const session = fakeStorage();
  const local = fakeStorage();
  globalThis.window = { sessionStorage: session, localStorage: local };
  const messages = Array.from({ length: 250 }, (_, i) => ({ id: String(i) }));
  new History('local', 'key').save({ open: true, messages, context: { topic: 'salary' }, unread: 2 });
  assert.equal(session.items.size, 0);
  const saved = new History('local', 'key').load();
  assert.equal(saved.messages.length, 200);
  assert.equal(saved.messages[0].id, '50');
  assert.deepEqual([saved.open, saved.context, saved.unread], [true, { topic: 'salary' }, 2]);
});

test('nothing stored, something unreadable or of another version loads as an empty conversation', () => {
  const session = fakeStorage();
  globalThis.window = { sessionStorage: session };
  const empty = { v: 1, open: false, messages: [], context: null, unread: 0 };
  assert.deepEqual(new History('session', 'key').load(), empty);
  session.setItem('key', '{not json');
  assert.deepEqual(new History('session', 'key').load(), empty);
  session.setItem('key', JSON.stringify({ v: 2, messages: [{ id: 'x' }] }));
  assert.deepEqual(new History('session', 'key').load(), empty);
});

test('a full storage, or none at all, costs the history but never throws', () => {
  globalThis.window = { sessionStorage: fakeStorage({ full: true }) };
  assert.doesNotThrow(() => new History('session', 'key').save({ open: false, messages: [], context: null, unread: 0 }));
  globalThis.window = {
    get sessionStorage() { throw new Error('SecurityError'); },
  };
  const history = new History('session', 'key');
  assert.doesNotThrow(() => history.save({ open: false, messages: [], context: null, unread: 0 }));
  assert.deepEqual(history.load().messages, []);
});
