// The votes under an answer: 👍 and 👎 (one vote per answer, changeable), a note once the server has it or
// refused it, and after "not helpful" a box for an optional comment. What a vote adds goes on lines of its
// own under the buttons, so that no button moves. The outbox sends the votes (outbox.mjs); this shows them.
import { h, icon } from './dom.mjs';
import { VoteStatus } from './outbox.mjs';

export class FeedbackControls {
  // labels: the chat's. limits(): the chat's limits now (max_comment_chars). vote(message, helpful, comment):
  // the outbox's.
  constructor({ labels, limits, vote }) {
    this.labels = labels;
    this.limits = limits;
    this.vote = vote;
    this.nodes = new WeakMap();  // answer message -> its controls
  }

  // The controls of an answer (a message of role bot with an answer id).
  controls(message) {
    const L = this.labels;
    const vote = (helpful, label, name) => h('button', { type: 'button', class: 'vote', 'aria-label': label, title: label,
      'aria-pressed': String(message.vote ? message.vote.helpful === helpful : false), part: 'vote',
      onclick: () => this.vote(message, helpful) }, icon(name));
    const node = h('div', { class: 'feedback', role: 'group', 'aria-label': L.feedbackQuestion },
      h('span', { 'aria-hidden': 'true' }, L.feedbackPrompt),
      vote(true, L.helpful, 'thumbs_up'), vote(false, L.notHelpful, 'thumbs_down'),
      h('span', { class: 'feedback__note', role: 'status' }));
    this.nodes.set(message, node);
    this.show(message);
    return node;
  }

  // The buttons' pressed state, the note beside them, and the comment box after a "not helpful" vote.
  show(message) {
    const node = this.nodes.get(message);
    if (!node) return;
    const L = this.labels;
    const { vote } = message;
    const [up, down] = node.querySelectorAll('.vote');
    up.setAttribute('aria-pressed', String(!!vote && vote.helpful));
    down.setAttribute('aria-pressed', String(!!vote && !vote.helpful));
    const note = node.querySelector('.feedback__note');
    note.textContent = !vote ? '' : vote.status === VoteStatus.failed ? L.feedbackFailed
      : vote.status === VoteStatus.saved ? L.feedbackThanks : '';
    const form = node.querySelector('.feedback__comment');
    const wantsComment = vote && !vote.helpful && !vote.comment && vote.status !== VoteStatus.failed;
    if (wantsComment && !form) {
      const input = h('input', { type: 'text', maxlength: this.limits().max_comment_chars, 'aria-label': L.commentPrompt,
        placeholder: L.commentPrompt });
      node.append(h('form', { class: 'feedback__comment', onsubmit: (e) => {
        e.preventDefault();
        if (input.value.trim()) this.vote(message, false, input.value.trim());
      } }, input, h('button', { type: 'submit' }, L.commentSend)));
    } else if (!wantsComment && form) {
      form.remove();
    }
  }
}
