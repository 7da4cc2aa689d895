// The chat: one per script tag, in its own open shadow root. It holds the parts together: the connection and
// the outbox (what is said and sent), the views of a build (conversation, composer, feedback, the greeting),
// and what is its own: the frame (header, panel, launcher), opening and closing, the modal panel, the
// connection's state as the visitor sees it, clearing with Undo, the public API and its events.
//
// build() makes the whole shadow tree from the options; configure() (CareerAdvisor.init) builds it again in
// place, the conversation and the connection kept.
import { Composer, charLength } from './composer.mjs';
import { Connection, State } from './connection.mjs';
import { ConversationView } from './conversation.mjs';
import { h, icon } from './dom.mjs';
import { FeedbackControls } from './feedback.mjs';
import { History } from './history.mjs';
import { fill } from './labels.mjs';
import { MenuButton } from './menu_button.mjs';
import { FocusTrap, SMALL_SCREEN } from './modal.mjs';
import { mergeSettings } from './options.mjs';
import { Outbox, failure } from './outbox.mjs';
import { DEFAULT_LIMITS, exampleQuestions, serverLimits, serverReachable } from './server_info.mjs';
import { adoptStyles } from './styles.mjs';
import { Teaser } from './teaser.mjs';
import { accentVariables } from './theme.mjs';
import { downloadText, transcriptText } from './transcript.mjs';

const UNDO_MS = 8000;

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
    this.focusTrap = new FocusTrap({ panel: () => this.panel, inside: (node) => this.contains(node) });
    this.moreMenu = null;  // the widget's ⋯ menu (MenuButton), made by build()
    this.topicsShown = false;
    this.limitsAsked = false;
    this.undoTimer = 0;
    this.teaser = new Teaser({ isOpen: () => this.isOpen, smallScreen: this.smallScreen, open: () => this.open(),
      activeElement: () => this.host.shadowRoot.activeElement });
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
        added: (message) => this.conversation.append(message),
        updated: (message) => this.conversation.updateQuestion(message),
        voted: (message) => {
          this.feedback.show(message);
          this.emit('feedback', { answerId: message.answer.answerId, helpful: message.vote.helpful });
        },
        voteUpdated: (message) => this.feedback.show(message),
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
    this.conversation.showAll(this.outbox.messages);
    this.showState(this.connection.state);
    if (!this.page) this.smallScreen.addEventListener('change', () => this.showModal());
    this.teaser.schedule();
    if (this.page || this.isOpen) this.setOpen(true);
    else if (this.outbox.waiting) this.start();
    // The chat page is there to be typed in; a widget waits to be opened.
    if (this.page) this.composer.input.focus({ preventScroll: true });
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
    this.composer.limitsChanged();
    if (allowed === false) this.connection.refuse();
  }

  // New settings (CareerAdvisor.init): rebuilt in place, conversation and connection kept.
  configure(settings) {
    this.options = mergeSettings(this.options, settings);
    if (!this.host) return;
    const old = this.root;
    this.topicsShown = false;
    old.replaceWith(this.build());
    this.conversation.showAll(this.outbox.messages);
    this.showState(this.connection.state, this.connection.state);
    this.setOpen(this.isOpen, { quiet: true });
    this.setExpanded(this.expanded);
    this.teaser.restart();
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
    this.feedback = new FeedbackControls({ labels: L, limits: () => this.limits,
      vote: (message, helpful, comment) => this.outbox.vote(message, helpful, comment) });
    this.conversation = new ConversationView({ labels: L, lang, chip: (text) => this.chip(text), feedback: this.feedback,
      connected: () => this.connection.open });
    this.typing = h('div', { class: 'typing', hidden: true, 'aria-hidden': 'true' }, h('span'), h('span'), h('span'));
    this.undoBar = h('div', { class: 'undo', role: 'status', part: 'undo' });
    this.undoBar.hidden = true;
    this.composer = new Composer({ labels: L, lang,
      placeholder: L.placeholder || (this.options.titleGiven ? title + '…' : L.defaultPlaceholder),
      limits: () => this.limits, notice: this.notice, check: (question) => this.questionProblem(question),
      ask: (text) => this.ask(text) });
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
    bar, this.notice, this.banner, this.conversation.log, this.typing, this.undoBar, this.composer.form, footer);

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

    const [teaser, teaserSaid] = this.teaser.build({ text: this.options.teaser, delay: this.options.teaserDelay,
      key: this.options.storageKey, labels: L, launcher: this.launcher });

    const classes = ['root', this.page ? 'page' : 'widget', position === 'left' ? 'left' : '',
      theme === 'light' || theme === 'dark' ? 'theme-' + theme : '', this.launcher || this.page ? '' : 'no-launcher'];
    this.root = h(this.page ? 'section' : 'aside', {
      class: classes.filter(Boolean).join(' '), lang: lang || null,
      'aria-label': this.page ? null : title, 'aria-labelledby': this.page ? 'title' : null,
      onkeydown: (e) => this.onKey(e) }, teaser, teaserSaid, this.launcher, this.panel);
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

  // Example questions, one per topic, the topic's main question first. Best effort: the chat works without.
  async showTopics() {
    if (this.topicsShown) return;
    this.topicsShown = true;
    try {
      this.conversation.showExamples(await exampleQuestions(this.options.serverUrl, this.page ? 6 : 4));
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
      if (event.detail === 0) this.composer.input.focus();
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
    if (focus) this.composer.input.focus();
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
      if (open) this.teaser.hide();
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
      this.conversation.scrollToEnd();
    }
  }

  setExpanded(expanded) {
    this.expanded = expanded;
    this.root.classList.toggle('expanded', expanded);
    this.showModal();
    if (this.moreMenu) this.moreMenu.setChecked('expand', expanded);
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
      this.focusTrap.engage();
    } else {
      this.registry.pageScroll.release(this);
      this.focusTrap.release();
    }
  }

  // Whether `node` is in the chat: in its shadow tree, or the site's content slotted into it.
  contains(node) {
    return this.root.contains(node) || this.host.contains(node);
  }

  // ----- asking

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
    this.conversation.showAll(this.outbox.messages);
    this.save();
    this.updateTyping();
    if (this.connection.open) this.connection.restart();
    if (kept.messages.length) this.offerUndo(kept);
    this.composer.input.focus();
  }

  offerUndo(kept) {
    clearTimeout(this.undoTimer);
    const hide = () => { clearTimeout(this.undoTimer); this.undoBar.hidden = true; this.undoBar.replaceChildren(); };
    const undo = () => {
      hide();
      this.outbox.restore(kept);
      this.conversation.showAll(this.outbox.messages);
      this.save();
      this.composer.input.focus();
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
    const { input, sendButton } = this.composer;
    const controls = [input, sendButton, ...this.root.querySelectorAll('.chip')];
    const hadFocus = controls.includes(this.host.shadowRoot.activeElement);
    this.notice.hidden = available;
    for (const control of controls) control.disabled = !available;
    if (available) sendButton.removeAttribute('aria-describedby');
    else sendButton.setAttribute('aria-describedby', 'notice');
    this.composer.describeInput();
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
    if (hadFocus) (this.composer.input.disabled ? this.notice : this.composer.input).focus();
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

  // The conversation as plain text (the API's transcript()).
  transcript() {
    return transcriptText(this.outbox.messages, { labels: this.labels, title: this.options.title, lang: this.options.lang });
  }

  download() {
    downloadText(this.transcript(), this.root);
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
