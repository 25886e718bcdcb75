// What a scan could not cover, and whether that fails it: faults always, what the repository leaves
// out unless --allow-partial accepts it; nothing to say when everything was read.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shortfalls } from '../../src/engine/shortfalls.js';
import type { ScanSummary } from '../../src/model/types.js';

const summary = (over: Partial<ScanSummary>): ScanSummary => ({
  commits: 0, blobs: 0, bytes: 0, binarySkipped: 0, oversizedSkipped: 0, missingSkipped: 0, faults: 0, faultExamples: [], incomplete: [],
  ignoredPaths: 0, gitignoredPaths: 0, findings: 0, baselined: 0, belowConfidence: 0, durationMs: 0, ...over,
});

describe('shortfalls', () => {
  it('says nothing and fails nothing when everything was read', () => {
    assert.deepEqual(shortfalls(summary({}), false), { lines: [], error: false });
  });

  it('fails on faults whatever --allow-partial says, naming the first few and counting the rest', () => {
    const result = shortfalls(summary({ faults: 5, faultExamples: ['object a: missing', 'object b: missing', 'refs/heads/x points at c'] }), true);
    assert.equal(result.error, true);
    assert.deepEqual(result.lines, ['error: 5 things could not be read and were skipped (the rest was scanned and reported): object a: missing; object b: missing; refs/heads/x points at c; and 2 more']);
  });

  it('fails on what the repository leaves out unless accepted, then only notes it', () => {
    const partial = summary({ missingSkipped: 3, incomplete: ['this clone is shallow'] });
    const refused = shortfalls(partial, false);
    assert.equal(refused.error, true);
    assert.equal(refused.lines.length, 2);
    assert.match(refused.lines[0] ?? '', /^error: this clone is shallow; pass --allow-partial/);
    assert.match(refused.lines[1] ?? '', /^error: 3 blobs of this partial clone are not here/);
    const accepted = shortfalls(partial, true);
    assert.equal(accepted.error, false);
    assert.ok(accepted.lines.every((line) => line.startsWith('note: ') && line.endsWith('(accepted: --allow-partial)')));
  });
});
