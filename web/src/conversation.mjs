// The conversation as the visitor sees it: the log with the welcome and its example questions, then a bubble
// per message (outbox.mjs keeps them): the visitor's question with its time and, while it waits or failed, a
// note saying so; the advisor's answer with its chart, sources, suggestion chips, votes and Copy; an error.
// Made anew with each build of the chat.
//
// Texts written by the visitor or the server say their own direction (dir="auto"): an English answer on a
// right-to-left page keeps its full stop at its end; the layout around them follows the page (logical CSS).
import { salaryFigure } from './chart.mjs';
import { h, icon } from './dom.mjs';
import { markdown } from './markdown.mjs';
import { Role, Status } from './outbox.mjs';
import { answerSources, sourceLine } from './sources.mjs';
import { copyButton } from './transcript.mjs';

export class ConversationView {
  // labels, lang: the chat's. chip(text): a button that asks `text` (the chat's). feedback: the build's
  // FeedbackControls. connected(): whether the socket is open (a queued question says it waits only when not).
  constructor({ labels, lang, chip, feedback, connected }) {
    this.labels = labels;
    this.lang = lang;
    this.chip = chip;
    this.feedback = feedback;
    this.connected = connected;
    this.nodes = new Map();  // question id -> its bubble, to update its pending note
    this.examples = h('div', { class: 'chips', role: 'group', 'aria-label': labels.exampleQuestions, hidden: true });
    const welcome = h('div', { class: 'welcome' },
      h('p', { class: 'msg msg--welcome', part: 'message message-welcome', dir: 'auto' }, labels.welcome),
      this.examples);
    this.log = h('div', { class: 'log', id: 'log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions',
      'aria-label': labels.conversation, tabindex: 0, part: 'messages' }, welcome);
  }

  // Example questions as chips under the welcome (none: no chips).
  showExamples(questions) {
    this.examples.replaceChildren(...questions.map((text) => this.chip(text)));
    this.examples.hidden = questions.length === 0;
  }

  // The whole conversation, after the welcome, scrolled to its end.
  showAll(messages) {
    this.nodes.clear();
    this.log.replaceChildren(this.log.firstChild, ...messages.map((m) => this.render(m)));
    this.scrollToEnd();
  }

  // A message added to the conversation: a long answer is read from its start, anything else at the end.
  append(message) {
    const node = this.render(message);
    this.log.append(node);
    if (message.role === Role.bot) this.scrollToAnswer(node);
    else this.scrollToEnd();
  }

  // A question's bubble after its status changed: dashed while it waits to be sent, an alert once it failed.
  updateQuestion(message) {
    const node = this.nodes.get(message.id);
    if (!node) return;
    const queued = message.status === Status.queued && !this.connected();
    const failed = message.status === Status.failed;
    node.classList.toggle('is-queued', queued);
    node.classList.toggle('is-failed', failed);
    const old = node.querySelector('.msg__pending');
    if (old) old.remove();
    if (queued || failed) {
      node.append(h('span', { class: 'msg__pending' }, icon(failed ? 'alert' : 'clock'),
        failed ? this.labels.notSent : this.labels.waiting));
    }
  }

  scrollToEnd() {
    this.log.scrollTop = this.log.scrollHeight;
  }

  // A long answer is read from its start; a short one is shown with what led to it.
  scrollToAnswer(node) {
    if (node.offsetHeight > this.log.clientHeight) this.log.scrollTop = node.offsetTop - 12;
    else this.scrollToEnd();
  }

  render(message) {
    const L = this.labels;
    if (message.role === Role.user) {
      const node = h('div', { class: 'msg msg--user', part: 'message message-user' },
        h('span', { class: 'visually-hidden' }, L.you + ': '),
        h('span', { class: 'msg__text', dir: 'auto' }, message.text), this.time(message.at));
      this.nodes.set(message.id, node);
      this.updateQuestion(message);
      return node;
    }
    if (message.role === Role.error) {
      return h('div', { class: 'msg msg--error', part: 'message message-error', dir: 'auto' }, message.text);
    }
    const a = message.answer || {};
    const salary = a.data && a.data.kind === 'salary' && Array.isArray(a.data.rows) && a.data.rows.length > 0;
    const sources = answerSources(a);
    const suggestions = Array.isArray(a.suggestions) ? a.suggestions.filter((s) => typeof s === 'string') : [];
    return h('div', { class: 'msg msg--bot', part: 'message message-bot' },
      h('span', { class: 'visually-hidden' }, L.advisor + ': '),
      h('div', { class: 'msg__text', dir: 'auto' }, markdown(a.text || '', L)),
      salary ? salaryFigure(a.data, L, Object.fromEntries(sources.map((s) => [s.id, s.publisher || s.title]))) : null,
      sources.length ? h('p', { class: 'msg__sources', part: 'sources', dir: 'auto' },
        L.sources + ': ', sourceLine(sources, this.lang)) : null,
      suggestions.length ? h('div', { class: 'chips', role: 'group', 'aria-label': L.suggestedQuestions },
        suggestions.map((s) => this.chip(s))) : null,
      h('div', { class: 'actions' }, a.answerId ? this.feedback.controls(message) : null, copyButton(message, L, this.lang)),
      this.time(message.at));
  }

  // The time a message was written, as a <time>: the hour alone today, with the date before.
  time(at) {
    if (typeof at !== 'number') return null;
    const when = new Date(at);
    const today = when.toDateString() === new Date().toDateString();
    let text;
    try {
      text = new Intl.DateTimeFormat(this.lang || undefined,
        today ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' }).format(when);
    } catch {
      text = when.toLocaleString();
    }
    return h('time', { class: 'msg__time', datetime: when.toISOString(), part: 'time' }, text);
  }
}
