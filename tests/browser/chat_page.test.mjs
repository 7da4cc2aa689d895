// The chat page (/) in real Chromium against the real server. The page hosts the same component as the
// widget, in an open shadow root: Playwright's CSS selectors reach into it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  accessibilityViolations, ask, copyData, openChat as openChatPage, screenshotDir, serverAndBrowser, startServer,
  waitForState,
} from './support.mjs';

const shared = serverAndBrowser();
const openChat = (options, url) => openChatPage(shared, options, url);

test('asking shows the answer with its sources, named by publisher and title', async () => {
  const page = await openChat();
  const answer = await ask(page, 'What does a back-end developer do?');
  assert.match(await answer.innerText(), /server-side/i);
  assert.equal(await answer.locator('.msg__sources').innerText(), 'Sources: Truest, "Back-End Web Developer"');
  const link = answer.locator('.msg__sources a');
  assert.equal(await link.getAttribute('href'), 'https://www.truest.me/careers/back-end-web-developer');
  assert.equal(await link.getAttribute('target'), '_blank');
  assert.match(await link.getAttribute('rel'), /\bnoopener\b/);
  assert.equal(await page.locator('#status').innerText(), 'Connected');
  assert.deepEqual(page.problems, []);
  await page.close();
});

// The data's ids for the guides ("noble-guide-2026") once reached the screen-reader table of a salary answer.
test('a salary answer names its sources by publisher, never by the data\'s id', async () => {
  const page = await openChat();
  const answer = await ask(page, 'How much do back-end developers make in Seattle?');
  const table = await answer.locator('table').evaluate((t) => t.textContent);
  assert.match(table, /Noble Desktop/);
  const everything = await answer.evaluate((message) => message.innerHTML);
  assert.match(everything, /<table/, 'the message itself, table included');
  assert.doesNotMatch(everything, /noble-guide-2026|truest-profile/);
  await page.close();
});

test('answers keep their list lines as a list', async () => {
  const page = await openChat();
  const answer = await ask(page, 'What skills do I need?');
  assert.ok(await answer.locator('ul > li').count() >= 5);
  assert.equal(await answer.locator('p', { hasText: /^- / }).count(), 0, 'no "- " line left as a paragraph');
  await page.close();
});

test('the welcome message offers example questions from the server, and clicking one asks it', async () => {
  const page = await openChat();
  const examples = page.locator('.msg--welcome ~ .chips .chip');
  await examples.first().waitFor();
  const count = await examples.count();
  assert.ok(count >= 4 && count <= 6, `${count} example questions`);
  const text = await examples.first().innerText();
  await examples.first().click();
  await page.locator('.msg--user', { hasText: text }).waitFor();
  await page.locator('.msg--bot').first().waitFor();
  await page.close();
});

test('clicking a suggestion chip asks it', async () => {
  const page = await openChat();
  const answer = await ask(page, 'what skills do I need?');
  const chip = answer.locator('.chip').first();
  const chipText = await chip.innerText();
  await chip.click();
  await page.locator('.msg--user', { hasText: chipText }).waitFor();
  await page.locator('.msg--bot').nth(1).waitFor();
  await page.close();
});

test('salary answers draw a bar chart with a table for screen readers', async () => {
  const page = await openChat();
  const answer = await ask(page, 'compare SF and Cincinnati salaries for backend devs');
  const bars = answer.locator('svg.chart rect');
  assert.equal(await bars.count(), 3);
  assert.equal(await answer.locator('svg.chart').getAttribute('aria-hidden'), 'true');
  const table = answer.locator('table');
  assert.match(await table.innerText(), /\$160,000–\$200,000\+/);
  assert.match(await table.innerText(), /\$91,000/);
  // The longest figure still fits in the drawing.
  const chartBox = await answer.locator('svg.chart').boundingBox();
  const valueBox = await answer.locator('svg.chart .chart__value').first().boundingBox();
  assert.ok(valueBox.x + valueBox.width <= chartBox.x + chartBox.width + 1, 'the figure is cut off');
  await page.screenshot({ path: join(screenshotDir, 'chat-page.png') });
  await page.close();
});

test('answer text is shown as text, never run as HTML', async () => {
  const data = copyData();
  // The overview answer quotes role.overview.truest.
  data.replace('knowledge/facts/role.json', '"text": "Truest sums', '"text": "<img src=x onerror=\\"window.__xss=1\\"><script>window.__xss=2</script> Truest sums');
  const evil = await startServer(data.args);
  try {
    const page = await openChat({}, evil.url);
    const answer = await ask(page, 'What does a back-end developer do?');
    assert.match(await answer.innerText(), /<img src=x onerror=/);
    assert.equal(await answer.locator('img, script').count(), 0);
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    await page.close();
  } finally {
    await evil.stop();
    data.remove();
  }
});

test('answers render bold text and http(s) links, and other links as plain text', async () => {
  const data = copyData();
  data.replace('knowledge/facts/role.json', '"text": "Truest sums',
    '"text": "**Bold claim** with [a guide](https://example.com/guide) and [a trap](javascript:window.__xss=1). Truest sums');
  const marked = await startServer(data.args);
  try {
    const page = await openChat({}, marked.url);
    const answer = await ask(page, 'What does a back-end developer do?');
    assert.equal(await answer.locator('strong').first().innerText(), 'Bold claim');
    const links = answer.locator('.msg__text a');  // the source's link is the other
    assert.equal(await links.count(), 1);
    assert.equal(await links.getAttribute('href'), 'https://example.com/guide');
    assert.equal(await links.getAttribute('target'), '_blank');
    assert.equal(await links.getAttribute('rel'), 'noopener noreferrer');
    assert.match(await answer.innerText(), /\[a trap\]\(javascript:window.__xss=1\)/);
    await page.close();
  } finally {
    await marked.stop();
    data.remove();
  }
});

test('the page passes an automated accessibility check', async () => {
  const page = await openChat();
  await ask(page, 'how much do seniors make in seattle');
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.close();
});

test('the page passes the accessibility check in the dark theme too', async () => {
  const page = await openChat({ colorScheme: 'dark' });
  await ask(page, 'compare SF and Cincinnati salaries for backend devs');
  assert.equal(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches), true);
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.screenshot({ path: join(screenshotDir, 'chat-dark.png') });
  await page.close();
});

test('a follow-up still works after the page is reloaded (the context travels with the history)', async () => {
  const page = await openChat();
  await ask(page, 'how much do back-end developers make in Seattle?');
  await page.reload();
  await waitForState(page, 'connected');
  const answer = await ask(page, 'what about Austin?');
  assert.match(await answer.innerText(), /Austin/);
  assert.match(await answer.innerText(), /\$140,000/);
  await page.close();
});
