// Reading parsed TOML: what counts as a table, and lists of non-empty strings.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isTable, stringList } from '../../src/rules/table.js';

describe('TOML tables', () => {
  it('tells a table from a list, null and scalars', () => {
    assert.deepEqual([{}, { a: 1 }, [], null, 'x', 3, undefined].map(isTable), [true, true, false, false, false, false, false]);
  });

  it('takes a list of non-empty strings (none when absent) and calls fail on anything else', () => {
    const fail = (): never => {
      throw new Error('not a list of strings');
    };
    assert.deepEqual(stringList(['a', 'b'], fail), ['a', 'b']);
    assert.deepEqual(stringList(undefined, fail), []);
    for (const bad of ['a', [''], ['a', 1], {}]) assert.throws(() => stringList(bad, fail), /not a list of strings/);
  });
});
