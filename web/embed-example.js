// The demo buttons of embed-example.html: the API a site uses. This runs before widget.js (which is async), so
// the calls go into the command queue and run once the chat has started.
(() => {
  'use strict';
  window.CareerAdvisor = window.CareerAdvisor || [];
  window.CareerAdvisor.push(['init', { labels: { send: 'Send' } }]);

  const describe = {
    ready: () => 'ready',
    open: () => 'open',
    close: () => 'close',
    state: (detail) => 'state: ' + detail.state,
    answer: (detail) => 'answer: ' + detail.answer.intent,
    feedback: (detail) => 'feedback: ' + (detail.helpful ? 'helpful' : 'not helpful'),
  };
  for (const [name, text] of Object.entries(describe)) {
    window.addEventListener('careeradvisor:' + name, (event) => {
      const item = document.createElement('li');
      item.textContent = text(event.detail);
      document.getElementById('log-of-events').append(item);
    });
  }

  const on = (id, run) => document.addEventListener('DOMContentLoaded', () => {
    document.getElementById(id).addEventListener('click', run);
  });
  on('open-chat', () => window.CareerAdvisor.push(['open']));
  on('ask-seattle', () => window.CareerAdvisor.push(['ask', 'How much do back-end developers make in Seattle?']));
  on('clear-chat', () => window.CareerAdvisor.push(['clear']));
})();
