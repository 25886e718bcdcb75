// Issue 15, incremental audits above the blob level: a whole history's listing is the saved one plus
// the commits made since, exactly when that equals a fresh listing (listing-reuse.ts); otherwise (a
// branch deleted, a force-push, replace refs) everything is listed again. Commit messages searched
// once are answered from the cache. Checked against git itself: a fresh full listing, and a cold scan.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildHistoryFixture } from '../../../fixtures/history-fixture.js';
import { FixtureRepo, tempDir } from '../../../fixtures/repo.js';
import { fake } from '../../../fixtures/secrets.js';
import type { ScannedBlob } from '../../../src/detect/blob-scanner.js';
import { createDetector, scan, type ScanOptions } from '../../../src/engine/scan.js';
import { IdKey } from '../../../src/model/fingerprint.js';
import type { BlobChange, Finding, Oid } from '../../../src/model/types.js';
import { Redactor } from '../../../src/redact/redactor.js';
import type { GitBackend, HistoryLog } from '../../../src/sources/git/backend.js';
import { GitCliBackend } from '../../../src/sources/git/cli.js';
import { indexHistory } from '../../../src/sources/git/history-index.js';
import { decodeListing, encodeListing, headsOf } from '../../../src/sources/git/listing-codec.js';
import { listWholeHistory } from '../../../src/sources/git/listing-reuse.js';
import { scanMessages } from '../../../src/sources/messages.js';
import type { RepositoryMemory } from '../../../src/sources/source.js';
import { BIN, runCli } from '../../helpers/cli.js';
import { gitOnPath } from '../../helpers/git-on-path.js';
import { RecordingRun } from '../../helpers/source-run.js';

/** A cache held in memory: what `RepositoryMemory` asks of the engine's. */
class MemoryCache implements RepositoryMemory {
  readonly known = new Map<Oid, ScannedBlob>();
  listing: Buffer | undefined;
  saves = 0;
  lookup(oid: Oid): ScannedBlob | undefined {
    return this.known.get(oid);
  }
  record(result: ScannedBlob): void {
    this.known.set(result.oid, result);
  }
  savedListing(): Buffer | undefined {
    return this.listing;
  }
  saveListing(listing: Buffer): void {
    this.listing = listing;
    this.saves += 1;
  }
}

/** The backend, counting full listings and the commits it is asked to read. */
function watched(backend: GitCliBackend): { backend: GitBackend; full: () => number; read: Oid[] } {
  let full = 0;
  const read: Oid[] = [];
  const wrapper: GitBackend = Object.create(backend) as GitBackend;
  Object.assign(wrapper, {
    readHistory: (...args: Parameters<GitBackend['readHistory']>) => {
      full += 1;
      return backend.readHistory(...args);
    },
    readHistorySince: (heads: readonly Oid[], onChange?: (change: BlobChange) => void) => backend.readHistorySince(heads, onChange),
    readObjects: (oids: readonly Oid[]) => {
      read.push(...oids);
      return backend.readObjects(oids);
    },
  });
  return { backend: wrapper, full: () => full, read };
}

/** What the rest of a scan sees of a listing: its commits, its changes and deletions, and their index. */
function shape(log: HistoryLog): unknown {
  const index = indexHistory(log);
  const line = (entry: object): string => JSON.stringify(entry);
  return {
    commits: log.commits.map(line).sort(),
    changes: log.changes.map(line).sort(),
    deletions: log.deletions.map(line).sort(),
    origins: [...index.origins].map(([oid, origins]) => line([oid, origins.map((origin) => [origin.commit.oid, origin.age, origin.path, origin.replaced])])).sort(),
    blobs: [...index.blobs].sort(),
  };
}

async function listed(backend: GitBackend, memory: MemoryCache): Promise<{ log: HistoryLog; changes: BlobChange[] }> {
  const changes: BlobChange[] = [];
  const log = await listWholeHistory(backend, (change) => changes.push(change), memory);
  return { log, changes };
}

describe('saved history listings', () => {
  it('decode what they encode, and refuse what they did not', async () => {
    const fixture = buildHistoryFixture();
    try {
      const log = await GitCliBackend.open(fixture.repo.dir).readHistory();
      const bytes = encodeListing(log);
      const decoded = decodeListing(bytes);
      assert.ok(decoded !== undefined);
      assert.deepEqual(decoded.log, { commits: log.commits, changes: log.changes, deletions: log.deletions });
      assert.deepEqual(decoded.heads, headsOf(log.commits));
      assert.ok(decoded.heads.length >= 3, 'main, the unmerged branch, the tag, the remote-only ref');
      assert.equal(decodeListing(bytes.subarray(0, bytes.length - 1)), undefined, 'cut short');
      assert.equal(decodeListing(Buffer.concat([Buffer.from('X'), bytes.subarray(1)])), undefined, 'another format');
      // The first change row's path: after the header (magic, width, eight lengths) and the five sections before the changes.
      const lengths = Array.from({ length: 8 }, (_, at) => bytes.readUInt32LE(12 + at * 4));
      const changesAt = 12 + 8 * 4 + lengths.slice(0, 5).reduce((sum, length) => sum + length, 0);
      const bent = Buffer.from(bytes);
      bent.writeInt32LE(0x7fffffff, changesAt + 4);
      assert.equal(decodeListing(bent), undefined, 'an index out of its table');
    } finally {
      fixture.repo.remove();
    }
  });

  it('a re-audit lists only the commits since, and together they equal a fresh listing', async () => {
    const fixture = buildHistoryFixture();
    const { repo } = fixture;
    try {
      const memory = new MemoryCache();
      const git = watched(GitCliBackend.open(repo.dir));
      await listed(git.backend, memory);
      assert.equal(git.full(), 1);
      assert.equal(memory.saves, 1);

      // New commits on main, a new branch from an old commit, a new tag.
      repo.commit('more', { 'src/a.txt': `key ${fake.awsKeyId}\n` });
      repo.git('checkout', '-q', '-b', 'late', fixture.commits.addConfig as string);
      repo.commit('from an old base', { 'config/app.env': 'APP_NAME=late\n' });
      repo.git('checkout', '-q', 'main');
      repo.git('tag', '-a', 'v2', '-m', 'two');
      const again = await listed(git.backend, memory);
      assert.equal(git.full(), 1, 'no full listing');
      const fresh = await GitCliBackend.open(repo.dir).readHistory();
      assert.deepEqual(shape(again.log), shape(fresh));
      assert.deepEqual(again.changes.map((change) => JSON.stringify(change)).sort(), fresh.changes.map((change) => JSON.stringify(change)).sort(), 'every change is handed on as it is listed');
      assert.equal(memory.saves, 2);
      // What was saved is the saved rows plus the new ones: it decodes to the fresh listing, heads and all.
      const extended = decodeListing(memory.listing as Buffer);
      assert.ok(extended !== undefined);
      assert.deepEqual(shape(extended.log), shape(fresh));
      assert.deepEqual([...extended.heads].sort(), headsOf(fresh.commits).sort());

      // Nothing new: the saved listing alone, not written again.
      const same = await listed(git.backend, memory);
      assert.equal(git.full(), 1);
      assert.equal(memory.saves, 2);
      assert.deepEqual(shape(same.log), shape(fresh));
    } finally {
      repo.remove();
    }
  });

  it('lists everything again when a listed commit is gone (a branch deleted, a force-push) or parents are rewritten', async () => {
    const fixture = buildHistoryFixture();
    const { repo } = fixture;
    try {
      const memory = new MemoryCache();
      const git = watched(GitCliBackend.open(repo.dir));
      await listed(git.backend, memory);

      repo.git('branch', '-q', '-D', 'feature/unmerged');
      const afterDelete = await listed(git.backend, memory);
      assert.equal(git.full(), 2, 'the unmerged branch\'s commit is no longer reachable');
      assert.deepEqual(shape(afterDelete.log), shape(await GitCliBackend.open(repo.dir).readHistory()));
      assert.ok(!afterDelete.log.commits.some((commit) => commit.oid === fixture.commits.unmerged));

      // A force-push: main rewound one commit and given another.
      repo.git('reset', '-q', '--hard', 'HEAD~1');
      repo.commit('rewritten', { 'x.txt': 'x\n' });
      const afterReset = await listed(git.backend, memory);
      assert.equal(git.full(), 3);
      assert.deepEqual(shape(afterReset.log), shape(await GitCliBackend.open(repo.dir).readHistory()));

      // A replace ref changes how old commits list: never saved nor reused while one exists.
      const saves = memory.saves;
      repo.git('replace', '--graft', fixture.commits.editConfig as string);
      const replaced = await listed(git.backend, memory);
      assert.equal(replaced.log.extensible, undefined);
      assert.equal(memory.saves, saves);
      await listed(git.backend, memory);
      assert.equal(git.full(), 5);
    } finally {
      repo.remove();
    }
  });

  it('lists everything again when the check that every saved head is still reachable dies (a signal), as when it says no', () => {
    const fixture = buildHistoryFixture();
    const { repo } = fixture;
    // A git that is killed whenever it is asked whether the saved heads are still reachable.
    const killed = gitOnPath('case "$*" in *"rev-list -n1"*) kill -9 $$ ;; esac');
    try {
      const cache = join(tempDir(), 'cache');
      const env = { ...process.env, LEAKWATCH_ID_KEY: 'k'.repeat(40), GITHUB_ACTIONS: '' };
      const cli = (args: string[], extra: NodeJS.ProcessEnv = {}): { stdout: string; stderr: string } => {
        const run = spawnSync(process.execPath, [BIN, 'scan', repo.dir, '-f', 'json', '--no-progress', ...args], { encoding: 'utf8', env: { ...env, ...extra } });
        assert.ok(run.status === 0 || run.status === 1, run.stderr);
        return { stdout: run.stdout, stderr: run.stderr };
      };
      cli(['--cache', cache]);
      repo.git('branch', '-q', '-D', 'feature/unmerged');
      const warm = cli(['--cache', cache], { PATH: killed.path });
      assert.doesNotMatch(warm.stderr, /the rest of the history from the cache/);
      assert.equal(warm.stdout, cli(['--no-cache']).stdout);
    } finally {
      repo.remove();
    }
  });

  it('lists everything when listing what is new fails, or the saved listing does not decode', async () => {
    const fixture = buildHistoryFixture();
    const { repo } = fixture;
    try {
      const memory = new MemoryCache();
      const git = watched(GitCliBackend.open(repo.dir));
      await listed(git.backend, memory);
      repo.commit('more', { 'm.txt': 'm\n' });
      const failing: GitBackend = Object.create(git.backend) as GitBackend;
      Object.assign(failing, { readHistorySince: () => Promise.reject(new Error('git refused a head')) });
      const afterFailure = await listed(failing, memory);
      assert.equal(git.full(), 2);
      assert.deepEqual(shape(afterFailure.log), shape(await GitCliBackend.open(repo.dir).readHistory()));
      memory.listing = Buffer.from('not a listing');
      await listed(git.backend, memory);
      assert.equal(git.full(), 3);
    } finally {
      repo.remove();
    }
  });

  it('a re-audit reads the messages of new commits only', async () => {
    const repo = FixtureRepo.create();
    try {
      repo.commit('base', { 'README.md': '# x\n' });
      repo.commit(`fix\n\nused token ${fake.githubToken}`, { 'a.txt': 'a\n' });
      const memory = new MemoryCache();
      const git = watched(GitCliBackend.open(repo.dir));
      const first = new RecordingRun();
      await scanMessages(first, git.backend, await listWholeHistory(git.backend, () => undefined, memory), [], () => true, memory);
      assert.equal(git.read.length, 2);
      const newest = repo.commit('later', { 'b.txt': 'b\n' });
      git.read.length = 0;
      const second = new RecordingRun();
      await scanMessages(second, git.backend, await listWholeHistory(git.backend, () => undefined, memory), [], () => true, memory);
      assert.deepEqual(git.read, [newest]);
      assert.deepEqual(second.found_, first.found_, 'the token in the old message is still found');
      assert.equal(second.found_.length, 1);
    } finally {
      repo.remove();
    }
  });
});

describe('a saved listing and the id key', () => {
  it('a repository with no match creates no key, so keeps no listing; one with matches keeps it sealed', async () => {
    const repo = FixtureRepo.create();
    try {
      repo.commit('clean', { 'a.txt': 'nothing\n' });
      const listings = (): string[] => readdirSync(join(repo.dir, '.git', 'leakwatch', 'cache')).filter((name) => name.startsWith('listing-'));
      const env = { PATH: process.env.PATH, HOME: repo.dir, XDG_CONFIG_HOME: join(repo.dir, 'config') };
      assert.equal((await runCli(['scan', repo.dir], { env })).code, 0);
      assert.deepEqual(listings(), []);
      repo.commit('leak', { 'b.env': `DB_PASSWORD=${fake.password}\n` });
      assert.equal((await runCli(['scan', repo.dir], { env })).code, 1);
      assert.equal(listings().length, 1, 'saved at the end, once the matches made a key');
      const saved = readFileSync(join(repo.dir, '.git', 'leakwatch', 'cache', listings()[0] as string));
      for (const value of ['Ana Lima', 'ana@dev.test', 'b.env', 'leak']) assert.ok(!saved.includes(value), `${value} is sealed`);
    } finally {
      repo.remove();
    }
  });
});

describe('a cached re-audit', () => {
  const detector = createDetector();
  const render = (findings: Finding[]): string => JSON.stringify(findings.map((finding) => new Redactor('none', detector.findSecrets).redact(finding)), null, 1);
  const idKey = new IdKey('r'.repeat(64));

  it('reports exactly what a cold scan does through new commits, messages, tags, old-dated branches and deletions', async () => {
    const fixture = buildHistoryFixture();
    const { repo } = fixture;
    const cache = tempDir('leakwatch-listing-cache-');
    const run = (extra: Partial<ScanOptions> = {}) => scan({ source: { kind: 'history', path: repo.dir }, confidence: 'low', idKey, threads: 1, ...extra });
    const same = async (what: string): Promise<void> => {
      const warm = await run({ cache });
      const cold = await run();
      assert.equal(render(warm.findings), render(cold.findings), what);
      assert.deepEqual({ ...warm.summary, durationMs: 0, cached: undefined, listedNow: undefined }, { ...cold.summary, durationMs: 0, cached: undefined, listedNow: undefined }, what);
    };
    try {
      await same('first scan');
      repo.commit(`deploy\n\ntoken ${fake.otherGithubToken}`, { 'deploy/ci.env': `PASSWORD=${fake.password}\n` });
      await same('a new commit with a token in its message');
      repo.git('tag', '-a', 'v9', '-m', `keys\n\nAWS_SECRET_ACCESS_KEY=${fake.awsSecret}`);
      await same('a new annotated tag');
      // A branch whose commit dates lie before everything listed so far.
      repo.git('checkout', '-q', '-b', 'old-dates', fixture.commits.customers as string);
      const ancient = '978307200 +0000';
      execFileSync('git', ['commit', '-q', '--allow-empty', '-m', 'ancient'], { cwd: repo.dir, env: { ...process.env, GIT_AUTHOR_DATE: ancient, GIT_COMMITTER_DATE: ancient, HOME: repo.dir } });
      repo.git('checkout', '-q', 'main');
      await same('a branch with old dates');
      repo.git('branch', '-q', '-D', 'feature/unmerged');
      await same('a branch deleted');
      const again = await run({ cache });
      assert.equal(again.summary.cached, again.summary.blobs, 'nothing read at the end');
      assert.equal(again.summary.listedNow, 0, 'nothing listed either');
      repo.commit('one more', { 'z.txt': 'z\n' });
      assert.equal((await run({ cache })).summary.listedNow, 1);
    } finally {
      repo.remove();
    }
  });
});
