// The greeting beside the launcher (data-teaser): shown after its delay (Playwright's clock, not real seconds),
// once per tab session, dismissable, never on a phone, and a way into the chat, in real Chromium against the
// real server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  accessibilityViolations, embeddingSetup, embedTag, hostPage, newPageOf, screenshotDir, waitForState,
} from './support.mjs';

let browser;
let site;    // another origin, whose pages embed the widget
let server;  // a Career Advisor that allows that origin
embeddingSetup((started) => ({ browser, site, server } = started));

const GREETING = 'Thinking about back-end work? Ask me about pay and skills.';
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

// A host page with a strict Content-Security-Policy (no inline style or script) whose widget greets after 8 s.
function strictPage(path, attributes = `data-teaser="${GREETING}" data-teaser-delay="8"`) {
  const socketOrigin = server.url.replace('http:', 'ws:').replace(/\/$/, '');
  const csp = `default-src 'none'; script-src ${server.url}widget.js; connect-src ${server.url} ${socketOrigin}; ` +
    "style-src 'none'; img-src data:";
  return site.serve(path, hostPage(embedTag(server, attributes)), { 'Content-Security-Policy': csp });
}

// A page of a new context (a new tab session) at `url`, once its widget exists, on a fake clock paused before
// the page loads: its timers run only as the test runs the clock, however slow the machine.
async function openOnClock(url, options) {
  const page = await newPageOf(browser, options);
  await page.clock.install();
  await page.clock.pauseAt(Date.now() + 60000);
  await page.goto(url);
  await page.waitForFunction(() => window.CareerAdvisor?.instances?.length > 0, null, { polling: 50 });
  return page;
}

const teaser = (page) => page.locator('.teaser');

test('the greeting shows after its delay beside the launcher, says itself once and passes axe in both themes', async () => {
  const page = await openOnClock(strictPage('/teaser'));
  await page.clock.runFor(7000);
  assert.equal(await teaser(page).isVisible(), false, 'not before its 8 seconds');
  await page.clock.runFor(1500);
  assert.equal(await teaser(page).isVisible(), true, 'after its 8 seconds');
  await page.clock.resume();  // the rest (a screenshot, animations) needs time to pass
  assert.equal(await teaser(page).innerText(), GREETING);
  assert.equal(await page.locator('.root > [role="status"]').first().textContent(), GREETING, 'said once, politely');
  assert.equal(await teaser(page).locator('[aria-live], [role="status"], [role="alert"]').count(), 0,
    'the greeting itself is no live region');
  await page.getByRole('button', { name: 'Dismiss the greeting' }).waitFor();

  // Above the launcher, inside the screen.
  const [box, launcher] = [await teaser(page).boundingBox(), await page.locator('.launcher').boundingBox()];
  assert.ok(box.y + box.height <= launcher.y, 'above the launcher');
  assert.ok(box.x >= 0 && box.x + box.width <= 1000, 'inside the screen');
  await page.screenshot({ path: join(screenshotDir, 'widget-teaser.png'), animations: 'disabled' });

  assert.deepEqual(await accessibilityViolations(page), []);
  const light = await teaser(page).evaluate((n) => getComputedStyle(n).backgroundColor);
  await page.emulateMedia({ colorScheme: 'dark' });
  assert.notEqual(await teaser(page).evaluate((n) => getComputedStyle(n).backgroundColor), light, 'dark in dark mode');
  assert.deepEqual(await accessibilityViolations(page), []);
  assert.deepEqual(page.problems, [], 'nothing refused by the strict CSP');
  await page.close();
});

test('a dismissed greeting does not come back in the same session; Escape dismisses it too', async () => {
  const page = await openOnClock(strictPage('/teaser-dismiss'));
  await page.clock.runFor(9000);
  await teaser(page).waitFor({ state: 'visible' });
  await page.clock.resume();
  await page.getByRole('button', { name: 'Dismiss the greeting' }).click();
  await teaser(page).waitFor({ state: 'hidden' });
  assert.equal(await page.evaluate(() => document.activeElement.shadowRoot?.activeElement?.id), 'launcher',
    'the focus goes to the launcher');

  await page.reload();
  await page.waitForFunction(() => window.CareerAdvisor?.instances?.length > 0);
  await page.clock.runFor(20000);
  assert.equal(await teaser(page).isVisible(), false, 'not again in this session');
  assert.equal(await page.locator('.teaser').count(), 1, 'there, but hidden');

  const other = await openOnClock(strictPage('/teaser-escape'));  // another tab session
  await other.clock.runFor(9000);
  await teaser(other).waitFor({ state: 'visible' });
  await other.clock.resume();
  await other.locator('h1').click();
  await other.keyboard.press('Escape');
  await teaser(other).waitFor({ state: 'hidden' });
  await other.close();
  await page.close();
});

test('no greeting on a 390 px phone, where it would cover the page', async () => {
  const page = await openOnClock(strictPage('/teaser-phone'), phone);
  assert.equal(await teaser(page).count(), 1, 'the page asks for a greeting');
  await page.clock.runFor(30000);
  assert.equal(await teaser(page).isVisible(), false, 'it is not shown');
  assert.equal(await page.locator('.root > [role="status"]').first().textContent(), '', 'nor said');
  await page.close();
});

test('clicking the greeting opens the chat and it goes; the JS API sets one too', async () => {
  // Through the documented command queue, whose init wins over the tag's attributes.
  const queue = `<script>window.CareerAdvisor = [['init', { teaser: ${JSON.stringify(GREETING)}, teaserDelay: 2 }]];</script>`;
  const page = await openOnClock(site.serve('/teaser-api', hostPage(queue + embedTag(server, 'data-teaser="Not this one"'))));
  await page.clock.runFor(1500);
  assert.equal(await teaser(page).isVisible(), false, 'not before its 2 seconds');
  await page.clock.runFor(1000);
  assert.equal(await teaser(page).isVisible(), true, 'after its 2 seconds (not the default 5)');
  await page.clock.resume();
  assert.equal(await teaser(page).innerText(), GREETING);
  await teaser(page).getByText(GREETING).click();
  await page.getByRole('dialog').waitFor();
  await teaser(page).waitFor({ state: 'hidden' });
  assert.equal(await page.evaluate(() => document.activeElement.shadowRoot?.activeElement?.id), 'question',
    'the focus is in the input');
  await waitForState(page, 'connected');
  await page.close();
});
