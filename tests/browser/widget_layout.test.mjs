// The widget's frame on phones and desktops: a header of one line whose rarer actions are in a ⋯ menu, and
// answer buttons a finger can press that stay put, in real Chromium against the real server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  accessibilityViolations, ask, embeddingSetup, embedTag, hostPage, openHostOf, waitForState,
} from './support.mjs';

let browser;
let site;    // another origin, whose pages embed the widget
let server;  // a Career Advisor that allows that origin
embeddingSetup((started) => ({ browser, site, server } = started));
const openHost = (path, html, options) => openHostOf(browser, site, path, html, options);

const TITLE = 'Ask about back-end careers';  // the title docs/widget.md's embed line gives
const phone = (width, height) => ({ viewport: { width, height }, isMobile: true, hasTouch: true });

// The id, or else the text, of the element focused inside the chat's shadow root.
const focused = (page) => page.evaluate(() => {
  const active = document.activeElement?.shadowRoot?.activeElement;
  return active ? active.id || active.textContent : null;
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

// Where 👍, 👎 and Copy are in their answer's bubble, and their size.
const answerButtons = (answer) => answer.evaluate((node) => {
  const bubble = node.getBoundingClientRect();
  return ['Helpful', 'Not helpful', 'Copy answer'].map((name) => {
    const box = node.querySelector(`button[aria-label="${name}"]`).getBoundingClientRect();
    return { name, x: box.x - bubble.x, y: box.y - bubble.y, width: box.width, height: box.height };
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
