// Answer text: plain text with a small markdown subset. Each line is a paragraph, "- " lines make a list,
// a blank line starts a new part; inline **bold** and [text](url) links, the latter only to http(s).
import { h } from './dom.mjs';

const INLINE = /\*\*(.+?)\*\*|\[([^\]\n]+)\]\(([^)\s]+)\)/g;

function inline(text, labels) {
  const nodes = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    nodes.push(text.slice(last, m.index));
    if (m[1] !== undefined) nodes.push(h('strong', {}, inline(m[1], labels)));
    else nodes.push(link(m[2], m[3], labels) || m[0]);
    last = m.index + m[0].length;
  }
  nodes.push(text.slice(last));
  return nodes;
}

function link(label, href, labels) {
  let url;
  try { url = new URL(href); } catch { return null; }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return h('a', { href: url.href, target: '_blank', rel: 'noopener noreferrer' },
    label, h('span', { class: 'visually-hidden' }, ' ' + labels.opensInNewTab));
}

// The answer's text as nodes; `labels.opensInNewTab` is said after each link.
export function markdown(text, labels) {
  const out = document.createDocumentFragment();
  let list = null;
  let newPart = false;
  for (const line of String(text).split('\n')) {
    const item = /^\s*- (.*)$/.exec(line);
    if (item) {
      if (!list) out.append(list = h('ul', { class: newPart ? 'part' : null }));
      list.append(h('li', {}, inline(item[1], labels)));
      newPart = false;
    } else if (line.trim()) {
      out.append(h('p', { class: newPart ? 'part' : null }, inline(line, labels)));
      list = null;
      newPart = false;
    } else {
      list = null;
      newPart = true;
    }
  }
  return out;
}

// The same text without its markup, for copying and transcripts: **bold** loses its stars, a link keeps its URL.
export function plainText(text) {
  return String(text).replace(INLINE, (m, bold, label, href) => (bold !== undefined ? bold : `${label} (${href})`));
}
