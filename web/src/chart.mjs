// Salary figures: a bar chart for the eye (label above each bar so it fits a phone) and the same figures as
// a table for screen readers; the chart is hidden from them.
import { h, svg } from './dom.mjs';

const describe = (row) => row.figure;

const SCOPES = { range: 'range', average: 'average', median: 'median', minimum: 'minimum' };

const rowLabel = (row, labels) => (row.comparison ? `${row.label} (${labels.comparison})` : row.label);

// Lines of at most `width` characters, broken at spaces (a longer word is cut): a label is never cut off.
export function wrap(text, width) {
  const lines = [];
  let line = '';
  for (let word of text.split(/\s+/).filter(Boolean)) {
    while (word.length > width) {
      if (line) { lines.push(line); line = ''; }
      lines.push(word.slice(0, width));
      word = word.slice(width);
    }
    if (line && line.length + 1 + word.length > width) { lines.push(line); line = ''; }
    line = line ? line + ' ' + word : word;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

// The direction of a text by its first strong letter (as dir="auto" decides): 'rtl' for Hebrew, Arabic and the
// other right-to-left scripts, else 'ltr'.
export function textDirection(text) {
  const first = /[A-Za-z\u00C0-\u02AF\u0370-\u058F\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC]/.exec(text);
  return first && /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC]/.test(first[0]) ? 'rtl' : 'ltr';
}

// Drawn at 300 units, shown at most 300 px wide so the text stays the size of the answer's small print and
// shrinks little on a phone. A light track behind each bar gives ranges (which start above zero) a scale;
// the figures line up in a column after the tracks. Comparison rows (the all-workers baseline) are drawn
// hollow and say so in their label. The chart reads in the direction of its labels (whatever the page's):
// right to left, the labels start at the right edge, bars grow leftwards and the figures end at the left.
// Each text says its own direction and anchor, so neither the page nor the chart's side can push it out.
function salaryChart(rows, labels) {
  const width = 300, lineHeight = 16, barBlock = 32;
  const dir = textDirection(rows.map((r) => r.label).join(' '));
  const x = (at) => (dir === 'rtl' ? width - at : at);  // from the chart's start side
  // text-anchor is in the text's own direction: 'start' on the chart's start side for a text of its direction.
  const text = (content, at, y, cls) => {
    const own = textDirection(content);
    return svg('text', { x: x(at), y, class: cls, direction: own, 'text-anchor': own === dir ? 'start' : 'end' },
      content);
  };
  // Characters are at most about 0.64 em wide at the 13 px the CSS sets; labels wrap at what that allows.
  const valueRoom = 10 + 8.4 * Math.max(...rows.map((r) => describe(r).length));
  const barArea = width - valueRoom;
  const top = Math.max(...rows.map((r) => (r.high !== undefined ? r.high : r.value)));
  const scale = barArea / top;
  const drawn = rows.map((row) => ({ row, lines: wrap(rowLabel(row, labels), 40) }));
  const height = drawn.reduce((sum, d) => sum + d.lines.length * lineHeight + barBlock - 2, 0);
  const chart = svg('svg', {
    class: 'chart', viewBox: `0 0 ${width} ${height}`, 'aria-hidden': 'true', focusable: 'false', part: 'chart',
    direction: dir,
  });
  let y = 0;
  for (const { row, lines } of drawn) {
    const from = row.low !== undefined ? row.low * scale : 0;
    const to = (row.high !== undefined ? row.high : row.value) * scale;
    const label = svg('g', { class: 'chart__label' });
    lines.forEach((line, i) => label.append(text(line, 0, y + 12 + i * lineHeight, 'chart__label-line')));
    const barY = y + lines.length * lineHeight + 2;
    const length = Math.max(to - from, 3);
    chart.append(label,
      svg('line', { x1: x(0), x2: x(barArea), y1: barY + 7, y2: barY + 7, class: 'chart__track' }),
      svg('rect', { x: dir === 'rtl' ? width - from - length : from, y: barY, width: length, height: 14, rx: 3,
        class: 'chart__bar chart__bar--' + (SCOPES[row.scope] || 'range') + (row.comparison ? ' chart__bar--comparison' : '') }),
      text(describe(row), barArea + 8, barY + 12, 'chart__value'));
    y += lines.length * lineHeight + barBlock - 2;
  }
  return chart;
}

// `publishers`: source id -> publisher, so the table names who gives a figure, not the data's id for it.
function salaryTable(rows, labels, publishers) {
  const table = h('table', {}, h('caption', {}, labels.chartCaption));
  const head = table.insertRow();
  for (const title of [labels.chartGroup, labels.chartFigure, labels.chartKind, labels.chartSource]) {
    head.append(h('th', { scope: 'col' }, title));
  }
  for (const row of rows) {
    const tr = table.insertRow();
    const kind = (labels[SCOPES[row.scope]] || row.scope || '') + (row.comparison ? ', ' + labels.comparison : '');
    for (const cell of [rowLabel(row, labels), describe(row), kind, publishers[row.source] || '']) {
      tr.insertCell().textContent = cell || '';
    }
  }
  // Hidden through a wrapper: a table grows to its content whatever its own width and overflow say.
  return h('div', { class: 'visually-hidden' }, table);
}

// An answer's salary data as a <figure>: the chart, a legend when the bars are of more than one kind, the table.
export function salaryFigure(data, labels, publishers = {}) {
  const rows = (data.rows || []).filter((r) => r && typeof r.label === 'string' &&
    typeof (r.high !== undefined ? r.high : r.value) === 'number');
  const scopes = [...new Set(rows.map((r) => SCOPES[r.scope] || 'range'))];
  const keys = scopes.map((s) => ['chart__bar--' + s, labels[s]]);
  if (rows.some((r) => r.comparison)) keys.push(['chart__bar--comparison', labels.comparison]);
  const legend = keys.length < 2 ? null : h('ul', { class: 'legend', 'aria-hidden': 'true' },
    keys.map(([swatch, name]) => h('li', {}, h('span', { class: 'swatch ' + swatch }), name)));
  return h('figure', { class: 'msg__chart' }, salaryChart(rows, labels), legend, salaryTable(rows, labels, publishers));
}
