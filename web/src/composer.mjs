// The input box: the question as it is typed, Enter or Send to ask it, and above it what happened to the text
// (a paste cut to the limit, a question too long) and, near the limit, how many characters are left. The count
// is shown at once and spoken after a pause. Made anew with each build of the chat.
import { canvasContext, h, icon } from './dom.mjs';
import { fill } from './labels.mjs';

const COUNTER_FROM = 0.8;  // the character counter shows from this share of max_question_chars
const COUNT_SPOKEN_AFTER_MS = 1000;  // screen readers hear the count once the visitor pauses, not every key

export const charLength = (text) => [...text].length;  // code points, as the server counts

export class Composer {
  // labels, lang: the chat's. placeholder: the input's (fitPlaceholder() shortens it where it does not fit).
  // limits(): the chat's limits now. notice: the node that says the chat is unavailable; while shown it
  // describes the input. check(question): the chat's one check, a failure or null. ask(text): a promise.
  constructor({ labels, lang, placeholder, limits, notice, check, ask }) {
    this.labels = labels;
    this.lang = lang;
    this.placeholder = placeholder;
    this.limits = limits;
    this.notice = notice;
    this.check = check;
    this.ask = ask;
    this.input = h('textarea', { class: 'input', id: 'question', dir: 'auto', rows: 1, maxlength: limits().max_question_chars,
      autocomplete: 'off', enterkeyhint: 'send', placeholder, part: 'input',
      onbeforeinput: (e) => this.onBeforeInput(e), oninput: () => this.onInput(),
      onkeydown: (e) => this.onInputKey(e) });
    if (window.ResizeObserver) new ResizeObserver(() => this.fitPlaceholder()).observe(this.input);
    this.sendButton = h('button', { type: 'submit', class: 'send', 'aria-label': labels.send, title: labels.send, part: 'send' },
      icon('send'));
    this.inputNote = h('p', { class: 'input-note', id: 'input-note', role: 'status', part: 'input-note' });
    this.counter = h('p', { class: 'counter', id: 'counter', 'aria-hidden': 'true', hidden: true, part: 'counter' });
    this.spokenCount = h('p', { class: 'visually-hidden spoken-count', role: 'status' });
    this.cutComing = false;  // the paste under way will be cut (onBeforeInput)
    this.inputNoteFor = null;  // what the note says: 'cut', 'too_long' or nothing
    this.countTimer = 0;
    // novalidate: the browser's own check (maxlength's "too long") would stop the submit without a word.
    this.form = h('form', { class: 'composer', part: 'composer', novalidate: true,
      onsubmit: (e) => this.onSubmit(e) },
    h('label', { class: 'visually-hidden', for: 'question' }, labels.inputLabel),
    h('div', { class: 'input-info' }, this.inputNote, this.counter, this.spokenCount),
    this.input,
    this.sendButton);
  }

  // The server's limits came: the box's maxlength and the count follow them.
  limitsChanged() {
    this.input.maxLength = this.limits().max_question_chars;
    this.showCount();
  }

  onInputKey(event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.input.form.requestSubmit();
    }
  }

  // A question the input box cannot send stays in it; one too long (the server's limit came after it was
  // typed) is said to be.
  onSubmit(event) {
    event.preventDefault();
    const problem = this.check(this.input.value.trim());
    if (problem) {
      if (problem.code === 'too_long') this.sayAboutInput(this.labels.tooLong, 'too_long');
      return;
    }
    this.ask(this.input.value).catch(() => {});
    this.input.value = '';
    this.onInput();
  }

  // The box's maxlength cuts a paste (or drop) that does not fit without a word: learn here that it will,
  // to say so once the text is in.
  onBeforeInput(event) {
    const text = event.data ?? (event.dataTransfer ? event.dataTransfer.getData('text/plain') : null);
    if (!event.inputType.startsWith('insertFrom') || !text) return;
    const { value, selectionStart, selectionEnd, maxLength } = this.input;
    const length = value.length - (selectionEnd - selectionStart) + text.replace(/\r\n?/g, '\n').length;
    this.cutComing = maxLength >= 0 && length > maxLength;
  }

  onInput() {
    this.fitInput();
    if (this.cutComing) {
      this.cutComing = false;
      this.sayAboutInput(fill(this.labels.pasteCut, { limit: this.number(this.limits().max_question_chars) }), 'cut');
    } else if (!this.input.value || (this.inputNoteFor === 'too_long' && !this.overLimit())) {
      this.sayAboutInput('');
    }
    this.showCount();
  }

  // What happened to the text in the box, in the polite live region above it ('' clears it).
  sayAboutInput(text, reason = null) {
    this.inputNote.textContent = text;
    this.inputNoteFor = text ? reason : null;
    this.describeInput();
  }

  overLimit() {
    return charLength(this.input.value) > this.limits().max_question_chars;
  }

  // From COUNTER_FROM of the limit: "188 characters left", or "12 characters too many" (a limit that came
  // after the text). Counted as the server counts, in code points; maxlength counts UTF-16 units, so the box
  // may stop short of the limit on text of emoji, never past it.
  showCount() {
    const limit = this.limits().max_question_chars;
    const count = charLength(this.input.value);
    const shown = count > 0 && count >= limit * COUNTER_FROM;
    const left = limit - count;
    const n = Math.abs(left);
    const L = this.labels;
    const text = !shown ? '' : fill(left >= 0 ? (n === 1 ? L.characterLeft : L.charactersLeft)
      : (n === 1 ? L.characterOver : L.charactersOver), { count: this.number(n) });
    this.counter.hidden = !shown;
    this.counter.textContent = text;
    this.counter.classList.toggle('is-over', left < 0);
    if (left < 0) this.input.setAttribute('aria-invalid', 'true');
    else this.input.removeAttribute('aria-invalid');
    clearTimeout(this.countTimer);
    this.countTimer = setTimeout(() => { this.spokenCount.textContent = text; }, COUNT_SPOKEN_AFTER_MS);
    this.describeInput();
  }

  // The input's description: why it is disabled, what happened to its text, the count near the limit.
  describeInput() {
    const ids = [[this.notice, !this.notice.hidden], [this.inputNote, this.inputNote.textContent !== ''],
      [this.counter, !this.counter.hidden]].filter(([, on]) => on).map(([node]) => node.id);
    if (ids.length) this.input.setAttribute('aria-describedby', ids.join(' '));
    else this.input.removeAttribute('aria-describedby');
  }

  number(n) {
    try {
      return new Intl.NumberFormat(this.lang || undefined).format(n);
    } catch {
      return String(n);
    }
  }

  // The placeholder whole on one line, or the short one where the box is too narrow for it (a phone, a long
  // title). Measured with the input's own font; a hidden input (closed widget) waits for its first size.
  fitPlaceholder() {
    const style = getComputedStyle(this.input);
    const room = this.input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    if (!(room > 0)) return;
    const canvas = canvasContext();
    if (!canvas) return;
    canvas.font = style.font;
    const fits = canvas.measureText(this.placeholder).width <= room;
    this.input.placeholder = fits ? this.placeholder : this.labels.shortPlaceholder;
  }

  fitInput() {
    this.input.style.height = 'auto';
    this.input.style.height = this.input.scrollHeight + 2 + 'px';
  }
}
