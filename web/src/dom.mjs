// Building DOM nodes. Every string from the server or the visitor goes in as a text node, never as markup.

// An element: `attrs` are attributes (true: present and empty; false, null, undefined: absent), except
// on* functions, which become listeners; `children` (nested arrays allowed) are nodes or text, and
// null, undefined, false and '' are left out.
export function h(tag, attrs = {}, ...children) {
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

// An SVG element, with its attributes and, if given, its text.
export function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

// 24×24 stroke icons; always decorative, the button around them carries the name.
const ICONS = {
  chat: 'M21 12a8 8 0 0 1-11.6 7.1L4 20.5l1.4-4.9A8 8 0 1 1 21 12z',
  help: 'M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0zM9.5 9a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6V14M12 17.5v.01',
  down: 'M6 9l6 6 6-6',
  close: 'M6 6l12 12M18 6L6 18',
  send: 'M5 12h13M12 5l7 7-7 7',
  clear: 'M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3',
  clock: 'M12 7v5l3 2M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0z',
  alert: 'M12 8v5M12 16.5v.01M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0z',
  copy: 'M9 9h11v11H9zM5 15H4V4h11v1',
  download: 'M12 4v11M7 10l5 5 5-5M5 20h14',
  expand: 'M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5',
  more: 'M5 12h.01M12 12h.01M19 12h.01',
  check: 'M5 12l5 5L20 7',
  thumbs_up: 'M7 10v11M7 10l4-8a2.5 2.5 0 0 1 3 2.7L13.5 9H19a2 2 0 0 1 2 2.3l-1.3 7A2 2 0 0 1 17.7 20H7M3 10h4v11H3z',
  thumbs_down: 'M17 14V3M17 14l-4 8a2.5 2.5 0 0 1-3-2.7l.5-4.3H5a2 2 0 0 1-2-2.3l1.3-7A2 2 0 0 1 6.3 4H17M21 14h-4V3h4z',
};
// The icons a site may give its launcher (data-launcher-icon); `none` shows its label alone.
export const LAUNCHER_ICONS = ['chat', 'help', 'none'];

// One of ICONS as an inline SVG.
export function icon(name) {
  const node = svg('svg', { viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false', class: 'icon' });
  node.append(svg('path', { d: ICONS[name] }));
  return node;
}

let context2d = null;

// One 2D canvas context for the page's chats, made when first needed: it reads CSS colours (theme.mjs) and
// measures text (the placeholder). Null where the browser gives none (it is asked again next time).
export function canvasContext() {
  context2d = context2d || document.createElement('canvas').getContext('2d');
  return context2d;
}
