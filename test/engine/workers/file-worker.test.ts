// The file scan worker on its own, spoken to in its protocol: paths in, one answer per batch, numbered
// as sent; a file it cannot read comes back with its error code; a rule set that does not compile
// comes back as a coded error, never a crash.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import type { FileWorkerSetup, FromFileWorker, ToFileWorker } from '../../../src/engine/workers/protocol.js';
import { ruleSetSpec } from '../../../src/rules/rule-set.js';
import { fake } from '../../../fixtures/secrets.js';

const WORKER = new URL('../../../src/engine/workers/file-worker.js', import.meta.url);

async function converse(setup: FileWorkerSetup, message: ToFileWorker): Promise<FromFileWorker> {
  const worker = new Worker(WORKER, { workerData: setup });
  try {
    const answer = new Promise<FromFileWorker>((resolve, reject) => {
      worker.on('message', resolve);
      worker.on('error', reject);
    });
    worker.postMessage(message);
    return await answer;
  } finally {
    await worker.terminate();
  }
}

describe('file scan worker', () => {
  it('reads and searches the files it is sent and answers with their numbers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leakwatch-file-worker-'));
    try {
      writeFileSync(join(dir, 'a.env'), `GITHUB_TOKEN=${fake.githubToken}\n`);
      writeFileSync(join(dir, 'b.txt'), 'nothing\n');
      const files = ['a.env', 'gone.txt', 'b.txt'].map((name, index) => ({ seq: 10 + index, full: Buffer.from(join(dir, name)) }));
      const answer = await converse({ ruleSet: ruleSetSpec(), maxBytes: 1 << 20, scanBinary: false }, { kind: 'files', files });
      assert.equal(answer.kind, 'results');
      if (answer.kind !== 'results') return;
      assert.deepEqual(answer.results.map((result) => result.seq), [10, 11, 12]);
      const [a, gone, b] = answer.results;
      assert.ok(a !== undefined && 'result' in a && a.result.matches.map((match) => match.ruleId).includes('github-token'));
      assert.ok(gone !== undefined && 'unreadable' in gone && gone.unreadable === 'ENOENT');
      assert.ok(b !== undefined && 'result' in b && b.result.matches.length === 0 && b.result.bytes === 8);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sends a rule set that does not compile back as a coded error', async () => {
    const spec = ruleSetSpec();
    const broken = { ...spec, rules: spec.rules.map((rule, index) => (index === 0 ? { ...rule, regex: '(' } : rule)) };
    const answer = await converse({ ruleSet: broken, maxBytes: 1 << 20, scanBinary: false }, { kind: 'files', files: [{ seq: 0, full: Buffer.from('/nonexistent') }] });
    assert.equal(answer.kind, 'error');
    if (answer.kind === 'error') assert.equal(answer.error.code, 'rule-regex');
  });
});
