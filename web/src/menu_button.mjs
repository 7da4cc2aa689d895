// A menu button, as the WAI-ARIA pattern has it. The button (aria-haspopup, aria-expanded) opens its menu with
// a click, Enter, Space or ArrowDown (the focus on the first item) or ArrowUp (on the last); in the menu the
// arrows (round), Home and End move, Enter and Space choose, Escape closes it and gives the focus back to the
// button; Tab, a click outside or a choice closes it. Items hidden by the CSS (full screen on a phone) are
// skipped. `items`: { label, icon, onselect, className, checkbox } (a checkbox item says aria-checked).
import { h, icon } from './dom.mjs';

export class MenuButton {
  constructor({ id, label, items }) {
    this.button = h('button', { type: 'button', class: 'icon-button', id: id + '-button', 'aria-label': label,
      title: label, 'aria-haspopup': 'menu', 'aria-expanded': 'false', 'aria-controls': id, part: 'header-button',
      onclick: () => (this.isOpen ? this.close() : this.open('first')),
      onkeydown: (e) => this.onButtonKey(e) }, icon('more'));
    this.button.querySelector('.icon').classList.add('icon--more');
    this.items = items.map((item) => h('button', { type: 'button', role: item.checkbox ? 'menuitemcheckbox' : 'menuitem',
      class: 'menu__item' + (item.className ? ' ' + item.className : ''), tabindex: -1, part: 'menu-item',
      'aria-checked': item.checkbox ? 'false' : null, onclick: () => this.choose(item) },
    icon(item.icon), h('span', { class: 'menu__label' }, item.label),
    item.checkbox ? h('span', { class: 'menu__check' }, icon('check')) : null));
    this.popup = h('div', { class: 'menu', id, role: 'menu', 'aria-labelledby': id + '-button', hidden: true,
      part: 'menu', onkeydown: (e) => this.onMenuKey(e),
      onfocusout: (e) => { if (!this.popup.contains(e.relatedTarget)) this.close(); } }, this.items);
    this.outside = (event) => {
      const path = event.composedPath();
      if (!path.includes(this.popup) && !path.includes(this.button)) this.close();
    };
  }

  get isOpen() { return !this.popup.hidden; }

  // Items the visitor can see, in order.
  shown() { return this.items.filter((item) => item.getClientRects().length > 0); }

  open(which) {
    if (!this.isOpen) {
      this.popup.hidden = false;
      this.button.setAttribute('aria-expanded', 'true');
      document.addEventListener('pointerdown', this.outside, true);
    }
    const items = this.shown();
    const item = which === 'last' ? items[items.length - 1] : items[0];
    if (item) item.focus();
  }

  close({ focusButton = false } = {}) {
    if (this.isOpen) {
      this.popup.hidden = true;
      this.button.setAttribute('aria-expanded', 'false');
      document.removeEventListener('pointerdown', this.outside, true);
    }
    if (focusButton) this.button.focus();
  }

  // The menu closes and the button has the focus before the item acts, so that an action that moves the
  // focus (Clear conversation, to the input) has the last word.
  choose(item) {
    this.close({ focusButton: true });
    item.onselect();
  }

  setChecked(className, checked) {
    const item = this.items.find((node) => node.classList.contains(className));
    if (item) item.setAttribute('aria-checked', String(checked));
  }

  onButtonKey(event) {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    this.open(event.key === 'ArrowUp' ? 'last' : 'first');
  }

  onMenuKey(event) {
    const items = this.shown();
    const at = items.indexOf(event.target);
    const move = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 }[event.key];
    if (move !== undefined) {
      event.preventDefault();
      items[(move + items.length) % items.length].focus();
    } else if (event.key === 'Escape') {
      event.stopPropagation();  // the menu closes, not the chat
      this.close({ focusButton: true });
    }
  }
}
