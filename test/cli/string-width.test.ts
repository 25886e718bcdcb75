// The column count yargs' help layout uses in the bundle (see src/cli/string-width.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import stringWidth from '../../src/cli/string-width.js';

describe('stringWidth', () => {
  it('counts printable ASCII one column each, and nothing for an empty or non-string value', () => {
    assert.equal(stringWidth('leakwatch scan [PATH...]'), 24);
    assert.equal(stringWidth(''), 0);
    assert.equal(stringWidth(undefined as unknown as string), 0);
  });

  it('gives ANSI colour and hyperlink sequences no columns', () => {
    assert.equal(stringWidth('\u001B[1m\u001B[31mred\u001B[39m\u001B[22m'), 3);
    assert.equal(stringWidth('\u001B]8;;https://example.test\u0007link\u001B]8;;\u0007'), 4);
  });

  it('counts East Asian wide characters and emoji two, marks and zero-width characters none', () => {
    assert.equal(stringWidth('漏洞'), 4);
    assert.equal(stringWidth('ｆｕｌｌ'), 8);
    assert.equal(stringWidth('🔑 key'), 6);
    assert.equal(stringWidth('e\u0301'), 1);
    assert.equal(stringWidth('a\u200Bb'), 2);
    assert.equal(stringWidth('tab\there'), 7);
    assert.equal(stringWidth('café'), 4);
  });
});
