// Minimal chat client: one WebSocket to /ws, answers rendered as text (never as HTML).
(() => {
  'use strict';
  const log = document.getElementById('log');
  const form = document.getElementById('ask');
  const input = document.getElementById('question');
  const status = document.getElementById('status');
  const pending = [];
  let socket = null;
  let nextId = 1;
  let retryMs = 500;

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function show(node) {
    log.appendChild(node);
    node.scrollIntoView({ block: 'end' });
  }

  function showAnswer(msg) {
    const item = el('div', 'msg msg--bot');
    item.appendChild(el('div', 'msg__text', msg.type === 'error' ? msg.message : msg.text));
    if (msg.data && msg.data.kind === 'salary' && msg.data.rows.length && window.CareerAdvisorChart) {
      item.appendChild(window.CareerAdvisorChart.render(msg.data));
    }
    if (msg.sources && msg.sources.length) {
      item.appendChild(el('div', 'msg__sources', 'Sources: ' + msg.sources.map((s) => s.title).join('; ')));
    }
    if (msg.suggestions && msg.suggestions.length) {
      const chips = el('div', 'chips');
      for (const s of msg.suggestions) {
        const chip = el('button', 'chip', s);
        chip.type = 'button';
        chip.addEventListener('click', () => ask(s));
        chips.appendChild(chip);
      }
      item.appendChild(chips);
    }
    show(item);
  }

  function send(text) {
    socket.send(JSON.stringify({ type: 'ask', id: 'c' + nextId++, text }));
  }

  function ask(text) {
    show(el('div', 'msg msg--user', text));
    if (socket && socket.readyState === WebSocket.OPEN) send(text);
    else pending.push(text);
  }

  function connect() {
    const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    socket = new WebSocket(scheme + location.host + '/ws');
    socket.addEventListener('open', () => {
      status.textContent = 'connected';
      retryMs = 500;
      while (pending.length) send(pending.shift());
    });
    socket.addEventListener('message', (event) => showAnswer(JSON.parse(event.data)));
    socket.addEventListener('close', () => {
      status.textContent = 'reconnecting…';
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 10000);
    });
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    ask(text);
  });

  connect();
})();
