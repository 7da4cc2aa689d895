// The chat: one per script tag, in its own open shadow root.
import { h, icon, canvasContext } from './dom.mjs';
import { fill } from './labels.mjs';
import { markdown, plainText } from './markdown.mjs';
import { sourceLine } from './sources.mjs';
import { salaryFigure } from './chart.mjs';
import { accentVariables } from './theme.mjs';
import { adoptStyles } from './styles.mjs';
import { History } from './history.mjs';
import { DEFAULT_LIMITS, exampleQuestions, serverLimits, serverReachable } from './server_info.mjs';
import { Connection, State } from './connection.mjs';
import { Outbox, Role, Status, VoteStatus, failure } from './outbox.mjs';
import { MenuButton } from './menu_button.mjs';
import { SMALL_SCREEN, tabStops } from './modal.mjs';
import { mergeSettings } from './options.mjs';

const UNDO_MS = 8000;
const COPIED_SHOWN_MS = 2000;  // the Copy button's check (or alert) before it is a Copy button again
const COUNTER_FROM = 0.8;  // the character counter shows from this share of max_question_chars
const COUNT_SPOKEN_AFTER_MS = 1000;  // screen readers hear the count once the visitor pauses, not every key

const charLength = (text) => [...text].length;  // code points, as the server counts

const STATE_LABELS = { [State.idle]: 'stateIdle', [State.connecting]: 'stateConnecting',
  [State.connected]: 'stateConnected', [State.reconnecting]: 'stateReconnecting', [State.offline]: 'stateOffline',
  [State.unavailable]: 'stateUnavailable' };

export class Chat {
  constructor(options, registry) {
    this.options = options;
    this.registry = registry;
    this.page = options.mode === 'page';
    this.limits = { ...DEFAULT_LIMITS };
    this.history = new History(options.storage, options.storageKey);
    const saved = this.history.load();
    this.unread = Number.isInteger(saved.unread) ? saved.unread : 0;
    // data-open opens only where the panel floats; on a phone it would hide the whole page.
    this.smallScreen = window.matchMedia(SMALL_SCREEN);
    this.isOpen = (options.open && !this.smallScreen.matches) || saved.open;
    this.expanded = false;
    this.modal = false;  // the open panel covers the page (showModal())
    this.tabGuard = (event) => this.keepTabInside(event);
    this.focusGuard = (event) => this.guardFocus(event);
    this.moreMenu = null;  // the widget's ⋯ menu (MenuButton), made by build()
    this.voteNodes = new WeakMap();  // answer message -> its feedback controls
    this.nodes = new Map();    // question id -> its bubble, to update its pending note
    this.topicsShown = false;
    this.limitsAsked = false;
    this.undoTimer = 0;
    this.startedAt = Date.now();  // the greeting's delay counts from here
    this.teaserTimer = 0;  // the greeting's delay, running (scheduleTeaser())
    this.teaserShown = false;  // the greeting is on the screen now
    this.teaserEscape = (event) => { if (event.key === 'Escape') this.hideTeaser(); };
    this.connection = new Connection(options.socketUrl, {
      onState: (state, previous) => this.showState(state, previous),
      onMessage: (message) => this.receive(message),
      onClose: (code) => this.outbox.closed(code),
      reachable: () => serverReachable(options.serverUrl),
    });
    this.outbox = new Outbox({ messages: saved.messages, context: saved.context || null }, {
      transport: this.connection,
      limits: () => this.limits,
      labels: () => this.labels,
      hooks: {
        added: (message) => this.showAdded(message),
        updated: (message) => this.updateQuestion(message),
        voted: (message) => {
          this.showVote(message);
          this.emit('feedback', { answerId: message.answer.answerId, helpful: message.vote.helpful });
        },
        voteUpdated: (message) => this.showVote(message),
        answered: (reply) => this.answered(reply),
        changed: () => this.save(),
      },
    });
    this.api = this.publicApi();
  }

  get labels() { return this.options.labels; }

  publicApi() {
    const chat = this;
    return Object.freeze({
      get element() { return chat.host; },
      get state() { return chat.connection.state; },
      get isOpen() { return chat.isOpen; },
      get unread() { return chat.unread; },
      get limits() { return { ...chat.limits }; },
      open: () => chat.open(),
      close: () => chat.close(),
      toggle: () => (chat.isOpen ? chat.close() : chat.open()),
      ask: (text) => chat.ask(text),
      clear: () => chat.clear(),
      configure: (settings) => chat.configure(settings),
      transcript: () => chat.transcript(),
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
    if (!this.page) this.smallScreen.addEventListener('change', () => this.showModal());
    this.scheduleTeaser();
    if (this.page || this.isOpen) this.setOpen(true);
    else if (this.outbox.waiting) this.start();
    // The chat page is there to be typed in; a widget waits to be opened.
    if (this.page) this.input.focus({ preventScroll: true });
    this.emit('ready');
  }

  // Connects, and asks the server its limits: nothing goes over the network before the chat is used.
  start() {
    this.connection.start();
    if (!this.limitsAsked) {
      this.limitsAsked = true;
      serverLimits(this.options.serverUrl).then((limits) => this.applyLimits(limits));
    }
  }

  applyLimits(limits) {
    const { origin_allowed: allowed, ...rest } = limits;
    this.limits = rest;
    this.input.maxLength = this.limits.max_question_chars;
    this.showCount();
    if (allowed === false) this.connection.refuse();
  }

  // New settings (CareerAdvisor.init): rebuilt in place, conversation and connection kept.
  configure(settings) {
    this.options = mergeSettings(this.options, settings);
    if (!this.host) return;
    const old = this.root;
    this.topicsShown = false;
    old.replaceWith(this.build());
    this.renderMessages();
    this.showState(this.connection.state, this.connection.state);
    this.setOpen(this.isOpen, { quiet: true });
    this.setExpanded(this.expanded);
    clearTimeout(this.teaserTimer);  // the delay or the text may be new
    this.teaserTimer = 0;
    this.scheduleTeaser();
  }

  build() {
    const { title, position, theme, lang, launcher, launcherLabel, launcherIcon } = this.options;
    const L = this.labels;
    const button = (label, name, onclick, extra = {}) => h('button', { type: 'button', class: 'icon-button',
      'aria-label': label, title: label, part: 'header-button', onclick, ...extra }, icon(name));
    this.status = h('span', { class: 'status', id: 'status', role: 'status', part: 'status' });
    // Says so while offline, with Retry (showBanner()).
    this.banner = h('div', { class: 'banner', id: 'banner', role: 'status', part: 'banner' });
    // Shown while the server refuses this site; it describes the controls it disables and takes the focus
    // from them (showState()).
    this.notice = h('p', { class: 'notice', id: 'notice', tabindex: -1, hidden: true, part: 'notice' }, icon('alert'),
      h('span', {}, L.unavailable));
    this.log = h('div', { class: 'log', id: 'log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions',
      'aria-label': L.conversation, tabindex: 0, part: 'messages' }, this.welcome());
    this.typing = h('div', { class: 'typing', hidden: true, 'aria-hidden': 'true' }, h('span'), h('span'), h('span'));
    this.undoBar = h('div', { class: 'undo', role: 'status', part: 'undo' });
    this.undoBar.hidden = true;
    this.placeholder = L.placeholder || (this.options.titleGiven ? title + '…' : L.defaultPlaceholder);
    this.input = h('textarea', { class: 'input', id: 'question', dir: 'auto', rows: 1, maxlength: this.limits.max_question_chars,
      autocomplete: 'off', enterkeyhint: 'send', placeholder: this.placeholder, part: 'input',
      onbeforeinput: (e) => this.onBeforeInput(e), oninput: () => this.onInput(),
      onkeydown: (e) => this.onInputKey(e) });
    if (window.ResizeObserver) new ResizeObserver(() => this.fitPlaceholder()).observe(this.input);
    this.sendButton = h('button', { type: 'submit', class: 'send', 'aria-label': L.send, title: L.send, part: 'send' },
      icon('send'));
    // Above the input: what happened to the text (a paste cut to the limit, a question too long) and, near
    // the limit, how many characters are left. The count is shown at once and spoken after a pause.
    this.inputNote = h('p', { class: 'input-note', id: 'input-note', role: 'status', part: 'input-note' });
    this.counter = h('p', { class: 'counter', id: 'counter', 'aria-hidden': 'true', hidden: true, part: 'counter' });
    this.spokenCount = h('p', { class: 'visually-hidden spoken-count', role: 'status' });
    this.cutComing = false;  // the paste under way will be cut (onBeforeInput)
    this.inputNoteFor = null;  // what the note says: 'cut', 'too_long' or nothing
    // novalidate: the browser's own check (maxlength's "too long") would stop the submit without a word.
    const composer = h('form', { class: 'composer', part: 'composer', novalidate: true,
      onsubmit: (e) => this.onSubmit(e) },
      h('label', { class: 'visually-hidden', for: 'question' }, L.inputLabel),
      h('div', { class: 'input-info' }, this.inputNote, this.counter, this.spokenCount),
      this.input,
      this.sendButton);
    const slot = h('slot', { name: 'footer' }, this.options.footer || '');
    const footer = h('div', { class: 'footer', part: 'footer' }, slot);
    const showFooter = () => { footer.hidden = !this.options.footer && slot.assignedNodes().length === 0; };
    slot.addEventListener('slotchange', showFooter);
    showFooter();

    // The page has room for its two actions; the widget keeps its header to the title, ⋯ and Close, so that
    // the title has one line on a phone, and puts the rarer actions in the ⋯ menu.
    if (this.moreMenu) this.moreMenu.close();
    this.moreMenu = this.page ? null : new MenuButton({ id: 'more', label: L.moreActions, items: [
      { label: L.expand, icon: 'expand', className: 'expand', checkbox: true,
        onselect: () => this.setExpanded(!this.expanded) },
      { label: L.download, icon: 'download', onselect: () => this.download() },
      { label: L.clear, icon: 'clear', onselect: () => this.clear() },
    ] });
    const bar = h('div', { class: 'bar', part: 'header' },
      h('div', { class: 'bar__titles' },
        h(this.page ? 'h1' : 'h2', { class: 'title', id: 'title', part: 'title' }, title),
        h('div', {}, this.status)),
      this.page ? [button(L.download, 'download', () => this.download()), button(L.clear, 'clear', () => this.clear())]
        : [this.moreMenu.button, this.moreMenu.popup, button(L.close, 'down', () => this.close())]);

    this.panel = h('div', { class: 'panel', id: 'panel', role: this.page ? null : 'dialog', part: 'panel',
      'aria-labelledby': this.page ? null : 'title', hidden: !this.page },
    bar, this.notice, this.banner, this.log, this.typing, this.undoBar, composer, footer);

    this.launcher = null;
    this.badge = null;
    if (!this.page && launcher !== 'none') {
      // Named by aria-label (the visible label or the title, and the unread count), set by showUnread().
      this.badge = h('span', { class: 'badge', part: 'badge', 'aria-hidden': 'true', hidden: true });
      this.launcher = h('button', { type: 'button', class: 'launcher' + (launcherLabel ? ' has-label' : ''),
        id: 'launcher', title, 'aria-expanded': 'false', 'aria-controls': 'panel', part: 'launcher',
        onclick: () => (this.isOpen ? this.close() : this.open()) },
      launcherIcon === 'none' && launcherLabel ? null : icon(launcherIcon === 'help' ? 'help' : 'chat'),
      launcherLabel ? h('span', { class: 'launcher__label', 'aria-hidden': 'true' }, launcherLabel) : null,
      this.badge);
    }

    // The greeting: its text opens the chat, × dismisses it. Not a live region: the visually hidden status
    // below says it once, politely, when it appears.
    this.teaser = null;
    this.teaserSaid = null;
    if (this.launcher && this.options.teaser) {
      this.teaser = h('div', { class: 'teaser', part: 'teaser', hidden: !this.teaserShown },
        h('button', { type: 'button', class: 'teaser__text', dir: 'auto', part: 'teaser-text',
          onclick: () => this.open() }, this.options.teaser),
        h('button', { type: 'button', class: 'teaser__close', 'aria-label': L.teaserClose, title: L.teaserClose,
          part: 'teaser-close', onclick: () => this.hideTeaser({ focusLauncher: true }) }, icon('close')));
      this.teaserSaid = h('p', { class: 'visually-hidden', role: 'status' });
    }

    const classes = ['root', this.page ? 'page' : 'widget', position === 'left' ? 'left' : '',
      theme === 'light' || theme === 'dark' ? 'theme-' + theme : '', this.launcher || this.page ? '' : 'no-launcher'];
    this.root = h(this.page ? 'section' : 'aside', {
      class: classes.filter(Boolean).join(' '), lang: lang || null,
      'aria-label': this.page ? null : title, 'aria-labelledby': this.page ? 'title' : null,
      onkeydown: (e) => this.onKey(e) }, this.teaser, this.teaserSaid, this.launcher, this.panel);
    this.applyStyleOptions();
    this.showUnread();
    return this.root;
  }

  // What the tag and init() say about colour, font, offset and stacking, as --site-* variables below the
  // site's own --ca-* ones. An accent set as --ca-accent on the page is measured like data-color.
  applyStyleOptions() {
    const { accent, font, offsetX, offsetY, zIndex } = this.options;
    const hostAccent = this.host ? getComputedStyle(this.host).getPropertyValue('--ca-accent').trim() : '';
    const values = { '--site-font': font, '--site-offset-x': offsetX, '--site-offset-y': offsetY,
      '--site-z-index': zIndex, ...(hostAccent || accent ? accentVariables(hostAccent || accent) : {}) };
    for (const [k, v] of Object.entries(values)) if (v) this.root.style.setProperty(k, v);
  }

  welcome() {
    this.topicChips = h('div', { class: 'chips', role: 'group', 'aria-label': this.labels.exampleQuestions, hidden: true });
    return h('div', { class: 'welcome' },
      h('p', { class: 'msg msg--welcome', part: 'message message-welcome', dir: 'auto' }, this.labels.welcome),
      this.topicChips);
  }

  // Example questions, one per topic, the topic's main question first. Best effort: the chat works without.
  async showTopics() {
    if (this.topicsShown) return;
    this.topicsShown = true;
    try {
      const examples = await exampleQuestions(this.options.serverUrl, this.page ? 6 : 4);
      this.topicChips.replaceChildren(...examples.map((text) => this.chip(text)));
      this.topicChips.hidden = examples.length === 0;
    } catch {
      this.topicsShown = false;  // tried again on the next connection
    }
  }

  // A chip asks its question; pressed from the keyboard, the focus goes on to the input (a click leaves it,
  // so a phone does not open its keyboard).
  chip(text) {
    return h('button', { type: 'button', class: 'chip', part: 'chip', dir: 'auto', disabled: this.connection.state === State.unavailable,
      onclick: (event) => {
      this.ask(text).catch(() => {});
      if (event.detail === 0) this.input.focus();
    } }, text);
  }

  // ----- opening and closing (the page is always open)

  open({ focus = true } = {}) {
    if (!this.isOpen) {
      const active = document.activeElement;
      if (active && active !== document.body && active !== this.host) this.returnFocus = active;
      this.setOpen(true);
      this.emit('open');
    }
    if (focus) this.input.focus();
  }

  // Focus goes back to the launcher (or, without one, where it was before opening) only if it was in the
  // panel: a script closing us must not steal it.
  close() {
    if (this.page || !this.isOpen) return;
    const hadFocus = this.panel.contains(this.host.shadowRoot.activeElement);
    this.setOpen(false);
    if (hadFocus) {
      const back = this.launcher || (this.returnFocus && this.returnFocus.isConnected ? this.returnFocus : null);
      if (back) back.focus({ preventScroll: true });  // the page is back where the visitor left it
    }
    this.emit('close');
  }

  setOpen(open, { quiet = false } = {}) {
    this.isOpen = open;
    if (!this.page) {
      this.panel.hidden = !open;
      this.root.classList.toggle('open', open);
      if (this.launcher) this.launcher.setAttribute('aria-expanded', String(open));
      if (open) this.hideTeaser();
      if (open && this.unread) {
        this.unread = 0;
        this.showUnread();
      }
      if (!quiet) this.save();
      this.showModal();
    }
    if (open) {
      this.start();
      this.showTopics();
      this.scrollToEnd();
    }
  }

  setExpanded(expanded) {
    this.expanded = expanded;
    this.root.classList.toggle('expanded', expanded);
    this.showModal();
    if (this.moreMenu) this.moreMenu.setChecked('expand', expanded);
  }

  // ----- the greeting beside the launcher (data-teaser)

  // Once per tab session (sessionStorage, per chat), after the delay, while the panel is closed and the screen is
  // large enough for the greeting to sit beside the page rather than over it (the CSS hides it if that changes).
  get teaserKey() { return this.options.storageKey + ':teaser'; }

  scheduleTeaser() {
    if (!this.teaser || this.teaserTimer || this.teaserShown || this.isOpen || this.teaserSeen()) return;
    this.teaserTimer = setTimeout(() => {
      this.teaserTimer = 0;
      this.showTeaser();
    }, Math.max(0, this.options.teaserDelay * 1000 - (Date.now() - this.startedAt)));
  }

  teaserSeen() {
    try { return window.sessionStorage.getItem(this.teaserKey) !== null; } catch { return false; }
  }

  showTeaser() {
    if (!this.teaser || this.isOpen || this.smallScreen.matches || this.teaserSeen()) return;
    try { window.sessionStorage.setItem(this.teaserKey, 'shown'); } catch { /* then once per page */ }
    this.teaserShown = true;
    this.teaser.hidden = false;
    this.teaserSaid.textContent = this.options.teaser;
    document.addEventListener('keydown', this.teaserEscape);
  }

  // Dismissed (×, Escape), or the chat opened (before or after it showed): not again this session. × gives
  // the focus to the launcher, as does any way of hiding it from under the focus.
  hideTeaser({ focusLauncher = false } = {}) {
    if (!this.teaser) return;
    clearTimeout(this.teaserTimer);
    this.teaserTimer = 0;
    try { window.sessionStorage.setItem(this.teaserKey, 'done'); } catch { /* then once per page */ }
    if (!this.teaserShown) return;
    this.teaserShown = false;
    document.removeEventListener('keydown', this.teaserEscape);
    const hadFocus = this.teaser.contains(this.host.shadowRoot.activeElement);
    this.teaser.hidden = true;
    this.teaserSaid.textContent = '';
    if (hadFocus || focusLauncher) this.launcher.focus({ preventScroll: true });
  }

  showUnread() {
    if (!this.badge) return;
    this.badge.hidden = this.unread === 0;
    this.badge.textContent = this.unread > 9 ? '9+' : String(this.unread);
    this.launcher.setAttribute('aria-label', (this.options.launcherLabel || this.options.title) +
      (this.unread ? ', ' + fill(this.labels.unread, { count: this.unread }) : ''));
  }

  onKey(event) {
    if (event.key === 'Escape' && !this.page && this.isOpen) {
      event.stopPropagation();
      if (this.expanded) this.setExpanded(false);
      else this.close();
    }
  }

  // ----- modal: the open panel covers the page (a small screen, or full screen)

  // While the panel covers the page the dialog is modal: it says so (aria-modal), Tab and Shift+Tab go round
  // inside it, the focus cannot stay behind it, and the page behind does not scroll. All undone, and the page
  // scrolled back to where it was, once the panel no longer covers the page or closes (close() gives the
  // focus back). The listeners are the document's: the focus may be on its body, after a tap on the panel's text.
  showModal() {
    const modal = !this.page && this.isOpen && (this.expanded || this.smallScreen.matches);
    if (modal) this.panel.setAttribute('aria-modal', 'true');
    else this.panel.removeAttribute('aria-modal');
    if (modal === this.modal) return;
    this.modal = modal;
    if (modal) {
      this.registry.pageScroll.hold(this);
      document.addEventListener('keydown', this.tabGuard, true);
      document.addEventListener('focusin', this.focusGuard);
    } else {
      this.registry.pageScroll.release(this);
      document.removeEventListener('keydown', this.tabGuard, true);
      document.removeEventListener('focusin', this.focusGuard);
    }
  }

  // Whether `node` is in the chat: in its shadow tree, or the site's content slotted into it.
  contains(node) {
    return this.root.contains(node) || this.host.contains(node);
  }

  // Tab from the panel's last stop goes to its first, Shift+Tab from the first to the last, and either from
  // outside the panel (the page's body) into it.
  keepTabInside(event) {
    if (event.key !== 'Tab') return;
    const stops = tabStops(this.panel);
    if (!stops.length) return;
    const [first, last] = [stops[0], stops[stops.length - 1]];
    const from = event.composedPath()[0];
    if (this.contains(from) && from !== (event.shiftKey ? first : last)) return;
    event.preventDefault();
    (event.shiftKey ? last : first).focus();
  }

  // The focus went to the page behind the modal panel another way: back to the panel's first stop.
  guardFocus(event) {
    if (this.contains(event.composedPath()[0])) return;
    const [first] = tabStops(this.panel);
    if (first) first.focus();
  }

  // ----- asking

  onInputKey(event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.input.form.requestSubmit();
    }
  }

  // A question the input box cannot send stays in it; one too long (the server's limit came after it was
  // typed) is said to be.
  onSubmit(event) {
    event.preventDefault();
    const problem = this.questionProblem(this.input.value.trim());
    if (problem) {
      if (problem.code === 'too_long') this.sayAboutInput(this.labels.tooLong, 'too_long');
      return;
    }
    this.ask(this.input.value).catch(() => {});
    this.input.value = '';
    this.onInput();
  }

  // The box's maxlength cuts a paste (or drop) that does not fit without a word: learn here that it will,
  // to say so once the text is in.
  onBeforeInput(event) {
    const text = event.data ?? (event.dataTransfer ? event.dataTransfer.getData('text/plain') : null);
    if (!event.inputType.startsWith('insertFrom') || !text) return;
    const { value, selectionStart, selectionEnd, maxLength } = this.input;
    const length = value.length - (selectionEnd - selectionStart) + text.replace(/\r\n?/g, '\n').length;
    this.cutComing = maxLength >= 0 && length > maxLength;
  }

  onInput() {
    this.fitInput();
    if (this.cutComing) {
      this.cutComing = false;
      this.sayAboutInput(fill(this.labels.pasteCut, { limit: this.number(this.limits.max_question_chars) }), 'cut');
    } else if (!this.input.value || (this.inputNoteFor === 'too_long' && !this.overLimit())) {
      this.sayAboutInput('');
    }
    this.showCount();
  }

  // What happened to the text in the box, in the polite live region above it ('' clears it).
  sayAboutInput(text, reason = null) {
    this.inputNote.textContent = text;
    this.inputNoteFor = text ? reason : null;
    this.describeInput();
  }

  overLimit() {
    return charLength(this.input.value) > this.limits.max_question_chars;
  }

  // From COUNTER_FROM of the limit: "188 characters left", or "12 characters too many" (a limit that came
  // after the text). Counted as the server counts, in code points; maxlength counts UTF-16 units, so the box
  // may stop short of the limit on text of emoji, never past it.
  showCount() {
    const limit = this.limits.max_question_chars;
    const count = charLength(this.input.value);
    const shown = count > 0 && count >= limit * COUNTER_FROM;
    const left = limit - count;
    const n = Math.abs(left);
    const L = this.labels;
    const text = !shown ? '' : fill(left >= 0 ? (n === 1 ? L.characterLeft : L.charactersLeft)
      : (n === 1 ? L.characterOver : L.charactersOver), { count: this.number(n) });
    this.counter.hidden = !shown;
    this.counter.textContent = text;
    this.counter.classList.toggle('is-over', left < 0);
    if (left < 0) this.input.setAttribute('aria-invalid', 'true');
    else this.input.removeAttribute('aria-invalid');
    clearTimeout(this.countTimer);
    this.countTimer = setTimeout(() => { this.spokenCount.textContent = text; }, COUNT_SPOKEN_AFTER_MS);
    this.describeInput();
  }

  // The input's description: why it is disabled, what happened to its text, the count near the limit.
  describeInput() {
    const ids = [[this.notice, !this.notice.hidden], [this.inputNote, this.inputNote.textContent !== ''],
      [this.counter, !this.counter.hidden]].filter(([, on]) => on).map(([node]) => node.id);
    if (ids.length) this.input.setAttribute('aria-describedby', ids.join(' '));
    else this.input.removeAttribute('aria-describedby');
  }

  number(n) {
    try {
      return new Intl.NumberFormat(this.options.lang || undefined).format(n);
    } catch {
      return String(n);
    }
  }

  // The placeholder whole on one line, or the short one where the box is too narrow for it (a phone, a long
  // title). Measured with the input's own font; a hidden input (closed widget) waits for its first size.
  fitPlaceholder() {
    const style = getComputedStyle(this.input);
    const room = this.input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    if (!(room > 0)) return;
    const canvas = canvasContext();
    if (!canvas) return;
    canvas.font = style.font;
    const fits = canvas.measureText(this.placeholder).width <= room;
    this.input.placeholder = fits ? this.placeholder : this.labels.shortPlaceholder;
  }

  fitInput() {
    this.input.style.height = 'auto';
    this.input.style.height = this.input.scrollHeight + 2 + 'px';
  }

  // The one check for the input box and the API: a reason to refuse the question, or null.
  questionProblem(question) {
    if (!question) return failure('empty', 'the question is empty');
    if (charLength(question) > this.limits.max_question_chars) {
      return failure('too_long', `the question is longer than ${this.limits.max_question_chars} characters`);
    }
    if (this.connection.state === State.unavailable) return this.unavailableError();
    return null;
  }

  unavailableError() {
    return failure('unavailable', `the server ${this.options.serverUrl} refuses chats from this site (${location.origin})`);
  }

  ask(text) {
    const question = String(text === undefined || text === null ? '' : text).trim();
    const problem = this.questionProblem(question);
    if (problem) return Promise.reject(problem);
    if (!this.isOpen) this.open({ focus: false });
    this.start();
    const answered = this.outbox.ask(question);
    this.updateTyping();
    return answered;
  }

  receive(reply) {
    this.outbox.receive(reply);
    this.updateTyping();
  }

  // An answer arrived: counted as unread while the widget is closed, and told to the page.
  answered(reply) {
    if (!this.page && !this.isOpen) {
      this.unread += 1;
      this.showUnread();
      this.save();
    }
    this.emit('answer', { answer: reply });
  }

  // Clears at once and offers Undo for a few seconds (the conversation stays in memory until then).
  clear() {
    const kept = this.outbox.clear();
    this.renderMessages();
    this.save();
    this.updateTyping();
    if (this.connection.open) this.connection.restart();
    if (kept.messages.length) this.offerUndo(kept);
    this.input.focus();
  }

  offerUndo(kept) {
    clearTimeout(this.undoTimer);
    const hide = () => { clearTimeout(this.undoTimer); this.undoBar.hidden = true; this.undoBar.replaceChildren(); };
    const undo = () => {
      hide();
      this.outbox.restore(kept);
      this.renderMessages();
      this.save();
      this.input.focus();
    };
    this.undoBar.replaceChildren(h('span', {}, this.labels.cleared),
      h('button', { type: 'button', part: 'undo-button', onclick: undo }, this.labels.undo));
    this.undoBar.hidden = false;
    this.undoTimer = setTimeout(hide, UNDO_MS);
  }

  // ----- connection state

  showState(state, previous) {
    this.root.dataset.state = state;
    this.status.textContent = this.labels[STATE_LABELS[state]] || state;
    this.showAvailable(state !== State.unavailable);
    this.showBanner(state === State.offline);
    if (state === State.connected) {
      this.showTopics();
      this.outbox.connected();
    } else {
      this.outbox.disconnected();
    }
    this.updateTyping();
    if (state === State.unavailable && previous !== state) this.becameUnavailable();
    if (previous !== undefined && previous !== state) this.emit('state', { state, previous });
  }

  // While the server refuses this site nothing can be asked: the input, Send and every chip are disabled and
  // described by the notice that says why. The focus, if on one of them, moves to that notice (a disabled
  // control drops it, and Escape would no longer reach the widget).
  showAvailable(available) {
    const controls = [this.input, this.sendButton, ...this.root.querySelectorAll('.chip')];
    const hadFocus = controls.includes(this.host.shadowRoot.activeElement);
    this.notice.hidden = available;
    for (const control of controls) control.disabled = !available;
    if (available) this.sendButton.removeAttribute('aria-describedby');
    else this.sendButton.setAttribute('aria-describedby', 'notice');
    this.describeInput();
    if (!available && hadFocus) this.notice.focus();
  }

  // Offline (OFFLINE_AFTER_FAILURES attempts in a row failed, or the browser has no network): the banner says
  // that questions wait, and Retry connects now instead of after the backoff. Gone once connected; the focus,
  // if on Retry, goes on to the input.
  showBanner(show) {
    if (show === this.banner.hasChildNodes()) return;
    const hadFocus = this.banner.contains(this.host.shadowRoot.activeElement);
    this.banner.replaceChildren(...(!show ? [] : [icon('alert'),
      h('span', { class: 'banner__text' }, this.labels.offlineNotice),
      h('button', { type: 'button', class: 'retry', part: 'retry', onclick: () => this.connection.retryNow() },
        this.labels.retry)]));
    if (hadFocus) (this.input.disabled ? this.notice : this.input).focus();
  }

  // Nothing queued will be sent: each waiting question fails, and the site owner is told once how to fix it.
  becameUnavailable() {
    this.outbox.failWaiting(this.unavailableError());
    const told = this.registry.told;
    if (!told.has(this.options.serverUrl)) {
      told.add(this.options.serverUrl);
      console.error(`Career Advisor: ${this.options.serverUrl} refuses chats from this site (${location.origin}). ` +
        `Allow it on the server: career-advisor serve --allowed-origin ${location.origin} (and, if this page sends a ` +
        'Content-Security-Policy, let its connect-src include the server\'s wss:// or ws:// address).');
    }
  }

  updateTyping() {
    this.typing.hidden = !(this.connection.open && this.outbox.sending);
  }

  // ----- rendering
  // Texts written by the visitor or the server say their own direction (dir="auto"): an English answer on a
  // right-to-left page keeps its full stop at its end; the layout around them follows the page (logical CSS).

  showAdded(message) {
    const node = this.render(message);
    this.log.append(node);
    if (message.role === Role.bot) this.scrollToAnswer(node);
    else this.scrollToEnd();
  }

  renderMessages() {
    this.nodes.clear();
    this.log.replaceChildren(this.log.firstChild, ...this.outbox.messages.map((m) => this.render(m)));
    this.scrollToEnd();
  }

  // The time a message was written, as a <time>: the hour alone today, with the date before.
  time(at) {
    if (typeof at !== 'number') return null;
    const when = new Date(at);
    const today = when.toDateString() === new Date().toDateString();
    let text;
    try {
      text = new Intl.DateTimeFormat(this.options.lang || undefined,
        today ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' }).format(when);
    } catch {
      text = when.toLocaleString();
    }
    return h('time', { class: 'msg__time', datetime: when.toISOString(), part: 'time' }, text);
  }

  render(message) {
    const L = this.labels;
    if (message.role === Role.user) {
      const node = h('div', { class: 'msg msg--user', part: 'message message-user' },
        h('span', { class: 'visually-hidden' }, L.you + ': '),
        h('span', { class: 'msg__text', dir: 'auto' }, message.text), this.time(message.at));
      this.nodes.set(message.id, node);
      this.updateQuestion(message);
      return node;
    }
    if (message.role === Role.error) {
      return h('div', { class: 'msg msg--error', part: 'message message-error', dir: 'auto' }, message.text);
    }
    const a = message.answer || {};
    const salary = a.data && a.data.kind === 'salary' && Array.isArray(a.data.rows) && a.data.rows.length > 0;
    const sources = this.sources(a);
    const suggestions = Array.isArray(a.suggestions) ? a.suggestions.filter((s) => typeof s === 'string') : [];
    return h('div', { class: 'msg msg--bot', part: 'message message-bot' },
      h('span', { class: 'visually-hidden' }, L.advisor + ': '),
      h('div', { class: 'msg__text', dir: 'auto' }, markdown(a.text || '', L)),
      salary ? salaryFigure(a.data, L, Object.fromEntries(sources.map((s) => [s.id, s.publisher || s.title]))) : null,
      sources.length ? h('p', { class: 'msg__sources', part: 'sources', dir: 'auto' },
        L.sources + ': ', sourceLine(sources, this.options.lang)) : null,
      suggestions.length ? h('div', { class: 'chips', role: 'group', 'aria-label': L.suggestedQuestions },
        suggestions.map((s) => this.chip(s))) : null,
      h('div', { class: 'actions' }, a.answerId ? this.feedbackControls(message) : null, this.copyControl(message)),
      this.time(message.at));
  }

  sources(answer) {
    return Array.isArray(answer.sources) ? answer.sources.filter((s) => s && typeof s.title === 'string' && s.title) : [];
  }

  // ----- copy and transcript

  answerText(answer) {
    const sources = this.sources(answer);
    return plainText(answer.text || '') +
      (sources.length ? '\n\n' + this.labels.sources + ': ' + sourceLine(sources, this.options.lang, true) : '');
  }

  // Whether it copied shows on the button itself for a moment (a check, or an alert) and is said by a status
  // region: a note beside the button would push the buttons about.
  copyControl(message) {
    const L = this.labels;
    const note = h('span', { class: 'visually-hidden', role: 'status' });
    let timer = 0;
    const show = (name, said) => {
      button.replaceChildren(icon(name));
      button.title = said || L.copy;
      note.textContent = said;
    };
    const copy = async () => {
      const text = this.answerText(message.answer || {});
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

  transcript() {
    const L = this.labels;
    const date = new Date().toISOString().slice(0, 10);
    const lines = [fill(L.transcriptTitle, { title: this.options.title, date }), ''];
    const stamp = (at) => (typeof at === 'number' ? `[${new Date(at).toISOString().slice(0, 16).replace('T', ' ')}] ` : '');
    for (const m of this.outbox.messages) {
      if (m.role === Role.user) lines.push(stamp(m.at) + L.you + ': ' + m.text);
      else if (m.role === Role.bot) lines.push(stamp(m.at) + L.advisor + ': ' + this.answerText(m.answer || {}));
      else lines.push(stamp(m.at) + m.text);
      lines.push('');
    }
    return lines.join('\n');
  }

  download() {
    const url = URL.createObjectURL(new Blob([this.transcript()], { type: 'text/plain;charset=utf-8' }));
    const anchor = h('a', { href: url, download: 'career-advisor-' + new Date().toISOString().slice(0, 10) + '.txt' });
    anchor.hidden = true;
    this.root.append(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  // ----- feedback: one vote per answer, changeable; "not helpful" may add a comment

  feedbackControls(message) {
    const L = this.labels;
    const vote = (helpful, label, name) => h('button', { type: 'button', class: 'vote', 'aria-label': label, title: label,
      'aria-pressed': String(message.vote ? message.vote.helpful === helpful : false), part: 'vote',
      onclick: () => this.outbox.vote(message, helpful) }, icon(name));
    const node = h('div', { class: 'feedback', role: 'group', 'aria-label': L.feedbackQuestion },
      h('span', { 'aria-hidden': 'true' }, L.feedbackPrompt),
      vote(true, L.helpful, 'thumbs_up'), vote(false, L.notHelpful, 'thumbs_down'),
      h('span', { class: 'feedback__note', role: 'status' }));
    this.voteNodes.set(message, node);
    this.showVote(message);
    return node;
  }

  // The buttons' pressed state, the note beside them, and the comment box after a "not helpful" vote.
  showVote(message) {
    const node = this.voteNodes.get(message);
    if (!node) return;
    const L = this.labels;
    const { vote } = message;
    const [up, down] = node.querySelectorAll('.vote');
    up.setAttribute('aria-pressed', String(!!vote && vote.helpful));
    down.setAttribute('aria-pressed', String(!!vote && !vote.helpful));
    const note = node.querySelector('.feedback__note');
    note.textContent = !vote ? '' : vote.status === VoteStatus.failed ? L.feedbackFailed
      : vote.status === VoteStatus.saved ? L.feedbackThanks : '';
    const form = node.querySelector('.feedback__comment');
    const wantsComment = vote && !vote.helpful && !vote.comment && vote.status !== VoteStatus.failed;
    if (wantsComment && !form) {
      const input = h('input', { type: 'text', maxlength: this.limits.max_comment_chars, 'aria-label': L.commentPrompt,
        placeholder: L.commentPrompt });
      node.append(h('form', { class: 'feedback__comment', onsubmit: (e) => {
        e.preventDefault();
        if (input.value.trim()) this.outbox.vote(message, false, input.value.trim());
      } }, input, h('button', { type: 'submit' }, L.commentSend)));
    } else if (!wantsComment && form) {
      form.remove();
    }
  }

  updateQuestion(message) {
    const node = this.nodes.get(message.id);
    if (!node) return;
    const queued = message.status === Status.queued && !this.connection.open;
    const failed = message.status === Status.failed;
    node.classList.toggle('is-queued', queued);
    node.classList.toggle('is-failed', failed);
    const old = node.querySelector('.msg__pending');
    if (old) old.remove();
    if (queued || failed) {
      node.append(h('span', { class: 'msg__pending' }, icon(failed ? 'alert' : 'clock'),
        failed ? this.labels.notSent : this.labels.waiting));
    }
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
    this.history.save({ open: !this.page && this.isOpen, messages: this.outbox.messages, context: this.outbox.context,
      unread: this.unread });
  }

  emit(name, detail = {}) {
    if (!this.host) return;
    this.host.dispatchEvent(new CustomEvent('careeradvisor:' + name,
      { bubbles: true, detail: { instance: this.api, ...detail } }));
  }
}
