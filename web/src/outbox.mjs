// The conversation and what is on its way to the server. No DOM: the chat shows what the outbox decides, and
// node's test runner drives it without a browser (tests/widget/outbox.test.mjs).
//
// A question (a message of role `user`) is queued when asked, sent once it went out on a socket, done when its
// answer (or the server's error) came, failed when it will not be sent: too big for the server, the server
// refuses this site, the conversation was cleared. When the socket closes, what was sent goes back to queued
// and out again on the next one. ask() gives a promise of the answer. A vote on an answer is likewise queued,
// sent, then saved or failed, and queued again when its socket closes.
//
// The first frame on each socket carries the server's follow-up context ("what about Austin?"), as a new
// socket starts without it (docs/protocol.md). Each frame is measured as it will go out: a question that cannot
// afford all of the context goes without its list of facts already shown (it only spares repeats; the topic
// and what was named keep the follow-up), then without the context (answered, not as a follow-up); one still
// over max_message_bytes fails once, as does the largest question on a socket the server closed with 1009.
//
// Call order: connected() when a socket opens, disconnected() when it is lost (or not there at the start),
// receive() for each frame the server sends, closed() with each close code. `hooks`, called synchronously:
//   added(message)        a message joined the conversation (a question, an answer, an error)
//   updated(message)      a question's status changed
//   voted(message)        the visitor voted on an answer (before the vote is sent)
//   voteUpdated(message)  a vote's status came back from the server
//   answered(reply)       an answer arrived, after its message was added
//   changed()             the conversation changed: worth storing
// `messages` and `context` are the outbox's; others read them and do not change them.

// A question's status. Stored with the conversation (history.mjs): the values are kept as they are.
export const Status = Object.freeze({ queued: 'queued', sent: 'sent', done: 'done', failed: 'failed' });

// A vote's status.
export const VoteStatus = Object.freeze({ queued: 'queued', sent: 'sent', saved: 'saved', failed: 'failed' });

// Who wrote a message: the visitor, the advisor, or the chat saying something went wrong.
export const Role = Object.freeze({ user: 'user', bot: 'bot', error: 'error' });

// The server's close code for a message over its limit.
export const CLOSE_TOO_BIG = 1009;

// The errors ask() rejects with: `code` says why (docs/widget.md: empty, too_long, too_big, unavailable,
// cleared, or the server's own).
export function failure(code, message) {
  return Object.assign(new Error('Career Advisor: ' + message), { code });
}

export const byteLength = (text) => new TextEncoder().encode(text).length;

let lastId = 0;
const newId = () => Date.now().toString(36) + '-' + (lastId += 1);

export class Outbox {
  // saved: { messages, context } as stored (history.mjs). transport: { open, send(text or object) → whether
  // it went, retryNow() } (connection.mjs). limits() and labels(): the chat's, when asked (they change).
  constructor({ messages = [], context = null }, { transport, limits, labels, hooks }) {
    this.messages = messages;
    // The server's follow-up context, and whether the next frame must carry it (the first on a socket).
    this.context = context;
    this.contextPending = true;
    this.transport = transport;
    this.limits = limits;
    this.labels = labels;
    this.hooks = hooks;
    this.waiters = new Map();  // question id -> promise callbacks of ask()
    this.voteFrames = new Map();  // id of a feedback frame in flight -> the answer message it is about
  }

  // A question is queued or sent: there is something to connect for.
  get waiting() {
    return this.messages.some((m) => m.status === Status.queued || m.status === Status.sent);
  }

  // A question went out and its answer has not come.
  get sending() {
    return this.messages.some((m) => m.status === Status.sent);
  }

  // Queues a question the chat has checked (not empty, not too long) and sends it if the socket is open, or
  // asks for one now. A promise of the server's answer frame; rejected with the server's error, or a failure().
  ask(question) {
    const message = { id: newId(), role: Role.user, text: question, status: Status.queued, at: Date.now() };
    this.add(message);
    const bytes = byteLength(JSON.stringify({ type: 'ask', id: message.id, text: question }));
    if (bytes > this.limits().max_message_bytes) {
      return Promise.reject(this.fail(message, failure('too_big',
        `the question takes ${bytes} bytes; the server takes messages of at most ${this.limits().max_message_bytes}`)));
    }
    const answered = new Promise((resolve, reject) => this.waiters.set(message.id, { resolve, reject }));
    if (this.transport.open) this.deliver();
    else this.transport.retryNow();
    return answered;
  }

  // Sends what is queued, questions in order (the first carrying the context, as much of it as fits), then votes.
  deliver() {
    const fits = (text) => byteLength(text) <= this.limits().max_message_bytes;
    for (const m of this.messages) {
      if (m.role !== Role.user || m.status !== Status.queued) continue;
      const frame = { type: 'ask', id: m.id, text: m.text };
      if (this.contextPending && this.context) frame.context = this.context;
      let text = JSON.stringify(frame);
      if (!fits(text) && frame.context) {
        frame.context = { ...frame.context, shown: [], last_shown: undefined };
        text = JSON.stringify(frame);
      }
      if (!fits(text) && frame.context) {
        delete frame.context;
        text = JSON.stringify(frame);
      }
      const bytes = byteLength(text);
      if (bytes > this.limits().max_message_bytes) {
        this.fail(m, failure('too_big', `the question takes ${bytes} bytes; the server takes at most ${this.limits().max_message_bytes}`));
        continue;
      }
      if (!this.transport.send(text)) break;
      this.contextPending = false;
      m.status = Status.sent;
      m.bytes = bytes;
      this.hooks.updated(m);
    }
    for (const m of this.messages) {
      if (m.role === Role.bot && m.vote && m.vote.status === VoteStatus.queued) this.sendVote(m);
    }
    this.hooks.changed();
  }

  // A socket opened: it has not heard the context yet.
  connected() {
    this.contextPending = true;
    this.deliver();
  }

  // The socket is gone (or not there yet): whatever was on its way may be lost with it, so it goes again on the
  // next one.
  disconnected() {
    for (const m of this.messages) {
      if (m.status === Status.sent) {
        m.status = Status.queued;
        this.hooks.updated(m);
      }
      if (m.vote && m.vote.status === VoteStatus.sent) m.vote.status = VoteStatus.queued;
    }
    this.voteFrames.clear();
  }

  // A socket closed with `code`. With 1009 the largest question on it was over the server's limit (which this
  // page did not know): it fails, once, rather than going back in the queue to close the next socket too.
  closed(code) {
    if (code !== CLOSE_TOO_BIG) return;
    const sent = this.messages.filter((m) => m.role === Role.user && m.status === Status.sent);
    if (!sent.length) return;
    const biggest = sent.reduce((a, b) => ((b.bytes || 0) > (a.bytes || 0) ? b : a));
    this.fail(biggest, failure('too_big', 'the server closed the connection: the question is over its size limit'));
  }

  // A frame from the server: the answer (or error) to a question, or the reply to a vote. Replies to questions
  // no longer waiting (answered, failed, cleared) are ignored.
  receive(reply) {
    if (this.voteFrames.has(reply.id)) {
      this.voteReceived(reply);
      return;
    }
    const question = this.messages.find((m) => m.role === Role.user && m.id === reply.id);
    if (!question || question.status === Status.done || question.status === Status.failed) return;
    question.status = Status.done;
    this.hooks.updated(question);
    const waiter = this.waiters.get(question.id);
    this.waiters.delete(question.id);
    if (reply.type === 'answer') {
      const { intent, text, suggestions, sources, data } = reply;
      this.context = reply.context || null;
      const answerId = typeof reply.answer_id === 'string' ? reply.answer_id : null;
      this.add({ role: Role.bot, at: Date.now(), answer: { intent, text, suggestions, sources, data, answerId } });
      if (waiter) waiter.resolve(reply);
      this.hooks.answered(reply);
    } else {
      this.add({ role: Role.error, at: Date.now(), text: this.labels().notAnswered + ' ' + (reply.message || 'unknown error') });
      if (waiter) waiter.reject(Object.assign(new Error(reply.message || 'error'), { code: reply.code }));
    }
  }

  // Nothing waiting will be sent (the server refuses this site): each question fails with `error`, silently.
  failWaiting(error) {
    for (const m of this.messages) {
      if (m.role === Role.user && (m.status === Status.queued || m.status === Status.sent)) this.fail(m, error, { quiet: true });
    }
  }

  // Empties the conversation: waiting questions fail (their ask() rejects with `cleared`). Returns what was
  // there, for restore(). Calls no hook: the chat shows the whole conversation again.
  clear() {
    for (const waiter of this.waiters.values()) waiter.reject(failure('cleared', 'the conversation was cleared'));
    this.waiters.clear();
    for (const m of this.messages) if (m.status === Status.queued || m.status === Status.sent) m.status = Status.failed;
    const kept = { messages: this.messages, context: this.context };
    this.messages = [];
    this.context = null;
    return kept;
  }

  // Undoes clear(): its messages before any since, and its context, sent with the next question.
  restore(kept) {
    this.messages = kept.messages.concat(this.messages);
    this.context = kept.context;
    this.contextPending = true;
  }

  // One vote per answer, changeable; `comment` (after "not helpful") replaces the vote's. Sent now or once
  // connected. False when it changes nothing (the same vote again, unless that one failed).
  vote(message, helpful, comment) {
    const unchanged = message.vote && message.vote.helpful === helpful && comment === undefined;
    if (unchanged && message.vote.status !== VoteStatus.failed) return false;
    message.vote = { helpful, comment: comment === undefined ? '' : comment, status: VoteStatus.queued };
    this.hooks.voted(message);
    if (this.transport.open) this.sendVote(message);
    else this.transport.retryNow();
    this.hooks.changed();
    return true;
  }

  // ----- inside

  add(message) {
    this.messages.push(message);
    this.hooks.added(message);
    this.hooks.changed();
  }

  // A question that will not be sent: marked, said in the conversation (unless `quiet`), its ask() rejected.
  // Returns the error.
  fail(message, error, { quiet = false } = {}) {
    message.status = Status.failed;
    this.hooks.updated(message);
    if (!quiet) this.add({ role: Role.error, text: error.code === 'too_big' ? this.labels().tooLong : error.message, at: Date.now() });
    const waiter = this.waiters.get(message.id);
    this.waiters.delete(message.id);
    if (waiter) waiter.reject(error);
    this.hooks.changed();
    return error;
  }

  sendVote(message) {
    const id = 'f-' + newId();
    const frame = { type: 'feedback', id, answer_id: message.answer.answerId, helpful: message.vote.helpful };
    if (message.vote.comment) frame.comment = message.vote.comment;
    if (!this.transport.send(frame)) return;
    message.vote.status = VoteStatus.sent;
    this.voteFrames.set(id, message);
  }

  voteReceived(reply) {
    const message = this.voteFrames.get(reply.id);
    this.voteFrames.delete(reply.id);
    if (!message.vote) return;
    message.vote.status = reply.type === 'feedback_received' ? VoteStatus.saved : VoteStatus.failed;
    this.hooks.voteUpdated(message);
    this.hooks.changed();
  }
}
