// Salary rows as a horizontal SVG bar chart plus the same figures as a table for screen readers.
// Exposes window.CareerAdvisorChart.render(data) -> HTMLElement. Built with DOM calls only: labels
// are set as text, never parsed as HTML.
(() => {
  'use strict';
  const SVG = 'http://www.w3.org/2000/svg';

  function money(n) {
    return '$' + Math.round(n).toLocaleString('en-US');
  }

  function describe(row) {
    if (row.low !== undefined && row.high !== undefined) {
      return money(row.low) + '–' + money(row.high) + (row.open_ended ? '+' : '');
    }
    return (row.scope === 'minimum' ? 'over ' : '') + money(row.value) + (row.open_ended && row.scope !== 'minimum' ? '+' : '');
  }

  function svgEl(name, attrs, text) {
    const node = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function chart(rows) {
    const top = Math.max(...rows.map((r) => (r.high !== undefined ? r.high : r.value))) * 1.15;
    // Room for the longest label (about 6.5 px a character at 12 px), within reason.
    const labelWidth = Math.min(280, Math.max(...rows.map((r) => r.label.length)) * 6.5 + 12);
    const barArea = 260, rowHeight = 28, width = labelWidth + barArea + 120;
    const svg = svgEl('svg', {
      class: 'chart', viewBox: `0 0 ${width} ${rows.length * rowHeight + 8}`, role: 'img', 'aria-hidden': 'true',
    });
    rows.forEach((row, i) => {
      const y = i * rowHeight + 4;
      const from = row.low !== undefined ? row.low : 0;
      const to = row.high !== undefined ? row.high : row.value;
      const x0 = labelWidth + (from / top) * barArea;
      const x1 = labelWidth + (to / top) * barArea;
      svg.appendChild(svgEl('text', { x: labelWidth - 6, y: y + 17, 'text-anchor': 'end', class: 'chart__label' }, row.label));
      svg.appendChild(svgEl('rect', {
        x: x0, y: y + 4, width: Math.max(x1 - x0, 3), height: rowHeight - 10, rx: 3,
        class: 'chart__bar chart__bar--' + row.scope,
      }));
      svg.appendChild(svgEl('text', { x: x1 + 6, y: y + 17, class: 'chart__value' }, describe(row)));
    });
    return svg;
  }

  function table(rows) {
    const t = document.createElement('table');
    t.className = 'visually-hidden';
    const caption = document.createElement('caption');
    caption.textContent = 'Salary figures in US dollars a year';
    t.appendChild(caption);
    const head = t.insertRow();
    for (const h of ['Group', 'Figure', 'Kind', 'Source']) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = h;
      head.appendChild(th);
    }
    for (const row of rows) {
      const tr = t.insertRow();
      for (const cell of [row.label, describe(row), row.scope, row.source]) tr.insertCell().textContent = cell;
    }
    return t;
  }

  function render(data) {
    const figure = document.createElement('figure');
    figure.className = 'msg__chart';
    const rows = (data && data.rows) || [];
    figure.appendChild(chart(rows));
    figure.appendChild(table(rows));
    return figure;
  }

  window.CareerAdvisorChart = { render, describe };
})();
