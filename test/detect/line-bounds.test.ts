// Line bounds in a text of many lines, the first line and a last line without a newline included.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { endOfLine, startOfLine } from '../../src/detect/line-bounds.js';

describe('line bounds', () => {
  const text = Buffer.from('first\nsecond\nlast');
  it('finds the start of the line holding a byte, 0 on the first line (not the last line\'s start)', () => {
    assert.deepEqual([0, 3, 5, 6, 9, 13, 16].map((at) => startOfLine(text, at)), [0, 0, 0, 6, 6, 13, 13]);
  });

  it('finds the newline ending a line, or the end of a last line without one', () => {
    assert.deepEqual([0, 5, 6, 12, 13, 16].map((at) => endOfLine(text, at)), [5, 5, 12, 12, 17, 17]);
  });
});
