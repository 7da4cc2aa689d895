// Colours. One table feeds both the stylesheet (paletteRules()) and the contrast checks for a site's own
// accent colour.
import { canvasContext } from './dom.mjs';

export const THEMES = {
  light: { bg: '#ffffff', surface: '#f1f5f9', fg: '#0f172a', muted: '#475569', line: '#e2e8f0', border: '#64748b',
    accent: '#1d4ed8', 'on-accent': '#ffffff', error: '#b91c1c',
    range: '#2563eb', average: '#0f766e', median: '#b45309', minimum: '#7c3aed',
    track: '#dbe2ea', ok: '#15803d', wait: '#b45309', down: '#b91c1c' },
  dark: { bg: '#0f172a', surface: '#1e293b', fg: '#e2e8f0', muted: '#a5b4c8', line: '#334155', border: '#8191a8',
    accent: '#93c5fd', 'on-accent': '#0f172a', error: '#fca5a5',
    range: '#60a5fa', average: '#2dd4bf', median: '#fbbf24', minimum: '#c4b5fd',
    track: '#334155', ok: '#4ade80', wait: '#fbbf24', down: '#f87171' },
};
// Colours a site may set as --ca-NAME on the element (or any ancestor); the accent also as data-color.
const HOST_COLOURS = ['accent', 'on-accent', 'bg', 'surface', 'fg', 'muted', 'line', 'border'];

// Any CSS colour as [r, g, b] (alpha ignored), or null when it is not one or cannot be resolved here
// (var(), currentcolor). The browser's own parser does the reading.
function rgb(color) {
  const text = String(color || '').trim();
  if (!text || !(window.CSS && CSS.supports('color', text))) return null;
  const canvas = canvasContext();
  if (!canvas) return null;
  const read = (base) => { canvas.fillStyle = base; canvas.fillStyle = text; return canvas.fillStyle; };
  const value = read('#000000');
  if (value !== read('#ffffff')) return null;  // not taken: the base colour stayed
  const hex = /^#([0-9a-f]{6})$/i.exec(value);
  if (hex) return [0, 2, 4].map((i) => parseInt(hex[1].slice(i, i + 2), 16));
  const fn = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)/i.exec(value);
  return fn ? fn.slice(1, 4).map(Number) : null;
}

// WCAG's relative luminance of a colour: [r, g, b], or any CSS colour rgb() can read.
export function luminance(color) {
  const [r, g, b] = (Array.isArray(color) ? color : rgb(color)).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

// WCAG's contrast ratio of two colours, from 1 to 21.
export function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

// A site's colour fills the launcher, its own bubbles and buttons in both themes. Text on it is black or
// white; text in it (links, chips) keeps it only where it reaches 4.5:1 on that theme's backgrounds.
export function accentVariables(color) {
  const value = rgb(color);
  if (!value) return { '--site-accent': color };  // valid but not measurable here: the theme's text colours
  const onAccent = contrast(value, '#ffffff') >= contrast(value, '#000000') ? '#ffffff' : '#000000';
  const textIn = (t) => (Math.min(contrast(value, t.bg), contrast(value, t.surface)) >= 4.5 ? color : t.fg);
  return { '--site-accent': color, '--site-on-accent': onAccent,
    '--site-accent-text-light': textIn(THEMES.light), '--site-accent-text-dark': textIn(THEMES.dark) };
}

// --NAME for the CSS: the site's --ca-NAME if set, then a value from the script tag (--site-NAME), then ours.
const variables = (theme) => Object.entries(theme).map(([k, v]) => (HOST_COLOURS.includes(k)
  ? `--${k}: var(--ca-${k}, var(--site-${k}, ${v}));` : `--${k}: ${v};`)).join('');


const DARK = `${variables(THEMES.dark)} color-scheme: dark;
    --accent-text: var(--ca-accent-text, var(--site-accent-text-dark, var(--accent)));`;

// The palette as CSS, before the rules that use it (styles.css): the light theme on the chat's root, the dark
// one where the visitor prefers it (unless data-theme="light") or data-theme="dark" asks for it. Links, chips
// and focus rings take --accent-text: the site's --ca-accent-text, else its accent where it reads
// (accentVariables()), else ours.
export const paletteRules = () => `
.root { ${variables(THEMES.light)} --accent-text: var(--ca-accent-text, var(--site-accent-text-light, var(--accent))); }
@media (prefers-color-scheme: dark) {
  .root:not(.theme-light) { ${DARK} }
}
.root.theme-dark { ${DARK} }
`;
