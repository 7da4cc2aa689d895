// What the visitor is told about what they can send and whether it goes: a site the server refuses gets a
// composer that takes nothing and says why, in real Chromium against the real server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  accessibilityViolations, embeddingSetup, hostPage, embedTag, newPageOf, startServer, waitForState,
} from './support.mjs';

let browser;
let site;    // another origin, whose pages embed the widget
embeddingSetup((started) => ({ browser, site } = started));
const newPage = (options) => newPageOf(browser, options);

// The node Chromium's accessibility tree has for `role` named `name` (shadow DOM included), as assistive
// technology gets it: { disabled, description }.
async function accessibleNode(page, role, name) {
  const session = await page.context().newCDPSession(page);
  try {
    const { nodes } = await session.send('Accessibility.getFullAXTree');
    const node = nodes.find((n) => !n.ignored && n.role?.value === role && n.name?.value === name);
    assert.ok(node, `no ${role} named "${name}" in the accessibility tree`);
    const disabled = (node.properties ?? []).find((p) => p.name === 'disabled')?.value.value === true;
    return { disabled, description: node.description?.value ?? '' };
  } finally {
    await session.detach();
  }
}

// The id of the element focused inside the chat's shadow root, or the page's focused tag outside it.
const focusedInChat = (page) => page.evaluate(() => {
  const active = document.activeElement;
  return active?.shadowRoot ? active.shadowRoot.activeElement?.id ?? null : active?.tagName;
});

// Holds back what tells the widget it is refused (/api/v1/limits' "origin_allowed": false, and /healthz after
// refused handshakes) until the returned function is called.
async function holdRefusal(page) {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  for (const path of ['**/api/v1/limits', '**/healthz']) {
    await page.route(path, async (route) => { await held; await route.continue(); });
  }
  return release;
}

// A conversation the site had while the server still allowed it: an answer with a suggestion chip.
function seedConversation(page, serverUrl, mount = 'widget') {
  const key = `career-advisor:${new URL(serverUrl).origin}|${mount}|0`;
  const at = Date.now();
  const saved = { v: 1, open: false, unread: 0, context: null, messages: [
    { id: 'seed-1', role: 'user', text: 'What does a back-end developer do?', status: 'done', at },
    { role: 'bot', at, answer: { intent: 'role', text: 'They build the server side of websites.',
      suggestions: ['How much do back-end developers make?'], sources: [] } },
  ] };
  return page.addInitScript(([k, v]) => sessionStorage.setItem(k, v), [key, JSON.stringify(saved)]);
}

// ----- a site the server refuses

test('on a refused site the input, Send and every chip are disabled, described by the notice that says why', async () => {
  const strict = await startServer();  // allows its own origin only
  const page = await newPage();
  try {
    await seedConversation(page, strict.url);
    const refuse = await holdRefusal(page);
    await page.goto(site.serve('/refused-widget', hostPage(embedTag(strict))));
    await page.waitForFunction(() => window.CareerAdvisor?.instances?.length > 0);
    await page.locator('.launcher').click();
    assert.equal(await focusedInChat(page), 'question', 'opening focuses the input');
    refuse();
    await waitForState(page, 'unavailable');
    await page.locator('.msg--welcome ~ .chips .chip').first().waitFor();  // the example questions

    assert.equal(await page.locator('#question').isDisabled(), true);
    assert.equal(await page.locator('.send').isDisabled(), true);
    const chips = await page.locator('.chip').evaluateAll((nodes) => nodes.map((n) => [n.textContent, n.disabled]));
    assert.ok(chips.some(([text]) => text === 'How much do back-end developers make?'), 'the answer\'s chip too');
    assert.ok(chips.length >= 3, JSON.stringify(chips));
    assert.deepEqual(chips.filter(([, disabled]) => !disabled), [], 'no chip left to press');

    for (const [role, name] of [['textbox', 'Your question'], ['button', 'Send']]) {
      const node = await accessibleNode(page, role, name);
      assert.equal(node.disabled, true, `${name} is disabled for assistive technology`);
      assert.match(node.description, /not available on this site/, `${name} is described by the notice`);
    }
    assert.equal(await focusedInChat(page), 'notice', 'the focus left the disabled input for the notice');
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('#panel').evaluate((panel) => panel.hidden), true, 'Escape still closes');
    assert.deepEqual(await accessibilityViolations(page), []);
  } finally {
    await page.close();
    await strict.stop();
  }
});

test('a chat page on a refused site disables its input, Send and chips, and moves the focus to the notice', async () => {
  const strict = await startServer();
  const page = await newPage();
  try {
    await seedConversation(page, strict.url, '#career-advisor');
    const refuse = await holdRefusal(page);
    const tag = `<script src="${strict.url}widget.js" defer data-mount="#career-advisor"></script>`;
    await page.goto(site.serve('/refused-page', hostPage(`<main id="career-advisor"></main>${tag}`)));
    await page.waitForFunction(() => window.CareerAdvisor?.instances?.length > 0);
    assert.equal(await focusedInChat(page), 'question', 'the page focuses its input at load');
    refuse();
    await waitForState(page, 'unavailable');
    await page.locator('.msg--welcome ~ .chips .chip').first().waitFor();
    assert.match(await page.locator('.notice').innerText(), /not available on this site/);
    assert.equal(await page.locator('#question').isDisabled(), true);
    assert.equal(await page.locator('.send').isDisabled(), true);
    assert.deepEqual(await page.locator('.chip').evaluateAll((nodes) => nodes.filter((n) => !n.disabled).length), 0);
    assert.equal(await focusedInChat(page), 'notice', 'the focus left the disabled input for the notice');
  } finally {
    await page.close();
    await strict.stop();
  }
});
