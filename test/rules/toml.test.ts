// The TOML parser, loaded on first use (rules/toml.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseToml, tomlErrorAt, tomlLoaded } from '../../src/rules/toml.js';

describe('toml', () => {
  it('is not loaded before a parse', () => {
    assert.equal(tomlLoaded(), false);
  });

  it('parses on first use and names where a syntax error lies', () => {
    // smol-toml makes tables without a prototype (so a key named __proto__ is only a key).
    assert.deepEqual(JSON.parse(JSON.stringify(parseToml('a = 1\n[b]\nc = "d"\n'))), { a: 1, b: { c: 'd' } });
    assert.ok(tomlLoaded());
    let caught: unknown;
    try {
      parseToml('a = \n');
    } catch (error) {
      caught = error;
    }
    assert.deepEqual(tomlErrorAt(caught), { line: 1, column: 5 });
    assert.equal(tomlErrorAt(new Error('other')), undefined);
  });
});
