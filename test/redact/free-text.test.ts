// Where free text is masked: rule spans, shape spans no rule covers, quoted values to their closing quote.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planMasks } from '../../src/redact/free-text.js';

const value = ['Xk9mQ2', 'vLp7wRz'].join('');

describe('free-text mask plan', () => {
  it('widens a span opening after a quote to the closing unescaped quote, never shrinks one', () => {
    const text = '{"password":"Xk9mQ2\\"vLp7wRz","n":1}';
    const rule = { start: 13, end: 20, mask: 'secret' as const, keepPrefix: 0, ruleId: 'generic-password' };
    assert.deepEqual(planMasks(text, [rule], false).spans, [{ start: 13, end: 28, mask: 'secret', keepPrefix: 0 }]);
    const wide = { ...rule, end: 30 };
    assert.deepEqual(planMasks(text, [wide], false).spans, [{ start: 13, end: 30, mask: 'secret', keepPrefix: 0 }]);
  });

  it('adds and counts a shape span no rule covers; not one a rule covers, nor one whose key is inside a rule\'s span', () => {
    const text = `password=${value} host=db`;
    assert.deepEqual(planMasks(text, []), { spans: [{ start: 9, end: 22, mask: 'secret', keepPrefix: 0 }], counted: ['secret-named-value'] });
    const rule = { start: 9, end: 22, mask: 'secret' as const, keepPrefix: 0, ruleId: 'generic-password' };
    assert.deepEqual(planMasks(text, [rule]).counted, ['generic-password']);
    const encoded = 'cGwdXZ= next';
    const run = { start: 0, end: 7, mask: 'secret' as const, keepPrefix: 0, ruleId: 'github-token' };
    assert.deepEqual(planMasks(encoded, [run]).spans, [{ start: 0, end: 7, mask: 'secret', keepPrefix: 0 }]);
  });
});
