// A panel that covers the page is modal: Tab goes round inside it, the focus cannot stay behind it, and the
// page behind does not scroll. The chat decides when (chat.mjs, showModal()); this file holds the frame.

// Here the widget's panel covers the whole screen (styles.css asks the same query): it does not open by
// itself, and it is modal while open.
export const SMALL_SCREEN = '(max-width: 480px), (max-height: 480px)';

const TAB_STOP = 'a[href], button, input, textarea, select, [tabindex]';

// The elements Tab stops at in `container`, in order: shown, enabled and not taken out of the order (tabindex
// -1). What a slot shows (the site's footer) counts where the slot is. No element here has a positive tabindex.
export function tabStops(container) {
  const stops = [];
  const visit = (element) => {
    if (element.localName === 'slot') {
      const shown = element.assignedElements({ flatten: true });
      for (const child of shown.length ? shown : element.children) visit(child);
      return;
    }
    if (element.getClientRects().length === 0) return;  // not shown, and nor is anything in it
    if (element.matches(TAB_STOP) && element.tabIndex >= 0 && !element.disabled) stops.push(element);
    for (const child of element.children) visit(child);
  };
  visit(container);
  return stops;
}

// The page's own scrolling, stopped while a chat's panel covers it and given back as it was: the inline
// overflow of <html> (the page's own CSS is not touched; <body>'s is left alone, as hiding it would change how
// its margins collapse and move the page) and the scroll position. One per page, in the registry, held by
// every modal chat on it, so that two chats do not undo each other.
export class PageScroll {
  constructor() {
    this.holders = new Set();
    this.saved = null;
  }

  hold(holder) {
    if (this.holders.size === 0) {
      const html = document.documentElement;
      this.saved = { x: window.scrollX, y: window.scrollY, style: html.getAttribute('style'),
        overflow: html.style.overflow };
      html.style.overflow = 'hidden';
      this.saved.ours = html.getAttribute('style');
    }
    this.holders.add(holder);
  }

  release(holder) {
    if (!this.holders.delete(holder) || this.holders.size > 0) return;
    // No style attribute, if the page had none and nothing else set one meanwhile (an emptied one would stay
    // behind); else the overflow as it was (through the CSSOM, which a strict CSP allows).
    const html = document.documentElement;
    if (this.saved.style === null && html.getAttribute('style') === this.saved.ours) html.removeAttribute('style');
    else html.style.overflow = this.saved.overflow;
    window.scrollTo(this.saved.x, this.saved.y);
    this.saved = null;
  }
}

// While a panel covers the page: Tab from its last stop goes to its first, Shift+Tab from the first to the
// last, and either from outside it (the page's body) into it; a focus that goes to the page behind another
// way comes back to its first stop. The listeners are the document's: the focus may be on its body, after a
// tap on the panel's text.
export class FocusTrap {
  // panel(): the panel now (a rebuild replaces it); inside(node): whether a node is part of the chat (its
  // shadow tree, or the site's content slotted into it).
  constructor({ panel, inside }) {
    this.panel = panel;
    this.inside = inside;
    this.onKey = (event) => this.keepTabInside(event);
    this.onFocus = (event) => this.guardFocus(event);
  }

  engage() {
    document.addEventListener('keydown', this.onKey, true);
    document.addEventListener('focusin', this.onFocus);
  }

  release() {
    document.removeEventListener('keydown', this.onKey, true);
    document.removeEventListener('focusin', this.onFocus);
  }

  keepTabInside(event) {
    if (event.key !== 'Tab') return;
    const stops = tabStops(this.panel());
    if (!stops.length) return;
    const [first, last] = [stops[0], stops[stops.length - 1]];
    const from = event.composedPath()[0];
    if (this.inside(from) && from !== (event.shiftKey ? first : last)) return;
    event.preventDefault();
    (event.shiftKey ? last : first).focus();
  }

  guardFocus(event) {
    if (this.inside(event.composedPath()[0])) return;
    const [first] = tabStops(this.panel());
    if (first) first.focus();
  }
}
