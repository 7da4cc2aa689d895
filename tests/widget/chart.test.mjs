// The salary chart's text layout without a browser (web/src/chart.mjs): labels wrapped, never cut, and the
// direction the chart reads in.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { textDirection, wrap } from '../../web/src/chart.mjs';

test('a label wraps at spaces into lines of at most the width', () => {
  assert.deepEqual(wrap('Senior back-end developers in Seattle', 16), ['Senior back-end', 'developers in', 'Seattle']);
});

test('a word longer than the width is cut into pieces, and no letter is lost', () => {
  const lines = wrap('a supercalifragilistic label', 8);
  assert.deepEqual(lines, ['a', 'supercal', 'ifragili', 'stic', 'label']);
  assert.ok(lines.every((line) => line.length <= 8));
});

test('an empty label is one empty line', () => {
  assert.deepEqual(wrap('  ', 10), ['']);
});

test('a text reads right to left when its first strong letter is Hebrew or Arabic', () => {
  assert.equal(textDirection('123 מפתחים'), 'rtl');
  assert.equal(textDirection('— مطور'), 'rtl');
});

test('a text reads left to right when its first strong letter is Latin, or it has none', () => {
  assert.equal(textDirection('Back-end מפתחים'), 'ltr');
  assert.equal(textDirection('$120,000'), 'ltr');
});
