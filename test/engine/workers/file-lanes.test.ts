// File scan workers hand results back in the order files were requested, whichever worker finishes
// first, and find what the main thread finds in the same files; a file that cannot be read comes back
// with its error code, in its turn.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BlobScanner, scanBlob } from '../../../src/detect/blob-scanner.js';
import { Detector } from '../../../src/detect/detector.js';
import { FileLanes } from '../../../src/engine/workers/file-lanes.js';
import { compileRuleSet } from '../../../src/rules/compile.js';
import { ruleSetSpec } from '../../../src/rules/rule-set.js';
import type { DiskResult } from '../../../src/sources/source.js';
import { fake } from '../../../fixtures/secrets.js';

const MAX_BYTES = 8 << 20;

describe('file scan workers', () => {
  let root = '';
  const names: string[] = [];

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'leakwatch-file-lanes-'));
    // The first file takes far longer than the rest: the other workers answer before it.
    names.push('slow.js');
    writeFileSync(join(root, 'slow.js'), `${'const password = config.secret_token + "://user@host/" + apikey;\n'.repeat(60_000)}GH=${fake.githubToken}\n`);
    for (let i = 0; i < 60; i += 1) {
      const name = `f${String(i).padStart(2, '0')}.env`;
      names.push(name);
      writeFileSync(join(root, name), i % 3 === 0 ? `AWS_SECRET_ACCESS_KEY=${fake.awsSecret}\nowner ${fake.email}\n` : `nothing ${i}\n`);
    }
    names.splice(30, 0, 'gone.txt'); // never written: unreadable, in its place
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  it('hands results over in request order, as the main thread would find them', async () => {
    const spec = ruleSetSpec();
    const taken: DiskResult[] = [];
    const lanes = new FileLanes(3, { ruleSet: spec, maxBytes: MAX_BYTES, scanBinary: false }, (result) => taken.push(result));
    try {
      for (const name of names) await lanes.request({ path: name, full: Buffer.from(join(root, name)) });
      await lanes.done();
    } finally {
      await lanes.close();
    }
    assert.deepEqual(taken.map((result) => result.file.path), names);
    const gone = taken.find((result) => result.file.path === 'gone.txt');
    assert.ok(gone !== undefined && 'unreadable' in gone && gone.unreadable === 'ENOENT');
    const scanner = new BlobScanner(new Detector(compileRuleSet(spec)), 0);
    const here = (name: string): string[] => scanBlob(scanner, { oid: name, bytes: readFileSync(join(root, name)) }, undefined).matches.map((m) => `${m.ruleId}@${m.line}:${m.column}`);
    for (const result of taken) {
      if (!('scanned' in result)) continue;
      assert.deepEqual(result.scanned.matches.map((m) => `${m.ruleId}@${m.line}:${m.column}`), here(result.file.path), result.file.path);
    }
    assert.ok(taken.some((result) => 'scanned' in result && result.scanned.matches.length > 0));
  });
});
