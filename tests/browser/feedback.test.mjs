// Feedback on answers (helpful / not helpful, a comment) and the admin page that reports it, in real
// Chromium against the real server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  accessibilityViolations, ask, openChat as openChatPage, pageProblems, screenshotDir, serverAndBrowser, startServer,
  waitForState,
} from './support.mjs';

const shared = serverAndBrowser();
const openChat = () => openChatPage(shared);

// The report, once the server's writer has stored what `ready` waits for (it writes about once a second).
async function reportWhen(ready) {
  for (let i = 0; i < 60; i += 1) {
    const report = await (await fetch(new URL('/admin/report?since=1d', shared.server.url))).json();
    if (ready(report)) return report;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the report never showed it');
}

test('each answer has helpful / not helpful buttons, reachable by keyboard, one vote that can change', async () => {
  const page = await openChat();
  const answer = await ask(page, 'How much do back-end developers make in Berlin?');
  const group = answer.getByRole('group', { name: 'Was this answer helpful?' });
  const helpful = group.getByRole('button', { name: 'Helpful', exact: true });
  const notHelpful = group.getByRole('button', { name: 'Not helpful' });
  assert.equal(await helpful.getAttribute('aria-pressed'), 'false');
  assert.equal(await notHelpful.getAttribute('aria-pressed'), 'false');

  await helpful.focus();
  await page.keyboard.press('Enter');
  assert.equal(await helpful.getAttribute('aria-pressed'), 'true');
  await group.getByText('Thanks for the feedback.').waitFor();

  await page.keyboard.press('Tab');  // on to "Not helpful"
  await page.keyboard.press(' ');
  assert.equal(await notHelpful.getAttribute('aria-pressed'), 'true');
  assert.equal(await helpful.getAttribute('aria-pressed'), 'false', 'one vote per answer');
  const comment = group.getByRole('textbox', { name: 'What was missing? (optional)' });
  await comment.fill('Nothing about Berlin');
  await comment.press('Enter');
  await comment.waitFor({ state: 'detached' });
  await group.getByText('Thanks for the feedback.').waitFor();

  const report = await reportWhen((r) => r.not_helpful.length === 1 && r.not_helpful[0].comment);
  assert.equal(report.totals.helpful, 0, 'the changed vote replaced the first');
  assert.equal(report.not_helpful[0].comment, 'Nothing about Berlin');
  assert.equal(report.not_helpful[0].question, 'How much do back-end developers make in Berlin?');
  assert.deepEqual(await accessibilityViolations(page), []);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a vote survives reloading the page', async () => {
  const page = await openChat();
  const answer = await ask(page, 'What does a back-end developer do?');
  await answer.getByRole('button', { name: 'Helpful', exact: true }).click();
  await answer.getByText('Thanks for the feedback.').waitFor();
  await page.reload();
  await waitForState(page, 'connected');
  const again = page.locator('.msg--bot').last();
  assert.equal(await again.getByRole('button', { name: 'Helpful', exact: true }).getAttribute('aria-pressed'), 'true');
  await page.close();
});

test('the admin page shows the report with a chart per day and the unanswered questions', async () => {
  const chat = await openChat();
  await ask(chat, 'Can I become an astronaut?');
  await chat.close();
  await reportWhen((r) => r.unanswered.some((g) => g.text === 'Can I become an astronaut?'));

  const page = await shared.browser.newPage({ viewport: { width: 1000, height: 1200 } });
  const problems = pageProblems(page);
  await page.goto(new URL('/admin.html', shared.server.url).href);
  await page.locator('#report:not([hidden])').waitFor();
  assert.ok(await page.locator('svg.chart rect').count() >= 1, 'a bar for today');
  assert.match(await page.locator('#unanswered').innerText(), /Can I become an astronaut\?/);
  assert.match(await page.locator('#totals').innerText(), /answers/);
  assert.match(await page.locator('#channels').innerText(), /websocket\s+\d+/, 'the chat\'s answers, by channel');
  await page.locator('#since').selectOption('30d');
  await page.getByRole('status').filter({ hasText: /From .* to / }).waitFor();
  assert.equal(await page.locator('svg.chart rect').count() >= 1, true);
  assert.deepEqual(await accessibilityViolations(page), []);
  assert.deepEqual(problems, [], 'no script errors, nothing the CSP refused');
  await page.screenshot({ path: join(screenshotDir, 'admin.png'), fullPage: true });
  await page.close();
});

test('with an admin token the page asks for it', async () => {
  const guarded = await startServer(['--admin-token', 'let-me-in']);
  try {
    const page = await shared.browser.newPage();
    await page.goto(new URL('/admin.html', guarded.url).href);
    const token = page.getByLabel('Admin token');
    await token.waitFor();
    assert.match(await page.locator('#status').innerText(), /admin token/i);
    await token.fill('let-me-in');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.locator('#report:not([hidden])').waitFor();
    await page.close();
  } finally {
    await guarded.stop();
  }
});
