// The widget's connection without a browser (web/src/connection.mjs): a fake WebSocket and a fake clock stand
// in for the browser's, so reconnection, backoff and the states (connecting, reconnecting, offline,
// unavailable) are checked attempt by attempt.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';

import { Connection, State } from '../../web/src/connection.mjs';

// A socket the test plays the server for: accept() opens it, drop() closes it, say() sends it a frame.
class FakeSocket extends EventTarget {
  static made = [];

  constructor(url) {
    super();
    this.url = url;
    this.sent = [];
    this.closedWith = null;
    FakeSocket.made.push(this);
  }

  send(text) { this.sent.push(text); }
  close(code, reason) { this.closedWith = { code, reason }; }
  accept() { this.dispatchEvent(new Event('open')); }
  drop(code = 1006) { this.dispatchEvent(Object.assign(new Event('close'), { code })); }
  say(data) { this.dispatchEvent(Object.assign(new Event('message'), { data })); }
}

// setTimeout and clearTimeout that run only when told: next() runs the earliest timer and returns its delay.
const clock = {
  timers: new Map(),
  last: 0,
  set(run, delay) { this.last += 1; this.timers.set(this.last, { run, delay }); return this.last; },
  clear(id) { this.timers.delete(id); },
  next() {
    const [id, timer] = [...this.timers].sort((a, b) => a[1].delay - b[1].delay)[0];
    this.timers.delete(id);
    timer.run();
    return timer.delay;
  },
};

beforeEach(() => {
  FakeSocket.made = [];
  clock.timers.clear();
  globalThis.window = new EventTarget();
  globalThis.document = Object.assign(new EventTarget(), { visibilityState: 'visible' });
  Object.defineProperty(globalThis, 'navigator', { value: { onLine: true }, configurable: true, writable: true });
  globalThis.WebSocket = FakeSocket;
  globalThis.setTimeout = (run, delay) => clock.set(run, delay);
  globalThis.clearTimeout = (id) => clock.clear(id);
});

// A connection to ws://advisor.test/ws recording its states, frames and closes; `reachable` is whether the
// server answers HTTP.
function connection({ reachable = false } = {}) {
  const heard = { states: [], messages: [], closes: [] };
  const made = new Connection('ws://advisor.test/ws', {
    onState: (state) => heard.states.push(state),
    onMessage: (message) => heard.messages.push(message),
    onClose: (code, opened) => heard.closes.push([code, opened]),
    reachable: () => Promise.resolve(reachable),
  });
  const socket = () => FakeSocket.made.at(-1);
  return { connection: made, heard, socket };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

test('nothing connects before start()', () => {
  const { connection: c } = connection();
  assert.equal(FakeSocket.made.length, 0);
  assert.equal(c.state, State.idle);
});

test('start() opens a socket to the URL: connecting, then connected once it opens', () => {
  const { connection: c, heard, socket } = connection();
  c.start();
  assert.equal(socket().url, 'ws://advisor.test/ws');
  socket().accept();
  assert.deepEqual(heard.states, [State.connecting, State.connected]);
  assert.equal(c.open, true);
});

test('a socket lost after it opened is reconnecting, and the next attempt comes within half a second', () => {
  const { heard, socket, connection: c } = connection();
  c.start();
  socket().accept();
  socket().drop();
  assert.equal(heard.states.at(-1), State.reconnecting);
  const delay = clock.next();
  assert.ok(delay >= 250 && delay <= 500, `${delay} ms`);
  assert.equal(FakeSocket.made.length, 2);
});

test('failed attempts wait twice as long each time, up to ten seconds, with jitter in the upper half', () => {
  const { connection: c, socket } = connection();
  c.start();
  socket().accept();
  socket().drop();
  clock.next();
  const ceilings = [1000, 2000, 4000, 8000, 10000, 10000];
  for (const ceiling of ceilings) {
    socket().drop();
    const delay = clock.next();
    assert.ok(delay >= ceiling / 2 && delay <= ceiling, `${delay} ms, not between ${ceiling / 2} and ${ceiling}`);
  }
});

test('three failed attempts in a row are offline, and retries go on', () => {
  const { connection: c, heard, socket } = connection();
  c.start();
  socket().accept();
  socket().drop();
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    clock.next();
    socket().drop();
  }
  assert.equal(heard.states.at(-1), State.offline);
  assert.equal(clock.timers.size, 1);
});

test('a page that never connected, after two failed handshakes to a server that answers HTTP, is unavailable', async () => {
  const { connection: c, heard, socket } = connection({ reachable: true });
  c.start();
  socket().drop();
  clock.next();
  socket().drop();
  await settle();
  assert.equal(heard.states.at(-1), State.unavailable);
  const delay = clock.next();
  assert.ok(delay >= 30000 && delay <= 60000, `the next try comes within a minute, not after ${delay} ms`);
});

test('the same failures with a server that does not answer at all are offline, not unavailable', async () => {
  const { connection: c, heard, socket } = connection({ reachable: false });
  c.start();
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    socket().drop();
    await settle();
    if (attempt < 3) clock.next();
  }
  assert.equal(heard.states.includes(State.unavailable), false);
  assert.equal(heard.states.at(-1), State.offline);
});

test('refuse() (the server said so) is unavailable at once', () => {
  const { connection: c, heard } = connection();
  c.start();
  c.refuse();
  assert.equal(heard.states.at(-1), State.unavailable);
});

test('retryNow() connects at once instead of after the backoff', () => {
  const { connection: c, socket } = connection();
  c.start();
  socket().accept();
  socket().drop();
  c.retryNow();
  assert.equal(FakeSocket.made.length, 2);
  assert.equal(clock.timers.size, 0, 'the backoff timer is cancelled');
});

test('the browser going offline says offline at once; coming back online connects', () => {
  const { connection: c, heard, socket } = connection();
  c.start();
  socket().accept();
  socket().drop();
  globalThis.navigator.onLine = false;
  window.dispatchEvent(new Event('offline'));
  assert.equal(heard.states.at(-1), State.offline);
  globalThis.navigator.onLine = true;
  window.dispatchEvent(new Event('online'));
  assert.equal(FakeSocket.made.length, 2);
});

test('send() sends objects as JSON while connected, and says false when not', () => {
  const { connection: c, socket } = connection();
  assert.equal(c.send({ type: 'ask' }), false);
  c.start();
  socket().accept();
  assert.equal(c.send({ type: 'ask', id: '1', text: 'Hi' }), true);
  assert.deepEqual(socket().sent, ['{"type":"ask","id":"1","text":"Hi"}']);
});

test('frames that are not JSON objects are ignored', () => {
  const { connection: c, heard, socket } = connection();
  c.start();
  socket().accept();
  socket().say('not json');
  socket().say('"a string"');
  socket().say('{"type":"answer","id":"1"}');
  assert.deepEqual(heard.messages, [{ type: 'answer', id: '1' }]);
});

test('the owner hears each close with its code and whether the socket had opened', () => {
  const { connection: c, heard, socket } = connection();
  c.start();
  socket().accept();
  socket().drop(1009);
  clock.next();
  socket().drop(1006);
  assert.deepEqual(heard.closes, [[1009, true], [1006, false]]);
});

test('restart() closes the socket as a normal close and opens a new one at once', () => {
  const { connection: c, socket } = connection();
  c.start();
  socket().accept();
  const old = socket();
  c.restart();
  assert.deepEqual(old.closedWith, { code: 1000, reason: 'conversation cleared' });
  assert.equal(FakeSocket.made.length, 2);
  old.drop(1000);
  assert.equal(c.socket, socket(), 'the old socket closing later changes nothing');
});

test('a page coming back into view connects at once; one still hidden waits for the backoff', () => {
  const { connection: c, socket } = connection();
  c.start();
  socket().accept();
  socket().drop();
  document.visibilityState = 'hidden';
  document.dispatchEvent(new Event('visibilitychange'));
  assert.equal(FakeSocket.made.length, 1);
  document.visibilityState = 'visible';
  document.dispatchEvent(new Event('visibilitychange'));
  assert.equal(FakeSocket.made.length, 2);
});

test('a socket that opens starts the count of failures again: the next loss is reconnecting, not offline', () => {
  const { connection: c, heard, socket } = connection();
  c.start();
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    socket().drop();
    if (attempt < 3) clock.next();
  }
  assert.equal(heard.states.at(-1), State.offline);
  clock.next();
  socket().accept();
  socket().drop();
  assert.equal(heard.states.at(-1), State.reconnecting);
  const delay = clock.next();
  assert.ok(delay <= 500, `${delay} ms`);
});
