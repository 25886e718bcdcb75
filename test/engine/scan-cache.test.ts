// The scan cache (engine/scan-cache.ts, issue 15): a warm audit reports exactly
// what a cold one does and reads only the new blobs; what changes the results
// invalidates it, what does not keeps it; a killed scan leaves a usable cache;
// the files are owner-only and hold no raw secret.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildHistoryFixture, type HistoryFixture } from '../../fixtures/history-fixture.js';
import { tempDir } from '../../fixtures/repo.js';
import { fake, rawValues } from '../../fixtures/secrets.js';
import { createDetector, scan, type ScanOptions } from '../../src/engine/scan.js';
import type { Finding } from '../../src/model/types.js';
import { Redactor } from '../../src/redact/redactor.js';
import { ruleSetSpec } from '../../src/rules/rule-set.js';
import { BIN, runCli } from '../helpers/cli.js';
import { IdKey } from '../../src/model/fingerprint.js';
import { cacheKeyHash } from '../../src/engine/scan-cache.js';

const detector = createDetector();
const render = (findings: Finding[]): string => JSON.stringify(findings.map((finding) => new Redactor('none', detector.findSecrets).redact(finding)), null, 1);
const idKey = new IdKey('k'.repeat(64));

describe('scan cache', () => {
  let fixture: HistoryFixture;
  let cacheDir: string;
  before(() => {
    fixture = buildHistoryFixture();
    cacheDir = join(tempDir('leakwatch-cache-test-'), 'cache');
  });
  after(() => fixture.repo.remove());

  const run = (extra: Partial<ScanOptions> = {}) => scan({ source: { kind: 'history', path: fixture.repo.dir }, confidence: 'low', idKey, threads: 1, ...extra });

  it('a warm audit after new commits reports exactly what a cold one does, reading only the new blobs', async () => {
    const first = await run({ cache: cacheDir });
    assert.equal(first.summary.cached, 0);
    assert.ok(first.findings.length > 0);
    const blobsBefore = first.summary.blobs;
    fixture.repo.commit('new token', { 'deploy/ci.env': `GITHUB_TOKEN=${fake.otherGithubToken}\n`, 'README.md': 'shop, now deployed\n' });
    fixture.repo.commit('more docs', { 'docs/notes.md': `contact ${fake.email}\n` });
    for (const threads of [1, 2]) {
      const cold = await run({ threads });
      const warm = await run({ cache: cacheDir, threads });
      assert.equal(render(warm.findings), render(cold.findings));
      assert.deepEqual({ ...warm.summary, durationMs: 0, cached: undefined, listedNow: undefined }, { ...cold.summary, durationMs: 0, cached: undefined, listedNow: undefined });
      if (threads === 1) assert.equal(warm.summary.cached, blobsBefore, 'every blob of the first scan answered from the cache');
      else assert.equal(warm.summary.cached, warm.summary.blobs, 'the second warm scan reads nothing');
    }
  });

  it('the CLI report of a warm scan is byte-identical to --no-cache, in every format that holds findings', async () => {
    for (const format of ['json', 'sarif', 'csv']) {
      const cold = await runCli(['scan', fixture.repo.dir, '--format', format, '--no-cache', '--confidence', 'low'], { env: { ...process.env, LEAKWATCH_ID_KEY: idKey.reveal() } });
      const warm = await runCli(['scan', fixture.repo.dir, '--format', format, '--confidence', 'low'], { env: { ...process.env, LEAKWATCH_ID_KEY: idKey.reveal() } });
      const again = await runCli(['scan', fixture.repo.dir, '--format', format, '--confidence', 'low'], { env: { ...process.env, LEAKWATCH_ID_KEY: idKey.reveal() } });
      assert.equal(warm.stdout, cold.stdout, format);
      assert.equal(again.stdout, cold.stdout, format);
      assert.match(again.stderr, /answered from the cache, not read/);
      assert.doesNotMatch(cold.stderr, /from the cache/);
    }
    assert.ok(statSync(join(fixture.repo.dir, '.git', 'leakwatch', 'cache')).isDirectory(), 'the default cache is under the git directory');
  });

  it('a change of rules or of result-changing options starts a new cache; confidence, threads and reuse do not', async () => {
    const base = await run({ cache: cacheDir });
    assert.equal(base.summary.cached, base.summary.blobs);
    for (const same of [{ confidence: 'high' as const }, { threads: 2 }, { reuse: false }, { baseline: new Set(['x']) }]) {
      const result = await run({ cache: cacheDir, ...same });
      assert.equal(result.summary.cached, result.summary.blobs, JSON.stringify(same));
    }
    const spec = ruleSetSpec({});
    const fewer = { ...spec, rules: spec.rules.slice(1) };
    const changed: Array<Partial<ScanOptions>> = [{ only: 'pii' }, { ruleSet: fewer }, { scanBinary: true }, { maxBlobBytes: 1024 * 1024 }];
    for (const change of changed) {
      const cold = await run(change);
      const first = await run({ cache: cacheDir, ...change });
      assert.equal(first.summary.cached, 0, `${Object.keys(change).join()} invalidates`);
      assert.equal(render(first.findings), render(cold.findings));
      const warm = await run({ cache: cacheDir, ...change });
      assert.equal(warm.summary.cached, warm.summary.blobs);
      assert.equal(render(warm.findings), render(cold.findings));
    }
    // Back to the first rule set: its file is still there.
    assert.equal((await run({ cache: cacheDir })).summary.cached, base.summary.blobs);
  });

  it('a configuration change invalidates the cache', async () => {
    const env = { ...process.env, LEAKWATCH_ID_KEY: idKey.reveal() };
    const dir = join(cacheDir, '..', 'config-case');
    await runCli(['scan', fixture.repo.dir, '--cache', dir, '--format', 'json'], { env });
    const warm = await runCli(['scan', fixture.repo.dir, '--cache', dir, '--format', 'json'], { env });
    assert.match(warm.stderr, /answered from the cache/);
    fixture.repo.write('.leakwatch.toml', '[[rules]]\nid = "shop-code"\ndescription = "Shop code"\nregex = \'\'\'SHOP-[0-9]{6}\'\'\'\nkeywords = ["shop-"]\n');
    try {
      const changed = await runCli(['scan', fixture.repo.dir, '--cache', dir, '--format', 'json'], { env });
      assert.doesNotMatch(changed.stderr, /answered from the cache/, changed.stderr);
    } finally {
      fixture.repo.git('clean', '-fq', '.leakwatch.toml');
    }
  });

  it('cache files are owner-only and hold no raw secret or excerpt', async () => {
    await run({ cache: cacheDir });
    assert.equal(statSync(cacheDir).mode & 0o777, 0o700);
    const files = readdirSync(cacheDir);
    assert.ok(files.length > 0);
    for (const name of files) {
      const file = join(cacheDir, name);
      assert.equal(statSync(file).mode & 0o777, 0o600, name);
      const bytes = readFileSync(file);
      for (const value of [...rawValues, 'AWS_SECRET_ACCESS_KEY', 'APP_NAME']) {
        for (const encoded of [value, Buffer.from(value).toString('base64').slice(0, 12), Buffer.from(value).toString('hex')]) {
          assert.equal(bytes.includes(Buffer.from(encoded)), false, `${name} holds ${value.slice(0, 4)}…`);
        }
      }
    }
    // Under another id key the matches do not decrypt: those blobs are read again, and the findings are the same.
    const other = await run({ cache: cacheDir, idKey: new IdKey('o'.repeat(64)) });
    const cold = await run({ idKey: new IdKey('o'.repeat(64)) });
    assert.ok((other.summary.cached ?? 0) < other.summary.blobs);
    assert.equal(render(other.findings), render(cold.findings));
  });

  it('a scan killed half way leaves a cache the next scan resumes from', () => {
    const dir = join(cacheDir, '..', 'killed');
    const env = { ...process.env, LEAKWATCH_ID_KEY: idKey.reveal() };
    const args = [BIN, 'scan', fixture.repo.dir, '--format', 'json', '--confidence', 'low', '--no-progress', '--threads', '1'];
    const cold = spawnSync(process.execPath, [...args, '--no-cache'], { encoding: 'utf8', env });
    const killed = spawnSync(process.execPath, [...args, '--cache', dir], { encoding: 'utf8', env: { ...env, LEAKWATCH_TEST_CACHE_KILL_AFTER: '4' } });
    assert.equal(killed.signal, 'SIGKILL', killed.stderr);
    const resumed = spawnSync(process.execPath, [...args, '--cache', dir], { encoding: 'utf8', env });
    assert.equal(resumed.stdout, cold.stdout);
    const answered = Number(/(\d+) answered from the cache/.exec(resumed.stderr)?.[1]);
    const total = Number(/(\d+) unique blobs/.exec(resumed.stderr)?.[1]);
    assert.ok(answered >= 4 && answered < total, resumed.stderr);
    const warm = spawnSync(process.execPath, [...args, '--cache', dir], { encoding: 'utf8', env });
    assert.equal(warm.stdout, cold.stdout);
    assert.match(warm.stderr, new RegExp(`${total} answered from the cache`));
  });

  it('--no-cache writes nothing; --cache is refused for inputs other than a history', async () => {
    const fresh = buildHistoryFixture();
    try {
      await runCli(['scan', fresh.repo.dir, '--no-cache', '--format', 'json']);
      assert.equal(statSync(join(fresh.repo.dir, '.git', 'leakwatch', 'cache'), { throwIfNoEntry: false }), undefined);
      const refused = await runCli(['scan', fresh.repo.dir, '--no-git', '--cache', join(cacheDir, 'x')]);
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, /--cache applies to history scans/);
      // A range (hooks, CI events) uses no cache unless one is named.
      await runCli(['scan', fresh.repo.dir, '--range', 'HEAD~1..HEAD', '--format', 'json']);
      assert.equal(statSync(join(fresh.repo.dir, '.git', 'leakwatch', 'cache'), { throwIfNoEntry: false }), undefined);
    } finally {
      fresh.repo.remove();
    }
  });
});

describe('scan cache key', () => {
  it('changes with what changes a blob\'s matches, and only with that', () => {
    const base = { ruleSet: ruleSetSpec(), scanBinary: false, maxBytes: 1024 };
    const hash = cacheKeyHash(base);
    assert.match(hash, /^[0-9a-f]{32}$/);
    assert.equal(cacheKeyHash({ ...base, ruleSet: ruleSetSpec() }), hash, 'the same rules, built again');
    assert.notEqual(cacheKeyHash({ ...base, scanBinary: true }), hash);
    assert.notEqual(cacheKeyHash({ ...base, maxBytes: 2048 }), hash);
    assert.notEqual(cacheKeyHash({ ...base, ruleSet: ruleSetSpec({ only: 'pii' }) }), hash);
  });
});
