// leakwatch's own history must stay clean: fixture secrets are assembled at
// run time, and rule examples live under patterns/, listed in .leakwatchignore.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { scan } from '../src/engine/scan.js';
import { loadConfig } from '../src/rules/config.js';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('self-scan', () => {
  it('finds nothing in the whole history of this repository', { skip: existsSync(join(ROOT, '.git')) ? false : 'not a git checkout' }, async () => {
    // The repository's own configuration applies: .gitleaksignore names, by commit, path, rule and line
    // (no keyed id, so it holds in every clone), a commit message that quotes a rule's made-up example.
    const result = await scan({ source: { kind: 'history', path: ROOT }, config: loadConfig(ROOT, undefined) });
    assert.ok(result.summary.commits > 0);
    assert.deepEqual(result.findings.map((f) => `${f.ruleId} ${f.path}:${f.line} ${f.commit?.oid.slice(0, 10)}`), []);
  });
});
