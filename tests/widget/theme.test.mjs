// The widget's colours and stylesheet without a browser (web/src/theme.mjs, styles.css, modal.mjs): contrast
// as WCAG counts it, the palette's rules for both themes, and the one media query the CSS and the script share.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { SMALL_SCREEN } from '../../web/src/modal.mjs';
import { THEMES, contrast, luminance, paletteRules } from '../../web/src/theme.mjs';

const stylesheet = readFileSync(new URL('../../web/src/styles.css', import.meta.url), 'utf8');

test('contrast runs from 1 (a colour with itself) to 21 (black on white), whichever comes first', () => {
  assert.equal(contrast([0, 0, 0], [255, 255, 255]), 21);
  assert.equal(contrast([255, 255, 255], [0, 0, 0]), 21);
  assert.equal(contrast([29, 78, 216], [29, 78, 216]), 1);
});

test("luminance weighs green most, as WCAG's formula does", () => {
  assert.ok(luminance([0, 255, 0]) > luminance([255, 0, 0]));
  assert.ok(luminance([255, 0, 0]) > luminance([0, 0, 255]));
});

test('both themes name the same colours', () => {
  assert.deepEqual(Object.keys(THEMES.dark), Object.keys(THEMES.light));
});

test("the palette's rules give the light theme to the root and the dark one where it is asked for", () => {
  const rules = paletteRules();
  assert.match(rules, /\.root \{ --bg: var\(--ca-bg, var\(--site-bg, #ffffff\)\);/);
  assert.match(rules, /@media \(prefers-color-scheme: dark\) \{\s*\.root:not\(\.theme-light\) \{ --bg: var\(--ca-bg, var\(--site-bg, #0f172a\)\);/);
  assert.match(rules, /\.root\.theme-dark \{ --bg: var\(--ca-bg, var\(--site-bg, #0f172a\)\);/);
});

test('a site may set only its own colours: the status and chart colours are ours', () => {
  const rules = paletteRules();
  assert.match(rules, /--accent: var\(--ca-accent, var\(--site-accent, #1d4ed8\)\);/);
  assert.match(rules, /--ok: #15803d;/);
});

test('the stylesheet asks the same small-screen query as the script', () => {
  assert.ok(stylesheet.includes(`@media ${SMALL_SCREEN} {`), `styles.css has no @media ${SMALL_SCREEN}`);
});

test('the stylesheet leaves the palette to theme.mjs: it sets none of its colours itself', () => {
  const names = Object.keys(THEMES.light).map((name) => `--${name}:`);
  assert.deepEqual(names.filter((name) => stylesheet.includes(name)), []);
});
