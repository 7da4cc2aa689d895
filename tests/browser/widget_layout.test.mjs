// The widget's frame on phones and desktops: a header of one line whose rarer actions are in a ⋯ menu, answer
// buttons a finger can press that stay put, and a panel that is modal while it covers the page, in real Chromium
// against the real server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  accessibilityViolations, ask, embeddingSetup, embedTag, hostPage, newPageOf, openHostOf, waitForState,
} from './support.mjs';

let browser;
let site;    // another origin, whose pages embed the widget
let server;  // a Career Advisor that allows that origin
embeddingSetup((started) => ({ browser, site, server } = started));
const openHost = (path, html, options) => openHostOf(browser, site, path, html, options);

const TITLE = 'Ask about back-end careers';  // the title docs/widget.md's embed line gives
const phone = (width, height) => ({ viewport: { width, height }, isMobile: true, hasTouch: true });

// The id, or else the name, of the element focused inside the chat's shadow root.
const focused = (page) => page.evaluate(() => {
  const active = document.activeElement?.shadowRoot?.activeElement;
  return active ? active.id || active.getAttribute('aria-label') || active.textContent : null;
});

// The widget of `TITLE`, opened and connected.
async function openWidget(path, options) {
  const page = await openHost(path, hostPage(embedTag(server, `data-title="${TITLE}"`)), options);
  await page.locator('.launcher').click();
  await waitForState(page, 'connected');
  return page;
}

// ----- the header

for (const [name, options] of [['a 390 px phone', phone(390, 844)], ['a 320 px phone', phone(320, 640)],
  ['a desktop', { viewport: { width: 1000, height: 760 } }]]) {
  test(`on ${name} the widget's title has one line, beside only ⋯ and Close`, async () => {
    const page = await openWidget('/header-' + options.viewport.width, options);
    const title = await page.locator('#title').evaluate((node) => ({
      lines: node.getBoundingClientRect().height / parseFloat(getComputedStyle(node).lineHeight),
      whole: node.scrollWidth <= node.clientWidth,
    }));
    assert.ok(title.lines < 1.5, `the title takes ${title.lines.toFixed(2)} lines`);
    // This Chromium's font (DejaVu Sans) is wider than phones' own: at 320 px it ends in "…".
    if (options.viewport.width >= 390) assert.ok(title.whole, 'the title is whole');
    assert.equal(await page.getByRole('dialog', { name: TITLE }).count(), 1, 'the dialog keeps its whole name');
    const header = await page.locator('.bar').boundingBox();
    assert.ok(header.height < 70, `the header takes ${header.height} px of the height`);
    const buttons = await page.locator('.bar button:visible').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label')));
    assert.deepEqual(buttons, ['More actions', 'Close chat']);
    await page.close();
  });
}

test('the ⋯ button is a menu button: it opens its menu from the keyboard, the arrows move, Escape gives the focus back', async () => {
  const page = await openWidget('/menu-keys');
  const button = page.getByRole('button', { name: 'More actions' });
  const menu = page.getByRole('menu', { name: 'More actions' });
  assert.equal(await button.getAttribute('aria-haspopup'), 'menu');
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  assert.equal(await menu.count(), 0, 'closed, the menu is hidden');

  await button.focus();
  await page.keyboard.press('Enter');
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  await menu.waitFor();
  assert.deepEqual(await menu.getByRole('menuitem').allInnerTexts(), ['Download transcript', 'Clear conversation']);
  assert.equal(await menu.getByRole('menuitemcheckbox', { name: 'Full screen' }).getAttribute('aria-checked'), 'false');
  assert.equal(await focused(page), 'Full screen', 'Enter focuses the first item');
  const moves = [['ArrowDown', 'Download transcript'], ['ArrowDown', 'Clear conversation'], ['ArrowDown', 'Full screen'],
    ['ArrowUp', 'Clear conversation'], ['Home', 'Full screen'], ['End', 'Clear conversation']];
  for (const [key, expected] of moves) {
    await page.keyboard.press(key);
    assert.equal(await focused(page), expected, `after ${key}`);
  }
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.emulateMedia({ colorScheme: 'dark' });
  assert.deepEqual(await accessibilityViolations(page), []);

  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'hidden' });
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  assert.equal(await focused(page), 'more-button', 'the focus is back on the ⋯ button');
  assert.equal(await page.locator('#panel').isVisible(), true, 'Escape closed the menu, not the chat');

  await page.keyboard.press('ArrowUp');
  assert.equal(await focused(page), 'Clear conversation', 'ArrowUp opens on the last item');
  await page.keyboard.press('Tab');
  await menu.waitFor({ state: 'hidden' });
  assert.equal(await button.getAttribute('aria-expanded'), 'false', 'Tab leaves and closes the menu');
  await page.close();
});

test('the ⋯ menu closes on a click outside it, and its items download, go full screen and clear', async () => {
  const page = await openWidget('/menu-items');
  await ask(page, 'What does a back-end developer do?');
  const button = page.getByRole('button', { name: 'More actions' });
  const menu = page.getByRole('menu', { name: 'More actions' });

  await button.click();
  await menu.waitFor();
  await page.locator('#title').click();
  await menu.waitFor({ state: 'hidden' });
  await button.click();
  await page.getByRole('heading', { name: 'A site that embeds the advisor' }).click();
  await menu.waitFor({ state: 'hidden' });
  assert.equal(await button.getAttribute('aria-expanded'), 'false');

  await button.click();
  const [download] = await Promise.all([page.waitForEvent('download'),
    menu.getByRole('menuitem', { name: 'Download transcript' }).click()]);
  assert.match(download.suggestedFilename(), /^career-advisor-\d{4}-\d{2}-\d{2}\.txt$/);
  await menu.waitFor({ state: 'hidden' });

  await button.click();
  await menu.getByRole('menuitemcheckbox', { name: 'Full screen' }).click();
  assert.deepEqual(await page.locator('#panel').boundingBox(), { x: 0, y: 0, width: 1000, height: 760 });
  await button.click();
  assert.equal(await menu.getByRole('menuitemcheckbox', { name: 'Full screen' }).getAttribute('aria-checked'), 'true');
  await page.keyboard.press('Escape');  // the menu
  await page.keyboard.press('Escape');  // full screen
  assert.equal((await page.locator('#panel').boundingBox()).width, 380);

  await button.click();
  await menu.getByRole('menuitem', { name: 'Clear conversation' }).click();
  assert.equal(await page.locator('.msg--user, .msg--bot').count(), 0);
  assert.equal(await focused(page), 'question', 'the focus goes on to the input');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('on a phone the ⋯ menu leaves out Full screen: the panel already fills the screen', async () => {
  const page = await openWidget('/menu-phone', phone(390, 844));
  await page.getByRole('button', { name: 'More actions' }).tap();
  const menu = page.getByRole('menu', { name: 'More actions' });
  await menu.waitFor();
  assert.equal(await menu.getByRole('menuitemcheckbox').count(), 0);
  assert.equal(await focused(page), 'Download transcript', 'the first item shown has the focus');
  await page.keyboard.press('ArrowUp');
  assert.equal(await focused(page), 'Clear conversation', 'and the arrows skip the hidden one');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(page), 'Download transcript');
  await page.close();
});

// ----- the buttons under an answer

// Where 👍, 👎 and Copy are in their answer's bubble, and their size, to a hundredth of a pixel: layout
// floats differ by millionths between two reads of the same place (365.953125 against 365.9530944824219 under
// ASan), and a move anyone sees is a pixel.
const answerButtons = (answer) => answer.evaluate((node) => {
  const bubble = node.getBoundingClientRect();
  const px = (v) => Math.round(v * 100) / 100;
  return ['Helpful', 'Not helpful', 'Copy answer'].map((name) => {
    const box = node.querySelector(`button[aria-label="${name}"]`).getBoundingClientRect();
    return { name, x: px(box.x - bubble.x), y: px(box.y - bubble.y), width: px(box.width), height: px(box.height) };
  });
});

test('on a touch screen 👍, 👎 and Copy are 44 px targets that stay put while voting, commenting and copying', async () => {
  const context = await browser.newContext(phone(390, 844));
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.origin });
  const page = await context.newPage();
  try {
    await page.goto(site.serve('/touch-answer', hostPage(embedTag(server))));
    await page.waitForFunction(() => window.CareerAdvisor?.instances?.length > 0);
    await page.locator('.launcher').tap();
    await waitForState(page, 'connected');
    const answer = await ask(page, 'What does a back-end developer do?');
    const before = await answerButtons(answer);
    for (const { name, width, height } of before) {
      assert.ok(width >= 44 && height >= 44, `${name} is ${width}×${height} px`);
    }

    await answer.getByRole('button', { name: 'Not helpful' }).tap();
    await answer.getByText('Thanks for the feedback.').waitFor();
    const comment = answer.getByRole('textbox', { name: 'What was missing? (optional)' });
    await comment.waitFor();
    assert.deepEqual(await answerButtons(answer), before, 'voted: the note and the comment box moved none');
    await comment.fill('More about the day to day');
    await comment.press('Enter');
    await comment.waitFor({ state: 'detached' });
    assert.deepEqual(await answerButtons(answer), before, 'the comment box gone: none moved back');

    await answer.getByRole('button', { name: 'Copy answer' }).tap();
    await answer.getByText('Copied.').waitFor();
    assert.deepEqual(await answerButtons(answer), before, 'copied: none moved');
    assert.match(await page.evaluate(() => navigator.clipboard.readText()), /^Truest sums the role up/);
    assert.deepEqual(await accessibilityViolations(page), []);
  } finally {
    await context.close();
  }
});

// ----- a panel that covers the page is modal

// A finger put down at x, y and drawn 300 px up, as to scroll down; resolves once the page has drawn twice since.
async function swipe(page, x, y) {
  const session = await page.context().newCDPSession(page);
  try {
    await session.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
    for (let moved = 30; moved <= 300; moved += 30) {
      await session.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: y - moved }] });
    }
    await session.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  } finally {
    await session.detach();
  }
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

// The mouse wheel turned over x, y, as to scroll down; resolves once the page has drawn twice since (the scroll
// may go on: scrollEnd()).
async function wheel(page, x, y) {
  await page.mouse.move(x, y);
  await page.mouse.wheel(0, 300);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

const scrollY = (page) => page.evaluate(() => window.scrollY);

// Resolves once the page's next scroll has ended.
async function scrollEnd(page) {
  await page.evaluate(() => { window.scrolled = new Promise((resolve) => addEventListener('scrollend', resolve, { once: true })); });
  return () => page.evaluate(() => window.scrolled);
}

// Whether the focus is in the chat's panel.
const focusInPanel = (page) => page.evaluate(() => {
  const host = document.querySelector('[data-career-advisor]');
  return document.activeElement === host && host.shadowRoot.querySelector('#panel').contains(host.shadowRoot.activeElement);
});

// A long article with a link before the widget (whose tag has `attributes`).
const longArticle = (attributes) => hostPage('<p>Some article the visitor is reading, and reading on.</p>'.repeat(80) +
  `<a href="#top">Back to the top</a>${embedTag(server, attributes)}`);

test('on a phone the open widget is modal: Tab goes round inside it, the page behind does not scroll; both come back on close', async () => {
  const page = await newPageOf(browser, phone(390, 844));
  try {
    // A strict Content-Security-Policy: the page's scroll is held without a <style>.
    const socket = server.url.replace('http:', 'ws:').replace(/\/$/, '');
    const csp = `default-src 'none'; script-src ${server.url}widget.js; connect-src ${server.url} ${socket}; ` +
      "style-src 'none'; img-src data:";
    const article = longArticle('data-footer="Answers from public career guides."');
    await page.goto(site.serve('/modal-phone', article, { 'Content-Security-Policy': csp }));
    await page.waitForFunction(() => window.CareerAdvisor?.instances?.length > 0);
    await page.evaluate(() => window.scrollTo(0, 600));
    await page.waitForFunction(() => window.scrollY === 600);
    await page.locator('.launcher').tap();
    await waitForState(page, 'connected');
    assert.equal(await page.getByRole('dialog').getAttribute('aria-modal'), 'true');
    await swipe(page, 195, 60);  // on the header, which does not scroll
    assert.equal(await scrollY(page), 600, 'the page behind did not scroll');

    await page.locator('.send').focus();
    await page.keyboard.press('Tab');
    assert.equal(await focused(page), 'more-button', 'Tab from the last stop goes to the first');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focused(page), 'Send', 'Shift+Tab from the first goes to the last');
    for (let i = 0; i < 12; i += 1) {
      await page.keyboard.press('Tab');
      assert.ok(await focusInPanel(page), `Tab ${i + 1} stayed in the panel`);
    }
    await page.locator('.footer').tap();  // text after the last stop: the focus goes to the page's body
    await page.keyboard.press('Tab');
    assert.ok(await focusInPanel(page), 'Tab after a tap on the footer goes back into the panel');

    await page.getByRole('button', { name: 'Close chat' }).tap();
    assert.equal(await focused(page), 'launcher', 'the focus is back on the launcher');
    assert.equal(await scrollY(page), 600, 'the page is where the visitor left it');
    assert.equal(await page.evaluate(() => document.documentElement.getAttribute('style')), null, 'its style as it was');
    await swipe(page, 195, 600);
    await page.waitForFunction(() => window.scrollY > 600);  // closed, the page scrolls again
    assert.deepEqual(page.problems, [], 'no error, nothing the Content-Security-Policy refused');
  } finally {
    await page.close();
  }
});

test('on a desktop the floating panel leaves the page usable; full screen is modal until it is left', async () => {
  const page = await openHost('/modal-desktop', longArticle());
  await page.evaluate(() => window.scrollTo(0, 600));
  await page.waitForFunction(() => window.scrollY === 600);
  await page.locator('.launcher').click();
  await waitForState(page, 'connected');
  const dialog = page.getByRole('dialog');
  assert.equal(await dialog.getAttribute('aria-modal'), null, 'floating, the panel is not modal');
  const ended = await scrollEnd(page);
  await wheel(page, 300, 300);  // on the article beside the panel
  await ended();
  const scrolled = await scrollY(page);
  assert.ok(scrolled > 600, 'the page scrolls beside the panel');

  await page.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitemcheckbox', { name: 'Full screen' }).click();
  assert.equal(await dialog.getAttribute('aria-modal'), 'true');
  await wheel(page, 300, 30);  // on the header, which does not scroll
  assert.equal(await scrollY(page), scrolled, 'the page behind did not scroll');
  await page.locator('.send').focus();
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'more-button', 'Tab goes round');

  await page.keyboard.press('Escape');
  assert.equal(await dialog.getAttribute('aria-modal'), null, 'floating again');
  assert.equal(await scrollY(page), scrolled);
  await wheel(page, 300, 300);
  await page.waitForFunction((y) => window.scrollY > y, scrolled);
  await page.close();
});
