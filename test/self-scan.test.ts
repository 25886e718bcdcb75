// leakwatch's own history must stay clean: fixture secrets are assembled at
// run time, and rule examples live under patterns/, listed in .leakwatchignore.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { scan } from '../src/engine/scan.js';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('self-scan', () => {
  it('finds nothing in the whole history of this repository', { skip: existsSync(join(ROOT, '.git')) ? false : 'not a git checkout' }, async () => {
    const result = await scan({ source: { kind: 'history', path: ROOT } });
    assert.ok(result.summary.commits > 0);
    // Commit messages are scanned too (issue 15): these quote a rule's made-up example in their text.
    const quoted = new Set(['cli-password-option .git/COMMIT_MSG:1 8adfaddc53']);
    assert.deepEqual(result.findings.map((f) => `${f.ruleId} ${f.path}:${f.line} ${f.commit?.oid.slice(0, 10)}`).filter((place) => !quoted.has(place)), []);
  });
});
