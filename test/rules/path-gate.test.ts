// The path gate (rules/path-gate.ts) may say yes too often, never too rarely: for the built-in
// path-only rules and every path their own examples name, plus this repository's files, it is true
// whenever one filter matches; flags and anchors stay with their own filter.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import RE2 from 're2';
import { loadRuleSet } from '../../src/rules/compile.js';
import { pathGate } from '../../src/rules/path-gate.js';

describe('path gate', () => {
  it('is true wherever a built-in path-only rule names the path', () => {
    const { fileRules } = loadRuleSet();
    assert.ok(fileRules.length > 3);
    const gate = pathGate(fileRules.map((rule) => rule.pathFilter));
    const examples = fileRules.flatMap((rule) => [...rule.examples.match, ...rule.examples.ignore]);
    const files = execFileSync('git', ['ls-files'], { encoding: 'utf8' }).split('\n').filter((path) => path !== '');
    const shapes = ['id_rsa', '.ssh/id_ed25519', 'config/master.key', 'deploy/.env', 'certs/server.PEM', 'a/b/keystore.jks', 'x.p12', 'secrets.yml', 'README.md'];
    let named = 0;
    for (const path of [...examples, ...files, ...shapes]) {
      const any = fileRules.some((rule) => rule.pathFilter.test(path));
      if (any) named += 1;
      if (any) assert.ok(gate(path), path);
    }
    assert.ok(named >= 5, `the paths hold named files (${named})`);
  });

  it('keeps each filter\'s flags and anchors to itself, and with no filter says no', () => {
    const gate = pathGate([new RE2('(?i)\\.pem$'), new RE2('^abc$')]);
    assert.equal(gate('x/KEY.PEM'), true);
    assert.equal(gate('abc'), true);
    assert.equal(gate('ABC'), false, '(?i) belongs to the first filter only');
    assert.equal(gate('xabc'), false, 'the anchor belongs to the second filter');
    assert.equal(pathGate([])('anything'), false);
  });
});
