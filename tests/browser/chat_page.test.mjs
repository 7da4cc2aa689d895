// The chat page in real Chromium against the real server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { accessibilityViolations, copyData, launchBrowser, screenshotDir, startServer } from './support.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  mkdirSync(screenshotDir, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function openChat(options = {}) {
  const page = await browser.newPage({ viewport: { width: 900, height: 900 }, ...options });
  await page.goto(server.url);
  await page.waitForSelector('#status:text("connected")');
  return page;
}

async function ask(page, text) {
  const before = await page.locator('.msg--bot').count();
  await page.fill('#question', text);
  await page.press('#question', 'Enter');
  await page.locator('.msg--bot').nth(before).waitFor();
  return page.locator('.msg--bot').nth(before);
}

test('asking shows the answer with its sources', async () => {
  const page = await openChat();
  const answer = await ask(page, 'What does a back-end developer do?');
  assert.match(await answer.innerText(), /server-side/i);
  assert.match(await answer.locator('.msg__sources').innerText(), /Back-End Web Developer|Back End Web Developer/);
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
  const table = answer.locator('table');
  assert.match(await table.innerText(), /\$160,000–\$200,000\+/);
  assert.match(await table.innerText(), /\$91,000/);
  await page.screenshot({ path: join(screenshotDir, 'chat-salary.png') });
  await page.close();
});

test('answer text is shown as text, never run as HTML', async () => {
  const data = copyData();
  data.replace('knowledge/facts/role.json', '"text": "', '"text": "<img src=x onerror=\\"window.__xss=1\\"><script>window.__xss=2</script> ');
  const evil = await startServer(data.args);
  const page = await browser.newPage();
  try {
    await page.goto(evil.url);
    await page.waitForSelector('#status:text("connected")');
    const answer = await ask(page, 'What does a back-end developer do?');
    assert.match(await answer.innerText(), /<img src=x onerror=/);
    assert.equal(await answer.locator('img, script').count(), 0);
    assert.equal(await page.evaluate(() => window.__xss), undefined);
  } finally {
    await page.close();
    await evil.stop();
    data.remove();
  }
});

test('the page passes an automated accessibility check', async () => {
  const page = await openChat();
  await ask(page, 'how much do seniors make in seattle');
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.close();
});
