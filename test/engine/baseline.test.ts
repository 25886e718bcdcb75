// A baseline is an earlier JSON report; only ids (or, from older reports, fingerprints) are read.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readBaseline } from '../../src/engine/baseline.js';
import { tempDir } from '../../fixtures/repo.js';

const file = (content: string): string => {
  const path = join(tempDir(), 'baseline.json');
  writeFileSync(path, content);
  return path;
};

describe('baseline', () => {
  it('reads ids, falls back to fingerprints, and tells masked from unmasked secrets', () => {
    const masked = readBaseline(file(JSON.stringify([{ id: 'github-token:aaaa', fingerprint: 'x', secret: 'ghp_****' }, { fingerprint: 'email:a.txt:bbbb', secret: 'j***@x.com' }])));
    assert.deepEqual([...masked.fingerprints], ['github-token:aaaa', 'email:a.txt:bbbb']);
    assert.equal(masked.unmasked, false);
    assert.equal(readBaseline(file(JSON.stringify([{ id: 'r:1', secret: 'plainvalue' }]))).unmasked, true);
    assert.deepEqual(readBaseline(file('[]')).fingerprints.size, 0);
  });

  it('rejects what is not a report, with code baseline', () => {
    for (const content of ['not json', '{"id":"x"}', '[{"secret":"x"}]', '[{"id":""}]', '[null]']) {
      assert.throws(() => readBaseline(file(content)), { code: 'baseline' }, content);
    }
    assert.throws(() => readBaseline(join(tempDir(), 'missing.json')), { code: 'baseline', message: /cannot read the baseline \(ENOENT\)/ });
  });
});
