// Results cross threads as plain data (structured clone) and are boxed again on arrival: the
// same matches come out, raw values inside Sensitive boxes, excerpt bytes as Buffers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ScannedBlob } from '../../../src/detect/blob-scanner.js';
import { Detector } from '../../../src/detect/detector.js';
import { fromWire, toWire } from '../../../src/engine/workers/results.js';
import { Sensitive } from '../../../src/model/sensitive.js';
import { loadRuleSet } from '../../../src/rules/compile.js';
import { fake } from '../../../fixtures/secrets.js';

describe('scan results on the wire', () => {
  it('survive a structured clone: same matches, boxed again, excerpts as Buffers', () => {
    const matches = new Detector(loadRuleSet()).detectText(Buffer.from(`token = ${fake.githubToken}\nmail: ${fake.email}\n`));
    assert.equal(matches.length, 2);
    const scanned: ScannedBlob = { oid: 'c'.repeat(40), bytes: 99, skipped: undefined, matches };
    const wire = structuredClone(toWire(scanned));
    assert.equal(wire.matches[0]?.secret, fake.githubToken, 'plain data on the wire');
    const back = fromWire(wire);
    assert.deepEqual({ ...back, matches: [] }, { ...scanned, matches: [] });
    assert.equal(back.matches.length, 2);
    back.matches.forEach((match, index) => {
      const original = matches[index];
      assert.ok(match.secret instanceof Sensitive && match.excerpt instanceof Sensitive);
      assert.equal(match.secret.reveal(), original?.secret.reveal());
      assert.ok(Buffer.isBuffer(match.excerpt.reveal().bytes));
      assert.deepEqual(match.excerpt.reveal(), original?.excerpt.reveal());
      assert.deepEqual([match.ruleId, match.line, match.column, match.endColumn, match.entropy], [original?.ruleId, original?.line, original?.column, original?.endColumn, original?.entropy]);
      assert.equal(JSON.stringify(match).includes(fake.githubToken), false);
    });
  });

  it('keep a skipped blob as it was', () => {
    const scanned: ScannedBlob = { oid: 'd'.repeat(40), bytes: 5000, skipped: 'oversized', matches: [] };
    assert.deepEqual(fromWire(structuredClone(toWire(scanned))), scanned);
  });
});
