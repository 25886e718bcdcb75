// Fail closed, lose nothing: what cannot be read (a missing or corrupt object, a ref to a missing
// commit) is skipped, counted and named, the rest of the scan is reported in full, and the exit code
// is 2 at the end. A shallow clone's cut history fails the scan unless --allow-partial accepts it.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FixtureRepo, tempDir } from '../../fixtures/repo.js';
import { fake } from '../../fixtures/secrets.js';
import { BIN, runCli } from '../helpers/cli.js';

const KEY = { LEAKWATCH_ID_KEY: 'f'.repeat(40) };

function twoLeaks(): { repo: FixtureRepo; lostBlob: string } {
  const repo = FixtureRepo.create();
  repo.commit('first', { 'a.env': `GH=${fake.githubToken}\n` });
  repo.commit('second', { 'b.env': `AWS_SECRET_ACCESS_KEY=${fake.awsSecret}\n` });
  return { repo, lostBlob: repo.git('rev-parse', 'HEAD:b.env').trim() };
}

const rules = (stdout: string): string[] => (JSON.parse(stdout) as Array<{ ruleId: string; path: string }>).map((f) => `${f.ruleId} ${f.path}`).sort();

describe('faults', () => {
  for (const backend of ['cli', 'isomorphic'] as const) {
    it(`a deleted object: the rest is reported, the object named, exit 2 (${backend})`, async () => {
      const { repo, lostBlob } = twoLeaks();
      rmSync(join(repo.dir, '.git', 'objects', lostBlob.slice(0, 2), lostBlob.slice(2)));
      const run = await runCli(['scan', repo.dir, '-f', 'json', '--git-backend', backend], { env: KEY });
      assert.equal(run.code, 2, run.stderr);
      assert.deepEqual(rules(run.stdout), ['github-token a.env']);
      assert.match(run.stderr, new RegExp(`error: 1 thing could not be read and was skipped \\(the rest was scanned and reported\\): object ${lostBlob}`));
      repo.remove();
    });
  }

  it('a corrupt object is a fault like a missing one', async () => {
    const { repo, lostBlob } = twoLeaks();
    const file = join(repo.dir, '.git', 'objects', lostBlob.slice(0, 2), lostBlob.slice(2));
    rmSync(file);
    writeFileSync(file, 'not a zlib stream');
    const run = await runCli(['scan', repo.dir, '-f', 'json'], { env: KEY });
    assert.equal(run.code, 2, run.stderr);
    assert.deepEqual(rules(run.stdout), ['github-token a.env']);
    assert.match(run.stderr, new RegExp(`object ${lostBlob}: missing or corrupt`));
    repo.remove();
  });

  for (const backend of ['cli', 'isomorphic'] as const) {
    it(`a ref to a missing commit: every other ref is scanned, the ref named, exit 2 (${backend})`, async () => {
      const { repo } = twoLeaks();
      const bogus = '1234567'.repeat(6).slice(0, 40);
      writeFileSync(join(repo.dir, '.git', 'refs', 'heads', 'broken'), `${bogus}\n`);
      const run = await runCli(['scan', repo.dir, '-f', 'json', '--git-backend', backend], { env: KEY });
      assert.equal(run.code, 2, run.stderr);
      assert.deepEqual(rules(run.stdout), ['aws-secret-access-key b.env', 'github-token a.env']);
      assert.match(run.stderr, new RegExp(`refs/heads/broken points at ${bogus}, which the repository does not hold`));
      repo.remove();
    });
  }

  it('a shallow clone\'s whole history fails (exit 2, with the fix) unless --allow-partial', async () => {
    const { repo } = twoLeaks();
    const shallow = join(tempDir(), 'shallow');
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo.dir}`, shallow]);
    const refused = await runCli(['scan', shallow, '-f', 'json'], { env: KEY });
    assert.equal(refused.code, 2);
    assert.equal(rules(refused.stdout).length, 2, 'what is here is still reported');
    assert.match(refused.stderr, /error: this clone is shallow: .*git fetch --unshallow.*; pass --allow-partial/);
    const accepted = await runCli(['scan', shallow, '-f', 'json', '--allow-partial'], { env: KEY });
    assert.equal(accepted.code, 1);
    assert.match(accepted.stderr, /note: this clone is shallow.*\(accepted: --allow-partial\)/);
    repo.remove();
  });

  it('a range whose base lies beyond a shallow clone\'s boundary is an error naming the fix', async () => {
    const repo = FixtureRepo.create();
    for (const n of [1, 2, 3]) repo.commit(`c${n}`, { [`f${n}.txt`]: `${n}\n` });
    const shallow = join(tempDir(), 'shallow');
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo.dir}`, shallow]);
    const run = await runCli(['scan', shallow, '--range', 'HEAD~2..HEAD'], { env: KEY });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /this clone is shallow, so the range's commits may lie beyond its boundary \(git fetch --unshallow/);
    repo.remove();
  });

  it('--no-git: a file or folder that cannot be read is named, the rest reported, exit 2', (t) => {
    // Permissions stop only other users than root: as root the scan runs as nobody (setpriv).
    const asRoot = process.getuid?.() === 0;
    const runAs = asRoot ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
    if (asRoot && spawnSync('setpriv', ['--version']).status !== 0) {
      t.skip('running as root without setpriv: cannot make a file unreadable');
      return;
    }
    const dir = tempDir();
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, 'a.env'), `GH=${fake.githubToken}\n`, { mode: 0o644 });
    writeFileSync(join(dir, 'b.env'), `AWS_SECRET_ACCESS_KEY=${fake.awsSecret}\n`, { mode: 0o000 });
    mkdirSync(join(dir, 'locked'), { mode: 0o000 });
    const [command, ...prefix] = [...runAs, process.execPath];
    const run = spawnSync(command as string, [...prefix, BIN, 'scan', '--no-git', dir, '-f', 'json'], { encoding: 'utf8', env: { ...process.env, ...KEY, XDG_CONFIG_HOME: dir } });
    assert.equal(run.status, 2, run.stderr);
    assert.deepEqual(rules(run.stdout), ['github-token a.env']);
    assert.match(run.stderr, /error: 2 things could not be read and were skipped \(the rest was scanned and reported\): .*b\.env: cannot read \(EACCES\).*locked: cannot read \(EACCES\)|locked: cannot read \(EACCES\).*b\.env: cannot read \(EACCES\)/);
  });

  it('a clean repository with nothing wrong still exits 0', async () => {
    const repo = FixtureRepo.create();
    repo.commit('one', { 'a.txt': 'hello\n' });
    assert.equal((await runCli(['scan', repo.dir], { env: KEY })).code, 0);
    repo.remove();
  });
});
