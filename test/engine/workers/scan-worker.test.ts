// The scan worker on its own, spoken to in its protocol: blobs in, results in batches, then done;
// an error as a coded message, never a crash.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import type { FromWorker, ScanWorkerSetup, ToWorker } from '../../../src/engine/workers/protocol.js';
import { fromWire } from '../../../src/engine/workers/results.js';
import { ruleSetSpec } from '../../../src/rules/rule-set.js';
import { GitCliBackend } from '../../../src/sources/git/cli.js';
import { FixtureRepo } from '../../../fixtures/repo.js';
import { fake } from '../../../fixtures/secrets.js';

const WORKER = new URL('../../../src/engine/workers/scan-worker.js', import.meta.url);

/** Starts the worker, sends `messages`, and collects what it says until done or error. */
async function converse(setup: ScanWorkerSetup, messages: ToWorker[]): Promise<FromWorker[]> {
  const worker = new Worker(WORKER, { workerData: setup });
  const heard: FromWorker[] = [];
  try {
    const ended = new Promise<void>((resolve, reject) => {
      worker.on('message', (message: FromWorker) => {
        heard.push(message);
        if (message.kind !== 'results') resolve();
      });
      worker.on('error', reject);
    });
    for (const message of messages) worker.postMessage(message);
    await ended;
  } finally {
    await worker.terminate();
  }
  return heard;
}

describe('scan worker', () => {
  it('reads and searches the blobs it is sent, then says done', async () => {
    const repo = FixtureRepo.create();
    repo.commit('one', { 'a.env': `GITHUB_TOKEN=${fake.githubToken}\n`, 'b.txt': 'nothing\n' });
    const oids = repo.git('ls-tree', '-r', '--format=%(objectname)', 'HEAD').split('\n');
    const gitDir = GitCliBackend.open(repo.dir).gitCommandDir;
    const heard = await converse({ ruleSet: ruleSetSpec(), cacheBytes: 0, gitDir, maxBytes: 1 << 20, scanBinary: false }, [
      { kind: 'blobs', blobs: [{ oid: oids[0] as string, family: 'a.env', neighbours: [] }] },
      { kind: 'blobs', blobs: [{ oid: oids[1] as string, family: 'b.txt', neighbours: [] }] },
      { kind: 'end' },
    ]);
    assert.equal(heard.at(-1)?.kind, 'done');
    const results = heard.flatMap((message) => (message.kind === 'results' ? message.results.map(fromWire) : []));
    assert.deepEqual(results.map((r) => [r.oid, r.matches.map((m) => [m.ruleId, m.secret.reveal()])]), [
      [oids[0], [['github-token', fake.githubToken]]],
      [oids[1], []],
    ]);
  });

  it('reports an object git does not have as a fault result, not an error', async () => {
    const repo = FixtureRepo.create();
    repo.commit('one', { 'a.txt': 'a\n' });
    const gitDir = GitCliBackend.open(repo.dir).gitCommandDir;
    const heard = await converse({ ruleSet: ruleSetSpec(), cacheBytes: 0, gitDir, maxBytes: 1024, scanBinary: false }, [
      { kind: 'blobs', blobs: [{ oid: '0123456789abcdef0123456789abcdef01234567', family: 'x', neighbours: [] }] },
      { kind: 'end' },
    ]);
    assert.equal(heard.at(-1)?.kind, 'done');
    const results = heard.flatMap((message) => (message.kind === 'results' ? message.results : []));
    assert.deepEqual(results.map((r) => [r.skipped, r.fault]), [['fault', 'missing or corrupt in the repository']]);
  });
});
