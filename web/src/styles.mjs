// The chat's stylesheet, adopted by each shadow root: the palette (theme.mjs), then styles.css. A constructed
// sheet also passes a host page's Content-Security-Policy that forbids inline <style>.
import css from './styles.css';  // as text: scripts/build-widget gives esbuild `--loader:.css=text`
import { h } from './dom.mjs';
import { paletteRules } from './theme.mjs';

const STYLES = paletteRules() + css;

let sheet = null;  // one for every chat on the page

export function adoptStyles(root) {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    if (!sheet) { sheet = new CSSStyleSheet(); sheet.replaceSync(STYLES); }
    root.adoptedStyleSheets = [sheet];
  } else {
    root.append(h('style', {}, STYLES));
  }
}
