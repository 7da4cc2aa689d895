// The greeting above the launcher (data-teaser): once per tab session (sessionStorage, per chat), after its
// delay, while the panel is closed and the screen is large enough for the greeting to sit beside the page rather
// than over it (the CSS hides it if that changes). Its text opens the chat, × or Escape dismiss it. It is no
// live region: a visually hidden status says it once, politely, when it appears.
//
// One per chat, kept across rebuilds (what has been shown stays shown or gone); build() makes its nodes for
// each build of the chat.
import { h, icon } from './dom.mjs';

export class Teaser {
  // isOpen(): whether the chat is open. smallScreen: the MediaQueryList of SMALL_SCREEN. open(): opens the
  // chat. activeElement(): the focused element in the chat's shadow root.
  constructor({ isOpen, smallScreen, open, activeElement }) {
    this.isOpen = isOpen;
    this.smallScreen = smallScreen;
    this.openChat = open;
    this.activeElement = activeElement;
    this.startedAt = Date.now();  // the delay counts from here
    this.timer = 0;  // the delay, running (schedule())
    this.shown = false;  // on the screen now
    this.bubble = null;
    this.said = null;
    this.onEscape = (event) => { if (event.key === 'Escape') this.hide(); };
  }

  // The greeting's nodes for a build of the chat: [bubble, status], both null without a launcher or a text.
  // text, delay (seconds), key (the chat's storage key): from the options; launcher: the build's.
  build({ text, delay, key, labels, launcher }) {
    this.text = text;
    this.delay = delay;
    this.key = key + ':teaser';
    this.launcher = launcher;
    this.bubble = null;
    this.said = null;
    if (launcher && text) {
      this.bubble = h('div', { class: 'teaser', part: 'teaser', hidden: !this.shown },
        h('button', { type: 'button', class: 'teaser__text', dir: 'auto', part: 'teaser-text',
          onclick: () => this.openChat() }, text),
        h('button', { type: 'button', class: 'teaser__close', 'aria-label': labels.teaserClose, title: labels.teaserClose,
          part: 'teaser-close', onclick: () => this.hide({ focusLauncher: true }) }, icon('close')));
      this.said = h('p', { class: 'visually-hidden', role: 'status' });
    }
    return [this.bubble, this.said];
  }

  schedule() {
    if (!this.bubble || this.timer || this.shown || this.isOpen() || this.seen()) return;
    this.timer = setTimeout(() => {
      this.timer = 0;
      this.show();
    }, Math.max(0, this.delay * 1000 - (Date.now() - this.startedAt)));
  }

  // After a rebuild: the delay or the text may be new.
  restart() {
    clearTimeout(this.timer);
    this.timer = 0;
    this.schedule();
  }

  seen() {
    try { return window.sessionStorage.getItem(this.key) !== null; } catch { return false; }
  }

  show() {
    if (!this.bubble || this.isOpen() || this.smallScreen.matches || this.seen()) return;
    try { window.sessionStorage.setItem(this.key, 'shown'); } catch { /* then once per page */ }
    this.shown = true;
    this.bubble.hidden = false;
    this.said.textContent = this.text;
    document.addEventListener('keydown', this.onEscape);
  }

  // Dismissed (×, Escape), or the chat opened (before or after it showed): not again this session. × gives
  // the focus to the launcher, as does any way of hiding it from under the focus.
  hide({ focusLauncher = false } = {}) {
    if (!this.bubble) return;
    clearTimeout(this.timer);
    this.timer = 0;
    try { window.sessionStorage.setItem(this.key, 'done'); } catch { /* then once per page */ }
    if (!this.shown) return;
    this.shown = false;
    document.removeEventListener('keydown', this.onEscape);
    const hadFocus = this.bubble.contains(this.activeElement());
    this.bubble.hidden = true;
    this.said.textContent = '';
    if (hadFocus || focusLauncher) this.launcher.focus({ preventScroll: true });
  }
}
