// One WebSocket, reopened after drops with exponential backoff and jitter (so a restarted server is not hit
// by every client at once). The owner hears state changes, messages and closes; it keeps its own queue
// (outbox.mjs), for which it is the transport: `open`, send(), retryNow().
//
// "unavailable" rather than "offline": a browser is not told why a handshake failed, so it is inferred. The
// server refuses this site when it says so (/api/v1/limits: "origin_allowed": false), or when this page has
// never had a socket open, UNAVAILABLE_AFTER_FAILURES handshakes in a row failed and the server still answers
// HTTP. Retries go on, once a minute, in case the server is reconfigured.

// The states, as the API (`state`), the chat's data-state and careeradvisor:state events name them
// (docs/widget.md#states).
export const State = Object.freeze({
  idle: 'idle',  // a closed widget that has not connected yet
  connecting: 'connecting',
  connected: 'connected',
  reconnecting: 'reconnecting',  // it was connected; retrying with backoff
  offline: 'offline',  // OFFLINE_AFTER_FAILURES attempts in a row failed, or the browser is offline; retries go on
  unavailable: 'unavailable',  // the server refuses this site
});

const RETRY_BASE_MS = 500;
const RETRY_CAP_MS = 10000;
const RETRY_UNAVAILABLE_MS = 60000;  // a refusing server is asked again, rarely, in case it is reconfigured
const OFFLINE_AFTER_FAILURES = 3;
const UNAVAILABLE_AFTER_FAILURES = 2;

export class Connection {
  // url: the socket's (ws:// or wss://). onState(state, previous) on each change; onMessage(object) for each
  // JSON object the server sends; onClose(code, opened) when a socket closes; reachable() → a promise of
  // whether the server answers HTTP (server_info.mjs). Nothing connects before start().
  constructor(url, { onState, onMessage, onClose, reachable }) {
    this.url = url;
    this.onState = onState;
    this.onMessage = onMessage;
    this.onClose = onClose;
    this.reachable = reachable;
    this.refused = false;  // the server said it refuses this origin
    this.socket = null;
    this.timer = 0;
    this.failures = 0;
    this.everOpened = false;
    this.state = State.idle;
    window.addEventListener('online', () => this.retryNow());
    window.addEventListener('offline', () => {
      if (!this.open && this.state !== State.idle && this.state !== State.unavailable) this.setState(State.offline);
    });
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') this.retryNow();
    });
  }

  get open() { return this.state === State.connected; }

  start() {
    if (this.state === State.idle) this.connect();
  }

  // After a user action, or when the network returns: no reason to sit out the backoff.
  retryNow() {
    if (this.state !== State.idle && !this.socket) this.connect();
  }

  // A fresh socket, so the server forgets the conversation's context.
  restart() {
    const old = this.socket;
    this.socket = null;
    if (old) old.close(1000, 'conversation cleared');
    if (this.state !== State.idle) this.connect();
  }

  // The server refuses this origin (it said so): no need to wait for failures to show it.
  refuse() {
    this.refused = true;
    if (!this.open && this.state !== State.idle) this.unavailable();
  }

  // Sends a frame (text, or an object as JSON) if connected; false when not.
  send(message) {
    if (!this.open) return false;
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
    return true;
  }

  connect() {
    clearTimeout(this.timer);
    this.setState(this.notConnectedState());
    let socket;
    try {
      socket = new WebSocket(this.url);
    } catch {
      this.failed();  // e.g. a host page CSP that forbids the connection
      return;
    }
    this.socket = socket;
    let opened = false;
    socket.addEventListener('open', () => {
      if (this.socket !== socket) return;
      opened = true;
      this.everOpened = true;
      this.failures = 0;
      this.setState(State.connected);
    });
    socket.addEventListener('message', (event) => {
      if (this.socket !== socket) return;
      let message;
      try { message = JSON.parse(event.data); } catch { return; }
      if (message && typeof message === 'object') this.onMessage(message);
    });
    socket.addEventListener('close', (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.onClose(event.code, opened);
      this.failed(opened);
    });
  }

  failed(afterOpen = false) {
    if (!afterOpen) this.failures += 1;
    if (this.refused || this.notConnectedState() === State.unavailable) {
      this.unavailable();  // still refused: the next try in a minute
      return;
    }
    this.schedule(Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** this.failures));
    this.setState(this.notConnectedState());
    if (!afterOpen && !this.everOpened && this.failures >= UNAVAILABLE_AFTER_FAILURES && this.state !== State.unavailable) {
      const failures = this.failures;
      this.reachable().then((up) => {
        if (up && this.failures === failures && !this.open && !this.socket && this.state !== State.idle) this.unavailable();
      });
    }
  }

  unavailable() {
    this.schedule(RETRY_UNAVAILABLE_MS);
    this.setState(State.unavailable);
  }

  // The next attempt in between half the ceiling and the ceiling.
  schedule(ceiling) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.connect(), ceiling / 2 + Math.random() * ceiling / 2);
  }

  // Said while trying: a few failed attempts in a row (or no network) is "offline", though retries go on.
  notConnectedState() {
    if (this.state === State.unavailable && !this.everOpened) return State.unavailable;
    if (navigator.onLine === false || this.failures >= OFFLINE_AFTER_FAILURES) return State.offline;
    return this.everOpened ? State.reconnecting : State.connecting;
  }

  setState(state) {
    if (state === this.state) return;
    const previous = this.state;
    this.state = state;
    this.onState(state, previous);
  }
}
