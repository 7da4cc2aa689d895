// What site owners set (theme, CSS variables, parts, labels, launcher), the JS API (queue before load, ready,
// state events), the conversation tools (unread badge, timestamps, copy, transcript, full screen, footer,
// Undo), sources and the salary chart, focus rules, and the limits on what a question may weigh, in real
// Chromium against the real server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  accessibilityViolations, ask, embeddingSetup, embedTag, hostPage, newPageOf, openHostOf, sourceDir, startServer,
  waitForState,
} from './support.mjs';

let browser;
let site;    // another origin, whose pages embed the widget
let server;  // a Career Advisor that allows that origin
embeddingSetup((started) => ({ browser, site, server } = started));
const newPage = (options) => newPageOf(browser, options);
const openHost = (path, html, options) => openHostOf(browser, site, path, html, options);

const style = (locator, property) => locator.evaluate((node, p) => getComputedStyle(node)[p], property);
const panelHidden = (page) => page.locator('#panel').evaluate((panel) => panel.hidden);

// Rewrites the server's answers on their way to the page (fields the server may not send yet).
async function rewriteAnswers(page, change) {
  await page.routeWebSocket(/\/ws$/, (ws) => {
    const upstream = ws.connectToServer();
    upstream.onMessage((message) => {
      const parsed = JSON.parse(message);
      if (parsed.type === 'answer') change(parsed);
      ws.send(JSON.stringify(parsed));
    });
  });
}

// ----- theme, CSS variables, parts, labels, language

test('data-theme, data-font, data-lang and data-labels apply, and the host sets --ca-* variables and ::part()s', async () => {
  const labels = JSON.stringify({ send: 'Envoyer', clear: 'Effacer la conversation', welcome: 'Bonjour !',
    stateConnected: 'Connecté', inputLabel: 'Votre question' }).replace(/'/g, '&#39;');
  const css = `[data-career-advisor] { --ca-accent: #0a7d32; --ca-radius: 4px; }
    [data-career-advisor]::part(send) { outline: 2px solid rgb(1, 2, 3); }`;
  const page = await openHost('/themed', hostPage(embedTag(server,
    `data-theme="dark" data-font="Georgia, serif" data-lang="fr" data-title="Conseiller" data-labels='${labels}'`),
  { css }), { colorScheme: 'light' });
  await page.locator('.launcher').click();
  await waitForState(page, 'connected');
  const root = page.locator('.root');
  assert.equal(await root.getAttribute('lang'), 'fr');
  assert.equal(await style(page.locator('#panel'), 'backgroundColor'), 'rgb(15, 23, 42)', 'dark although the OS is light');
  assert.match(await style(root, 'fontFamily'), /^Georgia, serif$/);
  assert.equal(await style(page.locator('.launcher'), 'backgroundColor'), 'rgb(10, 125, 50)', '--ca-accent');
  assert.equal(await style(page.locator('#panel'), 'borderTopLeftRadius'), '4px', '--ca-radius');
  assert.equal(await style(page.locator('.send'), 'outlineColor'), 'rgb(1, 2, 3)', '::part(send)');
  assert.equal(await page.locator('.send').getAttribute('aria-label'), 'Envoyer');
  await page.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitem', { name: 'Effacer la conversation' }).waitFor();
  await page.keyboard.press('Escape');
  await page.getByLabel('Votre question').waitFor();
  assert.equal(await page.locator('.msg--welcome').innerText(), 'Bonjour !');
  assert.equal(await page.locator('#status').innerText(), 'Connecté');
  assert.equal(await page.locator('#question').getAttribute('placeholder'), 'Conseiller…', 'the placeholder follows the title');
  await ask(page, 'What does a back-end developer do?');
  assert.deepEqual(await accessibilityViolations(page), []);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('data-theme="light" stays light when the visitor prefers dark; auto follows the visitor', async () => {
  const page = await openHost('/light', hostPage(embedTag(server, 'data-theme="light" data-open="true" data-title="Light"') +
    embedTag(server, 'data-open="true" data-title="Auto" data-position="left"')), { colorScheme: 'dark' });
  await page.waitForFunction(() => window.CareerAdvisor.instances.length === 2);
  const panel = (title) => page.locator('[data-career-advisor]', { has: page.locator('.title', { hasText: title }) })
    .locator('#panel');
  assert.equal(await style(panel('Light'), 'backgroundColor'), 'rgb(255, 255, 255)');
  assert.equal(await style(panel('Auto'), 'backgroundColor'), 'rgb(15, 23, 42)');
  await page.close();
});

test('data-color takes any CSS colour; one that is not says so in the console', async () => {
  const page = await newPage();
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await page.goto(site.serve('/orange', hostPage(embedTag(server, 'data-color="orange" data-title="Orange"') +
    embedTag(server, 'data-color="blurple" data-title="Typo" data-position="left"'))));
  await page.waitForFunction(() => window.CareerAdvisor?.instances?.length === 2);
  const launcher = (name) => page.getByRole('button', { name });
  assert.equal(await style(launcher('Orange'), 'backgroundColor'), 'rgb(255, 165, 0)');
  assert.equal(await style(launcher('Orange'), 'color'), 'rgb(0, 0, 0)', 'black reads better on orange');
  assert.equal(await style(launcher('Typo'), 'backgroundColor'), 'rgb(29, 78, 216)', 'the default accent');
  assert.deepEqual(warnings.filter((w) => w.includes('blurple')).length, 1, warnings.join('\n'));
  assert.match(warnings.find((w) => w.includes('blurple')), /not a CSS colour/);
  await page.close();
});

test('the launcher takes a label, an icon, an offset and a z-index', async () => {
  const page = await openHost('/launcher', hostPage(embedTag(server,
    'data-launcher-label="Ask us" data-launcher-icon="help" data-offset="32px 48px" data-z-index="50"')));
  const launcher = page.getByRole('button', { name: 'Ask us' });
  const box = await launcher.boundingBox();
  assert.deepEqual([box.x + box.width, box.y + box.height], [1000 - 32, 760 - 48]);
  assert.ok(box.width > box.height, 'a pill with its label');
  assert.equal(await launcher.innerText(), 'Ask us');
  assert.equal(await style(launcher, 'zIndex'), '50');
  await launcher.click();
  assert.equal(await panelHidden(page), false);
  await page.close();
});

test('data-launcher="none" hides the launcher; the site opens the chat from its own button through the API', async () => {
  const page = await openHost('/own-button', hostPage(
    '<button type="button" id="help">Help</button>' + embedTag(server, 'data-launcher="none"')), { reducedMotion: 'reduce' });
  assert.equal(await page.locator('.launcher').count(), 0);
  await page.evaluate(() => document.getElementById('help').addEventListener('click', () => window.CareerAdvisor.toggle()));
  await page.locator('#help').click();
  assert.equal(await panelHidden(page), false);
  const box = await page.locator('#panel').boundingBox();
  assert.equal(Math.round(box.y + box.height), 760 - 20, 'the panel sits in the corner the launcher would take');
  await page.keyboard.press('Escape');
  assert.equal(await panelHidden(page), true);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'help', 'focus returns to the site\'s button');
  await page.close();
});

// ----- the JS API

test('commands queued before the script loads run once it does; ready resolves; state events fire', async () => {
  // The page's own inline script runs first; widget.js is async and comes later.
  const queue = `<script>
    window.states = [];
    window.addEventListener('careeradvisor:state', (e) => window.states.push(e.detail.state));
    window.CareerAdvisor = window.CareerAdvisor || [];
    CareerAdvisor.push(['init', { labels: { send: 'Go' }, theme: 'dark' }]);
    CareerAdvisor.push(['open']);
    CareerAdvisor.push(['ask', 'What does a back-end developer do?']);
    CareerAdvisor.push(function (api) { window.readyWith = api.instances.length; });
  </script>`;
  const page = await openHost('/queue', hostPage(queue + embedTag(server)));
  await page.locator('.msg--bot').first().waitFor();
  assert.equal(await panelHidden(page), false);
  assert.equal(await page.locator('.send').getAttribute('aria-label'), 'Go');
  assert.ok(await page.locator('.root.theme-dark').count() === 1);
  const api = await page.evaluate(async () => {
    const first = await window.CareerAdvisor.ready;
    window.CareerAdvisor.toggle();
    const closed = !first.isOpen;
    window.CareerAdvisor.push(['toggle']);
    return { same: first === window.CareerAdvisor.instances[0], closed, open: first.isOpen, state: first.state,
      readyWith: window.readyWith, states: window.states };
  });
  assert.deepEqual(api, { same: true, closed: true, open: true, state: 'connected', readyWith: 1,
    states: ['connecting', 'connected'] });
  // init() once running: rebuilt with the new settings, the conversation kept.
  await page.evaluate(() => window.CareerAdvisor.init({ labels: { send: 'Envoyer' }, theme: 'light' }));
  assert.equal(await page.locator('.send').getAttribute('aria-label'), 'Envoyer');
  assert.equal(await page.locator('.root.theme-light').count(), 1);
  assert.equal(await page.locator('.msg--bot').count(), 1);
  await ask(page, 'Can back-end developers work remotely?');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('ask() applies the input box\'s character limit, which comes from the server', async () => {
  const page = await newPage();
  await page.route('**/api/v1/limits', (route) => route.fulfill({ contentType: 'application/json',
    headers: { 'Access-Control-Allow-Origin': '*' },
    body: JSON.stringify({ max_question_chars: 50, max_message_bytes: 4096, max_comment_chars: 500 }) }));
  await page.goto(site.serve('/limits', hostPage(embedTag(server, 'data-open="true"'))));
  await page.waitForFunction(() => window.CareerAdvisor?.instances?.length > 0);
  await page.waitForFunction(() => window.CareerAdvisor.instances[0].limits.max_question_chars === 50);
  assert.equal(await page.locator('#question').getAttribute('maxlength'), '50');
  const result = await page.evaluate(() => window.CareerAdvisor.ask('x'.repeat(51)).then(() => 'answered',
    (error) => ({ code: error.code, message: error.message })));
  assert.equal(result.code, 'too_long');
  assert.match(result.message, /longer than 50 characters/);
  assert.equal(await page.locator('.msg--user').count(), 0, 'nothing was asked');
  assert.equal(await page.evaluate(() => window.CareerAdvisor.ask('  ').catch((e) => e.code)), 'empty');
  await page.close();
});

test('the limits are the server\'s own, from GET /api/v1/limits', async () => {
  const strict = await startServer(['--allowed-origin', site.origin, '--max-question-chars', '60',
    '--max-message-bytes', '2048']);
  const page = await newPage();
  try {
    await page.goto(site.serve('/server-limits', hostPage(embedTag(strict, 'data-open="true"'))));
    await page.waitForFunction(() => window.CareerAdvisor?.instances?.length > 0);
    await page.waitForFunction(() => window.CareerAdvisor.instances[0].limits.max_question_chars === 60);
    assert.deepEqual(await page.evaluate(() => window.CareerAdvisor.instances[0].limits),
      { max_question_chars: 60, max_message_bytes: 2048, max_comment_chars: 500 });
    assert.equal(await page.locator('#question').getAttribute('maxlength'), '60');
    // Characters are counted as the server counts them: code points, so 60 emoji are 60, and 61 are too many.
    assert.equal(await page.evaluate(() => window.CareerAdvisor.ask('😀'.repeat(61)).catch((e) => e.code)), 'too_long');
    assert.equal(await page.evaluate(() => window.CareerAdvisor.ask('😀'.repeat(60)).then((a) => a.type)), 'answer');
  } finally {
    await page.close();
    await strict.stop();
  }
});

test('a long question after a reload is measured with its context and goes without it: one socket, an answer', async () => {
  const page = await openHost('/context-weight', hostPage(embedTag(server)));
  const sockets = [];
  page.on('websocket', (ws) => sockets.push(ws));
  await page.evaluate(() => window.CareerAdvisor.ask('How much do back-end developers make in Seattle?'));
  await page.reload();
  await page.waitForFunction(() => window.CareerAdvisor?.instances?.length > 0);
  await waitForState(page, 'connected');
  sockets.length = 0;
  // 1000 characters of 4 bytes: about 4040 bytes alone, over 4096 with the context of the salary answer.
  const answer = await page.evaluate(() => window.CareerAdvisor.ask('😀'.repeat(1000)).then((a) => a.type, (e) => e.code));
  assert.equal(answer, 'answer');
  assert.equal(sockets.length, 0, 'no socket was closed and reopened');
  await page.close();
});

test('a question over the server\'s message limit fails once, its ask() rejected, instead of reconnecting in a loop', async () => {
  const small = await startServer(['--allowed-origin', site.origin, '--max-message-bytes', '2048']);
  const page = await newPage();
  try {
    await page.route('**/api/v1/limits', (route) => route.abort());  // the page cannot learn the limit
    await page.goto(site.serve('/big', hostPage(embedTag(small))));
    await page.waitForFunction(() => window.CareerAdvisor?.instances?.length > 0);
    const sockets = [];
    page.on('websocket', (ws) => sockets.push(ws));
    await page.evaluate(() => window.CareerAdvisor.ask('What does a back-end developer do?'));
    sockets.length = 0;
    await page.reload();
    await page.waitForFunction(() => window.CareerAdvisor?.instances?.length > 0);
    await waitForState(page, 'connected');
    const big = await page.evaluate(() => window.CareerAdvisor.ask('€'.repeat(900)).then(() => 'answered', (e) => e.code));
    assert.equal(big, 'too_big');
    await page.locator('.msg--error', { hasText: 'too long to send' }).waitFor();
    assert.match(await page.locator('.msg--user', { hasText: '€€€' }).innerText(), /Not sent/);
    await waitForState(page, 'connected');
    const answer = await ask(page, 'Can back-end developers work remotely?');
    assert.match(await answer.innerText(), /remote/i);
    assert.equal(sockets.length, 2, 'the socket the server closed and one more');
  } finally {
    await page.close();
    await small.stop();
  }
});

// ----- conversation tools

test('an answer that arrives while the widget is closed shows an unread badge on the launcher', async () => {
  const page = await openHost('/unread', hostPage(embedTag(server, 'data-title="Careers"')));
  await page.evaluate(() => {
    window.answered = window.CareerAdvisor.ask('What does a back-end developer do?');
    window.CareerAdvisor.close();
  });
  await page.evaluate(() => window.answered);
  const badge = page.locator('.badge');
  await badge.waitFor();
  assert.equal(await badge.innerText(), '1');
  await page.getByRole('button', { name: 'Careers, 1 new' }).waitFor();
  assert.equal(await page.evaluate(() => window.CareerAdvisor.instances[0].unread), 1);
  await page.locator('.launcher').click();
  await badge.waitFor({ state: 'hidden' });
  await page.getByRole('button', { name: 'Careers', exact: true }).waitFor();
  await page.close();
});

test('messages carry their time; an answer copies to the clipboard with its sources', async () => {
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
  const page = await context.newPage();
  await page.goto(server.url);
  await waitForState(page, 'connected');
  const answer = await ask(page, 'What does a back-end developer do?');
  const stamp = await answer.locator('time').getAttribute('datetime');
  assert.ok(Math.abs(Date.parse(stamp) - Date.now()) < 60000, stamp);
  assert.equal(await page.locator('.msg--user time').count(), 1);
  await answer.getByRole('button', { name: 'Copy answer' }).click();
  await answer.getByText('Copied.').waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /^Truest sums the role up/);
  assert.match(copied, /\n\nSources: (Truest, )?"Back-End Web Developer" https:\/\/www\.truest\.me\/careers\/back-end-web-developer$/);
  await context.close();
});

test('the transcript downloads as plain text', async () => {
  const page = await newPage();
  await page.goto(server.url);
  await waitForState(page, 'connected');
  await ask(page, 'What does a back-end developer do?');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download transcript' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^career-advisor-\d{4}-\d{2}-\d{2}\.txt$/);
  const text = readFileSync(await download.path(), 'utf8');
  assert.match(text, /^Conversation with Career Advisor, \d{4}-\d{2}-\d{2}\n/);
  assert.match(text, /\] You: What does a back-end developer do\?\n/);
  assert.match(text, /\] Advisor: Truest sums the role up/);
  assert.match(text, /Sources: .*"Back-End Web Developer"/);
  await page.close();
});

test('the widget goes full screen and back; a footer shows data-footer text or the site\'s slotted content', async () => {
  const page = await openHost('/full', hostPage(embedTag(server, 'data-footer="Answers from public career guides."')));
  await page.locator('.launcher').click();
  assert.equal(await page.locator('.footer').innerText(), 'Answers from public career guides.');
  await page.getByRole('button', { name: 'More actions' }).click();
  const expand = page.getByRole('menuitemcheckbox', { name: 'Full screen', includeHidden: true });
  await expand.click();
  assert.equal(await expand.getAttribute('aria-checked'), 'true');
  assert.deepEqual(await page.locator('#panel').boundingBox(), { x: 0, y: 0, width: 1000, height: 760 });
  await page.keyboard.press('Escape');
  assert.equal(await expand.getAttribute('aria-checked'), 'false', 'Escape leaves full screen first');
  assert.equal((await page.locator('#panel').boundingBox()).width, 380);
  await page.evaluate(() => {
    const note = Object.assign(document.createElement('span'), { slot: 'footer', textContent: 'Powered by us' });
    window.CareerAdvisor.instances[0].element.append(note);
  });
  // Slotted: a child of the host element, drawn in the footer instead of data-footer's text.
  const note = await page.locator('[data-career-advisor] > span[slot="footer"]').boundingBox();
  const footer = await page.locator('.footer').boundingBox();
  assert.ok(note.y >= footer.y && note.y + note.height <= footer.y + footer.height, 'drawn in the footer');
  assert.equal(await page.locator('.footer').innerText(), '', 'data-footer\'s text gives way');
  await page.close();
});

test('Clear conversation offers Undo, which brings the conversation back', async () => {
  const page = await newPage();
  await page.goto(server.url);
  await waitForState(page, 'connected');
  await ask(page, 'How much do back-end developers make in Seattle?');
  await page.getByRole('button', { name: 'Clear conversation' }).click();
  assert.equal(await page.locator('.msg--user, .msg--bot').count(), 0);
  const undo = page.getByRole('button', { name: 'Undo' });
  await page.getByRole('status').filter({ hasText: 'Conversation cleared.' }).waitFor();
  assert.deepEqual(await accessibilityViolations(page), []);
  await undo.click();
  assert.equal(await page.locator('.msg--user, .msg--bot').count(), 2);
  assert.equal(await undo.count(), 0);
  await page.reload();
  await waitForState(page, 'connected');
  assert.equal(await page.locator('.msg--user, .msg--bot').count(), 2, 'the restored conversation is kept');
  const answer = await ask(page, 'what about Austin?');
  assert.match(await answer.innerText(), /\$140,000/, 'a follow-up, so the context came back too');
  await page.close();
});

test('a long follow-up after a reload sends the context without its shown facts rather than none', async () => {
  const page = await newPage();
  await page.goto(server.url);
  await waitForState(page, 'connected');
  await ask(page, 'How much do back-end developers make in Seattle?');
  // A conversation that has shown many facts: its context's "shown" list is long (the server keeps 64). Stored
  // history is patched as the reloaded page starts (the page being left saves its own on the way out).
  await page.addInitScript(() => {
    for (const area of [localStorage, sessionStorage]) {
      for (let i = 0; i < area.length; i += 1) {
        const key = area.key(i);
        const saved = JSON.parse(area.getItem(key) || 'null');
        if (saved?.v !== 1 || !saved.context) continue;
        saved.context.shown = Array.from({ length: 64 }, (_, n) => `salary.location-table.san-francisco@${n}`);
        area.setItem(key, JSON.stringify(saved));
      }
    }
  });
  const frames = [];
  page.on('websocket', (ws) => ws.on('framesent', (f) => frames.push(String(f.payload))));
  await page.reload();
  await waitForState(page, 'connected');
  const question = 'what about Austin? ' + '€'.repeat(900);  // 919 characters, 2,719 bytes
  const answer = await ask(page, question);
  assert.match(await answer.innerText(), /Austin/);
  assert.match(await answer.innerText(), /\$140,000/, 'answered as a follow-up on pay');
  const sent = JSON.parse(frames.find((f) => f.includes('what about Austin')));
  assert.equal(sent.context.intent, 'salary');
  assert.deepEqual(sent.context.shown, [], 'the shown list made room');
  await page.close();
});

// ----- sources and the salary chart

test('the source line names the publisher, the title and the date, or the title alone', async () => {
  const page = await newPage();
  await rewriteAnswers(page, (answer) => {
    answer.sources = [
      { id: 'noble-guide-2026', title: 'What Does a Back End Web Developer Do?', publisher: 'Noble Desktop', published: '2026-03-22' },
      { id: 'truest-profile', title: 'Back-End Web Developer', publisher: 'Truest' },
      { id: 'other', title: 'A guide without a publisher' },
    ];
  });
  await page.goto(server.url);
  await waitForState(page, 'connected');
  const answer = await ask(page, 'What does a back-end developer do?');
  assert.equal(await answer.locator('.msg__sources').innerText(),
    'Sources: Noble Desktop, "What Does a Back End Web Developer Do?" (March 22, 2026); Truest, ' +
    '"Back-End Web Developer"; "A guide without a publisher"');
  await page.close();
});

test('the salary chart labels comparison rows, shows + on open-ended figures and cuts no label off', async () => {
  const page = await newPage({ viewport: { width: 320, height: 640 } });
  const long = 'Software developers, quality assurance analysts and testers in the whole country';
  await rewriteAnswers(page, (answer) => {
    answer.data = { kind: 'salary', unit: 'USD/year', rows: [
      { label: 'San Francisco Bay Area', low: 160000, high: 200000, open_ended: true, scope: 'range', source: 'a',
        figure: '$160,000–$200,000+' },
      { label: long, value: 133080, scope: 'median', source: 'b', approximate: true, figure: 'about $133,080' },
      { label: 'All workers', value: 49500, scope: 'median', source: 'b', comparison: true, figure: '$49,500' },
    ] };
  });
  await page.goto(server.url);
  await waitForState(page, 'connected');
  const answer = await ask(page, 'how much do back-end developers make?');
  const chart = answer.locator('svg.chart');
  const labels = await chart.locator('.chart__label').evaluateAll((nodes) => nodes.map((n) => n.textContent));
  assert.deepEqual(labels.map((l) => l.replace(/\s+/g, '')), ['San Francisco Bay Area', long, 'All workers (comparison)']
    .map((l) => l.replace(/\s+/g, '')));
  assert.equal(await chart.locator('.chart__bar--comparison').count(), 1);
  assert.match(await answer.locator('table').innerText(), /\$160,000–\$200,000\+/);
  const table = await answer.locator('table').innerText();
  assert.match(table, /All workers \(comparison\)\t\$49,500\tmedian, comparison/);
  assert.match(table, /\tabout \$133,080\tmedian/);
  const box = await chart.boundingBox();
  for (const text of await chart.locator('text').all()) {
    const b = await text.boundingBox();
    assert.ok(b.x >= box.x - 1 && b.x + b.width <= box.x + box.width + 1, `cut off: ${await text.textContent()}`);
  }
  await answer.locator('.legend').getByText('comparison').waitFor();
  await page.close();
});

// ----- focus, small screens

test('the chat page focuses its input on load; a chip pressed from the keyboard hands the focus to the input', async () => {
  const page = await newPage();
  await page.goto(server.url);
  await waitForState(page, 'connected');
  const focused = () => page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.id ?? document.activeElement?.tagName);
  assert.equal(await focused(), 'question');
  const chip = page.locator('.msg--welcome ~ .chips .chip').first();
  await chip.focus();
  await page.keyboard.press('Enter');
  await page.locator('.msg--user').first().waitFor();
  assert.equal(await focused(), 'question');
  await page.locator('.msg--bot').first().waitFor();
  const suggestion = page.locator('.msg--bot .chip').first();
  await suggestion.focus();
  await page.keyboard.press(' ');
  await page.locator('.msg--user').nth(1).waitFor();
  assert.equal(await focused(), 'question');
  await page.close();
});

// Whether the input's placeholder fits on its one line, wholly: nothing wraps, nothing is clipped.
const placeholderFits = (scope) => scope.locator('#question').evaluate((input) => {
  const style = getComputedStyle(input);
  const context = document.createElement('canvas').getContext('2d');
  context.font = style.font;
  const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return input.value === '' && input.scrollHeight <= input.clientHeight && context.measureText(input.placeholder).width <= room;
});

test('at 320 px the placeholder stays on one line; data-open does not cover a phone\'s screen at load', async () => {
  const phone = { viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true };
  const page = await newPage(phone);
  await page.goto(server.url);
  await waitForState(page, 'connected');
  assert.ok(await placeholderFits(page), 'the placeholder fits');
  assert.equal(await page.locator('#question').getAttribute('placeholder'), 'Ask a question…', 'the short one');
  await page.setViewportSize({ width: 800, height: 640 });
  await page.waitForFunction(() => document.querySelector('#career-advisor').shadowRoot.querySelector('#question')
    .placeholder === 'Ask about back-end careers…');
  assert.ok(await placeholderFits(page), 'the whole placeholder where there is room');
  await page.close();

  const host = await openHost('/phone-open', hostPage(embedTag(server,
    'data-open="true" data-title="Ask our friendly advisor about back-end careers"')), phone);
  assert.equal(await panelHidden(host), true, 'closed on a small screen');
  await host.locator('.launcher').click();
  assert.equal(await panelHidden(host), false);
  await host.waitForFunction(() => document.querySelector('[data-career-advisor]').shadowRoot.querySelector('#question')
    .placeholder === 'Ask a question…');
  assert.ok(await placeholderFits(host), 'a long title\'s placeholder gives way to the short one');
  await host.close();
});

// ----- the documented examples, as written

test('the README\'s theming, labels and API example runs as written', async () => {
  const readme = readFileSync(join(sourceDir, 'README.md'), 'utf8');
  const match = /<!-- example: widget-api[^>]*-->\s*```html\n([\s\S]*?)```/.exec(readme);
  assert.ok(match, 'the example is marked in the README');
  const snippet = match[1].replaceAll('https://advisor.example/', server.url);
  const page = await openHost('/readme', hostPage(snippet));
  assert.equal(await page.locator('.launcher').count(), 0, 'the site opens it from its own button');
  await page.locator('#ask-us').click();
  assert.equal(await panelHidden(page), false);
  await waitForState(page, 'connected');
  assert.equal(await style(page.locator('.send'), 'backgroundColor'), 'rgb(15, 118, 110)');
  assert.equal(await page.locator('.root').getAttribute('lang'), 'en');
  assert.match(await page.locator('#question').getAttribute('placeholder'), /Ask about pay, skills/);
  assert.match(await page.locator('.footer').innerText(), /public career guides/);
  const answer = await ask(page, 'What does a back-end developer do?');
  assert.match(await answer.innerText(), /server-side/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the embed example page shows the widget themed, with its labels, opened from the page\'s own button', async () => {
  const page = await newPage();
  await page.goto(new URL('/embed-example.html', server.url).href);
  await page.waitForFunction(() => window.CareerAdvisor?.instances?.length > 0);
  const launcher = page.getByRole('button', { name: 'Ask us' });
  assert.equal(await style(launcher, 'backgroundColor'), 'rgb(15, 118, 110)', 'its --ca-accent');
  assert.match(await page.locator('.msg--welcome').innerText(), /^Hi! Ask me about the back-end developer job/);
  await page.getByRole('button', { name: 'Open the chat' }).click();
  assert.equal(await panelHidden(page), false);
  await waitForState(page, 'connected');
  const answer = await ask(page, 'How much do back-end developers make in Seattle?');
  await answer.locator('svg.chart').waitFor();
  await page.locator('#log-of-events').getByText('answer: salary').waitFor();
  assert.deepEqual(await accessibilityViolations(page), []);
  assert.deepEqual(page.problems, []);
  await page.close();
});
