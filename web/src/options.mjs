// A chat's options: read from its script tag's data-* attributes (docs/widget.md#attributes-of-the-script-tag),
// then changed by settings from CareerAdvisor.init() or an instance's configure(), which win. A value that
// cannot be used is a console warning and the default.
import { LAUNCHER_ICONS } from './dom.mjs';
import { LABELS } from './labels.mjs';

const TEASER_DELAY_S = 5;  // the greeting beside the launcher (data-teaser) waits this long unless told

// A length for the launcher's offset: "24px", "1.5rem"; null (with a warning) for anything else.
function cssLength(value, name) {
  if (!value) return null;
  const text = String(value).trim();
  if (window.CSS && CSS.supports('width', text) && /\d/.test(text)) return /^\d+(\.\d+)?$/.test(text) ? text + 'px' : text;
  console.warn(`Career Advisor: ${name} must be a CSS length such as 24px, not`, value);
  return null;
}

function parseLabels(text) {
  if (!text) return {};
  try {
    const labels = JSON.parse(text);
    if (labels && typeof labels === 'object' && !Array.isArray(labels)) return labels;
  } catch { /* said below */ }
  console.warn('Career Advisor: data-labels must be a JSON object such as {"send":"Envoyer"}, not', text);
  return {};
}

// Settings (from init() or configure()) over options: the same names as the data-* attributes, camelCased,
// with `labels` merged key by key. Unknown label keys are said, so a typo does not go unnoticed.
export function mergeSettings(options, settings = {}) {
  const merged = { ...options, labels: { ...options.labels } };
  const s = settings || {};
  for (const [key, value] of Object.entries(s.labels || {})) {
    if (!(key in LABELS)) console.warn('Career Advisor: no label named', key);
    else if (typeof value === 'string') merged.labels[key] = value;
  }
  if (typeof s.title === 'string' && s.title.trim()) { merged.title = s.title.trim(); merged.titleGiven = true; }
  if (['light', 'dark', 'auto'].includes(s.theme)) merged.theme = s.theme;
  if (typeof s.lang === 'string') merged.lang = s.lang;
  if (typeof s.font === 'string') merged.font = s.font;
  if (typeof s.footer === 'string') merged.footer = s.footer;
  if (s.color !== undefined) merged.accent = checkColour(s.color, 'color');
  if (s.zIndex !== undefined) merged.zIndex = /^-?\d+$/.test(String(s.zIndex)) ? String(s.zIndex) : null;
  if (s.offset !== undefined) Object.assign(merged, offsets(s.offset));
  if (typeof s.teaser === 'string') merged.teaser = s.teaser.trim();
  if (s.teaserDelay !== undefined) merged.teaserDelay = teaserDelay(s.teaserDelay, 'teaserDelay');
  return merged;
}

// Seconds before the greeting shows: a number from 0 up; anything else is a warning and the default.
function teaserDelay(value, name) {
  if (value === undefined || value === null || value === '') return TEASER_DELAY_S;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  console.warn(`Career Advisor: ${name} is a number of seconds, not`, value);
  return TEASER_DELAY_S;
}

function checkColour(value, name) {
  if (value === undefined || value === null || value === '') return null;
  const text = String(value).trim();
  if (window.CSS && CSS.supports('color', text)) return text;
  console.warn(`Career Advisor: ${name} is not a CSS colour, so the default accent is used:`, value);
  return null;
}

// "24px" (both) or "24px 16px" (from the side, from the bottom).
function offsets(value) {
  const [x, y = x] = String(value || '').trim().split(/\s+/);
  return { offsetX: cssLength(x, 'data-offset'), offsetY: cssLength(y, 'data-offset') };
}

// The options of the chat a script tag starts: its attributes, its data-labels, then the settings init() gave
// before it started (`registry.settings`). `serverUrl` and `socketUrl` are the script's own origin.
export function readOptions(tag, registry) {
  const data = tag.dataset;
  const server = new URL(tag.src, document.baseURI);
  const socket = new URL('/ws', server);
  socket.protocol = server.protocol === 'https:' ? 'wss:' : 'ws:';
  // Tags that are otherwise alike are told apart by their place in the page, which survives reloads.
  const twins = [...document.querySelectorAll('script[src]')]
    .filter((s) => s.src === tag.src && (s.dataset.mount || '') === (data.mount || ''));
  const title = (data.title || '').trim();
  const options = {
    mode: data.mount ? 'page' : 'widget',
    mount: data.mount,
    title: title || 'Career Advisor',
    titleGiven: !!title,
    position: data.position === 'left' ? 'left' : 'right',
    accent: checkColour(data.color, 'data-color'),
    theme: ['light', 'dark'].includes(data.theme) ? data.theme : 'auto',
    font: data.font ? data.font.trim() : null,
    lang: data.lang ? data.lang.trim() : null,
    footer: data.footer ? data.footer.trim() : '',
    launcher: data.launcher === 'none' ? 'none' : 'button',
    launcherLabel: (data.launcherLabel || '').trim(),
    launcherIcon: LAUNCHER_ICONS.includes(data.launcherIcon) ? data.launcherIcon : 'chat',
    zIndex: /^-?\d+$/.test(data.zIndex || '') ? data.zIndex : null,
    ...offsets(data.offset),
    open: data.open === 'true',
    teaser: (data.teaser || '').trim(),
    teaserDelay: teaserDelay(data.teaserDelay, 'data-teaser-delay'),
    storage: data.storage === 'local' ? 'local' : 'session',
    storageKey: 'career-advisor:' + (data.id || `${server.origin}|${data.mount || 'widget'}|${twins.indexOf(tag)}`),
    serverUrl: server.origin,
    socketUrl: socket.href,
    labels: { ...LABELS },
  };
  if (data.theme && options.theme !== data.theme) console.warn('Career Advisor: data-theme is light, dark or auto, not', data.theme);
  return mergeSettings(mergeSettings(options, { labels: parseLabels(data.labels) }), registry.settings);
}
