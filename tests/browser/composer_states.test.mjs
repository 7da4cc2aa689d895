// What the visitor is told about what they can send and whether it goes: a site the server refuses gets a
// composer that takes nothing and says why; near the question's limit a counter, and a paste cut to it is said;
// while offline a banner with Retry. In real Chromium against the real server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  accessibilityViolations, embeddingSetup, embedTag, freePort, hostPage, newPageOf, pageProblems, startServer,
  waitForState,
} from './support.mjs';

let browser;
let site;    // another origin, whose pages embed the widget
let server;  // a Career Advisor that allows that origin
embeddingSetup((started) => ({ browser, site, server } = started));
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

// ----- the question's length

test('a counter shows from 80% of the question limit; a paste over the limit is cut and says so', async () => {
  const context = await browser.newContext({ viewport: { width: 900, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
  const page = await context.newPage();
  const problems = pageProblems(page);
  try {
    await page.goto(server.url);
    await waitForState(page, 'connected');
    const limit = await page.evaluate(() => window.CareerAdvisor.instances[0].limits.max_question_chars);
    const input = page.locator('#question');
    const counter = page.locator('.counter');
    const spoken = page.locator('.spoken-count');

    await input.fill('a'.repeat(limit * 0.8 - 1));
    assert.equal(await counter.isVisible(), false, 'below 80% no counter');
    await input.press('b');
    await counter.getByText(`${limit * 0.2} characters left`).waitFor();
    await spoken.getByText(`${limit * 0.2} characters left`).waitFor({ state: 'attached' });  // said once typing pauses

    await input.fill('');
    await counter.waitFor({ state: 'hidden' });
    const pasted = 'Which skills matter most for a back-end developer? '.repeat(40).slice(0, 1520);
    await page.evaluate((text) => navigator.clipboard.writeText(text), pasted);
    await input.press('Control+V');
    const note = page.locator('.input-note');
    await note.getByText(`Your message was cut to ${limit.toLocaleString('en-US')} characters.`).waitFor();
    assert.equal(await note.getAttribute('role'), 'status', 'a polite live region');
    assert.equal(await input.inputValue(), pasted.slice(0, limit));
    assert.equal(await counter.innerText(), '0 characters left');
    const description = await accessibleNode(page, 'textbox', 'Your question');
    assert.match(description.description, /cut to 1,000 characters.*0 characters left/);

    await input.press('Enter');
    await page.locator('.msg--bot').first().waitFor();
    assert.equal(await note.innerText(), '', 'said until the question is sent');
    assert.equal(await counter.isVisible(), false);
    assert.deepEqual(await accessibilityViolations(page), []);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a question over a limit that came after it was typed stays in the box with the "too long" message', async () => {
  const page = await newPage();
  let release;
  const typed = new Promise((resolve) => { release = resolve; });
  await page.route('**/api/v1/limits', async (route) => {
    await typed;
    await route.fulfill({ contentType: 'application/json', headers: { 'Access-Control-Allow-Origin': '*' },
      body: JSON.stringify({ max_question_chars: 50, max_message_bytes: 4096, max_comment_chars: 500 }) });
  });
  await page.goto(site.serve('/late-limit', hostPage(embedTag(server, 'data-open="true"'))));
  await waitForState(page, 'connected');
  const input = page.locator('#question');
  const question = 'What does a back-end developer do on a normal day?';  // 50 characters
  await input.fill(question + ' Thanks!');
  release();
  await page.waitForFunction(() => window.CareerAdvisor.instances[0].limits.max_question_chars === 50);
  await page.locator('.counter').getByText('8 characters too many').waitFor();
  assert.equal(await input.getAttribute('aria-invalid'), 'true');

  await input.press('Enter');
  const note = page.locator('.input-note');
  await note.getByText('That question is too long to send. Please shorten it.').waitFor();
  assert.equal(await input.inputValue(), question + ' Thanks!', 'the text stays to be shortened');
  assert.equal(await page.locator('.msg--user').count(), 0, 'nothing was asked');

  await input.fill(question);
  await page.locator('.counter').getByText('0 characters left').waitFor();
  assert.equal(await note.innerText(), '', 'short enough: the message goes');
  assert.equal(await input.getAttribute('aria-invalid'), null);
  await input.press('Enter');
  await page.locator('.msg--bot').first().waitFor();
  await page.close();
});

// ----- the connection

// Pauses the page's clock at about its present time. Real time goes on between reading the page's
// clock and the pause, so a target that has become the past (a loaded CI machine) is read again.
async function pauseNow(page) {
  for (let margin = 1; ; margin *= 10) {
    try {
      await page.clock.pauseAt(await page.evaluate((m) => Date.now() + m, margin));
      return;
    } catch (error) {
      if (!/fast-forward to the past/.test(String(error)) || margin >= 10000) throw error;
    }
  }
}

test('offline, a banner says questions wait and its Retry reconnects at once; it goes once connected', async () => {
  const port = await freePort();
  let flaky = await startServer([], port);
  const page = await newPage();
  try {
    await page.clock.install();  // time runs as usual until paused below
    await page.goto(flaky.url);
    await waitForState(page, 'connected');
    const banner = page.locator('.banner');
    assert.equal(await banner.innerText(), '', 'nothing to say while connected');

    await flaky.stop();
    await waitForState(page, 'offline', 20000);  // three attempts failed, after their backoff
    await banner.getByText('Connection lost. Your questions will be sent once it is back.').waitFor();
    assert.equal(await banner.getAttribute('role'), 'status', 'a polite live region');
    assert.ok((await banner.boundingBox()).width > 300, 'a banner across the chat, not a dot');
    assert.deepEqual(await accessibilityViolations(page), []);
    await page.emulateMedia({ colorScheme: 'dark' });
    assert.deepEqual(await accessibilityViolations(page), []);

    await page.locator('#question').fill('What does a back-end developer do?');
    await page.locator('#question').press('Enter');
    await page.locator('.msg--user', { hasText: 'Waiting to send' }).waitFor();

    // No timer fires from now on, so only Retry can bring the connection back.
    await pauseNow(page);
    flaky = await startServer([], port);
    await banner.getByRole('button', { name: 'Retry' }).click();
    await waitForState(page, 'connected');
    assert.equal(await banner.innerText(), '', 'gone once connected');
    assert.equal(await focusedInChat(page), 'question', 'the focus left the Retry that went for the input');
    await page.locator('.msg--bot').first().waitFor();
  } finally {
    await page.close();
    await flaky.stop();
  }
});
