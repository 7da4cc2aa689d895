// Career Advisor chat: one component for the full page (/) and the widget other sites embed.
//
// Widget, on any site (a launcher button in a corner opens the chat panel):
//   <script src="https://HOST/widget.js" async data-title="Ask about back-end careers"></script>
// Full page, filling an element (no launcher; the element is 100dvh tall unless the page sizes it):
//   <main id="career-advisor"></main>
//   <script src="/widget.js" defer data-mount="#career-advisor"></script>
//
// docs/widget.md is the reference: every data-* attribute, CSS custom property, ::part() name, label key, API
// method, event and state. In short: data-title, -position, -color, -open, -storage, -id, -mount, -theme, -font,
// -lang, -labels (JSON), -footer, -launcher, -launcher-label, -launcher-icon, -offset, -z-index, -teaser,
// -teaser-delay; the host element
// takes --ca-accent, --ca-font, --ca-radius …; window.CareerAdvisor is a command queue before the script runs and
// the API after (ready, open, close, toggle, ask, clear, init, push, instances).
//
// The server is the script's own origin: answers come over wss://HOST/ws (ws:// for http), limits from
// /api/v1/limits, example questions from /api/v1/topics. Sites on another origin must be allowed with
// `serve --allowed-origin`; a refused site sees the state "unavailable" (the rule is in docs/widget.md).
//
// Generated from web/src/ by scripts/build-widget: edit the modules there, then run it.
"use strict";
(() => {
  // web/src/dom.mjs
  function h(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (value === false || value === null || value === void 0)
        continue;
      if (name.startsWith("on"))
        node.addEventListener(name.slice(2), value);
      else
        node.setAttribute(name, value === true ? "" : String(value));
    }
    node.append(...children.flat(Infinity).filter((c) => c !== null && c !== void 0 && c !== false && c !== ""));
    return node;
  }
  var SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attrs = {}, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attrs))
      node.setAttribute(name, String(value));
    if (text !== void 0)
      node.textContent = text;
    return node;
  }
  var ICONS = {
    chat: "M21 12a8 8 0 0 1-11.6 7.1L4 20.5l1.4-4.9A8 8 0 1 1 21 12z",
    help: "M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0zM9.5 9a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6V14M12 17.5v.01",
    down: "M6 9l6 6 6-6",
    close: "M6 6l12 12M18 6L6 18",
    send: "M5 12h13M12 5l7 7-7 7",
    clear: "M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3",
    clock: "M12 7v5l3 2M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0z",
    alert: "M12 8v5M12 16.5v.01M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0z",
    copy: "M9 9h11v11H9zM5 15H4V4h11v1",
    download: "M12 4v11M7 10l5 5 5-5M5 20h14",
    expand: "M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5",
    more: "M5 12h.01M12 12h.01M19 12h.01",
    check: "M5 12l5 5L20 7",
    thumbs_up: "M7 10v11M7 10l4-8a2.5 2.5 0 0 1 3 2.7L13.5 9H19a2 2 0 0 1 2 2.3l-1.3 7A2 2 0 0 1 17.7 20H7M3 10h4v11H3z",
    thumbs_down: "M17 14V3M17 14l-4 8a2.5 2.5 0 0 1-3-2.7l.5-4.3H5a2 2 0 0 1-2-2.3l1.3-7A2 2 0 0 1 6.3 4H17M21 14h-4V3h4z"
  };
  var LAUNCHER_ICONS = ["chat", "help", "none"];
  function icon(name) {
    const node = svg("svg", { viewBox: "0 0 24 24", "aria-hidden": "true", focusable: "false", class: "icon" });
    node.append(svg("path", { d: ICONS[name] }));
    return node;
  }
  var context2d = null;
  function canvasContext() {
    context2d = context2d || document.createElement("canvas").getContext("2d");
    return context2d;
  }

  // web/src/labels.mjs
  var LABELS = Object.freeze({
    welcome: "Hi! Ask me about the back-end web developer career: the job, skills, pay, outlook and how to get there.",
    placeholder: "",
    // empty: the title followed by "…", or "Ask about back-end careers…" without a data-title
    defaultPlaceholder: "Ask about back-end careers…",
    shortPlaceholder: "Ask a question…",
    // where the input is too narrow for the placeholder
    inputLabel: "Your question",
    send: "Send",
    close: "Close chat",
    clear: "Clear conversation",
    cleared: "Conversation cleared.",
    undo: "Undo",
    download: "Download transcript",
    expand: "Full screen",
    moreActions: "More actions",
    // the header's ⋯ menu button (widget)
    retry: "Retry",
    conversation: "Conversation",
    you: "You",
    advisor: "Advisor",
    exampleQuestions: "Example questions",
    suggestedQuestions: "Suggested questions",
    waiting: "Waiting to send…",
    notSent: "Not sent",
    tooLong: "That question is too long to send. Please shorten it.",
    charactersLeft: "{count} characters left",
    characterLeft: "{count} character left",
    charactersOver: "{count} characters too many",
    characterOver: "{count} character too many",
    pasteCut: "Your message was cut to {limit} characters.",
    notAnswered: "Sorry, that question could not be answered:",
    unavailable: "The chat is not available on this site right now.",
    offlineNotice: "Connection lost. Your questions will be sent once it is back.",
    unread: "{count} new",
    sources: "Sources",
    copy: "Copy answer",
    copied: "Copied.",
    copyFailed: "Could not copy.",
    opensInNewTab: "(opens in a new tab)",
    stateIdle: "Not connected",
    stateConnecting: "Connecting…",
    stateConnected: "Connected",
    stateReconnecting: "Reconnecting…",
    stateOffline: "Offline",
    stateUnavailable: "Unavailable",
    feedbackQuestion: "Was this answer helpful?",
    feedbackPrompt: "Helpful?",
    helpful: "Helpful",
    notHelpful: "Not helpful",
    feedbackThanks: "Thanks for the feedback.",
    feedbackFailed: "Your vote could not be saved.",
    commentPrompt: "What was missing? (optional)",
    commentSend: "Send",
    chartCaption: "Salary figures in US dollars a year",
    chartGroup: "Group",
    chartFigure: "Figure",
    chartKind: "Kind",
    chartSource: "Source",
    comparison: "comparison",
    range: "range",
    average: "average",
    median: "median",
    minimum: "minimum",
    transcriptTitle: "Conversation with {title}, {date}",
    teaserClose: "Dismiss the greeting"
  });
  var fill = (template, values) => String(template).replace(/\{(\w+)\}/g, (m, k) => k in values ? values[k] : m);

  // web/src/composer.mjs
  var COUNTER_FROM = 0.8;
  var COUNT_SPOKEN_AFTER_MS = 1e3;
  var charLength = (text) => [...text].length;
  var Composer = class {
    // labels, lang: the chat's. placeholder: the input's (fitPlaceholder() shortens it where it does not fit).
    // limits(): the chat's limits now. notice: the node that says the chat is unavailable; while shown it
    // describes the input. check(question): the chat's one check, a failure or null. ask(text): a promise.
    constructor({ labels, lang, placeholder, limits, notice, check, ask }) {
      this.labels = labels;
      this.lang = lang;
      this.placeholder = placeholder;
      this.limits = limits;
      this.notice = notice;
      this.check = check;
      this.ask = ask;
      this.input = h("textarea", {
        class: "input",
        id: "question",
        dir: "auto",
        rows: 1,
        maxlength: limits().max_question_chars,
        autocomplete: "off",
        enterkeyhint: "send",
        placeholder,
        part: "input",
        onbeforeinput: (e) => this.onBeforeInput(e),
        oninput: () => this.onInput(),
        onkeydown: (e) => this.onInputKey(e)
      });
      if (window.ResizeObserver)
        new ResizeObserver(() => this.fitPlaceholder()).observe(this.input);
      this.sendButton = h(
        "button",
        { type: "submit", class: "send", "aria-label": labels.send, title: labels.send, part: "send" },
        icon("send")
      );
      this.inputNote = h("p", { class: "input-note", id: "input-note", role: "status", part: "input-note" });
      this.counter = h("p", { class: "counter", id: "counter", "aria-hidden": "true", hidden: true, part: "counter" });
      this.spokenCount = h("p", { class: "visually-hidden spoken-count", role: "status" });
      this.cutComing = false;
      this.inputNoteFor = null;
      this.countTimer = 0;
      this.form = h(
        "form",
        {
          class: "composer",
          part: "composer",
          novalidate: true,
          onsubmit: (e) => this.onSubmit(e)
        },
        h("label", { class: "visually-hidden", for: "question" }, labels.inputLabel),
        h("div", { class: "input-info" }, this.inputNote, this.counter, this.spokenCount),
        this.input,
        this.sendButton
      );
    }
    // The server's limits came: the box's maxlength and the count follow them.
    limitsChanged() {
      this.input.maxLength = this.limits().max_question_chars;
      this.showCount();
    }
    onInputKey(event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.input.form.requestSubmit();
      }
    }
    // A question the input box cannot send stays in it; one too long (the server's limit came after it was
    // typed) is said to be.
    onSubmit(event) {
      event.preventDefault();
      const problem = this.check(this.input.value.trim());
      if (problem) {
        if (problem.code === "too_long")
          this.sayAboutInput(this.labels.tooLong, "too_long");
        return;
      }
      this.ask(this.input.value).catch(() => {
      });
      this.input.value = "";
      this.onInput();
    }
    // The box's maxlength cuts a paste (or drop) that does not fit without a word: learn here that it will,
    // to say so once the text is in.
    onBeforeInput(event) {
      const text = event.data ?? (event.dataTransfer ? event.dataTransfer.getData("text/plain") : null);
      if (!event.inputType.startsWith("insertFrom") || !text)
        return;
      const { value, selectionStart, selectionEnd, maxLength } = this.input;
      const length = value.length - (selectionEnd - selectionStart) + text.replace(/\r\n?/g, "\n").length;
      this.cutComing = maxLength >= 0 && length > maxLength;
    }
    onInput() {
      this.fitInput();
      if (this.cutComing) {
        this.cutComing = false;
        this.sayAboutInput(fill(this.labels.pasteCut, { limit: this.number(this.limits().max_question_chars) }), "cut");
      } else if (!this.input.value || this.inputNoteFor === "too_long" && !this.overLimit()) {
        this.sayAboutInput("");
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
      return charLength(this.input.value) > this.limits().max_question_chars;
    }
    // From COUNTER_FROM of the limit: "188 characters left", or "12 characters too many" (a limit that came
    // after the text). Counted as the server counts, in code points; maxlength counts UTF-16 units, so the box
    // may stop short of the limit on text of emoji, never past it.
    showCount() {
      const limit = this.limits().max_question_chars;
      const count = charLength(this.input.value);
      const shown = count > 0 && count >= limit * COUNTER_FROM;
      const left = limit - count;
      const n = Math.abs(left);
      const L = this.labels;
      const text = !shown ? "" : fill(left >= 0 ? n === 1 ? L.characterLeft : L.charactersLeft : n === 1 ? L.characterOver : L.charactersOver, { count: this.number(n) });
      this.counter.hidden = !shown;
      this.counter.textContent = text;
      this.counter.classList.toggle("is-over", left < 0);
      if (left < 0)
        this.input.setAttribute("aria-invalid", "true");
      else
        this.input.removeAttribute("aria-invalid");
      clearTimeout(this.countTimer);
      this.countTimer = setTimeout(() => {
        this.spokenCount.textContent = text;
      }, COUNT_SPOKEN_AFTER_MS);
      this.describeInput();
    }
    // The input's description: why it is disabled, what happened to its text, the count near the limit.
    describeInput() {
      const ids = [
        [this.notice, !this.notice.hidden],
        [this.inputNote, this.inputNote.textContent !== ""],
        [this.counter, !this.counter.hidden]
      ].filter(([, on]) => on).map(([node]) => node.id);
      if (ids.length)
        this.input.setAttribute("aria-describedby", ids.join(" "));
      else
        this.input.removeAttribute("aria-describedby");
    }
    number(n) {
      try {
        return new Intl.NumberFormat(this.lang || void 0).format(n);
      } catch {
        return String(n);
      }
    }
    // The placeholder whole on one line, or the short one where the box is too narrow for it (a phone, a long
    // title). Measured with the input's own font; a hidden input (closed widget) waits for its first size.
    fitPlaceholder() {
      const style = getComputedStyle(this.input);
      const room = this.input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (!(room > 0))
        return;
      const canvas = canvasContext();
      if (!canvas)
        return;
      canvas.font = style.font;
      const fits = canvas.measureText(this.placeholder).width <= room;
      this.input.placeholder = fits ? this.placeholder : this.labels.shortPlaceholder;
    }
    fitInput() {
      this.input.style.height = "auto";
      this.input.style.height = this.input.scrollHeight + 2 + "px";
    }
  };

  // web/src/connection.mjs
  var State = Object.freeze({
    idle: "idle",
    // a closed widget that has not connected yet
    connecting: "connecting",
    connected: "connected",
    reconnecting: "reconnecting",
    // it was connected; retrying with backoff
    offline: "offline",
    // OFFLINE_AFTER_FAILURES attempts in a row failed, or the browser is offline; retries go on
    unavailable: "unavailable"
    // the server refuses this site
  });
  var RETRY_BASE_MS = 500;
  var RETRY_CAP_MS = 1e4;
  var RETRY_UNAVAILABLE_MS = 6e4;
  var OFFLINE_AFTER_FAILURES = 3;
  var UNAVAILABLE_AFTER_FAILURES = 2;
  var Connection = class {
    // url: the socket's (ws:// or wss://). onState(state, previous) on each change; onMessage(object) for each
    // JSON object the server sends; onClose(code, opened) when a socket closes; reachable() → a promise of
    // whether the server answers HTTP (server_info.mjs). Nothing connects before start().
    constructor(url, { onState, onMessage, onClose, reachable }) {
      this.url = url;
      this.onState = onState;
      this.onMessage = onMessage;
      this.onClose = onClose;
      this.reachable = reachable;
      this.refused = false;
      this.socket = null;
      this.timer = 0;
      this.failures = 0;
      this.everOpened = false;
      this.state = State.idle;
      window.addEventListener("online", () => this.retryNow());
      window.addEventListener("offline", () => {
        if (!this.open && this.state !== State.idle && this.state !== State.unavailable)
          this.setState(State.offline);
      });
      document.addEventListener("visibilitychange", () => {
        if (document.visibilityState === "visible")
          this.retryNow();
      });
    }
    get open() {
      return this.state === State.connected;
    }
    start() {
      if (this.state === State.idle)
        this.connect();
    }
    // After a user action, or when the network returns: no reason to sit out the backoff.
    retryNow() {
      if (this.state !== State.idle && !this.socket)
        this.connect();
    }
    // A fresh socket, so the server forgets the conversation's context.
    restart() {
      const old = this.socket;
      this.socket = null;
      if (old)
        old.close(1e3, "conversation cleared");
      if (this.state !== State.idle)
        this.connect();
    }
    // The server refuses this origin (it said so): no need to wait for failures to show it.
    refuse() {
      this.refused = true;
      if (!this.open && this.state !== State.idle)
        this.unavailable();
    }
    // Sends a frame (text, or an object as JSON) if connected; false when not.
    send(message) {
      if (!this.open)
        return false;
      this.socket.send(typeof message === "string" ? message : JSON.stringify(message));
      return true;
    }
    connect() {
      clearTimeout(this.timer);
      this.setState(this.notConnectedState());
      let socket;
      try {
        socket = new WebSocket(this.url);
      } catch {
        this.failed();
        return;
      }
      this.socket = socket;
      let opened = false;
      socket.addEventListener("open", () => {
        if (this.socket !== socket)
          return;
        opened = true;
        this.everOpened = true;
        this.failures = 0;
        this.setState(State.connected);
      });
      socket.addEventListener("message", (event) => {
        if (this.socket !== socket)
          return;
        let message;
        try {
          message = JSON.parse(event.data);
        } catch {
          return;
        }
        if (message && typeof message === "object")
          this.onMessage(message);
      });
      socket.addEventListener("close", (event) => {
        if (this.socket !== socket)
          return;
        this.socket = null;
        this.onClose(event.code, opened);
        this.failed(opened);
      });
    }
    failed(afterOpen = false) {
      if (!afterOpen)
        this.failures += 1;
      if (this.refused || this.notConnectedState() === State.unavailable) {
        this.unavailable();
        return;
      }
      this.schedule(Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** this.failures));
      this.setState(this.notConnectedState());
      if (!afterOpen && !this.everOpened && this.failures >= UNAVAILABLE_AFTER_FAILURES && this.state !== State.unavailable) {
        const failures = this.failures;
        this.reachable().then((up) => {
          if (up && this.failures === failures && !this.open && !this.socket && this.state !== State.idle)
            this.unavailable();
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
      if (this.state === State.unavailable && !this.everOpened)
        return State.unavailable;
      if (navigator.onLine === false || this.failures >= OFFLINE_AFTER_FAILURES)
        return State.offline;
      return this.everOpened ? State.reconnecting : State.connecting;
    }
    setState(state) {
      if (state === this.state)
        return;
      const previous = this.state;
      this.state = state;
      this.onState(state, previous);
    }
  };

  // web/src/chart.mjs
  var describe = (row) => row.figure;
  var SCOPES = { range: "range", average: "average", median: "median", minimum: "minimum" };
  var rowLabel = (row, labels) => row.comparison ? `${row.label} (${labels.comparison})` : row.label;
  function wrap(text, width) {
    const lines = [];
    let line = "";
    for (let word of text.split(/\s+/).filter(Boolean)) {
      while (word.length > width) {
        if (line) {
          lines.push(line);
          line = "";
        }
        lines.push(word.slice(0, width));
        word = word.slice(width);
      }
      if (line && line.length + 1 + word.length > width) {
        lines.push(line);
        line = "";
      }
      line = line ? line + " " + word : word;
    }
    if (line)
      lines.push(line);
    return lines.length ? lines : [""];
  }
  function textDirection(text) {
    const first = /[A-Za-z\u00C0-\u02AF\u0370-\u058F\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC]/.exec(text);
    return first && /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC]/.test(first[0]) ? "rtl" : "ltr";
  }
  function salaryChart(rows, labels) {
    const width = 300, lineHeight = 16, barBlock = 32;
    const dir = textDirection(rows.map((r) => r.label).join(" "));
    const x = (at) => dir === "rtl" ? width - at : at;
    const text = (content, at, y2, cls) => {
      const own = textDirection(content);
      return svg(
        "text",
        { x: x(at), y: y2, class: cls, direction: own, "text-anchor": own === dir ? "start" : "end" },
        content
      );
    };
    const valueRoom = 10 + 8.4 * Math.max(...rows.map((r) => describe(r).length));
    const barArea = width - valueRoom;
    const top = Math.max(...rows.map((r) => r.high !== void 0 ? r.high : r.value));
    const scale = barArea / top;
    const drawn = rows.map((row) => ({ row, lines: wrap(rowLabel(row, labels), 40) }));
    const height = drawn.reduce((sum, d) => sum + d.lines.length * lineHeight + barBlock - 2, 0);
    const chart = svg("svg", {
      class: "chart",
      viewBox: `0 0 ${width} ${height}`,
      "aria-hidden": "true",
      focusable: "false",
      part: "chart",
      direction: dir
    });
    let y = 0;
    for (const { row, lines } of drawn) {
      const from = row.low !== void 0 ? row.low * scale : 0;
      const to = (row.high !== void 0 ? row.high : row.value) * scale;
      const label = svg("g", { class: "chart__label" });
      lines.forEach((line, i) => label.append(text(line, 0, y + 12 + i * lineHeight, "chart__label-line")));
      const barY = y + lines.length * lineHeight + 2;
      const length = Math.max(to - from, 3);
      chart.append(
        label,
        svg("line", { x1: x(0), x2: x(barArea), y1: barY + 7, y2: barY + 7, class: "chart__track" }),
        svg("rect", {
          x: dir === "rtl" ? width - from - length : from,
          y: barY,
          width: length,
          height: 14,
          rx: 3,
          class: "chart__bar chart__bar--" + (SCOPES[row.scope] || "range") + (row.comparison ? " chart__bar--comparison" : "")
        }),
        text(describe(row), barArea + 8, barY + 12, "chart__value")
      );
      y += lines.length * lineHeight + barBlock - 2;
    }
    return chart;
  }
  function salaryTable(rows, labels, publishers) {
    const table = h("table", {}, h("caption", {}, labels.chartCaption));
    const head = table.insertRow();
    for (const title of [labels.chartGroup, labels.chartFigure, labels.chartKind, labels.chartSource]) {
      head.append(h("th", { scope: "col" }, title));
    }
    for (const row of rows) {
      const tr = table.insertRow();
      const kind = (labels[SCOPES[row.scope]] || row.scope || "") + (row.comparison ? ", " + labels.comparison : "");
      for (const cell of [rowLabel(row, labels), describe(row), kind, publishers[row.source] || ""]) {
        tr.insertCell().textContent = cell || "";
      }
    }
    return h("div", { class: "visually-hidden" }, table);
  }
  function salaryFigure(data, labels, publishers = {}) {
    const rows = (data.rows || []).filter((r) => r && typeof r.label === "string" && typeof (r.high !== void 0 ? r.high : r.value) === "number");
    const scopes = [...new Set(rows.map((r) => SCOPES[r.scope] || "range"))];
    const keys = scopes.map((s) => ["chart__bar--" + s, labels[s]]);
    if (rows.some((r) => r.comparison))
      keys.push(["chart__bar--comparison", labels.comparison]);
    const legend = keys.length < 2 ? null : h(
      "ul",
      { class: "legend", "aria-hidden": "true" },
      keys.map(([swatch, name]) => h("li", {}, h("span", { class: "swatch " + swatch }), name))
    );
    return h("figure", { class: "msg__chart" }, salaryChart(rows, labels), legend, salaryTable(rows, labels, publishers));
  }

  // web/src/markdown.mjs
  var INLINE = /\*\*(.+?)\*\*|\[([^\]\n]+)\]\(([^)\s]+)\)/g;
  function inline(text, labels) {
    const nodes = [];
    let last = 0;
    for (const m of text.matchAll(INLINE)) {
      nodes.push(text.slice(last, m.index));
      if (m[1] !== void 0)
        nodes.push(h("strong", {}, inline(m[1], labels)));
      else
        nodes.push(link(m[2], m[3], labels) || m[0]);
      last = m.index + m[0].length;
    }
    nodes.push(text.slice(last));
    return nodes;
  }
  function link(label, href, labels) {
    let url;
    try {
      url = new URL(href);
    } catch {
      return null;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:")
      return null;
    return h(
      "a",
      { href: url.href, target: "_blank", rel: "noopener noreferrer" },
      label,
      h("span", { class: "visually-hidden" }, " " + labels.opensInNewTab)
    );
  }
  function markdown(text, labels) {
    const out = document.createDocumentFragment();
    let list = null;
    let newPart = false;
    for (const line of String(text).split("\n")) {
      const item = /^\s*- (.*)$/.exec(line);
      if (item) {
        if (!list)
          out.append(list = h("ul", { class: newPart ? "part" : null }));
        list.append(h("li", {}, inline(item[1], labels)));
        newPart = false;
      } else if (line.trim()) {
        out.append(h("p", { class: newPart ? "part" : null }, inline(line, labels)));
        list = null;
        newPart = false;
      } else {
        list = null;
        newPart = true;
      }
    }
    return out;
  }
  function plainText(text) {
    return String(text).replace(INLINE, (m, bold, label, href) => bold !== void 0 ? bold : `${label} (${href})`);
  }

  // web/src/outbox.mjs
  var Status = Object.freeze({ queued: "queued", sent: "sent", done: "done", failed: "failed" });
  var VoteStatus = Object.freeze({ queued: "queued", sent: "sent", saved: "saved", failed: "failed" });
  var Role = Object.freeze({ user: "user", bot: "bot", error: "error" });
  var CLOSE_TOO_BIG = 1009;
  function failure(code, message) {
    return Object.assign(new Error("Career Advisor: " + message), { code });
  }
  var byteLength = (text) => new TextEncoder().encode(text).length;
  var lastId = 0;
  var newId = () => Date.now().toString(36) + "-" + (lastId += 1);
  var Outbox = class {
    // saved: { messages, context } as stored (history.mjs). transport: { open, send(text or object) → whether
    // it went, retryNow() } (connection.mjs). limits() and labels(): the chat's, when asked (they change).
    constructor({ messages = [], context = null }, { transport, limits, labels, hooks }) {
      this.messages = messages;
      this.context = context;
      this.contextPending = true;
      this.transport = transport;
      this.limits = limits;
      this.labels = labels;
      this.hooks = hooks;
      this.waiters = /* @__PURE__ */ new Map();
      this.voteFrames = /* @__PURE__ */ new Map();
    }
    // A question is queued or sent: there is something to connect for.
    get waiting() {
      return this.messages.some((m) => m.status === Status.queued || m.status === Status.sent);
    }
    // A question went out and its answer has not come.
    get sending() {
      return this.messages.some((m) => m.status === Status.sent);
    }
    // Queues a question the chat has checked (not empty, not too long) and sends it if the socket is open, or
    // asks for one now. A promise of the server's answer frame; rejected with the server's error, or a failure().
    ask(question) {
      const message = { id: newId(), role: Role.user, text: question, status: Status.queued, at: Date.now() };
      this.add(message);
      const bytes = byteLength(JSON.stringify({ type: "ask", id: message.id, text: question }));
      if (bytes > this.limits().max_message_bytes) {
        return Promise.reject(this.fail(message, failure(
          "too_big",
          `the question takes ${bytes} bytes; the server takes messages of at most ${this.limits().max_message_bytes}`
        )));
      }
      const answered = new Promise((resolve, reject) => this.waiters.set(message.id, { resolve, reject }));
      if (this.transport.open)
        this.deliver();
      else
        this.transport.retryNow();
      return answered;
    }
    // Sends what is queued, questions in order (the first carrying the context, as much of it as fits), then votes.
    deliver() {
      const fits = (text) => byteLength(text) <= this.limits().max_message_bytes;
      for (const m of this.messages) {
        if (m.role !== Role.user || m.status !== Status.queued)
          continue;
        const frame = { type: "ask", id: m.id, text: m.text };
        if (this.contextPending && this.context)
          frame.context = this.context;
        let text = JSON.stringify(frame);
        if (!fits(text) && frame.context) {
          frame.context = { ...frame.context, shown: [], last_shown: void 0 };
          text = JSON.stringify(frame);
        }
        if (!fits(text) && frame.context) {
          delete frame.context;
          text = JSON.stringify(frame);
        }
        const bytes = byteLength(text);
        if (bytes > this.limits().max_message_bytes) {
          this.fail(m, failure("too_big", `the question takes ${bytes} bytes; the server takes at most ${this.limits().max_message_bytes}`));
          continue;
        }
        if (!this.transport.send(text))
          break;
        this.contextPending = false;
        m.status = Status.sent;
        m.bytes = bytes;
        this.hooks.updated(m);
      }
      for (const m of this.messages) {
        if (m.role === Role.bot && m.vote && m.vote.status === VoteStatus.queued)
          this.sendVote(m);
      }
      this.hooks.changed();
    }
    // A socket opened: it has not heard the context yet.
    connected() {
      this.contextPending = true;
      this.deliver();
    }
    // The socket is gone (or not there yet): whatever was on its way may be lost with it, so it goes again on the
    // next one.
    disconnected() {
      for (const m of this.messages) {
        if (m.status === Status.sent) {
          m.status = Status.queued;
          this.hooks.updated(m);
        }
        if (m.vote && m.vote.status === VoteStatus.sent)
          m.vote.status = VoteStatus.queued;
      }
      this.voteFrames.clear();
    }
    // A socket closed with `code`. With 1009 the largest question on it was over the server's limit (which this
    // page did not know): it fails, once, rather than going back in the queue to close the next socket too.
    closed(code) {
      if (code !== CLOSE_TOO_BIG)
        return;
      const sent = this.messages.filter((m) => m.role === Role.user && m.status === Status.sent);
      if (!sent.length)
        return;
      const biggest = sent.reduce((a, b) => (b.bytes || 0) > (a.bytes || 0) ? b : a);
      this.fail(biggest, failure("too_big", "the server closed the connection: the question is over its size limit"));
    }
    // A frame from the server: the answer (or error) to a question, or the reply to a vote. Replies to questions
    // no longer waiting (answered, failed, cleared) are ignored.
    receive(reply) {
      if (this.voteFrames.has(reply.id)) {
        this.voteReceived(reply);
        return;
      }
      const question = this.messages.find((m) => m.role === Role.user && m.id === reply.id);
      if (!question || question.status === Status.done || question.status === Status.failed)
        return;
      question.status = Status.done;
      this.hooks.updated(question);
      const waiter = this.waiters.get(question.id);
      this.waiters.delete(question.id);
      if (reply.type === "answer") {
        const { intent, text, suggestions, sources, data } = reply;
        this.context = reply.context || null;
        const answerId = typeof reply.answer_id === "string" ? reply.answer_id : null;
        this.add({ role: Role.bot, at: Date.now(), answer: { intent, text, suggestions, sources, data, answerId } });
        if (waiter)
          waiter.resolve(reply);
        this.hooks.answered(reply);
      } else {
        this.add({ role: Role.error, at: Date.now(), text: this.labels().notAnswered + " " + (reply.message || "unknown error") });
        if (waiter)
          waiter.reject(Object.assign(new Error(reply.message || "error"), { code: reply.code }));
      }
    }
    // Nothing waiting will be sent (the server refuses this site): each question fails with `error`, silently.
    failWaiting(error) {
      for (const m of this.messages) {
        if (m.role === Role.user && (m.status === Status.queued || m.status === Status.sent))
          this.fail(m, error, { quiet: true });
      }
    }
    // Empties the conversation: waiting questions fail (their ask() rejects with `cleared`). Returns what was
    // there, for restore(). Calls no hook: the chat shows the whole conversation again.
    clear() {
      for (const waiter of this.waiters.values())
        waiter.reject(failure("cleared", "the conversation was cleared"));
      this.waiters.clear();
      for (const m of this.messages)
        if (m.status === Status.queued || m.status === Status.sent)
          m.status = Status.failed;
      const kept = { messages: this.messages, context: this.context };
      this.messages = [];
      this.context = null;
      return kept;
    }
    // Undoes clear(): its messages before any since, and its context, sent with the next question.
    restore(kept) {
      this.messages = kept.messages.concat(this.messages);
      this.context = kept.context;
      this.contextPending = true;
    }
    // One vote per answer, changeable; `comment` (after "not helpful") replaces the vote's. Sent now or once
    // connected. False when it changes nothing (the same vote again, unless that one failed).
    vote(message, helpful, comment) {
      const unchanged = message.vote && message.vote.helpful === helpful && comment === void 0;
      if (unchanged && message.vote.status !== VoteStatus.failed)
        return false;
      message.vote = { helpful, comment: comment === void 0 ? "" : comment, status: VoteStatus.queued };
      this.hooks.voted(message);
      if (this.transport.open)
        this.sendVote(message);
      else
        this.transport.retryNow();
      this.hooks.changed();
      return true;
    }
    // ----- inside
    add(message) {
      this.messages.push(message);
      this.hooks.added(message);
      this.hooks.changed();
    }
    // A question that will not be sent: marked, said in the conversation (unless `quiet`), its ask() rejected.
    // Returns the error.
    fail(message, error, { quiet = false } = {}) {
      message.status = Status.failed;
      this.hooks.updated(message);
      if (!quiet)
        this.add({ role: Role.error, text: error.code === "too_big" ? this.labels().tooLong : error.message, at: Date.now() });
      const waiter = this.waiters.get(message.id);
      this.waiters.delete(message.id);
      if (waiter)
        waiter.reject(error);
      this.hooks.changed();
      return error;
    }
    sendVote(message) {
      const id = "f-" + newId();
      const frame = { type: "feedback", id, answer_id: message.answer.answerId, helpful: message.vote.helpful };
      if (message.vote.comment)
        frame.comment = message.vote.comment;
      if (!this.transport.send(frame))
        return;
      message.vote.status = VoteStatus.sent;
      this.voteFrames.set(id, message);
    }
    voteReceived(reply) {
      const message = this.voteFrames.get(reply.id);
      this.voteFrames.delete(reply.id);
      if (!message.vote)
        return;
      message.vote.status = reply.type === "feedback_received" ? VoteStatus.saved : VoteStatus.failed;
      this.hooks.voteUpdated(message);
      this.hooks.changed();
    }
  };

  // web/src/sources.mjs
  function answerSources(answer) {
    return Array.isArray(answer.sources) ? answer.sources.filter((s) => s && typeof s.title === "string" && s.title) : [];
  }
  function sourceUrl(source) {
    return typeof source.url === "string" && /^https:\/\/[^\s"'<>]+$/.test(source.url) ? source.url : null;
  }
  function sourceLine(sources, lang, plain = false) {
    const date = (iso) => {
      if (typeof iso !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(iso))
        return null;
      const when = new Date(iso + "T00:00:00Z");
      if (Number.isNaN(when.getTime()))
        return null;
      try {
        return new Intl.DateTimeFormat(lang || "en-US", { dateStyle: "long", timeZone: "UTC" }).format(when);
      } catch {
        return iso;
      }
    };
    const parts = sources.map((s, i) => {
      const publisher = typeof s.publisher === "string" && s.publisher.trim() ? s.publisher.trim() + ", " : "";
      const published = date(s.published);
      const url = sourceUrl(s);
      const title = `"${s.title}"`;
      const when = published ? ` (${published})` : "";
      if (plain)
        return `${publisher}${title}${when}${url ? " " + url : ""}`;
      const named = url ? h("a", { href: url, target: "_blank", rel: "noopener noreferrer", part: "source-link" }, title) : title;
      return [i > 0 ? "; " : "", publisher, named, when];
    });
    return plain ? parts.join("; ") : parts;
  }

  // web/src/transcript.mjs
  var COPIED_SHOWN_MS = 2e3;
  function answerText(answer, labels, lang) {
    const sources = answerSources(answer);
    return plainText(answer.text || "") + (sources.length ? "\n\n" + labels.sources + ": " + sourceLine(sources, lang, true) : "");
  }
  function transcriptText(messages, { labels, title, lang }) {
    const L = labels;
    const date = new Date().toISOString().slice(0, 10);
    const lines = [fill(L.transcriptTitle, { title, date }), ""];
    const stamp = (at) => typeof at === "number" ? `[${new Date(at).toISOString().slice(0, 16).replace("T", " ")}] ` : "";
    for (const m of messages) {
      if (m.role === Role.user)
        lines.push(stamp(m.at) + L.you + ": " + m.text);
      else if (m.role === Role.bot)
        lines.push(stamp(m.at) + L.advisor + ": " + answerText(m.answer || {}, L, lang));
      else
        lines.push(stamp(m.at) + m.text);
      lines.push("");
    }
    return lines.join("\n");
  }
  function downloadText(text, parent) {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
    const anchor = h("a", { href: url, download: "career-advisor-" + new Date().toISOString().slice(0, 10) + ".txt" });
    anchor.hidden = true;
    parent.append(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(() => URL.revokeObjectURL(url), 6e4);
  }
  function copyButton(message, labels, lang) {
    const L = labels;
    const note = h("span", { class: "visually-hidden", role: "status" });
    let timer = 0;
    const show = (name, said) => {
      button.replaceChildren(icon(name));
      button.title = said || L.copy;
      note.textContent = said;
    };
    const copy = async () => {
      const text = answerText(message.answer || {}, L, lang);
      let done = false;
      try {
        await navigator.clipboard.writeText(text);
        done = true;
      } catch {
      }
      show(done ? "check" : "alert", done ? L.copied : L.copyFailed);
      clearTimeout(timer);
      timer = setTimeout(() => show("copy", ""), COPIED_SHOWN_MS);
    };
    const button = h("button", {
      type: "button",
      class: "copy",
      "aria-label": L.copy,
      title: L.copy,
      part: "copy",
      onclick: copy
    }, icon("copy"));
    return h("span", { class: "copy-group" }, button, note);
  }

  // web/src/conversation.mjs
  var ConversationView = class {
    // labels, lang: the chat's. chip(text): a button that asks `text` (the chat's). feedback: the build's
    // FeedbackControls. connected(): whether the socket is open (a queued question says it waits only when not).
    constructor({ labels, lang, chip, feedback, connected }) {
      this.labels = labels;
      this.lang = lang;
      this.chip = chip;
      this.feedback = feedback;
      this.connected = connected;
      this.nodes = /* @__PURE__ */ new Map();
      this.examples = h("div", { class: "chips", role: "group", "aria-label": labels.exampleQuestions, hidden: true });
      const welcome = h(
        "div",
        { class: "welcome" },
        h("p", { class: "msg msg--welcome", part: "message message-welcome", dir: "auto" }, labels.welcome),
        this.examples
      );
      this.log = h("div", {
        class: "log",
        id: "log",
        role: "log",
        "aria-live": "polite",
        "aria-relevant": "additions",
        "aria-label": labels.conversation,
        tabindex: 0,
        part: "messages"
      }, welcome);
    }
    // Example questions as chips under the welcome (none: no chips).
    showExamples(questions) {
      this.examples.replaceChildren(...questions.map((text) => this.chip(text)));
      this.examples.hidden = questions.length === 0;
    }
    // The whole conversation, after the welcome, scrolled to its end.
    showAll(messages) {
      this.nodes.clear();
      this.log.replaceChildren(this.log.firstChild, ...messages.map((m) => this.render(m)));
      this.scrollToEnd();
    }
    // A message added to the conversation: a long answer is read from its start, anything else at the end.
    append(message) {
      const node = this.render(message);
      this.log.append(node);
      if (message.role === Role.bot)
        this.scrollToAnswer(node);
      else
        this.scrollToEnd();
    }
    // A question's bubble after its status changed: dashed while it waits to be sent, an alert once it failed.
    updateQuestion(message) {
      const node = this.nodes.get(message.id);
      if (!node)
        return;
      const queued = message.status === Status.queued && !this.connected();
      const failed = message.status === Status.failed;
      node.classList.toggle("is-queued", queued);
      node.classList.toggle("is-failed", failed);
      const old = node.querySelector(".msg__pending");
      if (old)
        old.remove();
      if (queued || failed) {
        node.append(h(
          "span",
          { class: "msg__pending" },
          icon(failed ? "alert" : "clock"),
          failed ? this.labels.notSent : this.labels.waiting
        ));
      }
    }
    scrollToEnd() {
      this.log.scrollTop = this.log.scrollHeight;
    }
    // A long answer is read from its start; a short one is shown with what led to it.
    scrollToAnswer(node) {
      if (node.offsetHeight > this.log.clientHeight)
        this.log.scrollTop = node.offsetTop - 12;
      else
        this.scrollToEnd();
    }
    render(message) {
      const L = this.labels;
      if (message.role === Role.user) {
        const node = h(
          "div",
          { class: "msg msg--user", part: "message message-user" },
          h("span", { class: "visually-hidden" }, L.you + ": "),
          h("span", { class: "msg__text", dir: "auto" }, message.text),
          this.time(message.at)
        );
        this.nodes.set(message.id, node);
        this.updateQuestion(message);
        return node;
      }
      if (message.role === Role.error) {
        return h("div", { class: "msg msg--error", part: "message message-error", dir: "auto" }, message.text);
      }
      const a = message.answer || {};
      const salary = a.data && a.data.kind === "salary" && Array.isArray(a.data.rows) && a.data.rows.length > 0;
      const sources = answerSources(a);
      const suggestions = Array.isArray(a.suggestions) ? a.suggestions.filter((s) => typeof s === "string") : [];
      return h(
        "div",
        { class: "msg msg--bot", part: "message message-bot" },
        h("span", { class: "visually-hidden" }, L.advisor + ": "),
        h("div", { class: "msg__text", dir: "auto" }, markdown(a.text || "", L)),
        salary ? salaryFigure(a.data, L, Object.fromEntries(sources.map((s) => [s.id, s.publisher || s.title]))) : null,
        sources.length ? h(
          "p",
          { class: "msg__sources", part: "sources", dir: "auto" },
          L.sources + ": ",
          sourceLine(sources, this.lang)
        ) : null,
        suggestions.length ? h(
          "div",
          { class: "chips", role: "group", "aria-label": L.suggestedQuestions },
          suggestions.map((s) => this.chip(s))
        ) : null,
        h("div", { class: "actions" }, a.answerId ? this.feedback.controls(message) : null, copyButton(message, L, this.lang)),
        this.time(message.at)
      );
    }
    // The time a message was written, as a <time>: the hour alone today, with the date before.
    time(at) {
      if (typeof at !== "number")
        return null;
      const when = new Date(at);
      const today = when.toDateString() === new Date().toDateString();
      let text;
      try {
        text = new Intl.DateTimeFormat(
          this.lang || void 0,
          today ? { timeStyle: "short" } : { dateStyle: "medium", timeStyle: "short" }
        ).format(when);
      } catch {
        text = when.toLocaleString();
      }
      return h("time", { class: "msg__time", datetime: when.toISOString(), part: "time" }, text);
    }
  };

  // web/src/feedback.mjs
  var FeedbackControls = class {
    // labels: the chat's. limits(): the chat's limits now (max_comment_chars). vote(message, helpful, comment):
    // the outbox's.
    constructor({ labels, limits, vote }) {
      this.labels = labels;
      this.limits = limits;
      this.vote = vote;
      this.nodes = /* @__PURE__ */ new WeakMap();
    }
    // The controls of an answer (a message of role bot with an answer id).
    controls(message) {
      const L = this.labels;
      const vote = (helpful, label, name) => h("button", {
        type: "button",
        class: "vote",
        "aria-label": label,
        title: label,
        "aria-pressed": String(message.vote ? message.vote.helpful === helpful : false),
        part: "vote",
        onclick: () => this.vote(message, helpful)
      }, icon(name));
      const node = h(
        "div",
        { class: "feedback", role: "group", "aria-label": L.feedbackQuestion },
        h("span", { "aria-hidden": "true" }, L.feedbackPrompt),
        vote(true, L.helpful, "thumbs_up"),
        vote(false, L.notHelpful, "thumbs_down"),
        h("span", { class: "feedback__note", role: "status" })
      );
      this.nodes.set(message, node);
      this.show(message);
      return node;
    }
    // The buttons' pressed state, the note beside them, and the comment box after a "not helpful" vote.
    show(message) {
      const node = this.nodes.get(message);
      if (!node)
        return;
      const L = this.labels;
      const { vote } = message;
      const [up, down] = node.querySelectorAll(".vote");
      up.setAttribute("aria-pressed", String(!!vote && vote.helpful));
      down.setAttribute("aria-pressed", String(!!vote && !vote.helpful));
      const note = node.querySelector(".feedback__note");
      note.textContent = !vote ? "" : vote.status === VoteStatus.failed ? L.feedbackFailed : vote.status === VoteStatus.saved ? L.feedbackThanks : "";
      const form = node.querySelector(".feedback__comment");
      const wantsComment = vote && !vote.helpful && !vote.comment && vote.status !== VoteStatus.failed;
      if (wantsComment && !form) {
        const input = h("input", {
          type: "text",
          maxlength: this.limits().max_comment_chars,
          "aria-label": L.commentPrompt,
          placeholder: L.commentPrompt
        });
        node.append(h("form", { class: "feedback__comment", onsubmit: (e) => {
          e.preventDefault();
          if (input.value.trim())
            this.vote(message, false, input.value.trim());
        } }, input, h("button", { type: "submit" }, L.commentSend)));
      } else if (!wantsComment && form) {
        form.remove();
      }
    }
  };

  // web/src/history.mjs
  var KEPT_MESSAGES = 200;
  var History = class {
    // kind: 'local' or 'session'; key: the chat's storage key (options.mjs).
    constructor(kind, key) {
      this.key = key;
      try {
        this.area = kind === "local" ? window.localStorage : window.sessionStorage;
      } catch {
        this.area = null;
      }
    }
    // What was stored, or an empty conversation when nothing usable was.
    load() {
      try {
        const saved = JSON.parse(this.area.getItem(this.key));
        if (saved && saved.v === 1 && Array.isArray(saved.messages))
          return saved;
      } catch {
      }
      return { v: 1, open: false, messages: [], context: null, unread: 0 };
    }
    save(state) {
      try {
        this.area.setItem(this.key, JSON.stringify({
          v: 1,
          open: state.open,
          messages: state.messages.slice(-KEPT_MESSAGES),
          context: state.context,
          unread: state.unread
        }));
      } catch {
      }
    }
  };

  // web/src/menu_button.mjs
  var MenuButton = class {
    constructor({ id, label, items }) {
      this.button = h("button", {
        type: "button",
        class: "icon-button",
        id: id + "-button",
        "aria-label": label,
        title: label,
        "aria-haspopup": "menu",
        "aria-expanded": "false",
        "aria-controls": id,
        part: "header-button",
        onclick: () => this.isOpen ? this.close() : this.open("first"),
        onkeydown: (e) => this.onButtonKey(e)
      }, icon("more"));
      this.button.querySelector(".icon").classList.add("icon--more");
      this.items = items.map((item) => h(
        "button",
        {
          type: "button",
          role: item.checkbox ? "menuitemcheckbox" : "menuitem",
          class: "menu__item" + (item.className ? " " + item.className : ""),
          tabindex: -1,
          part: "menu-item",
          "aria-checked": item.checkbox ? "false" : null,
          onclick: () => this.choose(item)
        },
        icon(item.icon),
        h("span", { class: "menu__label" }, item.label),
        item.checkbox ? h("span", { class: "menu__check" }, icon("check")) : null
      ));
      this.popup = h("div", {
        class: "menu",
        id,
        role: "menu",
        "aria-labelledby": id + "-button",
        hidden: true,
        part: "menu",
        onkeydown: (e) => this.onMenuKey(e),
        onfocusout: (e) => {
          if (!this.popup.contains(e.relatedTarget))
            this.close();
        }
      }, this.items);
      this.outside = (event) => {
        const path = event.composedPath();
        if (!path.includes(this.popup) && !path.includes(this.button))
          this.close();
      };
    }
    get isOpen() {
      return !this.popup.hidden;
    }
    // Items the visitor can see, in order.
    shown() {
      return this.items.filter((item) => item.getClientRects().length > 0);
    }
    open(which) {
      if (!this.isOpen) {
        this.popup.hidden = false;
        this.button.setAttribute("aria-expanded", "true");
        document.addEventListener("pointerdown", this.outside, true);
      }
      const items = this.shown();
      const item = which === "last" ? items[items.length - 1] : items[0];
      if (item)
        item.focus();
    }
    close({ focusButton = false } = {}) {
      if (this.isOpen) {
        this.popup.hidden = true;
        this.button.setAttribute("aria-expanded", "false");
        document.removeEventListener("pointerdown", this.outside, true);
      }
      if (focusButton)
        this.button.focus();
    }
    // The menu closes and the button has the focus before the item acts, so that an action that moves the
    // focus (Clear conversation, to the input) has the last word.
    choose(item) {
      this.close({ focusButton: true });
      item.onselect();
    }
    setChecked(className, checked) {
      const item = this.items.find((node) => node.classList.contains(className));
      if (item)
        item.setAttribute("aria-checked", String(checked));
    }
    onButtonKey(event) {
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp")
        return;
      event.preventDefault();
      this.open(event.key === "ArrowUp" ? "last" : "first");
    }
    onMenuKey(event) {
      const items = this.shown();
      const at = items.indexOf(event.target);
      const move = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 }[event.key];
      if (move !== void 0) {
        event.preventDefault();
        items[(move + items.length) % items.length].focus();
      } else if (event.key === "Escape") {
        event.stopPropagation();
        this.close({ focusButton: true });
      }
    }
  };

  // web/src/modal.mjs
  var SMALL_SCREEN = "(max-width: 480px), (max-height: 480px)";
  var TAB_STOP = "a[href], button, input, textarea, select, [tabindex]";
  function tabStops(container) {
    const stops = [];
    const visit = (element) => {
      if (element.localName === "slot") {
        const shown = element.assignedElements({ flatten: true });
        for (const child of shown.length ? shown : element.children)
          visit(child);
        return;
      }
      if (element.getClientRects().length === 0)
        return;
      if (element.matches(TAB_STOP) && element.tabIndex >= 0 && !element.disabled)
        stops.push(element);
      for (const child of element.children)
        visit(child);
    };
    visit(container);
    return stops;
  }
  var PageScroll = class {
    constructor() {
      this.holders = /* @__PURE__ */ new Set();
      this.saved = null;
    }
    hold(holder) {
      if (this.holders.size === 0) {
        const html = document.documentElement;
        this.saved = {
          x: window.scrollX,
          y: window.scrollY,
          style: html.getAttribute("style"),
          overflow: html.style.overflow
        };
        html.style.overflow = "hidden";
        this.saved.ours = html.getAttribute("style");
      }
      this.holders.add(holder);
    }
    release(holder) {
      if (!this.holders.delete(holder) || this.holders.size > 0)
        return;
      const html = document.documentElement;
      if (this.saved.style === null && html.getAttribute("style") === this.saved.ours)
        html.removeAttribute("style");
      else
        html.style.overflow = this.saved.overflow;
      window.scrollTo(this.saved.x, this.saved.y);
      this.saved = null;
    }
  };
  var FocusTrap = class {
    // panel(): the panel now (a rebuild replaces it); inside(node): whether a node is part of the chat (its
    // shadow tree, or the site's content slotted into it).
    constructor({ panel, inside }) {
      this.panel = panel;
      this.inside = inside;
      this.onKey = (event) => this.keepTabInside(event);
      this.onFocus = (event) => this.guardFocus(event);
    }
    engage() {
      document.addEventListener("keydown", this.onKey, true);
      document.addEventListener("focusin", this.onFocus);
    }
    release() {
      document.removeEventListener("keydown", this.onKey, true);
      document.removeEventListener("focusin", this.onFocus);
    }
    keepTabInside(event) {
      if (event.key !== "Tab")
        return;
      const stops = tabStops(this.panel());
      if (!stops.length)
        return;
      const [first, last] = [stops[0], stops[stops.length - 1]];
      const from = event.composedPath()[0];
      if (this.inside(from) && from !== (event.shiftKey ? first : last))
        return;
      event.preventDefault();
      (event.shiftKey ? last : first).focus();
    }
    guardFocus(event) {
      if (this.inside(event.composedPath()[0]))
        return;
      const [first] = tabStops(this.panel());
      if (first)
        first.focus();
    }
  };

  // web/src/options.mjs
  var TEASER_DELAY_S = 5;
  function cssLength(value, name) {
    if (!value)
      return null;
    const text = String(value).trim();
    if (window.CSS && CSS.supports("width", text) && /\d/.test(text))
      return /^\d+(\.\d+)?$/.test(text) ? text + "px" : text;
    console.warn(`Career Advisor: ${name} must be a CSS length such as 24px, not`, value);
    return null;
  }
  function parseLabels(text) {
    if (!text)
      return {};
    try {
      const labels = JSON.parse(text);
      if (labels && typeof labels === "object" && !Array.isArray(labels))
        return labels;
    } catch {
    }
    console.warn('Career Advisor: data-labels must be a JSON object such as {"send":"Envoyer"}, not', text);
    return {};
  }
  function mergeSettings(options, settings = {}) {
    const merged = { ...options, labels: { ...options.labels } };
    const s = settings || {};
    for (const [key, value] of Object.entries(s.labels || {})) {
      if (!(key in LABELS))
        console.warn("Career Advisor: no label named", key);
      else if (typeof value === "string")
        merged.labels[key] = value;
    }
    if (typeof s.title === "string" && s.title.trim()) {
      merged.title = s.title.trim();
      merged.titleGiven = true;
    }
    if (["light", "dark", "auto"].includes(s.theme))
      merged.theme = s.theme;
    if (typeof s.lang === "string")
      merged.lang = s.lang;
    if (typeof s.font === "string")
      merged.font = s.font;
    if (typeof s.footer === "string")
      merged.footer = s.footer;
    if (s.color !== void 0)
      merged.accent = checkColour(s.color, "color");
    if (s.zIndex !== void 0)
      merged.zIndex = /^-?\d+$/.test(String(s.zIndex)) ? String(s.zIndex) : null;
    if (s.offset !== void 0)
      Object.assign(merged, offsets(s.offset));
    if (typeof s.teaser === "string")
      merged.teaser = s.teaser.trim();
    if (s.teaserDelay !== void 0)
      merged.teaserDelay = teaserDelay(s.teaserDelay, "teaserDelay");
    return merged;
  }
  function teaserDelay(value, name) {
    if (value === void 0 || value === null || value === "")
      return TEASER_DELAY_S;
    const seconds = Number(value);
    if (Number.isFinite(seconds) && seconds >= 0)
      return seconds;
    console.warn(`Career Advisor: ${name} is a number of seconds, not`, value);
    return TEASER_DELAY_S;
  }
  function checkColour(value, name) {
    if (value === void 0 || value === null || value === "")
      return null;
    const text = String(value).trim();
    if (window.CSS && CSS.supports("color", text))
      return text;
    console.warn(`Career Advisor: ${name} is not a CSS colour, so the default accent is used:`, value);
    return null;
  }
  function offsets(value) {
    const [x, y = x] = String(value || "").trim().split(/\s+/);
    return { offsetX: cssLength(x, "data-offset"), offsetY: cssLength(y, "data-offset") };
  }
  function readOptions(tag, registry) {
    const data = tag.dataset;
    const server = new URL(tag.src, document.baseURI);
    const socket = new URL("/ws", server);
    socket.protocol = server.protocol === "https:" ? "wss:" : "ws:";
    const twins = [...document.querySelectorAll("script[src]")].filter((s) => s.src === tag.src && (s.dataset.mount || "") === (data.mount || ""));
    const title = (data.title || "").trim();
    const options = {
      mode: data.mount ? "page" : "widget",
      mount: data.mount,
      title: title || "Career Advisor",
      titleGiven: !!title,
      position: data.position === "left" ? "left" : "right",
      accent: checkColour(data.color, "data-color"),
      theme: ["light", "dark"].includes(data.theme) ? data.theme : "auto",
      font: data.font ? data.font.trim() : null,
      lang: data.lang ? data.lang.trim() : null,
      footer: data.footer ? data.footer.trim() : "",
      launcher: data.launcher === "none" ? "none" : "button",
      launcherLabel: (data.launcherLabel || "").trim(),
      launcherIcon: LAUNCHER_ICONS.includes(data.launcherIcon) ? data.launcherIcon : "chat",
      zIndex: /^-?\d+$/.test(data.zIndex || "") ? data.zIndex : null,
      ...offsets(data.offset),
      open: data.open === "true",
      teaser: (data.teaser || "").trim(),
      teaserDelay: teaserDelay(data.teaserDelay, "data-teaser-delay"),
      storage: data.storage === "local" ? "local" : "session",
      storageKey: "career-advisor:" + (data.id || `${server.origin}|${data.mount || "widget"}|${twins.indexOf(tag)}`),
      serverUrl: server.origin,
      socketUrl: socket.href,
      labels: { ...LABELS }
    };
    if (data.theme && options.theme !== data.theme)
      console.warn("Career Advisor: data-theme is light, dark or auto, not", data.theme);
    return mergeSettings(mergeSettings(options, { labels: parseLabels(data.labels) }), registry.settings);
  }

  // web/src/server_info.mjs
  var DEFAULT_LIMITS = Object.freeze({ max_question_chars: 1e3, max_message_bytes: 4096, max_comment_chars: 500 });
  var limitRequests = /* @__PURE__ */ new Map();
  function serverLimits(serverUrl) {
    if (!limitRequests.has(serverUrl)) {
      limitRequests.set(serverUrl, fetch(new URL("/api/v1/limits", serverUrl), { credentials: "omit" }).then((response) => response.ok ? response.json() : {}).catch(() => ({})).then(readLimits));
    }
    return limitRequests.get(serverUrl);
  }
  function readLimits(data) {
    const limits = { ...DEFAULT_LIMITS };
    for (const key of Object.keys(DEFAULT_LIMITS)) {
      if (Number.isInteger(data && data[key]) && data[key] > 0)
        limits[key] = data[key];
    }
    if (data && typeof data.origin_allowed === "boolean")
      limits.origin_allowed = data.origin_allowed;
    return limits;
  }
  function serverReachable(serverUrl) {
    return fetch(new URL("/healthz", serverUrl), { mode: "no-cors", credentials: "omit", cache: "no-store" }).then(() => true, () => false);
  }
  async function exampleQuestions(serverUrl, count) {
    const response = await fetch(new URL("/api/v1/topics", serverUrl), { credentials: "omit" });
    if (!response.ok)
      throw new Error("HTTP " + response.status);
    const { topics } = await response.json();
    return pickExamples(topics, count);
  }
  function pickExamples(topics, count) {
    const byTopic = /* @__PURE__ */ new Map();
    for (const t of topics) {
      if (t.kind !== "topic" || typeof t.example !== "string")
        continue;
      const main = t.intent === t.topic || t.intent === t.topic + ".overview";
      if (!byTopic.has(t.topic) || main)
        byTopic.set(t.topic, { example: t.example, main });
    }
    return [...byTopic.values()].sort((a, b) => b.main - a.main).slice(0, count).map((p) => p.example);
  }

  // web/src/styles.css
  var styles_default = `/* The chat's styles, adopted by each shadow root (styles.mjs). The palette's custom properties (--bg, --fg,
   --accent, --accent-text … for the light and the dark theme) come from theme.mjs, in rules before these.
   Sizes are in px and em from a px base because rem follows the host page's root font size. */
:host { display: block !important; }
:host([data-career-advisor="widget"]) { all: initial !important; display: block !important; }
:host([data-career-advisor="page"]) { height: 100vh; height: 100dvh; }
.root { all: initial; display: block; box-sizing: border-box; color-scheme: light;
  font: var(--ca-font-size, 16px)/1.5 var(--ca-font, var(--site-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif));
  color: var(--fg); text-align: start; --radius: var(--ca-radius, 16px);
  --offset-x: var(--ca-offset-x, var(--site-offset-x, 20px)); --offset-y: var(--ca-offset-y, var(--site-offset-y, 20px));
  --z: var(--ca-z-index, var(--site-z-index, 2147483000)); --launcher-size: var(--ca-launcher-size, 56px); }
*, *::before, *::after { box-sizing: inherit; }
[hidden] { display: none !important; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
  overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
:focus-visible { outline: 3px solid var(--accent-text); outline-offset: 2px; }
button { font: inherit; color: inherit; cursor: pointer; }
.icon { width: 1.25em; height: 1.25em; fill: none; stroke: currentColor; stroke-width: 2; stroke-linecap: round;
  stroke-linejoin: round; flex: none; }

.root.page { height: 100%; background: var(--bg); }
.panel { display: flex; flex-direction: column; height: 100%; min-height: 0; background: var(--bg); }

.bar { position: relative; display: flex; align-items: center; gap: 0.25em; padding-block: 0.6em; padding-inline: 1em 0.5em;
  border-bottom: 1px solid var(--line); }
.page .bar { padding-inline: max(1em, calc((100% - 46em) / 2)); }
.bar__titles { flex: 1; min-width: 0; }
.title { margin: 0; font-size: 1.15em; font-weight: 650; line-height: 1.3; overflow-wrap: anywhere; }
.page .title { font-size: 1.3em; }
/* One line in the widget, whatever the width: a title too long for it ends in "…" (the dialog's name stays whole). */
.widget .title { font-size: 1em; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.status { display: inline-flex; align-items: center; gap: 0.4em; font-size: 0.8em; color: var(--muted); }
.status::before { content: ""; width: 0.6em; height: 0.6em; border-radius: 50%; background: var(--wait); }
[data-state="connected"] .status::before { background: var(--ok); }
:is([data-state="offline"], [data-state="unavailable"]) .status::before { background: var(--down); }
.icon-button { display: inline-flex; align-items: center; justify-content: center; min-width: 2.5em;
  height: 2.5em; padding: 0 0.5em; border: 0; border-radius: 0.5em; background: transparent; color: inherit; }
.icon-button:hover { background: var(--surface); }

.widget .bar { background: var(--accent); color: var(--on-accent); border-bottom: 0; }
.widget .bar .status { color: inherit; }
.widget .bar .status::before { box-shadow: 0 0 0 2px var(--on-accent); }
.widget .bar .icon-button:hover { background: rgba(127, 127, 127, 0.25); }
.widget .bar :focus-visible { outline-color: var(--on-accent); outline-offset: -3px; }
.icon--more { stroke-width: 3; }

/* The header's ⋯ menu (MenuButton), under its button at the header's end. */
.menu { position: absolute; z-index: 2; inset-block-start: calc(100% - 0.25em); inset-inline-end: 0.5em;
  min-width: 13em; margin: 0; padding: 0.3em 0; border: 1px solid var(--line); border-radius: 0.6em;
  background: var(--bg); color: var(--fg); box-shadow: 0 6px 20px rgba(15, 23, 42, 0.25); }
.menu__item { display: flex; align-items: center; gap: 0.75em; width: 100%; min-height: 2.5em; padding: 0.4em 1em;
  border: 0; background: transparent; color: var(--fg); text-align: start; }
.menu__item:hover, .menu__item:focus { background: var(--surface); }
.widget .bar .menu :focus-visible { outline-color: var(--accent-text); outline-offset: -3px; }
.menu__label { flex: 1; }
.menu__check { visibility: hidden; color: var(--accent-text); }
.menu__item[aria-checked="true"] .menu__check { visibility: visible; }

.notice { display: flex; gap: 0.5em; align-items: flex-start; margin: 0; padding: 0.6em 1em;
  border-bottom: 1px solid var(--error); color: var(--fg); background: var(--surface); font-size: 0.9em; }
.notice .icon { color: var(--error); margin-block-start: 0.1em; }
/* Empty, and of no height, while connected: the live region stays in the page so that what it says is heard. */
.banner:not(:empty) { display: flex; flex-wrap: wrap; align-items: center; gap: 0.4em 0.75em; margin: 0;
  padding: 0.5em 1em; border-block-end: 1px solid var(--down); background: var(--surface); color: var(--fg);
  font-size: 0.9em; }
.page .banner:not(:empty) { padding-inline: max(1em, calc((100% - 46em) / 2)); }
.banner .icon { color: var(--down); }
.banner__text { flex: 1 1 12em; }
.retry { min-height: 2.25em; padding: 0.2em 1em; border: 1px solid var(--border); border-radius: 999px;
  background: var(--bg); color: var(--fg); font-weight: 600; }

.log { flex: 1; min-height: 0; overflow-y: auto; overscroll-behavior: contain; position: relative;
  padding: 1em 0.75em; display: flex; flex-direction: column; gap: 0.75em; }
.page .log { padding-inline: max(0.75em, calc((100% - 46em) / 2)); }
.msg { max-width: 100%; padding: 0.6em 0.85em; border-radius: var(--radius); overflow-wrap: anywhere; }
.msg--bot, .msg--welcome { align-self: flex-start; background: var(--surface); border-start-start-radius: 0.3em; }
.msg--user { align-self: flex-end; max-width: 85%; background: var(--accent); color: var(--on-accent);
  border-end-end-radius: 0.3em; white-space: pre-wrap; }
.msg--user.is-queued { background: var(--bg); color: var(--fg); border: 1px dashed var(--accent-text); }
.msg--user.is-failed { background: var(--bg); color: var(--fg); border: 1px solid var(--error); }
.msg--error { align-self: flex-start; border: 1px solid var(--error); }
.msg__pending { display: flex; align-items: center; gap: 0.3em; margin-block-start: 0.2em; font-size: 0.8em;
  color: var(--muted); white-space: normal; }
.msg__time { display: block; margin-block-start: 0.25em; font-size: 0.75em; text-align: end; white-space: nowrap; }
.msg--bot .msg__time { text-align: start; color: var(--muted); }
.msg p, .msg ul { margin: 0.4em 0 0; }
.msg .part { margin-top: 0.9em; }
.msg > :first-child, .msg__text > :first-child { margin-top: 0; }
.msg ul { padding-inline-start: 1.25em; }
.msg li + li { margin-top: 0.15em; }
.msg a { color: var(--accent-text); text-underline-offset: 0.15em; }
.msg strong { font-weight: 650; }
.msg__sources { margin: 0.6em 0 0; font-size: 0.8em; color: var(--muted); }
.msg__sources a { color: inherit; text-decoration: underline; }
.chips { display: flex; flex-wrap: wrap; gap: 0.4em; margin-top: 0.6em; }
.chip { min-height: 2em; padding: 0.3em 0.8em; border: 1px solid var(--accent-text); border-radius: 1em;
  background: var(--bg); color: var(--accent-text); font-size: 0.875em; line-height: 1.3; text-align: start; }
.chip:not(:disabled):hover { background: var(--accent); border-color: var(--accent); color: var(--on-accent); }
.welcome { display: flex; flex-direction: column; align-items: flex-start; }
/* 👍 👎 at the start, Copy at the end, on one row that nothing moves: what voting adds (the note, the comment box)
   goes on lines of its own under the buttons, as wide as the row but adding nothing to the bubble's width (contain),
   and Copy says "copied" on itself. */
.actions { display: flex; align-items: flex-start; gap: 0.8em; margin-top: 0.5em; }
.feedback { flex: 1 1 auto; min-width: 0; display: flex; flex-wrap: wrap; align-items: center; gap: 0 0.3em;
  font-size: 0.8em; color: var(--muted); }
.vote, .copy { display: inline-flex; align-items: center; justify-content: center; width: 2.25em; height: 2.25em;
  padding: 0; border: 1px solid var(--border); border-radius: 50%; background: var(--bg); color: var(--fg); }
.copy { font-size: 0.8em; }
.copy-group { flex: none; }
.vote .icon, .copy .icon { width: 1.1em; height: 1.1em; }
.vote[aria-pressed="true"] { background: var(--accent); border-color: var(--accent); color: var(--on-accent); }
.feedback__note, .feedback__comment { flex-basis: 100%; contain: inline-size; }
.feedback__note:not(:empty), .feedback__comment { margin-block-start: 0.3em; }
.feedback__comment { display: flex; gap: 0.4em; }
.feedback__comment input { flex: 1; min-width: 0; padding: 0.35em 0.6em; border: 1px solid var(--border);
  border-radius: 0.5em; background: var(--bg); color: var(--fg); font: inherit; }
.feedback__comment button { padding: 0.3em 0.8em; border: 1px solid var(--accent-text); border-radius: 1em;
  background: var(--bg); color: var(--accent-text); }
.welcome .msg { margin: 0; }

.msg__chart { margin: 0.6em 0 0; }
.chart { display: block; width: 100%; max-width: 300px; height: auto; overflow: visible; }
.chart__label, .chart__value { font-size: 13px; fill: var(--fg); }
.chart__track { stroke: var(--track); stroke-width: 14; }
.chart__value { fill: var(--muted); }
.chart__bar--range { fill: var(--range); background: var(--range); }
.chart__bar--average { fill: var(--average); background: var(--average); }
.chart__bar--median { fill: var(--median); background: var(--median); }
.chart__bar--minimum { fill: var(--minimum); background: var(--minimum); }
.chart__bar--comparison { fill: var(--bg); stroke: var(--fg); stroke-width: 1.5; stroke-dasharray: 3 2;
  background: var(--bg); border: 1.5px dashed var(--fg); }
.msg .legend { display: flex; flex-wrap: wrap; gap: 0.2em 1em; margin: 0.3em 0 0; padding: 0; list-style: none;
  font-size: 0.8em; color: var(--muted); }
.legend li { display: flex; align-items: center; gap: 0.35em; margin: 0; }
.swatch { width: 0.8em; height: 0.8em; border-radius: 0.2em; }

.typing { display: flex; gap: 0.3em; align-self: flex-start; margin: 0 0.75em 0.5em; padding: 0.75em 0.9em;
  border-radius: 1em; background: var(--surface); width: max-content; }
.page .typing { margin-inline-start: max(0.75em, calc((100% - 46em) / 2)); }
.typing span { width: 0.45em; height: 0.45em; border-radius: 50%; background: var(--muted);
  animation: blink 1.2s infinite ease-in-out; }
.typing span:nth-child(2) { animation-delay: 0.15s; }
.typing span:nth-child(3) { animation-delay: 0.3s; }
@keyframes blink { 0%, 80%, 100% { opacity: 0.3; } 40% { opacity: 1; } }

.undo { display: flex; align-items: center; gap: 0.75em; margin: 0; padding: 0.4em 0.75em; font-size: 0.9em;
  border-top: 1px solid var(--line); background: var(--surface); }
.page .undo { padding-inline: max(0.75em, calc((100% - 46em) / 2)); }
.undo button { padding: 0.2em 0.9em; border: 1px solid var(--accent-text); border-radius: 1em; background: var(--bg);
  color: var(--accent-text); font-weight: 600; }

.composer { display: flex; flex-wrap: wrap; align-items: flex-end; column-gap: 0.5em; padding: 0.6em 0.75em;
  padding-bottom: calc(0.6em + env(safe-area-inset-bottom, 0px)); border-top: 1px solid var(--line); }
/* A line of its own above the input, of no height while it has nothing to say. */
.input-info { display: flex; flex-basis: 100%; align-items: baseline; gap: 0 1em; font-size: 0.8em; line-height: 1.4; }
.input-note, .counter { margin: 0; }
.input-note:not(:empty), .counter { padding-block-end: 0.4em; }
.input-note { color: var(--fg); }
.counter { margin-inline-start: auto; color: var(--muted); white-space: nowrap; font-variant-numeric: tabular-nums; }
.counter.is-over { color: var(--error); font-weight: 600; }
.page .composer { padding-inline: max(0.75em, calc((100% - 46em) / 2)); }
.input { flex: 1; min-width: 0; resize: none; max-height: 8em; margin: 0; padding: 0.55em 0.75em;
  border: 1px solid var(--border); border-radius: 0.75em; background: var(--bg); color: var(--fg);
  font: inherit; line-height: 1.4; }
/* One line: a wrapped placeholder is clipped by the one-row box (fitPlaceholder() shortens one too wide). */
.input::placeholder { color: var(--muted); opacity: 1; white-space: nowrap; }
.send { display: inline-flex; align-items: center; justify-content: center; width: 2.6em; height: 2.6em;
  border: 0; border-radius: 50%; background: var(--accent); color: var(--on-accent); flex: none; }
/* Disabled while the server refuses this site (the notice says so). */
.input:disabled { background: var(--surface); cursor: not-allowed; }
.send:disabled, .chip:disabled { opacity: 0.45; cursor: not-allowed; }
.footer { padding: 0.3em 0.75em 0.5em; font-size: 0.75em; color: var(--muted); text-align: center; }
.footer ::slotted(a) { color: var(--accent-text); }

/* The corners are the physical ones data-position names, whatever the page's direction. */
.launcher { position: fixed; z-index: var(--z); bottom: calc(var(--offset-y) + env(safe-area-inset-bottom, 0px));
  right: var(--offset-x); min-width: var(--launcher-size); height: var(--launcher-size); padding: 0; border: 0;
  border-radius: calc(var(--launcher-size) / 2); display: flex; align-items: center; justify-content: center;
  gap: 0.5em; background: var(--accent); color: var(--on-accent); box-shadow: 0 4px 14px rgba(15, 23, 42, 0.3); }
.launcher.has-label { padding: 0 1.25em; font-weight: 600; }
.launcher:not(.has-label) { width: var(--launcher-size); border-radius: 50%; }
.launcher .icon { width: 28px; height: 28px; }
.launcher:focus-visible { outline-offset: 3px; }
.badge { position: absolute; inset-block-start: -4px; inset-inline-end: -4px; min-width: 22px; height: 22px; padding: 0 6px;
  border-radius: 11px; background: #b91c1c; color: #ffffff; font-size: 12px; font-weight: 700; line-height: 22px;
  text-align: center; box-shadow: 0 0 0 2px #ffffff; }
.widget .panel { position: fixed; z-index: calc(var(--z) + 1); right: var(--offset-x);
  bottom: calc(var(--offset-y) + var(--launcher-size) + 12px + env(safe-area-inset-bottom, 0px));
  width: var(--ca-panel-width, 380px); max-width: calc(100vw - 40px);
  height: min(var(--ca-panel-height, 620px), calc(100vh - 108px));
  height: min(var(--ca-panel-height, 620px), calc(100dvh - 108px)); border-radius: var(--radius);
  overflow: hidden; border: 1px solid var(--line); box-shadow: 0 12px 40px rgba(15, 23, 42, 0.3);
  animation: rise 0.16s ease-out; }
.widget.no-launcher .panel { bottom: calc(var(--offset-y) + env(safe-area-inset-bottom, 0px)); }
.left .launcher, .left.widget .panel { right: auto; left: var(--offset-x); }
.widget.expanded .panel { inset: 0; width: 100%; max-width: none; height: 100%; border: 0; border-radius: 0; }
.widget.expanded.open .launcher { display: none; }
@keyframes rise { from { opacity: 0; transform: translateY(8px); } }
/* SMALL_SCREEN of modal.mjs, where the script asks the same query (a unit test keeps the two alike). */
@media (max-width: 480px), (max-height: 480px) {
  .teaser { display: none !important; }
  .widget .panel { inset: 0; width: 100%; max-width: none; height: 100%; border: 0; border-radius: 0; }
  .widget.open .launcher { display: none; }
  .expand { display: none !important; }
}
/* The greeting above the launcher (data-teaser); never shown on a small screen, where it would cover the page. */
.teaser { position: fixed; z-index: var(--z); right: var(--offset-x);
  bottom: calc(var(--offset-y) + var(--launcher-size) + 12px + env(safe-area-inset-bottom, 0px));
  display: flex; align-items: flex-start; gap: 0.25em; max-width: min(20em, calc(100vw - 2 * var(--offset-x)));
  padding: 0.25em; border: 1px solid var(--line); border-radius: var(--radius); background: var(--bg); color: var(--fg);
  box-shadow: 0 6px 20px rgba(15, 23, 42, 0.25); animation: rise 0.16s ease-out; }
.left .teaser { right: auto; left: var(--offset-x); }
.widget.no-launcher .teaser { display: none; }
.teaser__text { flex: 1; min-width: 0; margin: 0; padding-block: 0.5em; padding-inline: 0.6em 0.25em; border: 0; border-radius: 0.6em;
  background: transparent; color: inherit; text-align: start; overflow-wrap: anywhere; }
.teaser__text:hover { color: var(--accent-text); }
.teaser__close { min-width: 2em; height: 2em; padding: 0; border: 0; border-radius: 50%; background: transparent;
  color: var(--muted); display: inline-flex; align-items: center; justify-content: center; flex: none; }
.teaser__close:hover { background: var(--surface); color: var(--fg); }
.teaser__close .icon { width: 1em; height: 1em; }
/* Fingers need bigger targets than a mouse pointer: 44 px at least. */
@media (pointer: coarse) {
  .vote, .copy, .icon-button, .send { min-width: 44px; min-height: 44px; }
  .vote .icon, .copy .icon { width: 1.5em; height: 1.5em; }
  .menu__item { min-height: 44px; }
  .teaser__close { min-width: 44px; min-height: 44px; }
}
@media (prefers-reduced-motion: reduce) {
  .widget .panel, .typing span, .teaser { animation: none; }
}
`;

  // web/src/theme.mjs
  var THEMES = {
    light: {
      bg: "#ffffff",
      surface: "#f1f5f9",
      fg: "#0f172a",
      muted: "#475569",
      line: "#e2e8f0",
      border: "#64748b",
      accent: "#1d4ed8",
      "on-accent": "#ffffff",
      error: "#b91c1c",
      range: "#2563eb",
      average: "#0f766e",
      median: "#b45309",
      minimum: "#7c3aed",
      track: "#dbe2ea",
      ok: "#15803d",
      wait: "#b45309",
      down: "#b91c1c"
    },
    dark: {
      bg: "#0f172a",
      surface: "#1e293b",
      fg: "#e2e8f0",
      muted: "#a5b4c8",
      line: "#334155",
      border: "#8191a8",
      accent: "#93c5fd",
      "on-accent": "#0f172a",
      error: "#fca5a5",
      range: "#60a5fa",
      average: "#2dd4bf",
      median: "#fbbf24",
      minimum: "#c4b5fd",
      track: "#334155",
      ok: "#4ade80",
      wait: "#fbbf24",
      down: "#f87171"
    }
  };
  var HOST_COLOURS = ["accent", "on-accent", "bg", "surface", "fg", "muted", "line", "border"];
  function rgb(color) {
    const text = String(color || "").trim();
    if (!text || !(window.CSS && CSS.supports("color", text)))
      return null;
    const canvas = canvasContext();
    if (!canvas)
      return null;
    const read = (base) => {
      canvas.fillStyle = base;
      canvas.fillStyle = text;
      return canvas.fillStyle;
    };
    const value = read("#000000");
    if (value !== read("#ffffff"))
      return null;
    const hex = /^#([0-9a-f]{6})$/i.exec(value);
    if (hex)
      return [0, 2, 4].map((i) => parseInt(hex[1].slice(i, i + 2), 16));
    const fn = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)/i.exec(value);
    return fn ? fn.slice(1, 4).map(Number) : null;
  }
  function luminance(color) {
    const [r, g, b] = (Array.isArray(color) ? color : rgb(color)).map((c) => {
      const s = c / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }
  function contrast(a, b) {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  }
  function accentVariables(color) {
    const value = rgb(color);
    if (!value)
      return { "--site-accent": color };
    const onAccent = contrast(value, "#ffffff") >= contrast(value, "#000000") ? "#ffffff" : "#000000";
    const textIn = (t) => Math.min(contrast(value, t.bg), contrast(value, t.surface)) >= 4.5 ? color : t.fg;
    return {
      "--site-accent": color,
      "--site-on-accent": onAccent,
      "--site-accent-text-light": textIn(THEMES.light),
      "--site-accent-text-dark": textIn(THEMES.dark)
    };
  }
  var variables = (theme) => Object.entries(theme).map(([k, v]) => HOST_COLOURS.includes(k) ? `--${k}: var(--ca-${k}, var(--site-${k}, ${v}));` : `--${k}: ${v};`).join("");
  var DARK = `${variables(THEMES.dark)} color-scheme: dark;
    --accent-text: var(--ca-accent-text, var(--site-accent-text-dark, var(--accent)));`;
  var paletteRules = () => `
.root { ${variables(THEMES.light)} --accent-text: var(--ca-accent-text, var(--site-accent-text-light, var(--accent))); }
@media (prefers-color-scheme: dark) {
  .root:not(.theme-light) { ${DARK} }
}
.root.theme-dark { ${DARK} }
`;

  // web/src/styles.mjs
  var STYLES = paletteRules() + styles_default;
  var sheet = null;
  function adoptStyles(root) {
    if ("adoptedStyleSheets" in root && typeof CSSStyleSheet === "function" && "replaceSync" in CSSStyleSheet.prototype) {
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(STYLES);
      }
      root.adoptedStyleSheets = [sheet];
    } else {
      root.append(h("style", {}, STYLES));
    }
  }

  // web/src/teaser.mjs
  var Teaser = class {
    // isOpen(): whether the chat is open. smallScreen: the MediaQueryList of SMALL_SCREEN. open(): opens the
    // chat. activeElement(): the focused element in the chat's shadow root.
    constructor({ isOpen, smallScreen, open, activeElement }) {
      this.isOpen = isOpen;
      this.smallScreen = smallScreen;
      this.openChat = open;
      this.activeElement = activeElement;
      this.startedAt = Date.now();
      this.timer = 0;
      this.shown = false;
      this.bubble = null;
      this.said = null;
      this.onEscape = (event) => {
        if (event.key === "Escape")
          this.hide();
      };
    }
    // The greeting's nodes for a build of the chat: [bubble, status], both null without a launcher or a text.
    // text, delay (seconds), key (the chat's storage key): from the options; launcher: the build's.
    build({ text, delay, key, labels, launcher }) {
      this.text = text;
      this.delay = delay;
      this.key = key + ":teaser";
      this.launcher = launcher;
      this.bubble = null;
      this.said = null;
      if (launcher && text) {
        this.bubble = h(
          "div",
          { class: "teaser", part: "teaser", hidden: !this.shown },
          h("button", {
            type: "button",
            class: "teaser__text",
            dir: "auto",
            part: "teaser-text",
            onclick: () => this.openChat()
          }, text),
          h("button", {
            type: "button",
            class: "teaser__close",
            "aria-label": labels.teaserClose,
            title: labels.teaserClose,
            part: "teaser-close",
            onclick: () => this.hide({ focusLauncher: true })
          }, icon("close"))
        );
        this.said = h("p", { class: "visually-hidden", role: "status" });
      }
      return [this.bubble, this.said];
    }
    schedule() {
      if (!this.bubble || this.timer || this.shown || this.isOpen() || this.seen())
        return;
      this.timer = setTimeout(() => {
        this.timer = 0;
        this.show();
      }, Math.max(0, this.delay * 1e3 - (Date.now() - this.startedAt)));
    }
    // After a rebuild: the delay or the text may be new.
    restart() {
      clearTimeout(this.timer);
      this.timer = 0;
      this.schedule();
    }
    seen() {
      try {
        return window.sessionStorage.getItem(this.key) !== null;
      } catch {
        return false;
      }
    }
    show() {
      if (!this.bubble || this.isOpen() || this.smallScreen.matches || this.seen())
        return;
      try {
        window.sessionStorage.setItem(this.key, "shown");
      } catch {
      }
      this.shown = true;
      this.bubble.hidden = false;
      this.said.textContent = this.text;
      document.addEventListener("keydown", this.onEscape);
    }
    // Dismissed (×, Escape), or the chat opened (before or after it showed): not again this session. × gives
    // the focus to the launcher, as does any way of hiding it from under the focus.
    hide({ focusLauncher = false } = {}) {
      if (!this.bubble)
        return;
      clearTimeout(this.timer);
      this.timer = 0;
      try {
        window.sessionStorage.setItem(this.key, "done");
      } catch {
      }
      if (!this.shown)
        return;
      this.shown = false;
      document.removeEventListener("keydown", this.onEscape);
      const hadFocus = this.bubble.contains(this.activeElement());
      this.bubble.hidden = true;
      this.said.textContent = "";
      if (hadFocus || focusLauncher)
        this.launcher.focus({ preventScroll: true });
    }
  };

  // web/src/chat.mjs
  var UNDO_MS = 8e3;
  var STATE_LABELS = {
    [State.idle]: "stateIdle",
    [State.connecting]: "stateConnecting",
    [State.connected]: "stateConnected",
    [State.reconnecting]: "stateReconnecting",
    [State.offline]: "stateOffline",
    [State.unavailable]: "stateUnavailable"
  };
  var Chat = class {
    constructor(options, registry) {
      this.options = options;
      this.registry = registry;
      this.page = options.mode === "page";
      this.limits = { ...DEFAULT_LIMITS };
      this.history = new History(options.storage, options.storageKey);
      const saved = this.history.load();
      this.unread = Number.isInteger(saved.unread) ? saved.unread : 0;
      this.smallScreen = window.matchMedia(SMALL_SCREEN);
      this.isOpen = options.open && !this.smallScreen.matches || saved.open;
      this.expanded = false;
      this.modal = false;
      this.focusTrap = new FocusTrap({ panel: () => this.panel, inside: (node) => this.contains(node) });
      this.moreMenu = null;
      this.topicsShown = false;
      this.limitsAsked = false;
      this.undoTimer = 0;
      this.teaser = new Teaser({
        isOpen: () => this.isOpen,
        smallScreen: this.smallScreen,
        open: () => this.open(),
        activeElement: () => this.host.shadowRoot.activeElement
      });
      this.connection = new Connection(options.socketUrl, {
        onState: (state, previous) => this.showState(state, previous),
        onMessage: (message) => this.receive(message),
        onClose: (code) => this.outbox.closed(code),
        reachable: () => serverReachable(options.serverUrl)
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
            this.emit("feedback", { answerId: message.answer.answerId, helpful: message.vote.helpful });
          },
          voteUpdated: (message) => this.feedback.show(message),
          answered: (reply) => this.answered(reply),
          changed: () => this.save()
        }
      });
      this.api = this.publicApi();
    }
    get labels() {
      return this.options.labels;
    }
    publicApi() {
      const chat = this;
      return Object.freeze({
        get element() {
          return chat.host;
        },
        get state() {
          return chat.connection.state;
        },
        get isOpen() {
          return chat.isOpen;
        },
        get unread() {
          return chat.unread;
        },
        get limits() {
          return { ...chat.limits };
        },
        open: () => chat.open(),
        close: () => chat.close(),
        toggle: () => chat.isOpen ? chat.close() : chat.open(),
        ask: (text) => chat.ask(text),
        clear: () => chat.clear(),
        configure: (settings) => chat.configure(settings),
        transcript: () => chat.transcript()
      });
    }
    mount(host) {
      this.host = host;
      host.setAttribute("data-career-advisor", this.page ? "page" : "widget");
      const shadow = host.attachShadow({ mode: "open" });
      adoptStyles(shadow);
      shadow.append(this.build());
      this.conversation.showAll(this.outbox.messages);
      this.showState(this.connection.state);
      if (!this.page)
        this.smallScreen.addEventListener("change", () => this.showModal());
      this.teaser.schedule();
      if (this.page || this.isOpen)
        this.setOpen(true);
      else if (this.outbox.waiting)
        this.start();
      if (this.page)
        this.composer.input.focus({ preventScroll: true });
      this.emit("ready");
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
      if (allowed === false)
        this.connection.refuse();
    }
    // New settings (CareerAdvisor.init): rebuilt in place, conversation and connection kept.
    configure(settings) {
      this.options = mergeSettings(this.options, settings);
      if (!this.host)
        return;
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
      const button = (label, name, onclick, extra = {}) => h("button", {
        type: "button",
        class: "icon-button",
        "aria-label": label,
        title: label,
        part: "header-button",
        onclick,
        ...extra
      }, icon(name));
      this.status = h("span", { class: "status", id: "status", role: "status", part: "status" });
      this.banner = h("div", { class: "banner", id: "banner", role: "status", part: "banner" });
      this.notice = h(
        "p",
        { class: "notice", id: "notice", tabindex: -1, hidden: true, part: "notice" },
        icon("alert"),
        h("span", {}, L.unavailable)
      );
      this.feedback = new FeedbackControls({
        labels: L,
        limits: () => this.limits,
        vote: (message, helpful, comment) => this.outbox.vote(message, helpful, comment)
      });
      this.conversation = new ConversationView({
        labels: L,
        lang,
        chip: (text) => this.chip(text),
        feedback: this.feedback,
        connected: () => this.connection.open
      });
      this.typing = h("div", { class: "typing", hidden: true, "aria-hidden": "true" }, h("span"), h("span"), h("span"));
      this.undoBar = h("div", { class: "undo", role: "status", part: "undo" });
      this.undoBar.hidden = true;
      this.composer = new Composer({
        labels: L,
        lang,
        placeholder: L.placeholder || (this.options.titleGiven ? title + "…" : L.defaultPlaceholder),
        limits: () => this.limits,
        notice: this.notice,
        check: (question) => this.questionProblem(question),
        ask: (text) => this.ask(text)
      });
      const slot = h("slot", { name: "footer" }, this.options.footer || "");
      const footer = h("div", { class: "footer", part: "footer" }, slot);
      const showFooter = () => {
        footer.hidden = !this.options.footer && slot.assignedNodes().length === 0;
      };
      slot.addEventListener("slotchange", showFooter);
      showFooter();
      if (this.moreMenu)
        this.moreMenu.close();
      this.moreMenu = this.page ? null : new MenuButton({ id: "more", label: L.moreActions, items: [
        {
          label: L.expand,
          icon: "expand",
          className: "expand",
          checkbox: true,
          onselect: () => this.setExpanded(!this.expanded)
        },
        { label: L.download, icon: "download", onselect: () => this.download() },
        { label: L.clear, icon: "clear", onselect: () => this.clear() }
      ] });
      const bar = h(
        "div",
        { class: "bar", part: "header" },
        h(
          "div",
          { class: "bar__titles" },
          h(this.page ? "h1" : "h2", { class: "title", id: "title", part: "title" }, title),
          h("div", {}, this.status)
        ),
        this.page ? [button(L.download, "download", () => this.download()), button(L.clear, "clear", () => this.clear())] : [this.moreMenu.button, this.moreMenu.popup, button(L.close, "down", () => this.close())]
      );
      this.panel = h(
        "div",
        {
          class: "panel",
          id: "panel",
          role: this.page ? null : "dialog",
          part: "panel",
          "aria-labelledby": this.page ? null : "title",
          hidden: !this.page
        },
        bar,
        this.notice,
        this.banner,
        this.conversation.log,
        this.typing,
        this.undoBar,
        this.composer.form,
        footer
      );
      this.launcher = null;
      this.badge = null;
      if (!this.page && launcher !== "none") {
        this.badge = h("span", { class: "badge", part: "badge", "aria-hidden": "true", hidden: true });
        this.launcher = h(
          "button",
          {
            type: "button",
            class: "launcher" + (launcherLabel ? " has-label" : ""),
            id: "launcher",
            title,
            "aria-expanded": "false",
            "aria-controls": "panel",
            part: "launcher",
            onclick: () => this.isOpen ? this.close() : this.open()
          },
          launcherIcon === "none" && launcherLabel ? null : icon(launcherIcon === "help" ? "help" : "chat"),
          launcherLabel ? h("span", { class: "launcher__label", "aria-hidden": "true" }, launcherLabel) : null,
          this.badge
        );
      }
      const [teaser, teaserSaid] = this.teaser.build({
        text: this.options.teaser,
        delay: this.options.teaserDelay,
        key: this.options.storageKey,
        labels: L,
        launcher: this.launcher
      });
      const classes = [
        "root",
        this.page ? "page" : "widget",
        position === "left" ? "left" : "",
        theme === "light" || theme === "dark" ? "theme-" + theme : "",
        this.launcher || this.page ? "" : "no-launcher"
      ];
      this.root = h(this.page ? "section" : "aside", {
        class: classes.filter(Boolean).join(" "),
        lang: lang || null,
        "aria-label": this.page ? null : title,
        "aria-labelledby": this.page ? "title" : null,
        onkeydown: (e) => this.onKey(e)
      }, teaser, teaserSaid, this.launcher, this.panel);
      this.applyStyleOptions();
      this.showUnread();
      return this.root;
    }
    // What the tag and init() say about colour, font, offset and stacking, as --site-* variables below the
    // site's own --ca-* ones. An accent set as --ca-accent on the page is measured like data-color.
    applyStyleOptions() {
      const { accent, font, offsetX, offsetY, zIndex } = this.options;
      const hostAccent = this.host ? getComputedStyle(this.host).getPropertyValue("--ca-accent").trim() : "";
      const values = {
        "--site-font": font,
        "--site-offset-x": offsetX,
        "--site-offset-y": offsetY,
        "--site-z-index": zIndex,
        ...hostAccent || accent ? accentVariables(hostAccent || accent) : {}
      };
      for (const [k, v] of Object.entries(values))
        if (v)
          this.root.style.setProperty(k, v);
    }
    // Example questions, one per topic, the topic's main question first. Best effort: the chat works without.
    async showTopics() {
      if (this.topicsShown)
        return;
      this.topicsShown = true;
      try {
        this.conversation.showExamples(await exampleQuestions(this.options.serverUrl, this.page ? 6 : 4));
      } catch {
        this.topicsShown = false;
      }
    }
    // A chip asks its question; pressed from the keyboard, the focus goes on to the input (a click leaves it,
    // so a phone does not open its keyboard).
    chip(text) {
      return h("button", {
        type: "button",
        class: "chip",
        part: "chip",
        dir: "auto",
        disabled: this.connection.state === State.unavailable,
        onclick: (event) => {
          this.ask(text).catch(() => {
          });
          if (event.detail === 0)
            this.composer.input.focus();
        }
      }, text);
    }
    // ----- opening and closing (the page is always open)
    open({ focus = true } = {}) {
      if (!this.isOpen) {
        const active = document.activeElement;
        if (active && active !== document.body && active !== this.host)
          this.returnFocus = active;
        this.setOpen(true);
        this.emit("open");
      }
      if (focus)
        this.composer.input.focus();
    }
    // Focus goes back to the launcher (or, without one, where it was before opening) only if it was in the
    // panel: a script closing us must not steal it.
    close() {
      if (this.page || !this.isOpen)
        return;
      const hadFocus = this.panel.contains(this.host.shadowRoot.activeElement);
      this.setOpen(false);
      if (hadFocus) {
        const back = this.launcher || (this.returnFocus && this.returnFocus.isConnected ? this.returnFocus : null);
        if (back)
          back.focus({ preventScroll: true });
      }
      this.emit("close");
    }
    setOpen(open, { quiet = false } = {}) {
      this.isOpen = open;
      if (!this.page) {
        this.panel.hidden = !open;
        this.root.classList.toggle("open", open);
        if (this.launcher)
          this.launcher.setAttribute("aria-expanded", String(open));
        if (open)
          this.teaser.hide();
        if (open && this.unread) {
          this.unread = 0;
          this.showUnread();
        }
        if (!quiet)
          this.save();
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
      this.root.classList.toggle("expanded", expanded);
      this.showModal();
      if (this.moreMenu)
        this.moreMenu.setChecked("expand", expanded);
    }
    showUnread() {
      if (!this.badge)
        return;
      this.badge.hidden = this.unread === 0;
      this.badge.textContent = this.unread > 9 ? "9+" : String(this.unread);
      this.launcher.setAttribute("aria-label", (this.options.launcherLabel || this.options.title) + (this.unread ? ", " + fill(this.labels.unread, { count: this.unread }) : ""));
    }
    onKey(event) {
      if (event.key === "Escape" && !this.page && this.isOpen) {
        event.stopPropagation();
        if (this.expanded)
          this.setExpanded(false);
        else
          this.close();
      }
    }
    // ----- modal: the open panel covers the page (a small screen, or full screen)
    // While the panel covers the page the dialog is modal: it says so (aria-modal), Tab and Shift+Tab go round
    // inside it, the focus cannot stay behind it, and the page behind does not scroll. All undone, and the page
    // scrolled back to where it was, once the panel no longer covers the page or closes (close() gives the
    // focus back). The listeners are the document's: the focus may be on its body, after a tap on the panel's text.
    showModal() {
      const modal = !this.page && this.isOpen && (this.expanded || this.smallScreen.matches);
      if (modal)
        this.panel.setAttribute("aria-modal", "true");
      else
        this.panel.removeAttribute("aria-modal");
      if (modal === this.modal)
        return;
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
      if (!question)
        return failure("empty", "the question is empty");
      if (charLength(question) > this.limits.max_question_chars) {
        return failure("too_long", `the question is longer than ${this.limits.max_question_chars} characters`);
      }
      if (this.connection.state === State.unavailable)
        return this.unavailableError();
      return null;
    }
    unavailableError() {
      return failure("unavailable", `the server ${this.options.serverUrl} refuses chats from this site (${location.origin})`);
    }
    ask(text) {
      const question = String(text === void 0 || text === null ? "" : text).trim();
      const problem = this.questionProblem(question);
      if (problem)
        return Promise.reject(problem);
      if (!this.isOpen)
        this.open({ focus: false });
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
      this.emit("answer", { answer: reply });
    }
    // Clears at once and offers Undo for a few seconds (the conversation stays in memory until then).
    clear() {
      const kept = this.outbox.clear();
      this.conversation.showAll(this.outbox.messages);
      this.save();
      this.updateTyping();
      if (this.connection.open)
        this.connection.restart();
      if (kept.messages.length)
        this.offerUndo(kept);
      this.composer.input.focus();
    }
    offerUndo(kept) {
      clearTimeout(this.undoTimer);
      const hide = () => {
        clearTimeout(this.undoTimer);
        this.undoBar.hidden = true;
        this.undoBar.replaceChildren();
      };
      const undo = () => {
        hide();
        this.outbox.restore(kept);
        this.conversation.showAll(this.outbox.messages);
        this.save();
        this.composer.input.focus();
      };
      this.undoBar.replaceChildren(
        h("span", {}, this.labels.cleared),
        h("button", { type: "button", part: "undo-button", onclick: undo }, this.labels.undo)
      );
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
      if (state === State.unavailable && previous !== state)
        this.becameUnavailable();
      if (previous !== void 0 && previous !== state)
        this.emit("state", { state, previous });
    }
    // While the server refuses this site nothing can be asked: the input, Send and every chip are disabled and
    // described by the notice that says why. The focus, if on one of them, moves to that notice (a disabled
    // control drops it, and Escape would no longer reach the widget).
    showAvailable(available) {
      const { input, sendButton } = this.composer;
      const controls = [input, sendButton, ...this.root.querySelectorAll(".chip")];
      const hadFocus = controls.includes(this.host.shadowRoot.activeElement);
      this.notice.hidden = available;
      for (const control of controls)
        control.disabled = !available;
      if (available)
        sendButton.removeAttribute("aria-describedby");
      else
        sendButton.setAttribute("aria-describedby", "notice");
      this.composer.describeInput();
      if (!available && hadFocus)
        this.notice.focus();
    }
    // Offline (OFFLINE_AFTER_FAILURES attempts in a row failed, or the browser has no network): the banner says
    // that questions wait, and Retry connects now instead of after the backoff. Gone once connected; the focus,
    // if on Retry, goes on to the input.
    showBanner(show) {
      if (show === this.banner.hasChildNodes())
        return;
      const hadFocus = this.banner.contains(this.host.shadowRoot.activeElement);
      this.banner.replaceChildren(...!show ? [] : [
        icon("alert"),
        h("span", { class: "banner__text" }, this.labels.offlineNotice),
        h(
          "button",
          { type: "button", class: "retry", part: "retry", onclick: () => this.connection.retryNow() },
          this.labels.retry
        )
      ]);
      if (hadFocus)
        (this.composer.input.disabled ? this.notice : this.composer.input).focus();
    }
    // Nothing queued will be sent: each waiting question fails, and the site owner is told once how to fix it.
    becameUnavailable() {
      this.outbox.failWaiting(this.unavailableError());
      const told = this.registry.told;
      if (!told.has(this.options.serverUrl)) {
        told.add(this.options.serverUrl);
        console.error(`Career Advisor: ${this.options.serverUrl} refuses chats from this site (${location.origin}). Allow it on the server: career-advisor serve --allowed-origin ${location.origin} (and, if this page sends a Content-Security-Policy, let its connect-src include the server's wss:// or ws:// address).`);
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
      this.history.save({
        open: !this.page && this.isOpen,
        messages: this.outbox.messages,
        context: this.outbox.context,
        unread: this.unread
      });
    }
    emit(name, detail = {}) {
      if (!this.host)
        return;
      this.host.dispatchEvent(new CustomEvent(
        "careeradvisor:" + name,
        { bubbles: true, detail: { instance: this.api, ...detail } }
      ));
    }
  };

  // web/src/registry.mjs
  function createRegistry() {
    const instances = [];
    let announce;
    const ready = new Promise((resolve) => {
      announce = resolve;
    });
    const settings = { labels: {} };
    const first = (run) => instances.length ? run(instances[0]) : ready.then(run);
    const registry = {
      instances,
      ready,
      settings,
      told: /* @__PURE__ */ new Set(),
      // servers whose refusal the console has heard about
      pageScroll: new PageScroll(),
      // held while a chat's panel covers the page
      get state() {
        return instances.length ? instances[0].state : "loading";
      },
      init(options = {}) {
        Object.assign(settings, options, { labels: { ...settings.labels, ...options.labels || {} } });
        for (const instance of instances)
          instance.configure(options);
      },
      open: () => first((i) => i.open()),
      close: () => first((i) => i.close()),
      toggle: () => first((i) => i.toggle()),
      clear: () => first((i) => i.clear()),
      ask: (text) => first((i) => i.ask(text)),
      // ['open'], ['ask', 'text'], ['init', {…}], or a function given the registry once an instance is ready.
      push(...commands) {
        for (const command of commands) {
          if (typeof command === "function") {
            ready.then(() => command(registry));
            continue;
          }
          const [name, ...args] = Array.isArray(command) ? command : [];
          if (!["init", "open", "close", "toggle", "clear", "ask"].includes(name)) {
            console.error("Career Advisor: unknown command", command);
            continue;
          }
          const result = registry[name](...args);
          if (result && typeof result.catch === "function") {
            result.catch((error) => console.warn("Career Advisor:", name, "failed:", error.message));
          }
        }
        return instances.length;
      },
      add(api) {
        instances.push(api);
        if (instances.length === 1)
          announce(api);
      }
    };
    return registry;
  }
  function pageRegistry() {
    const existing = window.CareerAdvisor;
    const registry = existing && !Array.isArray(existing) && Array.isArray(existing.instances) ? existing : createRegistry();
    if (registry !== existing) {
      window.CareerAdvisor = registry;
      if (Array.isArray(existing))
        registry.push(...existing);
    }
    if (!registry.pageScroll)
      registry.pageScroll = new PageScroll();
    return registry;
  }

  // web/src/widget.mjs
  var script = document.currentScript || [...document.querySelectorAll('script[src*="widget.js"]')].pop();
  if (!script || !script.src)
    console.error("Career Advisor: load widget.js with a <script src> tag");
  else
    start(script);
  function start(tag) {
    const registry = pageRegistry();
    const options = readOptions(tag, registry);
    whenParsed(() => {
      let host;
      if (options.mount) {
        host = document.querySelector(options.mount);
        if (!host || host.shadowRoot) {
          console.error("Career Advisor: data-mount must name an element without a shadow root:", options.mount);
          return;
        }
      } else {
        host = document.createElement("div");
        document.body.append(host);
      }
      const chat = new Chat(options, registry);
      registry.add(chat.api);
      chat.mount(host);
    });
  }
  function whenParsed(run) {
    if (document.readyState === "loading")
      document.addEventListener("DOMContentLoaded", run, { once: true });
    else
      run();
  }
})();
