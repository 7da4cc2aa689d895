// The admin page: GET /admin/report, drawn as plain DOM. Every value goes in as text, never as markup.
(() => {
  'use strict';

  const $ = (id) => document.getElementById(id);
  const SVG = 'http://www.w3.org/2000/svg';
  const TOKEN_KEY = 'career-advisor:admin-token';  // session storage: gone with the tab

  function h(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
    node.append(...children.flat().filter((c) => c !== null && c !== undefined));
    return node;
  }

  function svg(tag, attrs = {}, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  const percent = (part, whole) => (whole ? (100 * part / whole).toFixed(1) + '%' : '–');
  const when = (iso) => iso.replace('T', ' ').replace(/:\d\dZ$/, ' UTC');

  function table(headers, rows) {
    if (!rows.length) return h('p', { class: 'muted' }, 'None in this period.');
    return h('table', {},
      h('thead', {}, h('tr', {}, headers.map(([title, number]) => h('th', { scope: 'col', class: number ? 'number' : '' }, title)))),
      h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((cell, i) => h('td', { class: headers[i][1] ? 'number' : '' }, cell))))));
  }

  // A bar per day, stacked: answered from the guides, not covered, fallback. The same figures follow as a
  // table for screen readers; the drawing is hidden from them.
  function dayChart(days) {
    const width = 720, height = 180, bottom = 20, gap = 2;
    const most = Math.max(1, ...days.map((d) => d.answers));
    const step = width / days.length;
    const chart = svg('svg', { class: 'chart', viewBox: `0 0 ${width} ${height}`, 'aria-hidden': 'true', focusable: 'false' });
    const labelEvery = Math.ceil(days.length / 12);
    days.forEach((d, i) => {
      const x = i * step + gap / 2;
      let y = height - bottom;
      for (const [kind, n] of [['answered', d.answers - d.fallback - d.not_covered], ['not_covered', d.not_covered],
        ['fallback', d.fallback]]) {
        const tall = (height - bottom - 10) * n / most;
        y -= tall;
        if (n > 0) chart.append(svg('rect', { x, y, width: Math.max(step - gap, 1), height: tall, class: 'bar--' + kind }));
      }
      if (i % labelEvery === 0) {
        // The first and last labels are anchored inside the drawing so they are not cut off.
        const anchor = i === 0 ? 'start' : i + labelEvery >= days.length ? 'end' : 'middle';
        const at = anchor === 'start' ? x : anchor === 'end' ? x + step - gap : x + (step - gap) / 2;
        chart.append(svg('text', { x: at, y: height - 5, 'text-anchor': anchor }, d.date.slice(5)));
      }
    });
    const legend = h('ul', { class: 'legend', 'aria-hidden': 'true' },
      [['answered', 'answered'], ['not_covered', 'not covered'], ['fallback', 'fallback']].map(([kind, name]) =>
        h('li', {}, h('span', { class: 'bar--' + kind }), name)));
    const figures = h('div', { class: 'visually-hidden' }, table(
      [['Day'], ['Answers', true], ['Fallback', true], ['Not covered', true], ['Helpful', true], ['Not helpful', true]],
      days.map((d) => [d.date, d.answers, d.fallback, d.not_covered, d.helpful, d.not_helpful])));
    return [chart, legend, figures];
  }

  function show(report) {
    const t = report.totals;
    $('totals').replaceChildren(...[
      ['answers', t.answers], ['fallback', percent(t.fallback, t.answers)], ['not covered', percent(t.not_covered, t.answers)],
      ['helpful votes', t.helpful], ['not helpful votes', t.not_helpful],
    ].map(([name, value]) => h('li', {}, h('strong', {}, String(value)), name)));
    $('days').replaceChildren(...dayChart(report.days));
    $('unanswered').replaceChildren(table(
      [['Asked', true], ['Question'], ['Answered with'], ['First seen'], ['Last seen']],
      report.unanswered.map((g) => [g.count, [h('div', {}, g.text),
        g.examples.length ? h('div', { class: 'muted' }, 'also: ', g.examples.join(' · ')) : null], g.intent,
      when(g.first_seen), when(g.last_seen)])));
    $('channels').replaceChildren(table(
      [['Channel'], ['Answers', true], ['Fallback', true], ['Not covered', true], ['Helpful', true], ['Not helpful', true]],
      report.channels.map((c) => [c.channel, c.answers, percent(c.fallback, c.answers),
        percent(c.not_covered, c.answers), c.helpful, c.not_helpful])));
    $('intents').replaceChildren(table([['Intent'], ['Answers', true], ['Share', true]],
      report.intents.slice(0, 20).map((c) => [c.intent, c.answers, percent(c.answers, t.answers)])));
    $('worst').replaceChildren(table([['Intent'], ['Not helpful', true], ['Votes', true]],
      report.worst_feedback.map((c) => [c.intent, c.not_helpful, c.helpful + c.not_helpful])));
    $('votes').replaceChildren(table([['Voted'], ['Intents'], ['Question'], ['Comment']],
      report.not_helpful.map((v) => [when(v.voted_at), v.intents.join(', '), v.question ?? '', v.comment ?? ''])));
    $('report').hidden = false;
  }

  async function load() {
    const status = $('status');
    status.className = 'status';
    status.textContent = 'Loading…';
    const token = sessionStorage.getItem(TOKEN_KEY);
    const headers = token ? { Authorization: 'Bearer ' + token } : {};
    try {
      const response = await fetch('/admin/report?since=' + encodeURIComponent($('since').value), { headers, cache: 'no-store' });
      const body = await response.json();
      if (response.status === 401 || response.status === 403) {
        $('token-label').hidden = false;
        throw new Error(body.message + '. Enter the admin token.');
      }
      if (!response.ok) throw new Error(body.message || 'HTTP ' + response.status);
      show(body);
      status.textContent = `From ${when(body.since)} to ${when(body.until)} (${body.store}).`;
    } catch (error) {
      status.className = 'status error';
      status.textContent = 'Cannot show the report: ' + error.message;
    }
  }

  $('controls').addEventListener('submit', (event) => {
    event.preventDefault();
    if ($('token').value) sessionStorage.setItem(TOKEN_KEY, $('token').value);
    load();
  });
  $('since').addEventListener('change', load);
  load();
})();
