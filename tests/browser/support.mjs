// Shared by the browser tests: the real server on a free port, Debian's Chromium, a site on another origin
// to embed the widget in, and the moves of a chat user.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { createInterface } from 'node:readline';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

export const sourceDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const binary = process.env.CAREER_ADVISOR_BINARY ?? join(sourceDir, 'build', 'dev', 'server', 'career-advisor');
// Into the build folder unless asked (scripts/screenshots asks for docs/screenshots): a test run by hand
// must not overwrite the images the README shows.
export const screenshotDir = process.env.CAREER_ADVISOR_SCREENSHOTS ?? join(sourceDir, 'build', 'screenshots');

// Starts `career-advisor serve --port 0` and resolves once it prints its URL. Unless told where, it records
// into a data directory of its own, removed when it stops.
export async function startServer(extraArgs = [], port = 0) {
  const ownData = !extraArgs.some((a) => a.startsWith('--data-dir') || a.startsWith('--database'));
  const dataDir = ownData ? mkdtempSync(join(tmpdir(), 'career-advisor-data-')) : null;
  // This tree's web/, knowledge and intents (the binary's defaults name the tree it was built from), unless
  // extraArgs name their own.
  const ownFiles = [['--web', 'web'], ['--knowledge', 'knowledge/data'], ['--intents', 'intents/data']]
    .filter(([flag]) => !extraArgs.some((a) => a === flag || a.startsWith(flag + '=')))
    .flatMap(([flag, dir]) => [flag, join(sourceDir, dir)]);
  const child = spawn(binary, ['serve', '--port', String(port), '--log-level', 'warn', ...ownFiles,
    ...(dataDir ? ['--data-dir', dataDir] : []), ...extraArgs], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const [line] = await Promise.race([
    once(lines, 'line'),
    once(child, 'exit').then(() => { throw new Error('server exited before listening'); }),
  ]);
  const match = /^listening on (http:\/\/[^/]+\/)$/.exec(line);
  if (!match) throw new Error('unexpected first line: ' + line);
  const url = match[1];
  return {
    url,
    port: Number(new URL(url).port),
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

// A writable copy of the data folders, for tests that change what the advisor says.
export function copyData() {
  const dir = mkdtempSync(join(tmpdir(), 'career-advisor-browser-'));
  cpSync(join(sourceDir, 'knowledge', 'data'), join(dir, 'knowledge'), { recursive: true });
  cpSync(join(sourceDir, 'intents', 'data'), join(dir, 'intents'), { recursive: true });
  return {
    args: ['--knowledge', join(dir, 'knowledge'), '--intents', join(dir, 'intents')],
    replace(relative, from, to) {
      const file = join(dir, relative);
      const text = readFileSync(file, 'utf8');
      if (!text.includes(from)) throw new Error(`'${from}' not in ${relative}`);
      writeFileSync(file, text.replace(from, to));
    },
    remove() { rmSync(dir, { recursive: true, force: true }); },
  };
}

// Runs axe-core in the page (or in an element) and returns its violations. Evaluated through the DevTools
// protocol rather than added as a <script>, which our pages' Content-Security-Policy would refuse.
export async function accessibilityViolations(page, include) {
  const axeSource = readFileSync(join(sourceDir, 'tests', 'browser', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  return page.evaluate(async (context) => {
    const result = await window.axe.run(context ?? document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  }, include);
}

// A port nobody listens on right now, for a server that must come back on the same one.
export async function freePort() {
  const probe = createTcpServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

// Another site (another origin: same host, another port) whose pages embed the widget.
// `serve(path, html, headers)` sets a page; anything else is 404.
export async function startHostSite() {
  const pages = new Map();
  const server = createServer((request, response) => {
    const page = pages.get(new URL(request.url, 'http://host').pathname);
    if (!page) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...page.headers }).end(page.html);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    serve(path, html, headers = {}) {
      pages.set(path, { html, headers });
      return origin + path;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

// A plain host page: a heading, some text and whatever tags are given (the embed line).
export function hostPage(tags, { title = 'A site that embeds the advisor', css = '' } = {}) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
${css ? `<style>${css}</style>` : ''}</head>
<body><main><h1>${title}</h1><p>Some article the visitor is reading.</p></main>
${tags}
</body></html>`;
}

// The widget's embed line for a Career Advisor server.
export function embedTag(server, attributes = '') {
  return `<script src="${server.url}widget.js" async ${attributes}></script>`;
}

// Waits until the chat (in `scope`: the page or one instance's host element) shows a connection state.
export async function waitForState(scope, state, timeout = 10000) {
  await scope.locator(`.root[data-state="${state}"]`).waitFor({ state: 'attached', timeout });
}

// Types a question into the chat in `scope`, presses Enter and returns the answer's bubble.
export async function ask(scope, text) {
  const answers = scope.locator('.msg--bot');
  const before = await answers.count();
  await scope.locator('#question').fill(text);
  await scope.locator('#question').press('Enter');
  await answers.nth(before).waitFor();
  return answers.nth(before);
}

// Errors thrown in the page and Content-Security-Policy refusals, collected while the test runs.
export function pageProblems(page) {
  const problems = [];
  page.on('pageerror', (error) => problems.push('error: ' + error.message));
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) problems.push('csp: ' + message.text());
  });
  return problems;
}

// One server (with `serverArgs`) and one Chromium for a test file: started before its tests, stopped after
// them. The returned object has `server` and `browser` once the tests run.
export function serverAndBrowser(serverArgs = []) {
  const shared = {};
  before(async () => {
    shared.server = await startServer(serverArgs);
    shared.browser = await launchBrowser();
    mkdirSync(screenshotDir, { recursive: true });
  });
  after(async () => {
    await shared.browser?.close();
    await shared.server?.stop();
  });
  return shared;
}

// A new page at `url` (the chat page by default) with its problems collected, once the chat is connected.
export async function openChat({ browser, server }, options = {}, url = server.url) {
  const page = await browser.newPage({ viewport: { width: 900, height: 900 }, ...options });
  page.problems = pageProblems(page);
  await page.goto(url);
  await waitForState(page, 'connected');
  return page;
}

// Tests of the widget embedded in another site: one Chromium, a host site on another origin and a Career
// Advisor that allows it, started before the file's tests (handed to `use`) and stopped after them.
export function embeddingSetup(use) {
  const started = {};
  before(async () => {
    started.browser = await launchBrowser();
    started.site = await startHostSite();
    started.server = await startServer(['--allowed-origin', started.site.origin]);
    mkdirSync(screenshotDir, { recursive: true });
    use(started);
  });
  after(async () => {
    await started.browser?.close();
    await started.server?.stop();
    await started.site?.close();
  });
}

// A new page of `browser`, its problems collected.
export async function newPageOf(browser, options = {}) {
  const page = await browser.newPage({ viewport: { width: 1000, height: 760 }, ...options });
  page.problems = pageProblems(page);
  return page;
}

// Opens a host page of `site` and waits for its (first) widget to exist.
export async function openHostOf(browser, site, path, html, options) {
  const page = await newPageOf(browser, options);
  await page.goto(site.serve(path, html));
  await page.waitForFunction(() => window.CareerAdvisor?.instances?.length > 0);
  return page;
}
