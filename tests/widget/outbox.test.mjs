// The widget's outbox (web/src/outbox.mjs) without a browser: the queue of questions across sockets, the
// follow-up context on each socket's first frame and how it is trimmed to fit, failures, clearing, votes.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { LABELS } from '../../web/src/labels.mjs';
import { CLOSE_TOO_BIG, Outbox, Role, Status, VoteStatus } from '../../web/src/outbox.mjs';
import { DEFAULT_LIMITS } from '../../web/src/server_info.mjs';

// A socket stand-in: `open` says whether frames go; each frame sent is kept, parsed.
function fakeTransport(open) {
  return {
    open,
    frames: [],
    retries: 0,
    send(frame) {
      if (!this.open) return false;
      this.frames.push(typeof frame === 'string' ? JSON.parse(frame) : frame);
      return true;
    },
    retryNow() { this.retries += 1; },
  };
}

// An outbox over a fake transport, recording what it tells the chat, in order.
function outbox({ open = true, messages = [], context = null, limits = {} } = {}) {
  const transport = fakeTransport(open);
  const told = [];
  const box = new Outbox({ messages, context }, {
    transport,
    limits: () => ({ ...DEFAULT_LIMITS, ...limits }),
    labels: () => LABELS,
    hooks: {
      added: (message) => told.push(['added', message.role]),
      updated: (message) => told.push(['updated', message.status]),
      voted: (message) => told.push(['voted', message.vote.status]),
      voteUpdated: (message) => told.push(['voteUpdated', message.vote.status]),
      answered: (reply) => told.push(['answered', reply.id]),
      changed: () => told.push(['changed']),
    },
  });
  // Opens (or reopens) the socket, as the connection's state change does.
  const connect = () => { transport.open = true; box.connected(); };
  const disconnect = () => { transport.open = false; box.disconnected(); };
  const questions = () => box.messages.filter((m) => m.role === Role.user);
  return { box, transport, told, connect, disconnect, questions };
}

const answer = (id, extra = {}) => ({ type: 'answer', id, intent: 'salary', text: 'About $120,000.', ...extra });


test('a question asked while connected goes out at once as an ask frame, and is sent', () => {
  const { box, transport, questions } = outbox();
  box.ask('What does a back-end developer do?');
  assert.equal(transport.frames.length, 1);
  assert.deepEqual(transport.frames[0], { type: 'ask', id: questions()[0].id, text: 'What does a back-end developer do?' });
  assert.equal(questions()[0].status, Status.sent);
  assert.equal(box.sending, true);
});

test('a question asked while not connected waits in the queue and asks for a connection now', () => {
  const { box, transport, questions } = outbox({ open: false });
  box.ask('What skills do I need?');
  assert.equal(transport.frames.length, 0);
  assert.equal(transport.retries, 1);
  assert.equal(questions()[0].status, Status.queued);
  assert.equal(box.waiting, true);
  assert.equal(box.sending, false);
});

test('queued questions go out in the order they were asked once a socket opens', () => {
  const { box, transport, connect } = outbox({ open: false });
  box.ask('first');
  box.ask('second');
  box.ask('third');
  connect();
  assert.deepEqual(transport.frames.map((f) => f.text), ['first', 'second', 'third']);
});

test('the first question on a socket carries the context back, and the next ones do not', () => {
  const context = { topic: 'salary', location: 'Austin' };
  const { box, transport, connect } = outbox({ open: false, context });
  connect();
  box.ask('what about Seattle?');
  box.ask('and Denver?');
  assert.deepEqual(transport.frames[0].context, context);
  assert.equal('context' in transport.frames[1], false);
});

test('an answer resolves ask() with the reply, marks the question done and keeps the new context', async () => {
  const { box, questions } = outbox();
  const answered = box.ask('How much do they make?');
  const id = questions()[0].id;
  const reply = answer(id, { context: { topic: 'salary' }, answer_id: 'a-1', suggestions: ['In Austin?'] });
  box.receive(reply);
  assert.equal(await answered, reply);
  assert.equal(questions()[0].status, Status.done);
  assert.deepEqual(box.context, { topic: 'salary' });
  const bot = box.messages.find((m) => m.role === Role.bot);
  assert.equal(bot.answer.answerId, 'a-1');
  assert.deepEqual(bot.answer.suggestions, ['In Austin?']);
  assert.equal(box.sending, false);
});

test('an answer is stored before the chat hears that it arrived', () => {
  const { box, told, questions } = outbox();
  box.ask('How much do they make?');
  told.length = 0;
  box.receive(answer(questions()[0].id));
  assert.deepEqual(told, [['updated', Status.done], ['added', Role.bot], ['changed'], ['answered', questions()[0].id]]);
});

test("the server's error rejects ask() with its code and is said in the conversation", async () => {
  const { box, questions } = outbox();
  const answered = box.ask('?');
  box.receive({ type: 'error', id: questions()[0].id, code: 'rate_limited', message: 'too many questions' });
  await assert.rejects(answered, { code: 'rate_limited', message: 'too many questions' });
  const error = box.messages.find((m) => m.role === Role.error);
  assert.equal(error.text, `${LABELS.notAnswered} too many questions`);
});

test('a second reply to an answered question changes nothing', () => {
  const { box, questions } = outbox();
  box.ask('How much do they make?');
  const id = questions()[0].id;
  box.receive(answer(id));
  const before = box.messages.length;
  box.receive(answer(id, { text: 'again' }));
  assert.equal(box.messages.length, before);
});

test('a lost socket puts the questions on it back in the queue, and the next socket sends them again', () => {
  const { box, transport, connect, disconnect, questions } = outbox();
  box.ask('first');
  box.ask('second');
  disconnect();
  assert.deepEqual(questions().map((q) => q.status), [Status.queued, Status.queued]);
  transport.frames.length = 0;
  connect();
  assert.deepEqual(transport.frames.map((f) => f.text), ['first', 'second']);
  assert.deepEqual(questions().map((q) => q.status), [Status.sent, Status.sent]);
});

test('the context goes again with the first question on a new socket', () => {
  const { box, transport, connect, disconnect, questions } = outbox();
  box.ask('How much do they make?');
  box.receive(answer(questions()[0].id, { context: { topic: 'salary' } }));
  disconnect();
  connect();
  box.ask('and in Austin?');
  assert.deepEqual(transport.frames.at(-1).context, { topic: 'salary' });
});

test('a stored conversation asks its waiting questions again: sent ones go back to queued first', () => {
  const stored = [
    { id: 'q1', role: Role.user, text: 'answered', status: Status.done, at: 1 },
    { id: 'q2', role: Role.user, text: 'on a socket when the page left', status: Status.sent, at: 2 },
    { id: 'q3', role: Role.user, text: 'never sent', status: Status.queued, at: 3 },
  ];
  const { box, transport, connect, disconnect } = outbox({ open: false, messages: stored });
  assert.equal(box.waiting, true);
  disconnect();  // the chat starts not connected
  connect();
  assert.deepEqual(transport.frames.map((f) => f.id), ['q2', 'q3']);
});

test("a question that cannot afford the whole context goes without the context's facts already shown", () => {
  const context = { topic: 'salary', location: 'Austin', shown: ['x'.repeat(4100)], last_shown: 'x' };
  const { box, transport, connect } = outbox({ open: false, context });
  connect();
  box.ask('and in Austin?');
  const frame = transport.frames[0];
  assert.deepEqual(frame.context, { topic: 'salary', location: 'Austin', shown: [] });
  assert.ok(Buffer.byteLength(JSON.stringify(frame)) <= DEFAULT_LIMITS.max_message_bytes);
});

test('a question that cannot afford even the trimmed context goes without it', () => {
  const context = { topic: 'salary', location: 'L'.repeat(3500), shown: ['x'] };
  const { box, transport, connect } = outbox({ open: false, context });
  connect();
  box.ask('q'.repeat(900));
  assert.equal('context' in transport.frames[0], false);
  assert.equal(transport.frames[0].text, 'q'.repeat(900));
});

test("the context goes with a socket's first frame only, even when that frame could not carry it", () => {
  const context = { topic: 'salary', location: 'L'.repeat(3500) };
  const { box, transport, connect } = outbox({ open: false, context });
  connect();
  box.ask('q'.repeat(1000));
  box.ask('short');
  assert.deepEqual(transport.frames.map((f) => 'context' in f), [false, false]);
});

test('a question over max_message_bytes even alone fails at once: rejected with too_big, never sent', async () => {
  const { box, transport, questions } = outbox({ limits: { max_message_bytes: 100 } });
  await assert.rejects(box.ask('é'.repeat(60)), { code: 'too_big' });
  assert.equal(transport.frames.length, 0);
  assert.equal(questions()[0].status, Status.failed);
  assert.equal(box.messages.find((m) => m.role === Role.error).text, LABELS.tooLong);
});

test('a queued question over a limit learnt meanwhile fails when its turn comes, and the rest go', async () => {
  const limits = {};
  const { box, transport, connect, questions } = outbox({ open: false, limits });
  const big = box.ask('b'.repeat(200));
  box.ask('small');
  limits.max_message_bytes = 150;  // the server's limits came in while they waited
  connect();
  await assert.rejects(big, { code: 'too_big' });
  assert.deepEqual(transport.frames.map((f) => f.text), ['small']);
  assert.equal(questions()[0].status, Status.failed);
});

test('a socket closed with 1009 fails the largest question on it, once; the others go again', async () => {
  const { box, transport, connect, disconnect, questions } = outbox();
  box.ask('short');
  const longer = box.ask('a much longer question than the other one');
  box.closed(CLOSE_TOO_BIG);
  await assert.rejects(longer, { code: 'too_big' });
  disconnect();
  transport.frames.length = 0;
  connect();
  assert.deepEqual(questions().map((q) => q.status), [Status.sent, Status.failed]);
  assert.deepEqual(transport.frames.map((f) => f.text), ['short']);
});

test('a socket closed with another code fails nothing', () => {
  const { box, questions } = outbox();
  box.ask('a question');
  box.closed(1006);
  assert.equal(questions()[0].status, Status.sent);
});

test('failWaiting() fails every question queued or sent, quietly, rejecting each ask()', async () => {
  const { box, transport } = outbox();
  const sent = box.ask('sent');
  transport.open = false;
  const queued = box.ask('queued');
  const error = Object.assign(new Error('refused'), { code: 'unavailable' });
  box.failWaiting(error);
  await assert.rejects(sent, { code: 'unavailable' });
  await assert.rejects(queued, { code: 'unavailable' });
  assert.equal(box.messages.some((m) => m.role === Role.error), false);
  assert.equal(box.waiting, false);
});

test('clear() empties the conversation and rejects the questions waiting with cleared', async () => {
  const { box } = outbox({ open: false, context: { topic: 'salary' } });
  const waiting = box.ask('a question');
  const kept = box.clear();
  await assert.rejects(waiting, { code: 'cleared' });
  assert.deepEqual(box.messages, []);
  assert.equal(box.context, null);
  assert.equal(kept.messages[0].status, Status.failed);
});

test('restore() puts the cleared messages back before the new ones, and the next question carries the context', async () => {
  const { box, transport } = outbox({ context: { topic: 'salary' } });
  const cleared = box.ask('before');
  const kept = box.clear();
  await assert.rejects(cleared, { code: 'cleared' });
  box.ask('after');
  box.restore(kept);
  box.ask('after the undo');
  assert.deepEqual(box.messages.filter((m) => m.role === Role.user).map((m) => m.text), ['before', 'after', 'after the undo']);
  assert.deepEqual(transport.frames.at(-1).context, { topic: 'salary' });
});

// ----- votes

function answered({ open = true } = {}) {
  const setup = outbox({ open: true });
  setup.box.ask('How much do they make?');
  setup.box.receive(answer(setup.questions()[0].id, { answer_id: 'a-1' }));
  setup.transport.frames.length = 0;
  setup.transport.open = open;
  const message = setup.box.messages.find((m) => m.role === Role.bot);
  return { ...setup, message };
}

test('a vote goes out as a feedback frame and is saved when the server says so', () => {
  const { box, transport, message } = answered();
  assert.equal(box.vote(message, false, 'no figures for Europe'), true);
  const [frame] = transport.frames;
  assert.deepEqual({ ...frame, id: undefined },
    { type: 'feedback', id: undefined, answer_id: 'a-1', helpful: false, comment: 'no figures for Europe' });
  assert.equal(message.vote.status, VoteStatus.sent);
  box.receive({ type: 'feedback_received', id: frame.id });
  assert.equal(message.vote.status, VoteStatus.saved);
});

test('a vote the server refuses is failed', () => {
  const { box, transport, message } = answered();
  box.vote(message, true);
  box.receive({ type: 'error', id: transport.frames[0].id, code: 'bad_request' });
  assert.equal(message.vote.status, VoteStatus.failed);
});

test('the same vote again changes nothing, unless the first failed', () => {
  const { box, transport, message } = answered();
  box.vote(message, true);
  assert.equal(box.vote(message, true), false);
  box.receive({ type: 'error', id: transport.frames[0].id, code: 'bad_request' });
  assert.equal(box.vote(message, true), true);
  assert.equal(transport.frames.length, 2);
});

test('the chat hears of a vote before it is sent', () => {
  const { box, told, message } = answered();
  told.length = 0;
  box.vote(message, true);
  assert.deepEqual(told, [['voted', VoteStatus.queued], ['changed']]);
  assert.equal(message.vote.status, VoteStatus.sent);
});

test('a vote cast while not connected waits and goes out with the next socket', () => {
  const { box, transport, connect, message } = answered({ open: false });
  box.vote(message, true);
  assert.equal(transport.frames.length, 0);
  assert.equal(transport.retries, 1);
  connect();
  assert.equal(transport.frames[0].type, 'feedback');
});

test('a vote on a lost socket goes again on the next one', () => {
  const { box, transport, connect, disconnect, message } = answered();
  box.vote(message, true);
  disconnect();
  assert.equal(message.vote.status, VoteStatus.queued);
  connect();
  assert.equal(transport.frames.filter((f) => f.type === 'feedback').length, 2);
  assert.equal(message.vote.status, VoteStatus.sent);
});
