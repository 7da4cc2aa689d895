// The conversation kept in Web Storage, for the tab (sessionStorage) or across visits (localStorage). Storage
// may be missing or full (private modes, sandboxed frames, quotas): the chat then works for the life of the page.
//
// What is stored, under the chat's key: { v: 1, open, messages, context, unread }; `messages` as the outbox
// keeps them (outbox.mjs), the last KEPT_MESSAGES of them. A stored question that was queued or sent is asked
// again when the page comes back.

const KEPT_MESSAGES = 200;

export class History {
  // kind: 'local' or 'session'; key: the chat's storage key (options.mjs).
  constructor(kind, key) {
    this.key = key;
    try { this.area = kind === 'local' ? window.localStorage : window.sessionStorage; } catch { this.area = null; }
  }

  // What was stored, or an empty conversation when nothing usable was.
  load() {
    try {
      const saved = JSON.parse(this.area.getItem(this.key));
      if (saved && saved.v === 1 && Array.isArray(saved.messages)) return saved;
    } catch { /* nothing usable stored */ }
    return { v: 1, open: false, messages: [], context: null, unread: 0 };
  }

  save(state) {
    try {
      this.area.setItem(this.key, JSON.stringify({ v: 1, open: state.open, messages: state.messages.slice(-KEPT_MESSAGES),
        context: state.context, unread: state.unread }));
    } catch { /* see the file's comment */ }
  }
}
