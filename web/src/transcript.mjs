// The conversation as plain text: an answer's (the Copy button under it) and the whole conversation's (the
// API's transcript(), "Download transcript"). Markup is dropped, links keep their URL, sources follow answers.
import { h, icon } from './dom.mjs';
import { fill } from './labels.mjs';
import { plainText } from './markdown.mjs';
import { Role } from './outbox.mjs';
import { answerSources, sourceLine } from './sources.mjs';

const COPIED_SHOWN_MS = 2000;  // the Copy button's check (or alert) before it is a Copy button again

// An answer's text, then its sources' line.
export function answerText(answer, labels, lang) {
  const sources = answerSources(answer);
  return plainText(answer.text || '') +
    (sources.length ? '\n\n' + labels.sources + ': ' + sourceLine(sources, lang, true) : '');
}

// "Conversation with TITLE, DATE", then each message with its time (UTC) and who wrote it.
export function transcriptText(messages, { labels, title, lang }) {
  const L = labels;
  const date = new Date().toISOString().slice(0, 10);
  const lines = [fill(L.transcriptTitle, { title, date }), ''];
  const stamp = (at) => (typeof at === 'number' ? `[${new Date(at).toISOString().slice(0, 16).replace('T', ' ')}] ` : '');
  for (const m of messages) {
    if (m.role === Role.user) lines.push(stamp(m.at) + L.you + ': ' + m.text);
    else if (m.role === Role.bot) lines.push(stamp(m.at) + L.advisor + ': ' + answerText(m.answer || {}, L, lang));
    else lines.push(stamp(m.at) + m.text);
    lines.push('');
  }
  return lines.join('\n');
}

// Saves `text` as career-advisor-DATE.txt, through a link clicked inside `parent` (the chat's root).
export function downloadText(text, parent) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const anchor = h('a', { href: url, download: 'career-advisor-' + new Date().toISOString().slice(0, 10) + '.txt' });
  anchor.hidden = true;
  parent.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

// The Copy button of an answer. Whether it copied shows on the button itself for a moment (a check, or an
// alert) and is said by a status region: a note beside the button would push the buttons about.
export function copyButton(message, labels, lang) {
  const L = labels;
  const note = h('span', { class: 'visually-hidden', role: 'status' });
  let timer = 0;
  const show = (name, said) => {
    button.replaceChildren(icon(name));
    button.title = said || L.copy;
    note.textContent = said;
  };
  const copy = async () => {
    const text = answerText(message.answer || {}, L, lang);
    let done = false;
    try {
      await navigator.clipboard.writeText(text);
      done = true;
    } catch { /* no permission, or no clipboard API (plain http) */ }
    show(done ? 'check' : 'alert', done ? L.copied : L.copyFailed);
    clearTimeout(timer);
    timer = setTimeout(() => show('copy', ''), COPIED_SHOWN_MS);
  };
  const button = h('button', { type: 'button', class: 'copy', 'aria-label': L.copy, title: L.copy, part: 'copy',
    onclick: copy }, icon('copy'));
  return h('span', { class: 'copy-group' }, button, note);
}
