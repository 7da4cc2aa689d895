// Career Advisor chat: one component for the full page (/) and the widget other sites embed.
//
// Widget, on any site (a launcher button in a corner opens the chat panel):
//   <script src="https://HOST/widget.js" async data-title="Ask about back-end careers"></script>
// Full page, filling an element (no launcher; the element is 100dvh tall unless the page sizes it):
//   <main id="career-advisor"></main>
//   <script src="/widget.js" defer data-mount="#career-advisor"></script>
//
// Attributes of the script tag, all optional:
//   data-mount     CSS selector of the element to fill; without it the chat is a floating widget
//   data-title     heading of the chat (default "Career Advisor")
//   data-position  "right" (default) or "left": the widget's corner
//   data-color     accent colour as #rgb or #rrggbb; text on it is black or white, whichever reads better
//   data-open      "true" opens the widget at load (otherwise it reopens only if it was open before navigating)
//   data-storage   "session" (default: history lasts for the tab) or "local" (history kept across visits)
//   data-id        name of the stored history; needed only to share it between pages whose tags differ
//
// The server is the script's own origin: answers come over wss://HOST/ws (ws:// for http), example questions
// from https://HOST/api/v1/topics. Sites on another origin must be allowed with `serve --allowed-origin`.
//
// JavaScript API (after the script ran; it fires `careeradvisor:ready` on window):
//   CareerAdvisor.open(), .close(), .ask(text) -> Promise<answer>, .clear()  act on the first instance;
//   CareerAdvisor.instances[i] has the same methods plus .element (the host element), .state, .isOpen.
// Events (CustomEvent, dispatched on the host element and bubbling to window; detail.instance is the instance):
//   careeradvisor:ready, careeradvisor:open, careeradvisor:close, careeradvisor:answer (detail.answer),
//   careeradvisor:feedback (detail.answerId, detail.helpful: the visitor voted on an answer)
//
// Each answer has "Helpful" / "Not helpful" buttons (one vote per answer, changeable); after "Not helpful" an
// optional comment. Votes go over the same socket ({"type":"feedback"}, docs/protocol.md) and wait for it.
(() => {
  'use strict';

  // Captured now: document.currentScript is null once this first run is over. A script injected in a way
  // that hides it (an ES module, eval) falls back to the last tag that names us.
  const script = document.currentScript ||
    [...document.querySelectorAll('script[src*="widget.js"]')].pop();
  if (!script || !script.src) {
    console.error('Career Advisor: load widget.js with a <script src> tag');
    return;
  }

  const MAX_FRAME_BYTES = 4096;  // the server closes the socket on larger frames (docs/protocol.md)
  const MAX_QUESTION_CHARS = 1000;
  const KEPT_MESSAGES = 200;
  const RETRY_BASE_MS = 500;
  const RETRY_CAP_MS = 10000;
  const OFFLINE_AFTER_FAILURES = 3;
  const MAX_COMMENT_CHARS = 500;  // the server refuses longer comments

  // ---------------------------------------------------------------------------------------------------------
  // DOM building. Every string from the server or the user goes in as a text node, never as markup.

  function h(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (value === false || value === null || value === undefined) continue;
      if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    node.append(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false && c !== ''));
    return node;
  }

  const SVG = 'http://www.w3.org/2000/svg';

  function svg(tag, attrs = {}, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // 24×24 stroke icons; always decorative, the button around them carries the name.
  const ICONS = {
    chat: 'M21 12a8 8 0 0 1-11.6 7.1L4 20.5l1.4-4.9A8 8 0 1 1 21 12z',
    down: 'M6 9l6 6 6-6',
    close: 'M6 6l12 12M18 6L6 18',
    send: 'M5 12h13M12 5l7 7-7 7',
    clear: 'M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3',
    clock: 'M12 7v5l3 2M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0z',
    thumbs_up: 'M7 10v11M7 10l4-8a2.5 2.5 0 0 1 3 2.7L13.5 9H19a2 2 0 0 1 2 2.3l-1.3 7A2 2 0 0 1 17.7 20H7M3 10h4v11H3z',
    thumbs_down: 'M17 14V3M17 14l-4 8a2.5 2.5 0 0 1-3-2.7l.5-4.3H5a2 2 0 0 1-2-2.3l1.3-7A2 2 0 0 1 6.3 4H17M21 14h-4V3h4z',
  };

  function icon(name) {
    const node = svg('svg', { viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false', class: 'icon' });
    node.append(svg('path', { d: ICONS[name] }));
    return node;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Answer text: plain text with a small markdown subset. Each line is a paragraph, "- " lines make a list,
  // a blank line starts a new part; inline **bold** and [text](url) links, the latter only to http(s).

  const INLINE = /\*\*(.+?)\*\*|\[([^\]\n]+)\]\(([^)\s]+)\)/g;

  function inline(text) {
    const nodes = [];
    let last = 0;
    for (const m of text.matchAll(INLINE)) {
      nodes.push(text.slice(last, m.index));
      if (m[1] !== undefined) nodes.push(h('strong', {}, inline(m[1])));
      else nodes.push(link(m[2], m[3]) || m[0]);
      last = m.index + m[0].length;
    }
    nodes.push(text.slice(last));
    return nodes;
  }

  function link(label, href) {
    let url;
    try { url = new URL(href); } catch { return null; }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return h('a', { href: url.href, target: '_blank', rel: 'noopener noreferrer' },
      label, h('span', { class: 'visually-hidden' }, ' (opens in a new tab)'));
  }

  function markdown(text) {
    const out = document.createDocumentFragment();
    let list = null;
    let newPart = false;
    for (const line of String(text).split('\n')) {
      const item = /^\s*- (.*)$/.exec(line);
      if (item) {
        if (!list) out.append(list = h('ul', { class: newPart ? 'part' : null }));
        list.append(h('li', {}, inline(item[1])));
        newPart = false;
      } else if (line.trim()) {
        out.append(h('p', { class: newPart ? 'part' : null }, inline(line)));
        list = null;
        newPart = false;
      } else {
        list = null;
        newPart = true;
      }
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Salary figures: a bar chart for the eye (label above each bar so it fits a phone) and the same figures as
  // a table for screen readers; the chart is hidden from them.

  function money(n) {
    return '$' + Math.round(n).toLocaleString('en-US');
  }

  function describe(row) {
    if (row.low !== undefined && row.high !== undefined) {
      return money(row.low) + '–' + money(row.high) + (row.open_ended ? '+' : '');
    }
    return (row.scope === 'minimum' ? 'over ' : '') + money(row.value) +
      (row.open_ended && row.scope !== 'minimum' ? '+' : '');
  }

  const SCOPES = { range: 'range', average: 'average', median: 'median', minimum: 'minimum' };

  // Drawn at 300 units, shown at most 300 px wide so the text stays the size of the answer's small print and
  // shrinks little on a phone. A light track behind each bar gives ranges (which start above zero) a scale;
  // the figures line up in a column after the tracks.
  function salaryChart(rows) {
    const width = 300, rowHeight = 46;
    // Digits are about 0.64 em wide at the 13 px the CSS sets; the bars get what the longest figure leaves.
    const valueRoom = 10 + 8.4 * Math.max(...rows.map((r) => describe(r).length));
    const barArea = width - valueRoom;
    const top = Math.max(...rows.map((r) => (r.high !== undefined ? r.high : r.value)));
    const scale = barArea / top;
    const chart = svg('svg', {
      class: 'chart', viewBox: `0 0 ${width} ${rows.length * rowHeight}`, 'aria-hidden': 'true', focusable: 'false',
    });
    rows.forEach((row, i) => {
      const y = i * rowHeight;
      const from = row.low !== undefined ? row.low * scale : 0;
      const to = (row.high !== undefined ? row.high : row.value) * scale;
      const label = row.label.length > 40 ? row.label.slice(0, 39) + '…' : row.label;
      chart.append(
        svg('text', { x: 0, y: y + 14, class: 'chart__label' }, label),
        svg('line', { x1: 0, x2: barArea, y1: y + 27, y2: y + 27, class: 'chart__track' }),
        svg('rect', { x: from, y: y + 20, width: Math.max(to - from, 3), height: 14, rx: 3,
          class: 'chart__bar chart__bar--' + (SCOPES[row.scope] || 'range') }),
        svg('text', { x: barArea + 8, y: y + 32, class: 'chart__value' }, describe(row)));
    });
    return chart;
  }

  function salaryTable(rows) {
    const table = h('table', {}, h('caption', {}, 'Salary figures in US dollars a year'));
    const head = table.insertRow();
    for (const title of ['Group', 'Figure', 'Kind', 'Source']) head.append(h('th', { scope: 'col' }, title));
    for (const row of rows) {
      const tr = table.insertRow();
      for (const cell of [row.label, describe(row), row.scope, row.source]) tr.insertCell().textContent = cell || '';
    }
    // Hidden through a wrapper: a table grows to its content whatever its own width and overflow say.
    return h('div', { class: 'visually-hidden' }, table);
  }

  function salaryFigure(data) {
    const rows = (data.rows || []).filter((r) => r && typeof r.label === 'string' &&
      typeof (r.high !== undefined ? r.high : r.value) === 'number');
    const scopes = [...new Set(rows.map((r) => SCOPES[r.scope] || 'range'))];
    const legend = scopes.length < 2 ? null : h('ul', { class: 'legend', 'aria-hidden': 'true' },
      scopes.map((s) => h('li', {}, h('span', { class: 'swatch chart__bar--' + s }), s)));
    return h('figure', { class: 'msg__chart' }, salaryChart(rows), legend, salaryTable(rows));
  }

  // ---------------------------------------------------------------------------------------------------------
  // Colours. One table feeds both the CSS and the contrast checks for a site's own accent colour.

  const THEMES = {
    light: { bg: '#ffffff', surface: '#f1f5f9', fg: '#0f172a', muted: '#475569', line: '#e2e8f0', border: '#64748b',
      accent: '#1d4ed8', 'on-accent': '#ffffff', error: '#b91c1c',
      range: '#2563eb', average: '#0f766e', median: '#b45309', minimum: '#7c3aed',
      track: '#dbe2ea', ok: '#15803d', wait: '#b45309', down: '#b91c1c' },
    dark: { bg: '#0f172a', surface: '#1e293b', fg: '#e2e8f0', muted: '#a5b4c8', line: '#334155', border: '#8191a8',
      accent: '#93c5fd', 'on-accent': '#0f172a', error: '#fca5a5',
      range: '#60a5fa', average: '#2dd4bf', median: '#fbbf24', minimum: '#c4b5fd',
      track: '#334155', ok: '#4ade80', wait: '#fbbf24', down: '#f87171' },
  };

  function rgb(hex) {
    const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(String(hex).trim());
    if (!m) return null;
    const digits = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
    return [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16));
  }

  function luminance(color) {
    const [r, g, b] = rgb(color).map((c) => {
      const s = c / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }

  function contrast(a, b) {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  }

  // A site's colour fills the launcher, its own bubbles and buttons in both themes. Text on it is black or
  // white; text in it (links, chips) keeps it only where it reaches 4.5:1 on that theme's backgrounds.
  function accentVariables(color) {
    const onAccent = contrast(color, '#ffffff') >= contrast(color, '#000000') ? '#ffffff' : '#000000';
    const textIn = (t) => (Math.min(contrast(color, t.bg), contrast(color, t.surface)) >= 4.5 ? color : t.fg);
    return { '--accent': color, '--on-accent': onAccent,
      '--accent-text-light': textIn(THEMES.light), '--accent-text-dark': textIn(THEMES.dark) };
  }

  const variables = (theme) => Object.entries(theme).map(([k, v]) => `--${k}:${v};`).join('');

  // ---------------------------------------------------------------------------------------------------------
  // Styles, adopted by each shadow root. Sizes are in px and em from a px base because rem follows the host
  // page's root font size. Constructed sheets also pass a host page CSP that forbids inline <style>.

  const CSS = `
:host { display: block !important; }
:host([data-career-advisor="widget"]) { all: initial !important; display: block !important; }
:host([data-career-advisor="page"]) { height: 100vh; height: 100dvh; }
.root { all: initial; display: block; box-sizing: border-box; color-scheme: light dark;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); text-align: left;
  ${variables(THEMES.light)} --accent-text: var(--accent-text-light, var(--accent)); }
@media (prefers-color-scheme: dark) {
  .root { ${variables(THEMES.dark)} --accent-text: var(--accent-text-dark, var(--accent)); }
}
*, *::before, *::after { box-sizing: inherit; }
[hidden] { display: none !important; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
  overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
:focus-visible { outline: 3px solid var(--accent-text); outline-offset: 2px; }
button { font: inherit; color: inherit; cursor: pointer; }
.icon { width: 1.25em; height: 1.25em; fill: none; stroke: currentColor; stroke-width: 2; stroke-linecap: round;
  stroke-linejoin: round; flex: none; }

.root.page { height: 100%; background: var(--bg); }
.panel { display: flex; flex-direction: column; height: 100%; min-height: 0; background: var(--bg); }

.bar { display: flex; align-items: center; gap: 0.5em; padding: 0.6em 0.75em 0.6em 1em;
  border-bottom: 1px solid var(--line); }
.page .bar { padding-inline: max(1em, calc((100% - 46em) / 2)); }
.bar__titles { flex: 1; min-width: 0; }
.title { margin: 0; font-size: 1.15em; font-weight: 650; line-height: 1.3; overflow-wrap: anywhere; }
.page .title { font-size: 1.3em; }
.status { display: inline-flex; align-items: center; gap: 0.4em; font-size: 0.8em; color: var(--muted); }
.status::before { content: ""; width: 0.6em; height: 0.6em; border-radius: 50%; background: var(--wait); }
[data-state="connected"] .status::before { background: var(--ok); }
[data-state="offline"] .status::before { background: var(--down); }
.icon-button { display: inline-flex; align-items: center; justify-content: center; min-width: 2.5em;
  height: 2.5em; padding: 0 0.5em; border: 0; border-radius: 0.5em; background: transparent; color: inherit; }
.icon-button:hover { background: var(--surface); }
.retry { border: 1px solid var(--border); border-radius: 999px; padding: 0.2em 0.8em; font-size: 0.8em;
  background: var(--bg); color: var(--fg); }

.widget .bar { background: var(--accent); color: var(--on-accent); border-bottom: 0; }
.widget .bar .status { color: inherit; }
.widget .bar .status::before { box-shadow: 0 0 0 2px var(--on-accent); }
.widget .bar .icon-button:hover { background: rgba(127, 127, 127, 0.25); }
.widget .bar :focus-visible { outline-color: var(--on-accent); outline-offset: -3px; }
.widget .bar .retry { border-color: currentColor; background: transparent; color: inherit; }

.log { flex: 1; min-height: 0; overflow-y: auto; overscroll-behavior: contain; position: relative;
  padding: 1em 0.75em; display: flex; flex-direction: column; gap: 0.75em; }
.page .log { padding-inline: max(0.75em, calc((100% - 46em) / 2)); }
.msg { max-width: 100%; padding: 0.6em 0.85em; border-radius: 1em; overflow-wrap: anywhere; }
.msg--bot, .msg--welcome { align-self: flex-start; background: var(--surface); border-top-left-radius: 0.3em; }
.msg--user { align-self: flex-end; max-width: 85%; background: var(--accent); color: var(--on-accent);
  border-bottom-right-radius: 0.3em; white-space: pre-wrap; }
.msg--user.is-queued { background: var(--bg); color: var(--fg); border: 1px dashed var(--accent-text); }
.msg--error { align-self: flex-start; border: 1px solid var(--error); }
.msg__pending { display: flex; align-items: center; gap: 0.3em; margin-top: 0.2em; font-size: 0.8em;
  color: var(--muted); white-space: normal; }
.msg p, .msg ul { margin: 0.4em 0 0; }
.msg .part { margin-top: 0.9em; }
.msg > :first-child, .msg__text > :first-child { margin-top: 0; }
.msg ul { padding-left: 1.25em; }
.msg li + li { margin-top: 0.15em; }
.msg a { color: var(--accent-text); text-underline-offset: 0.15em; }
.msg strong { font-weight: 650; }
.msg__sources { margin: 0.6em 0 0; font-size: 0.8em; color: var(--muted); }
.chips { display: flex; flex-wrap: wrap; gap: 0.4em; margin-top: 0.6em; }
.chip { min-height: 2em; padding: 0.3em 0.8em; border: 1px solid var(--accent-text); border-radius: 1em;
  background: var(--bg); color: var(--accent-text); font-size: 0.875em; line-height: 1.3; text-align: left; }
.chip:hover { background: var(--accent); border-color: var(--accent); color: var(--on-accent); }
.welcome { display: flex; flex-direction: column; align-items: flex-start; }
.feedback { display: flex; flex-wrap: wrap; align-items: center; gap: 0.3em; margin-top: 0.5em; font-size: 0.8em;
  color: var(--muted); }
.vote { display: inline-flex; align-items: center; justify-content: center; width: 2.25em; height: 2.25em; padding: 0;
  border: 1px solid var(--border); border-radius: 50%; background: var(--bg); color: var(--fg); }
.vote .icon { width: 1.1em; height: 1.1em; }
.vote[aria-pressed="true"] { background: var(--accent); border-color: var(--accent); color: var(--on-accent); }
.feedback__note { margin-left: 0.3em; }
.feedback__comment { display: flex; gap: 0.4em; flex-basis: 100%; margin-top: 0.3em; }
.feedback__comment input { flex: 1; min-width: 0; padding: 0.35em 0.6em; border: 1px solid var(--border);
  border-radius: 0.5em; background: var(--bg); color: var(--fg); font: inherit; }
.feedback__comment button { padding: 0.3em 0.8em; border: 1px solid var(--accent-text); border-radius: 1em;
  background: var(--bg); color: var(--accent-text); }
.welcome .msg { margin: 0; }

.msg__chart { margin: 0.6em 0 0; }
.chart { display: block; width: 100%; max-width: 300px; height: auto; }
.chart__label, .chart__value { font-size: 13px; fill: var(--fg); }
.chart__track { stroke: var(--track); stroke-width: 14; }
.chart__value { fill: var(--muted); }
.chart__bar--range { fill: var(--range); background: var(--range); }
.chart__bar--average { fill: var(--average); background: var(--average); }
.chart__bar--median { fill: var(--median); background: var(--median); }
.chart__bar--minimum { fill: var(--minimum); background: var(--minimum); }
.msg .legend { display: flex; flex-wrap: wrap; gap: 0.2em 1em; margin: 0.3em 0 0; padding: 0; list-style: none;
  font-size: 0.8em; color: var(--muted); }
.legend li { display: flex; align-items: center; gap: 0.35em; margin: 0; }
.swatch { width: 0.8em; height: 0.8em; border-radius: 0.2em; }

.typing { display: flex; gap: 0.3em; align-self: flex-start; margin: 0 0.75em 0.5em; padding: 0.75em 0.9em;
  border-radius: 1em; background: var(--surface); width: max-content; }
.page .typing { margin-left: max(0.75em, calc((100% - 46em) / 2)); }
.typing span { width: 0.45em; height: 0.45em; border-radius: 50%; background: var(--muted);
  animation: blink 1.2s infinite ease-in-out; }
.typing span:nth-child(2) { animation-delay: 0.15s; }
.typing span:nth-child(3) { animation-delay: 0.3s; }
@keyframes blink { 0%, 80%, 100% { opacity: 0.3; } 40% { opacity: 1; } }

.composer { display: flex; align-items: flex-end; gap: 0.5em; padding: 0.6em 0.75em;
  padding-bottom: calc(0.6em + env(safe-area-inset-bottom, 0px)); border-top: 1px solid var(--line); }
.page .composer { padding-inline: max(0.75em, calc((100% - 46em) / 2)); }
.input { flex: 1; min-width: 0; resize: none; max-height: 8em; margin: 0; padding: 0.55em 0.75em;
  border: 1px solid var(--border); border-radius: 0.75em; background: var(--bg); color: var(--fg);
  font: inherit; line-height: 1.4; }
.input::placeholder { color: var(--muted); opacity: 1; }
.send { display: inline-flex; align-items: center; justify-content: center; width: 2.6em; height: 2.6em;
  border: 0; border-radius: 50%; background: var(--accent); color: var(--on-accent); flex: none; }

.launcher { position: fixed; z-index: 2147483000; bottom: calc(20px + env(safe-area-inset-bottom, 0px));
  right: 20px; width: 56px; height: 56px; border: 0; border-radius: 50%; display: flex; align-items: center;
  justify-content: center; background: var(--accent); color: var(--on-accent);
  box-shadow: 0 4px 14px rgba(15, 23, 42, 0.3); }
.launcher .icon { width: 28px; height: 28px; }
.launcher:focus-visible { outline-offset: 3px; }
.widget .panel { position: fixed; z-index: 2147483001; right: 20px;
  bottom: calc(88px + env(safe-area-inset-bottom, 0px)); width: 380px; max-width: calc(100vw - 40px);
  height: min(620px, calc(100vh - 108px)); height: min(620px, calc(100dvh - 108px)); border-radius: 16px;
  overflow: hidden; border: 1px solid var(--line); box-shadow: 0 12px 40px rgba(15, 23, 42, 0.3);
  animation: rise 0.16s ease-out; }
.left .launcher, .left.widget .panel { right: auto; left: 20px; }
@keyframes rise { from { opacity: 0; transform: translateY(8px); } }
@media (max-width: 480px), (max-height: 480px) {
  .widget .panel { inset: 0; width: 100%; max-width: none; height: 100%; border: 0; border-radius: 0; }
  .widget.open .launcher { display: none; }
}
@media (prefers-reduced-motion: reduce) {
  .widget .panel, .typing span { animation: none; }
}
`;

  let sheet = null;

  function adoptStyles(root) {
    if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
      if (!sheet) { sheet = new CSSStyleSheet(); sheet.replaceSync(CSS); }
      root.adoptedStyleSheets = [sheet];
    } else {
      root.append(h('style', {}, CSS));
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // History in Web Storage. Storage may be missing or full (private modes, sandboxed frames, quotas): the chat
  // then works for the life of the page.

  class History {
    constructor(kind, key) {
      this.key = key;
      try { this.area = kind === 'local' ? window.localStorage : window.sessionStorage; } catch { this.area = null; }
    }

    load() {
      try {
        const saved = JSON.parse(this.area.getItem(this.key));
        if (saved && saved.v === 1 && Array.isArray(saved.messages)) return saved;
      } catch { /* nothing usable stored */ }
      return { v: 1, open: false, messages: [], context: null };
    }

    save(state) {
      try {
        this.area.setItem(this.key, JSON.stringify({ v: 1, open: state.open, messages: state.messages.slice(-KEPT_MESSAGES),
          context: state.context }));
      } catch { /* see the class comment */ }
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // One WebSocket, reopened after drops with exponential backoff and jitter (so a restarted server is not hit
  // by every client at once). The owner hears state changes and messages; it keeps its own queue.

  class Connection {
    constructor(url, { onState, onMessage }) {
      this.url = url;
      this.onState = onState;
      this.onMessage = onMessage;
      this.socket = null;
      this.timer = 0;
      this.failures = 0;
      this.everOpened = false;
      this.state = 'idle';
      window.addEventListener('online', () => this.retryNow());
      window.addEventListener('offline', () => {
        if (!this.open && this.state !== 'idle') this.setState('offline');
      });
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') this.retryNow();
      });
    }

    get open() { return this.state === 'connected'; }

    start() {
      if (this.state === 'idle') this.connect();
    }

    // After a user action, or when the network returns: no reason to sit out the backoff.
    retryNow() {
      if (this.state !== 'idle' && !this.socket) this.connect();
    }

    // A fresh socket, so the server forgets the conversation's context.
    restart() {
      const old = this.socket;
      this.socket = null;
      if (old) old.close(1000, 'conversation cleared');
      if (this.state !== 'idle') this.connect();
    }

    send(message) {
      if (!this.open) return false;
      this.socket.send(JSON.stringify(message));
      return true;
    }

    connect() {
      clearTimeout(this.timer);
      this.setState(this.notConnectedState());
      let socket;
      try {
        socket = new WebSocket(this.url);
      } catch {
        this.failed();  // e.g. a host page CSP that forbids the connection
        return;
      }
      this.socket = socket;
      let opened = false;
      socket.addEventListener('open', () => {
        if (this.socket !== socket) return;
        opened = true;
        this.everOpened = true;
        this.failures = 0;
        this.setState('connected');
      });
      socket.addEventListener('message', (event) => {
        if (this.socket !== socket) return;
        let message;
        try { message = JSON.parse(event.data); } catch { return; }
        if (message && typeof message === 'object') this.onMessage(message);
      });
      socket.addEventListener('close', () => {
        if (this.socket !== socket) return;
        this.socket = null;
        this.failed(opened);
      });
    }

    failed(afterOpen = false) {
      if (!afterOpen) this.failures += 1;
      const ceiling = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** this.failures);
      const delay = ceiling / 2 + Math.random() * ceiling / 2;
      this.setState(this.notConnectedState());
      this.timer = setTimeout(() => this.connect(), delay);
    }

    // Said while trying: a few failed attempts in a row (or no network) is "offline", though retries go on.
    notConnectedState() {
      if (navigator.onLine === false || this.failures >= OFFLINE_AFTER_FAILURES) return 'offline';
      return this.everOpened ? 'reconnecting' : 'connecting';
    }

    setState(state) {
      if (state === this.state) return;
      this.state = state;
      this.onState(state);
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // The chat: one per script tag, in its own open shadow root.

  const STATE_TEXT = { idle: 'Not connected', connecting: 'Connecting…', connected: 'Connected',
    reconnecting: 'Reconnecting…', offline: 'Offline' };

  let lastId = 0;
  const newId = () => Date.now().toString(36) + '-' + (lastId += 1);

  class Chat {
    constructor(options) {
      this.options = options;
      this.page = options.mode === 'page';
      this.history = new History(options.storage, options.storageKey);
      const saved = this.history.load();
      this.messages = saved.messages;
      // The server's follow-up context ("what about Austin?"). A new socket starts without it, so the first
      // question on each socket carries the last one back (docs/protocol.md).
      this.context = saved.context || null;
      this.contextPending = true;
      this.isOpen = options.open || saved.open;
      this.waiters = new Map();  // question id -> promise callbacks of ask()
      this.voteFrames = new Map();  // id of a feedback frame in flight -> the answer message it is about
      this.voteNodes = new WeakMap();  // answer message -> its feedback controls
      this.nodes = new Map();    // question id -> its bubble, to update its pending note
      this.topicsShown = false;
      this.connection = new Connection(options.socketUrl, {
        onState: (state) => this.showState(state),
        onMessage: (message) => this.receive(message),
      });
      this.api = this.publicApi();
    }

    publicApi() {
      const chat = this;
      return Object.freeze({
        get element() { return chat.host; },
        get state() { return chat.connection.state; },
        get isOpen() { return chat.isOpen; },
        open: () => chat.open(),
        close: () => chat.close(),
        toggle: () => (chat.isOpen ? chat.close() : chat.open()),
        ask: (text) => chat.ask(text),
        clear: () => chat.clear(),
      });
    }

    mount(host) {
      this.host = host;
      host.setAttribute('data-career-advisor', this.page ? 'page' : 'widget');
      const shadow = host.attachShadow({ mode: 'open' });
      adoptStyles(shadow);
      shadow.append(this.build());
      this.renderMessages();
      this.showState(this.connection.state);
      if (this.page || this.isOpen) this.setOpen(true);
      else if (this.messages.some((m) => m.status === 'queued' || m.status === 'sent')) this.connection.start();
      this.emit('ready');
    }

    build() {
      const { title, position, accent } = this.options;
      this.status = h('span', { class: 'status', id: 'status', role: 'status' });
      this.retry = h('button', { type: 'button', class: 'retry', hidden: true,
        onclick: () => this.connection.retryNow() }, 'Retry');
      this.log = h('div', { class: 'log', id: 'log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions',
        'aria-label': 'Conversation', tabindex: 0 }, this.welcome());
      this.typing = h('div', { class: 'typing', hidden: true, 'aria-hidden': 'true' }, h('span'), h('span'), h('span'));
      this.input = h('textarea', { class: 'input', id: 'question', rows: 1, maxlength: MAX_QUESTION_CHARS,
        autocomplete: 'off', enterkeyhint: 'send', placeholder: 'Ask about back-end careers…',
        oninput: () => this.fitInput(), onkeydown: (e) => this.onInputKey(e) });
      const composer = h('form', { class: 'composer', onsubmit: (e) => this.onSubmit(e) },
        h('label', { class: 'visually-hidden', for: 'question' }, 'Your question'),
        this.input,
        h('button', { type: 'submit', class: 'send', 'aria-label': 'Send', title: 'Send' }, icon('send')));

      const bar = h('div', { class: 'bar' },
        h('div', { class: 'bar__titles' },
          h(this.page ? 'h1' : 'h2', { class: 'title', id: 'title' }, title),
          h('div', {}, this.status, ' ', this.retry)),
        h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Clear conversation',
          title: 'Clear conversation', onclick: () => this.clear() }, icon('clear')),
        this.page ? null : h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Close chat',
          title: 'Close', onclick: () => this.close() }, icon('down')));

      this.panel = h('div', { class: 'panel', id: 'panel', role: this.page ? null : 'dialog',
        'aria-labelledby': this.page ? null : 'title', hidden: !this.page }, bar, this.log, this.typing, composer);

      this.launcher = this.page ? null : h('button', { type: 'button', class: 'launcher', id: 'launcher',
        'aria-label': title, title, 'aria-expanded': 'false', 'aria-controls': 'panel',
        onclick: () => (this.isOpen ? this.close() : this.open()) }, icon('chat'));

      this.root = h(this.page ? 'section' : 'aside', {
        class: ['root', this.page ? 'page' : 'widget', position === 'left' ? 'left' : ''].join(' ').trim(),
        'aria-label': this.page ? null : title, 'aria-labelledby': this.page ? 'title' : null,
        onkeydown: (e) => this.onKey(e) }, this.launcher, this.panel);
      if (accent) for (const [k, v] of Object.entries(accentVariables(accent))) this.root.style.setProperty(k, v);
      return this.root;
    }

    welcome() {
      this.topicChips = h('div', { class: 'chips', role: 'group', 'aria-label': 'Example questions', hidden: true });
      return h('div', { class: 'welcome' },
        h('p', { class: 'msg msg--welcome' }, 'Hi! Ask me about the back-end web developer career: the job, skills, ',
          'pay, outlook and how to get there.'),
        this.topicChips);
    }

    // Example questions, one per topic, the topic's main question first. Best effort: the chat works without.
    async showTopics() {
      if (this.topicsShown) return;
      this.topicsShown = true;
      try {
        const response = await fetch(new URL('/api/v1/topics', this.options.serverUrl), { credentials: 'omit' });
        if (!response.ok) throw new Error('HTTP ' + response.status);
        const { topics } = await response.json();
        const byTopic = new Map();
        for (const t of topics) {
          if (t.kind !== 'topic' || typeof t.example !== 'string') continue;
          const main = t.intent === t.topic || t.intent === t.topic + '.overview';
          if (!byTopic.has(t.topic) || main) byTopic.set(t.topic, { example: t.example, main });
        }
        const picks = [...byTopic.values()].sort((a, b) => b.main - a.main).slice(0, this.page ? 6 : 4);
        this.topicChips.replaceChildren(...picks.map((p) => this.chip(p.example)));
        this.topicChips.hidden = picks.length === 0;
      } catch {
        this.topicsShown = false;  // tried again on the next connection
      }
    }

    chip(text) {
      return h('button', { type: 'button', class: 'chip', onclick: () => this.ask(text).catch(() => {}) }, text);
    }

    // ----- opening and closing (the page is always open)

    open({ focus = true } = {}) {
      if (!this.isOpen) {
        this.setOpen(true);
        this.emit('open');
      }
      if (focus) this.input.focus();
    }

    // Focus goes back to the launcher only if it was in the panel: a script closing us must not steal it.
    close() {
      if (this.page || !this.isOpen) return;
      const hadFocus = this.panel.contains(this.host.shadowRoot.activeElement);
      this.setOpen(false);
      if (hadFocus) this.launcher.focus();
      this.emit('close');
    }

    setOpen(open) {
      this.isOpen = open;
      if (!this.page) {
        this.panel.hidden = !open;
        this.root.classList.toggle('open', open);
        this.launcher.setAttribute('aria-expanded', String(open));
        this.save();
      }
      if (open) {
        this.connection.start();
        this.showTopics();
        this.scrollToEnd();
      }
    }

    onKey(event) {
      if (event.key === 'Escape' && !this.page && this.isOpen) {
        event.stopPropagation();
        this.close();
      }
    }

    // ----- asking

    onInputKey(event) {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.input.form.requestSubmit();
      }
    }

    onSubmit(event) {
      event.preventDefault();
      if (!this.input.value.trim()) return;
      this.ask(this.input.value).catch(() => {});
      this.input.value = '';
      this.fitInput();
    }

    fitInput() {
      this.input.style.height = 'auto';
      this.input.style.height = this.input.scrollHeight + 2 + 'px';
    }

    ask(text) {
      const question = String(text).trim();
      if (!question) return Promise.reject(new Error('the question is empty'));
      if (!this.isOpen) this.open({ focus: false });
      this.connection.start();
      const message = { id: newId(), role: 'user', text: question, status: 'queued' };
      const frame = JSON.stringify({ type: 'ask', id: message.id, text: question });
      const tooBig = new TextEncoder().encode(frame).length > MAX_FRAME_BYTES;
      this.add(message);
      if (tooBig) {
        message.status = 'done';
        this.add({ role: 'error', text: 'That question is too long to send. Please shorten it.' });
        this.updateQuestion(message);
        return Promise.reject(new Error('the question is too long'));
      }
      const answered = new Promise((resolve, reject) => this.waiters.set(message.id, { resolve, reject }));
      if (this.connection.open) this.deliver();
      else this.connection.retryNow();
      return answered;
    }

    deliver() {
      for (const m of this.messages) {
        if (m.role !== 'user' || m.status !== 'queued') continue;
        const frame = { type: 'ask', id: m.id, text: m.text };
        if (this.contextPending && this.context) frame.context = this.context;
        if (!this.connection.send(frame)) break;
        this.contextPending = false;
        m.status = 'sent';
        this.updateQuestion(m);
      }
      for (const m of this.messages) {
        if (m.role === 'bot' && m.vote && m.vote.status === 'queued') this.sendVote(m);
      }
      this.save();
      this.updateTyping();
    }

    receive(message) {
      if (this.voteFrames.has(message.id)) {
        this.voteReceived(message);
        return;
      }
      const question = this.messages.find((m) => m.role === 'user' && m.id === message.id);
      if (!question || question.status === 'done') return;  // cleared meanwhile, or already answered
      question.status = 'done';
      this.updateQuestion(question);
      const waiter = this.waiters.get(question.id);
      this.waiters.delete(question.id);
      if (message.type === 'answer') {
        const { intent, text, suggestions, sources, data } = message;
        this.context = message.context || null;
        const answerId = typeof message.answer_id === 'string' ? message.answer_id : null;
        this.add({ role: 'bot', answer: { intent, text, suggestions, sources, data, answerId } });
        if (waiter) waiter.resolve(message);
        this.emit('answer', { answer: message });
      } else {
        this.add({ role: 'error', text: 'Sorry, that question could not be answered: ' + (message.message || 'unknown error') });
        if (waiter) waiter.reject(Object.assign(new Error(message.message || 'error'), { code: message.code }));
      }
      this.updateTyping();
    }

    clear() {
      for (const waiter of this.waiters.values()) waiter.reject(new Error('the conversation was cleared'));
      this.waiters.clear();
      this.messages = [];
      this.context = null;
      this.renderMessages();
      this.save();
      this.updateTyping();
      if (this.connection.open) this.connection.restart();
      this.input.focus();
    }

    // ----- connection state

    showState(state) {
      this.root.dataset.state = state;
      this.status.textContent = STATE_TEXT[state];
      this.retry.hidden = state !== 'offline';
      if (state === 'connected') {
        this.contextPending = true;
        this.showTopics();
        this.deliver();
      } else {
        // Whatever was on its way may be lost with the socket: send it again on the next one.
        for (const m of this.messages) {
          if (m.status === 'sent') { m.status = 'queued'; this.updateQuestion(m); }
          if (m.vote && m.vote.status === 'sent') m.vote.status = 'queued';
        }
        this.voteFrames.clear();
        this.updateTyping();
      }
    }

    updateTyping() {
      this.typing.hidden = !(this.connection.open && this.messages.some((m) => m.status === 'sent'));
    }

    // ----- rendering

    add(message) {
      this.messages.push(message);
      const node = this.render(message);
      this.log.append(node);
      if (message.role === 'bot') this.scrollToAnswer(node);
      else this.scrollToEnd();
      this.save();
    }

    renderMessages() {
      this.nodes.clear();
      this.log.replaceChildren(this.log.firstChild, ...this.messages.map((m) => this.render(m)));
      this.scrollToEnd();
    }

    render(message) {
      if (message.role === 'user') {
        const node = h('div', { class: 'msg msg--user' }, h('span', { class: 'visually-hidden' }, 'You: '),
          h('span', { class: 'msg__text' }, message.text));
        this.nodes.set(message.id, node);
        this.updateQuestion(message);
        return node;
      }
      if (message.role === 'error') {
        return h('div', { class: 'msg msg--error' }, message.text);
      }
      const a = message.answer || {};
      const salary = a.data && a.data.kind === 'salary' && Array.isArray(a.data.rows) && a.data.rows.length > 0;
      const sources = Array.isArray(a.sources) ? a.sources.filter((s) => s && s.title) : [];
      const suggestions = Array.isArray(a.suggestions) ? a.suggestions.filter((s) => typeof s === 'string') : [];
      return h('div', { class: 'msg msg--bot' },
        h('span', { class: 'visually-hidden' }, 'Advisor: '),
        h('div', { class: 'msg__text' }, markdown(a.text || '')),
        salary ? salaryFigure(a.data) : null,
        sources.length ? h('p', { class: 'msg__sources' }, 'Sources: ', sources.map((s) => s.title).join(' · ')) : null,
        suggestions.length ? h('div', { class: 'chips', role: 'group', 'aria-label': 'Suggested questions' },
          suggestions.map((s) => this.chip(s))) : null,
        a.answerId ? this.feedbackControls(message) : null);
    }

    // ----- feedback: one vote per answer, changeable; "not helpful" may add a comment

    feedbackControls(message) {
      const vote = (helpful, label, name) => h('button', { type: 'button', class: 'vote', 'aria-label': label, title: label,
        'aria-pressed': String(message.vote ? message.vote.helpful === helpful : false),
        onclick: () => this.vote(message, helpful) }, icon(name));
      const node = h('div', { class: 'feedback', role: 'group', 'aria-label': 'Was this answer helpful?' },
        h('span', { 'aria-hidden': 'true' }, 'Helpful?'),
        vote(true, 'Helpful', 'thumbs_up'), vote(false, 'Not helpful', 'thumbs_down'),
        h('span', { class: 'feedback__note', role: 'status' }));
      this.voteNodes.set(message, node);
      this.showVote(message);
      return node;
    }

    vote(message, helpful, comment) {
      const unchanged = message.vote && message.vote.helpful === helpful && comment === undefined;
      if (unchanged && message.vote.status !== 'failed') return;
      message.vote = { helpful, comment: comment === undefined ? '' : comment, status: 'queued' };
      this.showVote(message);
      this.emit('feedback', { answerId: message.answer.answerId, helpful });
      if (this.connection.open) this.sendVote(message);
      else this.connection.retryNow();
      this.save();
    }

    sendVote(message) {
      const id = 'f-' + newId();
      const frame = { type: 'feedback', id, answer_id: message.answer.answerId, helpful: message.vote.helpful };
      if (message.vote.comment) frame.comment = message.vote.comment;
      if (!this.connection.send(frame)) return;
      message.vote.status = 'sent';
      this.voteFrames.set(id, message);
    }

    voteReceived(reply) {
      const message = this.voteFrames.get(reply.id);
      this.voteFrames.delete(reply.id);
      if (!message.vote) return;
      message.vote.status = reply.type === 'feedback_received' ? 'saved' : 'failed';
      this.showVote(message);
      this.save();
    }

    // The buttons' pressed state, the note beside them, and the comment box after a "not helpful" vote.
    showVote(message) {
      const node = this.voteNodes.get(message);
      if (!node) return;
      const { vote } = message;
      const [up, down] = node.querySelectorAll('.vote');
      up.setAttribute('aria-pressed', String(!!vote && vote.helpful));
      down.setAttribute('aria-pressed', String(!!vote && !vote.helpful));
      const note = node.querySelector('.feedback__note');
      note.textContent = !vote ? '' : vote.status === 'failed' ? 'Your vote could not be saved.'
        : vote.status === 'saved' ? 'Thanks for the feedback.' : '';
      const form = node.querySelector('.feedback__comment');
      const wantsComment = vote && !vote.helpful && !vote.comment && vote.status !== 'failed';
      if (wantsComment && !form) {
        const input = h('input', { type: 'text', maxlength: MAX_COMMENT_CHARS, 'aria-label': 'What was missing? (optional)',
          placeholder: 'What was missing? (optional)' });
        node.append(h('form', { class: 'feedback__comment', onsubmit: (e) => {
          e.preventDefault();
          if (input.value.trim()) this.vote(message, false, input.value.trim());
        } }, input, h('button', { type: 'submit' }, 'Send')));
      } else if (!wantsComment && form) {
        form.remove();
      }
    }

    updateQuestion(message) {
      const node = this.nodes.get(message.id);
      if (!node) return;
      const queued = message.status === 'queued' && !this.connection.open;
      node.classList.toggle('is-queued', queued);
      const note = node.querySelector('.msg__pending');
      if (queued && !note) node.append(h('span', { class: 'msg__pending' }, icon('clock'), 'Waiting to send…'));
      if (!queued && note) note.remove();
    }

    scrollToEnd() {
      this.log.scrollTop = this.log.scrollHeight;
    }

    // A long answer is read from its start; a short one is shown with what led to it.
    scrollToAnswer(node) {
      if (node.offsetHeight > this.log.clientHeight) this.log.scrollTop = node.offsetTop - 12;
      else this.scrollToEnd();
    }

    save() {
      this.history.save({ open: !this.page && this.isOpen, messages: this.messages, context: this.context });
    }

    emit(name, detail = {}) {
      this.host.dispatchEvent(new CustomEvent('careeradvisor:' + name,
        { bubbles: true, detail: { instance: this.api, ...detail } }));
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Start-up: read the tag, wait for the document to have somewhere to put us, register the instance.

  function readOptions(tag) {
    const data = tag.dataset;
    const server = new URL(tag.src, document.baseURI);
    const socket = new URL('/ws', server);
    socket.protocol = server.protocol === 'https:' ? 'wss:' : 'ws:';
    const accent = data.color ? (rgb(data.color) ? data.color.trim() : null) : null;
    if (data.color && !accent) console.warn('Career Advisor: data-color must be #rgb or #rrggbb, not', data.color);
    // Tags that are otherwise alike are told apart by their place in the page, which survives reloads.
    const twins = [...document.querySelectorAll('script[src]')]
      .filter((s) => s.src === tag.src && (s.dataset.mount || '') === (data.mount || ''));
    return {
      mode: data.mount ? 'page' : 'widget',
      mount: data.mount,
      title: (data.title || '').trim() || 'Career Advisor',
      position: data.position === 'left' ? 'left' : 'right',
      accent,
      open: data.open === 'true',
      storage: data.storage === 'local' ? 'local' : 'session',
      storageKey: 'career-advisor:' + (data.id || `${server.origin}|${data.mount || 'widget'}|${twins.indexOf(tag)}`),
      serverUrl: server.origin,
      socketUrl: socket.href,
    };
  }

  function whenParsed(run) {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run, { once: true });
    else run();
  }

  const options = readOptions(script);

  // Several tags (and several copies of this file) share one registry; the first instance answers the
  // shortcuts.
  const registry = window.CareerAdvisor || (window.CareerAdvisor = (() => {
    const instances = [];
    const first = () => {
      if (!instances.length) throw new Error('Career Advisor has not started yet; wait for careeradvisor:ready');
      return instances[0];
    };
    return {
      instances,
      open: () => first().open(),
      close: () => first().close(),
      ask: (text) => first().ask(text),
      clear: () => first().clear(),
    };
  })());

  whenParsed(() => {
    let host;
    if (options.mount) {
      host = document.querySelector(options.mount);
      if (!host || host.shadowRoot) {
        console.error('Career Advisor: data-mount must name an element without a shadow root:', options.mount);
        return;
      }
    } else {
      host = document.createElement('div');
      document.body.append(host);
    }
    const chat = new Chat(options);
    registry.instances.push(chat.api);
    chat.mount(host);
  });
})();
