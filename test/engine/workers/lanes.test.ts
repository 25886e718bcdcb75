// Scan workers must find exactly what the main thread finds in the same blobs, whatever lane each
// blob goes to, and an error in a worker must reach the caller with its code.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { describe, it } from 'node:test';
import { BlobScanner, REUSE_CACHE_BYTES, scanBlob, type BlobRequest, type ScannedBlob } from '../../../src/detect/blob-scanner.js';
import { Detector } from '../../../src/detect/detector.js';
import { defaultThreads, LARGE_REPOSITORY_OBJECTS, ScanLanes, WORKER_YOUNG_GENERATION_MB } from '../../../src/engine/workers/lanes.js';
import type { ScanWorkerSetup } from '../../../src/engine/workers/protocol.js';
import { LeakwatchError } from '../../../src/model/errors.js';
import { compileRuleSet } from '../../../src/rules/compile.js';
import { ruleSetSpec } from '../../../src/rules/rule-set.js';
import { GitCliBackend } from '../../../src/sources/git/cli.js';
import { FixtureRepo, tempDir } from '../../../fixtures/repo.js';
import { fake } from '../../../fixtures/secrets.js';

const MAX_BYTES = 20_000;

/** A history with secrets in several files and versions, a binary file and one over the size limit. */
function fixture(): { repo: FixtureRepo; requests: BlobRequest[] } {
  const repo = FixtureRepo.create();
  repo.commit('one', { 'app/settings.py': `DEBUG = True\nGITHUB_TOKEN = "${fake.githubToken}"\n`, 'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2, 0]) });
  repo.commit('two', { 'app/settings.py': `DEBUG = False\nGITHUB_TOKEN = "${fake.githubToken}"\npassword = "${fake.password}"\n`, 'deploy/aws.env': `aws_access_key_id = ${fake.awsKeyId}\naws_secret_access_key = ${fake.awsSecret}\n` });
  repo.commit('three', { 'docs/people.csv': `name,email,cpf\nJoana,${fake.email},${fake.cpfValid}\n`, 'big.txt': `${'x'.repeat(MAX_BYTES)}\ntoken = ${fake.otherGithubToken}\n` });
  for (let i = 0; i < 6; i += 1) repo.commit(`edit ${i}`, { [`notes/n${i % 3}.md`]: `note ${i}\nowner: ${fake.email}\n`.repeat(i + 1) });
  const paths = repo.git('log', '--all', '--format=', '--raw', '--no-abbrev').split('\n').filter((line) => line.startsWith(':'));
  const familyOf = new Map(paths.map((line) => {
    const [meta, path] = line.split('\t') as [string, string];
    return [meta.split(' ')[3] as string, path];
  }));
  const requests = repo.reachableBlobs().map((oid) => ({ oid, family: familyOf.get(oid) ?? oid, neighbours: [] }));
  return { repo, requests };
}

/** A scanned blob as plain comparable data. */
function plain(result: ScannedBlob): unknown {
  return { ...result, matches: result.matches.map((m) => ({ ...m, secret: m.secret.reveal(), excerpt: { ...m.excerpt.reveal(), bytes: m.excerpt.reveal().bytes.toString('base64') } })) };
}

describe('scan lanes', () => {
  it('give, for the same blobs, exactly what BlobScanner and scanBlob give on the main thread', async () => {
    const { repo, requests } = fixture();
    const backend = GitCliBackend.open(repo.dir);
    const spec = ruleSetSpec();
    const setup: ScanWorkerSetup = { ruleSet: spec, cacheBytes: REUSE_CACHE_BYTES, gitDir: backend.gitCommandDir, maxBytes: MAX_BYTES, scanBinary: false };

    const scanner = new BlobScanner(new Detector(compileRuleSet(spec)), REUSE_CACHE_BYTES);
    const hints = new Map(requests.map((request) => [request.oid, request]));
    const local: ScannedBlob[] = [];
    for await (const blob of backend.readBlobs(requests.map((r) => r.oid), MAX_BYTES)) local.push(scanBlob(scanner, blob, hints.get(blob.oid)));

    const threaded: ScannedBlob[] = [];
    const lanes = new ScanLanes(3, setup, (result) => threaded.push(result));
    try {
      // Each worker runs with the young generation that keeps a large history's peak memory down.
      assert.deepEqual(lanes.resourceLimits().map((limits) => limits.maxYoungGenerationSizeMb), [WORKER_YOUNG_GENERATION_MB, WORKER_YOUNG_GENERATION_MB, WORKER_YOUNG_GENERATION_MB]);
      for (const request of requests) lanes.request(request);
      await lanes.done();
    } finally {
      await lanes.close();
    }
    const byOid = (a: ScannedBlob, b: ScannedBlob): number => (a.oid < b.oid ? -1 : a.oid > b.oid ? 1 : 0);
    assert.equal(threaded.length, requests.length, 'one result per request');
    assert.deepEqual(threaded.sort(byOid).map(plain), local.sort(byOid).map(plain));
    // The fixture is worth comparing only if it has every kind of result.
    assert.ok(local.some((r) => r.skipped === 'binary') && local.some((r) => r.skipped === 'oversized'));
    assert.ok(new Set(local.flatMap((r) => r.matches.map((m) => m.ruleId))).size >= 4);
    assert.ok(threaded.every((r) => r.matches.every((m) => !String(m.secret).includes(fake.githubToken))), 'raw values arrive boxed');
  });

  it('rejects done() with the code of the error a worker raised', async () => {
    // A rule whose regex RE2 refuses, slipped past the main thread's checks: the worker raises
    // rule-regex, and that code, not a generic one, must reach whoever awaits the scan.
    const { repo, requests } = fixture();
    const spec = ruleSetSpec();
    const broken = { ...spec, rules: [...spec.rules, { ...(spec.rules[0] as (typeof spec.rules)[number]), id: 'broken-rule', regex: '(unclosed' }] };
    const setup: ScanWorkerSetup = { ruleSet: broken, cacheBytes: 0, gitDir: GitCliBackend.open(repo.dir).gitCommandDir, maxBytes: MAX_BYTES, scanBinary: false };
    const lanes = new ScanLanes(2, setup, () => undefined);
    try {
      for (const request of requests.slice(0, 3)) lanes.request(request);
      const error = await lanes.done().then(() => undefined, (caught: unknown) => caught);
      assert.ok(error instanceof LeakwatchError, `expected a LeakwatchError, got ${String(error)}`);
      assert.equal(error.code, 'rule-regex');
    } finally {
      await lanes.close();
    }
  });

  it('hands back a blob the repository does not have as a fault, and the other results in full', async () => {
    // A missing object is counted and named, never the end of the scan (the engine turns it into exit 2).
    const { repo, requests } = fixture();
    const setup: ScanWorkerSetup = { ruleSet: ruleSetSpec(), cacheBytes: 0, gitDir: GitCliBackend.open(repo.dir).gitCommandDir, maxBytes: MAX_BYTES, scanBinary: false };
    const results: ScannedBlob[] = [];
    const lanes = new ScanLanes(2, setup, (result) => results.push(result));
    const absent = '0123456789abcdef0123456789abcdef01234567';
    try {
      for (const request of requests.slice(0, 3)) lanes.request(request);
      lanes.request({ oid: absent, family: 'gone.txt', neighbours: [] });
      await lanes.done();
      assert.equal(results.length, 4);
      assert.deepEqual(results.filter((r) => r.skipped === 'fault').map((r) => [r.oid, r.fault]), [[absent, 'missing or corrupt in the repository']]);
    } finally {
      await lanes.close();
    }
  });
});

describe('default scan threads', () => {
  it('searches on this thread on two cores or fewer, unless the repository is large', () => {
    assert.equal(defaultThreads(0, 1), 1);
    assert.equal(defaultThreads(LARGE_REPOSITORY_OBJECTS * 4, 1), 1);
    assert.equal(defaultThreads(LARGE_REPOSITORY_OBJECTS - 1, 2), 1);
    assert.equal(defaultThreads(LARGE_REPOSITORY_OBJECTS, 2), 2);
  });

  it('leaves a core to git beyond two cores, up to four threads, whatever the size', () => {
    assert.equal(defaultThreads(0, 3), 2);
    assert.equal(defaultThreads(0, 16), 4);
    assert.equal(defaultThreads(LARGE_REPOSITORY_OBJECTS, 8), 4);
  });
});

describe('GitCliBackend.storedObjects', () => {
  it('counts loose and packed objects', () => {
    const repo = FixtureRepo.create();
    try {
      repo.commit('one', { 'a.txt': 'a\n' });
      const backend = GitCliBackend.open(repo.dir);
      // A commit, its tree and one blob, loose.
      assert.equal(backend.storedObjects(), 3);
      repo.git('gc', '--quiet');
      repo.commit('two', { 'b.txt': 'b\n' });
      // Three packed, three more loose (the new commit, its tree, its blob).
      assert.equal(backend.storedObjects(), 6);
    } finally {
      repo.remove();
    }
  });

  it('counts the packed objects a --shared clone borrows from its alternates', () => {
    const repo = FixtureRepo.create();
    const clone = tempDir('leakwatch-shared-clone-');
    try {
      repo.commit('one', { 'a.txt': 'a\n' });
      repo.commit('two', { 'b.txt': 'b\n' });
      repo.git('gc', '--quiet');
      execFileSync('git', ['clone', '-q', '--shared', '--bare', repo.dir, `${clone}/copy.git`]);
      // Two commits, two trees, two blobs: all in the original's pack, none in the clone's own store.
      assert.equal(GitCliBackend.fromGitDir(`${clone}/copy.git`).storedObjects(), 6);
      // The same when the original's path is not ASCII and the user has git print paths unquoted.
      const moved = `${clone}/café repo`;
      execFileSync('git', ['clone', '-q', '--bare', repo.dir, moved]);
      execFileSync('git', ['-C', moved, 'gc', '--quiet']);
      execFileSync('git', ['clone', '-q', '--shared', '--bare', moved, `${clone}/copy-of-café.git`]);
      execFileSync('git', ['-C', `${clone}/copy-of-café.git`, 'config', 'core.quotePath', 'false']);
      assert.equal(GitCliBackend.fromGitDir(`${clone}/copy-of-café.git`).storedObjects(), 6);
    } finally {
      repo.remove();
      rmSync(clone, { recursive: true, force: true });
    }
  });
});
