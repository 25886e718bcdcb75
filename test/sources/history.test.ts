// Full-history scan over fixture repositories built with the real git CLI,
// through both git backends, checked against git itself where it can be.
import { existsSync } from 'node:fs';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Redactor } from '../../src/redact/redactor.js';
import { createDetector, scan } from '../../src/engine/scan.js';
import { openBackend } from '../../src/sources/git/open.js';
import { indexHistory } from '../../src/sources/git/history-index.js';
import type { GitBackendName } from '../../src/sources/git/backend.js';
import type { Finding } from '../../src/model/types.js';
import { buildHistoryFixture, type HistoryFixture } from '../../fixtures/history-fixture.js';
import { FixtureRepo, tempDir } from '../../fixtures/repo.js';
import { fake } from '../../fixtures/secrets.js';
import { historySource } from '../../src/sources/history.js';
import { RecordingRun } from '../helpers/source-run.js';
import { resolveIdKey } from '../../src/engine/id-key.js';

const BACKENDS: GitBackendName[] = ['cli', 'isomorphic'];
const detector = createDetector();

const summarise = (findings: Finding[]): string[] =>
  findings.map((f) => `${f.ruleId} ${f.path}:${f.line} ${f.commit?.oid.slice(0, 12) ?? '-'}`);

const redactedJson = (findings: Finding[]): string => {
  const redactor = new Redactor('mask', detector.findSecrets);
  return JSON.stringify(findings.map((finding) => redactor.redact(finding)));
};

describe('full-history scan', () => {
  let fixture: HistoryFixture;
  const results = new Map<GitBackendName, Finding[]>();

  before(async () => {
    fixture = buildHistoryFixture();
    for (const backend of BACKENDS) {
      results.set(backend, (await scan({ source: { kind: 'history', path: fixture.repo.dir, backend } })).findings);
    }
  });
  after(() => fixture.repo.remove());

  const expected = (): string[] => {
    const c = fixture.commits;
    const at = (rule: string, place: string, commit: string | undefined): string => `${rule} ${place} ${commit?.slice(0, 12)}`;
    return [
      at('aws-access-key-id', 'config/app.env:2', c.addConfig),
      at('aws-secret-access-key', 'config/app.env:3', c.addConfig),
      at('cpf', 'data/customers.csv:2', c.customers),
      at('email', 'data/customers.csv:2', c.customers),
      at('generic-password', 'win/settings.ini:3', c.crlf),
      at('url-credentials', 'scripts/deploy.sh:2', c.addDeploy),
      at('github-token', 'tools/gh.py:1', c.unmerged),
      at('private-key', 'keys/release.pem:1', c.tagged),
      at('github-token', 'ops/notes.txt:1', c.remoteOnly),
      at('generic-password', 'merge.txt:2', c.merge),
    ].sort();
  };

  for (const backend of BACKENDS) {
    it(`finds every planted leak, attributed to the commit that introduced it (${backend})`, () => {
      assert.deepEqual(summarise(results.get(backend) ?? []).sort(), expected());
    });
  }

  it('gives identical findings with both backends', () => {
    assert.equal(redactedJson(results.get('isomorphic') ?? []), redactedJson(results.get('cli') ?? []));
    const raw = (findings: Finding[] | undefined): string[] => (findings ?? []).map((f) => f.secret.reveal());
    assert.deepEqual(raw(results.get('isomorphic')), raw(results.get('cli')));
  });

  it('names author, email, date and subject of the introducing commit', () => {
    const finding = (results.get('cli') ?? []).find((f) => f.ruleId === 'aws-access-key-id');
    assert.ok(finding?.commit);
    const [author, email, date, subject] = fixture.repo.git('show', '-s', '--format=%an%x00%ae%x00%aI%x00%s', fixture.commits.addConfig as string).split('\0');
    assert.deepEqual(
      [finding.commit.author, finding.commit.email, finding.commit.date, finding.commit.subject],
      [author, email, date, subject],
    );
  });

  it('reads the raw secret the rule matched, without line endings', () => {
    const crlf = (results.get('cli') ?? []).find((f) => f.path === 'win/settings.ini');
    assert.equal(crlf?.secret.reveal(), fake.password);
  });

  for (const backend of BACKENDS) {
    it(`lists exactly the blobs git reaches from all refs (${backend})`, async () => {
      const index = indexHistory(await (await openBackend(fixture.repo.dir, backend)).readHistory());
      assert.deepEqual([...index.blobs].sort(), fixture.repo.reachableBlobs());
    });
  }

  it('indexes the same origins without the replaced blobs when asked (a whole history never reads them)', async () => {
    const log = await (await openBackend(fixture.repo.dir, 'cli')).readHistory();
    const full = indexHistory(log);
    const lean = indexHistory(log, undefined, false);
    const strip = (index: typeof full): unknown => [...index.origins].map(([oid, origins]) => [oid, origins.map((origin) => ({ ...origin, replaced: [] }))]);
    assert.deepEqual(lean.blobs, full.blobs);
    assert.deepEqual(strip(lean), strip(full));
    assert.ok([...full.origins.values()].flat().some((origin) => origin.replaced.length > 0), 'the fixture has changed files');
    assert.ok([...lean.origins.values()].flat().every((origin) => origin.replaced.length === 0));
  });

  it('scans a bare mirror the same way', async () => {
    const bare = join(tempDir(), 'mirror.git');
    execFileSync('git', ['clone', '-q', '--mirror', fixture.repo.dir, bare]);
    // Same findings under the same id key; a mirror is another project, so by default it keys its own ids.
    const idKey = resolveIdKey(fixture.repo.dir).key;
    for (const backend of BACKENDS) {
      const findings = (await scan({ source: { kind: 'history', path: bare, backend }, idKey })).findings;
      assert.equal(redactedJson(findings), redactedJson(results.get('cli') ?? []), backend);
    }
    const own = (await scan({ source: { kind: 'history', path: bare } })).findings;
    assert.notEqual(own[0]?.id, results.get('cli')?.[0]?.id);
    assert.ok(existsSync(join(bare, 'leakwatch', 'id-key')), 'the mirror keeps its key in its git directory');
  });
});

describe('scan edge cases', () => {
  it('reports nothing, without error, for a repository with no commits', async () => {
    const repo = FixtureRepo.create();
    for (const backend of BACKENDS) {
      const result = await scan({ source: { kind: 'history', path: repo.dir, backend } });
      assert.equal(result.findings.length, 0);
      assert.equal(result.summary.commits, 0);
    }
    repo.remove();
  });

  it('refuses a directory that is not a git repository, naming it', async () => {
    const dir = tempDir();
    for (const backend of BACKENDS) {
      await assert.rejects(scan({ source: { kind: 'history', path: dir, backend } }), (error: Error) => {
        assert.equal(error.message, `${dir} is not a git repository (use --no-git to scan its files)`);
        return true;
      });
    }
  });

  it('reads each unique blob once and reports a secret kept across commits and copied once, with its occurrences', async () => {
    const repo = FixtureRepo.create();
    const line = `password = "${fake.password}"\n`;
    repo.commit('one', { 'a.cfg': line, 'copy.cfg': line });
    repo.commit('two', { 'a.cfg': `${line}x=1\n` });
    repo.commit('three', { 'a.cfg': `${line}x=2\n` });
    const result = await scan({ source: { kind: 'history', path: repo.dir } });
    assert.equal(result.summary.blobs, 3);
    assert.deepEqual(result.findings.map((f) => f.path), ['a.cfg']);
    assert.deepEqual(result.findings[0]?.occurrences.map((o) => `${o.path} ${o.commit?.subject}`), ['copy.cfg one', 'a.cfg two', 'a.cfg three']);
    repo.remove();
  });

  it('counts binary and oversized blobs instead of scanning them', async () => {
    const repo = FixtureRepo.create();
    repo.commit('blobs', {
      'img.bin': Buffer.concat([Buffer.from([0x89, 0, 0, 0]), Buffer.from(`token=${fake.githubToken}`)]),
      'big.txt': `${'x'.repeat(2048)}\npassword=${fake.password}\n`,
      'ok.txt': 'nothing here\n',
    });
    const result = await scan({ source: { kind: 'history', path: repo.dir }, maxBlobBytes: 1024 });
    assert.equal(result.findings.length, 0);
    assert.equal(result.summary.binarySkipped, 1);
    assert.equal(result.summary.oversizedSkipped, 1);
    repo.remove();
  });

  it('skips paths listed in .leakwatchignore, and counts them', async () => {
    const repo = FixtureRepo.create();
    repo.commit('files', { 'vendor/x.env': `password=${fake.password}\nvendored\n`, 'app.env': `password=${fake.password}\n`, '.leakwatchignore': 'vendor/\n' });
    const result = await scan({ source: { kind: 'history', path: repo.dir } });
    assert.deepEqual(result.findings.map((f) => f.path), ['app.env']);
    assert.equal(result.summary.ignoredPaths, 1);
    repo.remove();
  });

  it('scans the files of a plain directory with git disabled', async () => {
    const repo = FixtureRepo.create();
    repo.write('sub/app.env', `password=${fake.password}\n`);
    repo.write('.git/leak.txt', `password=${fake.password}\n`);
    const result = await scan({ source: { kind: 'directory', path: repo.dir } });
    assert.deepEqual(result.findings.map((f) => [f.path, f.commit]), [['sub/app.env', undefined]]);
    repo.remove();
  });
});

describe('partial clones', () => {
  it('scans the blobs a partial clone holds, counts the others, and never fetches them', async () => {
    const source = FixtureRepo.create();
    source.commit('old', { 'old.env': `password=${fake.password}\n` });
    source.commit('new', { 'old.env': 'password=${DB_PASSWORD}\n', 'new.env': `token: ${fake.githubToken}\n` });
    source.git('config', 'uploadpack.allowFilter', 'true');
    const clone = join(tempDir(), 'partial');
    execFileSync('git', ['clone', '-q', '--filter=blob:none', `file://${source.dir}`, clone], { stdio: 'ignore' }); // checks out HEAD: its blobs arrive
    const oldBlob = source.git('rev-parse', 'HEAD~1:old.env');
    const local = (): string => execFileSync('git', ['-C', clone, 'cat-file', '--batch-all-objects', '--batch-check=%(objectname)'], { encoding: 'utf8' });
    assert.equal(local().includes(oldBlob), false);
    const result = await scan({ source: { kind: 'history', path: clone, backend: 'cli' } });
    assert.deepEqual(result.findings.map((f) => f.ruleId), ['github-token']);
    assert.equal(result.summary.missingSkipped, 1);
    assert.equal(local().includes(oldBlob), false, 'the missing blob was fetched');
    source.remove();
  });
});

describe('history source on its own', () => {
  it('hands the engine each blob once and every place its secrets were introduced; a range only what it brought', async () => {
    const repo = FixtureRepo.create();
    const first = repo.commit('one', { 'a.env': `T=${fake.githubToken}\n`, 'vendor/x.env': `T=${fake.otherGithubToken}\n`, '.leakwatchignore': 'vendor/\n' });
    repo.commit('two', { 'a.env': `T=${fake.githubToken}\npassword = "${fake.password}"\n`, 'b.env': `T=${fake.githubToken}\n` });
    const whole = new RecordingRun();
    const source = await historySource.open({ kind: 'history', path: repo.dir, backend: 'cli' });
    await source.run(whole);
    assert.equal(source.scope, 'the whole history');
    assert.equal(new Set(whole.searched).size, whole.searched.length, 'each blob searched once');
    assert.deepEqual(whole.foundAt(), [`a.env generic-password=${fake.password}`, `a.env github-token=${fake.githubToken}`, `a.env github-token=${fake.githubToken}`, `b.env github-token=${fake.githubToken}`]);
    assert.ok(whole.summary.ignoredPaths > 0);
    assert.equal(source.counted(whole.summary), `2 commits, ${whole.summary.blobs} unique blobs`);

    const range = new RecordingRun();
    await (await historySource.open({ kind: 'history', path: repo.dir, backend: 'cli', range: `${first}..HEAD` })).run(range);
    // b.env's token is a copy of a.env's, which the parent commit already held: not new (issue 14).
    assert.deepEqual(range.foundAt(), [`a.env generic-password=${fake.password}`]);
    // A whole history says when its listing is whole (before the index), when it let the listing go (once
    // indexed) and the results' carriers (once all are attributed), for the engine to reclaim memory
    // (engine/heap.ts); a range keeps its maps.
    // Before the index, the blobs requested (three: vendor/ is ignored, and b.env is a copy of the first
    // a.env); after it and after the last result, the listing's unique blobs (four). A small history skips
    // the collections.
    assert.deepEqual(whole.releasedAfter, [3, 4, 4]);
    assert.deepEqual(range.releasedAfter, []);
    repo.remove();
  });
});
