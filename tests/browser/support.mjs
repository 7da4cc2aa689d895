// Shared by the browser tests: the real server on a free port, and Debian's Chromium.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const sourceDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const binary = process.env.CAREER_ADVISOR_BINARY ?? join(sourceDir, 'build', 'dev', 'server', 'career-advisor');
export const screenshotDir = process.env.CAREER_ADVISOR_SCREENSHOTS ?? join(sourceDir, 'docs', 'screenshots');

// Starts `career-advisor serve --port 0` and resolves once it prints its URL.
export async function startServer(extraArgs = [], port = 0) {
  const child = spawn(binary, ['serve', '--port', String(port), '--log-level', 'warn', ...extraArgs], {
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
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
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

// Runs axe-core in the page (or in an element) and returns its violations.
export async function accessibilityViolations(page, include) {
  const axeSource = readFileSync(join(sourceDir, 'tests', 'browser', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (context) => {
    const result = await window.axe.run(context ?? document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  }, include);
}
