// The widget on a right-to-left host page (Arabic, dir="rtl"): the frame follows the page, each text its own
// direction, and the salary chart stays inside its bubble in either direction, in real Chromium against the real
// server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { accessibilityViolations, ask, embeddingSetup, embedTag, newPageOf, screenshotDir, waitForState } from './support.mjs';

let browser;
let site;    // another origin, whose pages embed the widget
let server;  // a Career Advisor that allows that origin
embeddingSetup((started) => ({ browser, site, server } = started));

const arabicPage = (tags) => `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>موقع يعرض المستشار</title><meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,"></head>
<body><main><h1>موقع يعرض المستشار</h1><p>مقال يقرؤه الزائر.</p></main>
${tags}
</body></html>`;

// The widget on the Arabic page, opened and connected; `answers` (optional) changes each answer on its way in.
async function openRtlWidget(path, answers) {
  const page = await newPageOf(browser);
  if (answers) {
    await page.routeWebSocket(/\/ws$/, (ws) => {
      const upstream = ws.connectToServer();
      upstream.onMessage((message) => {
        const parsed = JSON.parse(message);
        if (parsed.type === 'answer') answers(parsed);
        ws.send(JSON.stringify(parsed));
      });
    });
  }
  await page.goto(site.serve(path, arabicPage(embedTag(server))));
  await page.locator('.launcher').click();
  await waitForState(page, 'connected');
  return page;
}

// The boxes of the chart, of its bubble and of each of its texts.
const chartBoxes = (answer) => answer.evaluate((bubble) => {
  const box = (node) => { const r = node.getBoundingClientRect(); return { left: r.left, right: r.right, text: node.textContent }; };
  const chart = bubble.querySelector('svg.chart');
  return { bubble: box(bubble), chart: box(chart), texts: [...chart.querySelectorAll('text')].map(box),
    labels: [...chart.querySelectorAll('.chart__label text')].map(box), values: [...chart.querySelectorAll('.chart__value')].map(box) };
});

function assertInside(boxes) {
  for (const t of boxes.texts) {
    assert.ok(t.left >= boxes.bubble.left - 1 && t.right <= boxes.bubble.right + 1,
      `'${t.text}' (${t.left}–${t.right}) is outside its bubble (${boxes.bubble.left}–${boxes.bubble.right})`);
    assert.ok(t.left >= boxes.chart.left - 1 && t.right <= boxes.chart.right + 1, `'${t.text}' is outside the chart`);
  }
}

test('on a right-to-left page an English salary answer ends in its full stop and its chart labels sit inside the bubble', async () => {
  const page = await openRtlWidget('/rtl');
  assert.equal(await page.locator('.root').evaluate((n) => getComputedStyle(n).direction), 'rtl', 'the frame follows the page');
  const answer = await ask(page, 'How much do back-end developers make?');
  await answer.locator('svg.chart').waitFor();

  // Where the answer's last sentence ends: its full stop, and the letter before it, measured on the screen.
  const end = await answer.locator('.msg__text').evaluate((text) => {
    const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
    let last = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node.data.trim().endsWith('.')) last = node;
    const at = last.data.lastIndexOf('.');
    const rect = (from, to) => { const r = document.createRange(); r.setStart(last, from); r.setEnd(last, to); return r.getClientRects()[0]; };
    const stop = rect(at, at + 1), before = rect(at - 1, at);
    // The line of the full stop: what the whole sentence's text draws on it.
    const whole = document.createRange();
    whole.selectNodeContents(last);
    const lineRight = Math.max(...[...whole.getClientRects()]
      .filter((r) => r.top <= stop.top + 1 && r.bottom >= stop.bottom - 1).map((r) => r.right));
    return { stop: { left: stop.left, right: stop.right }, before: { left: before.left, right: before.right }, lineRight,
      direction: getComputedStyle(text).direction };
  });
  assert.ok(end.stop.left >= end.before.right - 1, `the full stop (${end.stop.left}) comes before its last letter (${end.before.right})`);
  assert.ok(end.stop.right >= end.lineRight - 1, `the full stop (${end.stop.right}) is not at the line's end (${end.lineRight})`);
  assert.equal(end.direction, 'ltr', 'the English answer reads left to right');

  const boxes = await chartBoxes(answer);
  assert.ok(boxes.labels.length > 0);
  assertInside(boxes);
  assert.deepEqual(await accessibilityViolations(page), []);
  assert.deepEqual(page.problems, []);
  await page.screenshot({ path: join(screenshotDir, 'widget-rtl.png') });
  await page.close();
});

test('a chart whose labels are Hebrew reads right to left: labels from the right edge, figures at the left, all inside', async () => {
  const page = await openRtlWidget('/rtl-hebrew', (answer) => {
    answer.data = { kind: 'salary', unit: 'USD/year', rows: [
      { label: 'אזור מפרץ סן פרנסיסקו', low: 160000, high: 200000, open_ended: true, scope: 'range', source: 'a',
        figure: '$160,000–$200,000+' },
      { label: 'כל העובדים', value: 49500, scope: 'median', source: 'b', comparison: true, figure: '$49,500' },
    ] };
  });
  const answer = await ask(page, 'How much do back-end developers make?');
  await answer.locator('svg.chart').waitFor();
  const boxes = await chartBoxes(answer);
  assertInside(boxes);
  for (const label of boxes.labels) {
    assert.ok(Math.abs(label.right - boxes.chart.right) < 2, `'${label.text}' does not start at the chart's right edge`);
  }
  // The tracks end short of the chart's left edge, where the figures are, each wholly left of them.
  const tracks = await answer.locator('.chart__track').evaluateAll((lines) => lines.map((l) => l.getBoundingClientRect()));
  for (const track of tracks) assert.ok(Math.abs(track.right - boxes.chart.right) < 2, 'a track starts at the right edge');
  const trackLeft = Math.min(...tracks.map((t) => t.left));
  for (const value of boxes.values) assert.ok(value.right <= trackLeft + 1, `'${value.text}' is not left of the tracks`);
  const bars = await answer.locator('svg.chart rect').evaluateAll((rects) => rects.map((r) => r.getBoundingClientRect()));
  for (const bar of bars) assert.ok(bar.left >= trackLeft - 1 && bar.right <= boxes.chart.right + 1, 'a bar is off its track');
  const zeroBased = bars[1];  // "All workers" starts at zero: at the right edge
  assert.ok(Math.abs(zeroBased.right - boxes.chart.right) < 3, 'a bar from zero starts at the right edge');
  await page.close();
});
