// The git hooks through the real protocol: hooks installed where git looks,
// pushed through to a temporary bare remote, committed through, chained with
// a hook that was there before, and failing safely when the install moved.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CHAINED_SUFFIX, hookScript, installHook } from '../../src/integrations/hooks/install.js';
import { parsePrePushInput, pushedRevisions } from '../../src/integrations/hooks/pre-push.js';
import { assertNoRawValues, BIN, runCli } from '../helpers/cli.js';
import { FixtureRepo, tempDir } from '../../fixtures/repo.js';
import { fake } from '../../fixtures/secrets.js';

const cleanup: Array<() => void> = [];
after(() => {
  for (const step of cleanup) step();
});

/** A working repository with one clean commit, and an empty bare remote called origin. */
function repoWithRemote(): { repo: FixtureRepo; remote: string } {
  const repo = FixtureRepo.create();
  const remote = tempDir('leakwatch-remote-');
  cleanup.push(() => repo.remove(), () => spawnSync('rm', ['-rf', remote]));
  spawnSync('git', ['init', '-q', '--bare', remote]);
  repo.git('remote', 'add', 'origin', remote);
  repo.commit('first', { 'README.md': '# app\n' });
  return { repo, remote };
}

/** Runs git with hooks enabled; returns what a user would see. GITHUB_ACTIONS is cleared: hooks run on laptops. */
function git(repo: FixtureRepo, ...args: string[]): { status: number | null; stderr: string; stdout: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: repo.dir, GIT_CONFIG_NOSYSTEM: '1' };
  delete env.GITHUB_ACTIONS;
  const result = spawnSync('git', args, { cwd: repo.dir, encoding: 'utf8', env });
  return { status: result.status, stderr: result.stderr, stdout: result.stdout };
}

async function inRepo<T>(repo: FixtureRepo, work: () => Promise<T>): Promise<T> {
  const before = process.cwd();
  process.chdir(repo.dir);
  try {
    return await work();
  } finally {
    process.chdir(before);
  }
}

describe('hook install / uninstall', () => {
  it('writes an executable hook where git looks, calling this node and this leakwatch by absolute path', async () => {
    const { repo } = repoWithRemote();
    const result = await inRepo(repo, () => runCli(['hook', 'install'], { env: {} }));
    assert.equal(result.code, 0);
    const hook = join(repo.dir, '.git', 'hooks', 'pre-push');
    assert.ok((statSync(hook).mode & 0o111) !== 0, 'executable');
    const text = readFileSync(hook, 'utf8');
    assert.ok(text.includes(`LEAKWATCH_NODE='${process.execPath}'`));
    assert.ok(text.includes(`LEAKWATCH_CLI='${BIN}'`));
  });

  it('honours core.hooksPath and linked worktrees', async () => {
    const { repo } = repoWithRemote();
    repo.git('config', 'core.hooksPath', 'custom-hooks');
    await inRepo(repo, () => runCli(['hook', 'install', '--type', 'pre-commit'], { env: {} }));
    assert.ok(existsSync(join(repo.dir, 'custom-hooks', 'pre-commit')));
    assert.equal(existsSync(join(repo.dir, '.git', 'hooks', 'pre-commit')), false);

    const other = repoWithRemote().repo;
    const worktree = join(tempDir('leakwatch-worktree-'), 'wt');
    other.git('worktree', 'add', '-q', worktree);
    const before = process.cwd();
    process.chdir(worktree);
    try {
      assert.equal((await runCli(['hook', 'install'], { env: {} })).code, 0);
    } finally {
      process.chdir(before);
    }
    // Worktrees share the main repository's hooks directory.
    assert.ok(existsSync(join(other.dir, '.git', 'hooks', 'pre-push')));
  });

  it('chains a hook that was there, runs it after ours, and restores it on uninstall', async () => {
    const { repo } = repoWithRemote();
    const hook = join(repo.dir, '.git', 'hooks', 'pre-push');
    const ranMarker = join(repo.dir, '.git', 'theirs-ran');
    writeFileSync(hook, `#!/bin/sh\ncat > /dev/null\ntouch '${ranMarker}'\n`, { mode: 0o755 });
    const installed = await inRepo(repo, () => runCli(['hook', 'install'], { env: {} }));
    assert.match(installed.stderr, /kept the existing pre-push hook/);
    assert.ok(existsSync(hook + CHAINED_SUFFIX));
    assert.equal(git(repo, 'push', '-q', 'origin', 'main').status, 0);
    assert.ok(existsSync(ranMarker), 'the chained hook ran after ours');

    // Installing again refreshes ours and keeps theirs chained.
    assert.equal((await inRepo(repo, () => runCli(['hook', 'install'], { env: {} }))).code, 0);
    assert.ok(existsSync(hook + CHAINED_SUFFIX));

    const removed = await inRepo(repo, () => runCli(['hook', 'uninstall'], { env: {} }));
    assert.match(removed.stderr, /removed the leakwatch pre-push hook/);
    assert.match(readFileSync(hook, 'utf8'), /theirs-ran/);
    assert.equal(existsSync(hook + CHAINED_SUFFIX), false);
  });

  it('refuses to chain over an earlier chained hook unless --force, and uninstall leaves foreign hooks alone', async () => {
    const { repo } = repoWithRemote();
    const hook = join(repo.dir, '.git', 'hooks', 'pre-commit');
    writeFileSync(hook, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    writeFileSync(hook + CHAINED_SUFFIX, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    const refused = await inRepo(repo, () => runCli(['hook', 'install', '--type', 'pre-commit'], { env: {} }));
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /is not leakwatch's .* already exists: .*--force/);
    assert.equal(readFileSync(hook, 'utf8'), '#!/bin/sh\nexit 0\n');
    const left = await inRepo(repo, () => runCli(['hook', 'uninstall', '--type', 'pre-commit'], { env: {} }));
    assert.match(left.stderr, /left .* alone: it is not leakwatch's/);
    const forced = await inRepo(repo, () => runCli(['hook', 'install', '--type', 'pre-commit', '--force'], { env: {} }));
    assert.equal(forced.code, 0);
    assert.match(forced.stderr, /replaced the existing pre-commit hook/);
    assert.match(readFileSync(hook, 'utf8'), /leakwatch-managed-hook/);
  });

  it('fails with what to do when the install it calls has moved', () => {
    const { repo } = repoWithRemote();
    installHook(repo.dir, 'pre-push', { node: process.execPath, cli: join(repo.dir, 'moved', 'leakwatch.js') }, false);
    const pushed = git(repo, 'push', '-q', 'origin', 'main');
    assert.notEqual(pushed.status, 0);
    assert.match(pushed.stderr, /has moved or is gone: reinstall with 'leakwatch hook install --type pre-push'.*git push --no-verify/);
  });

  it('quotes any path safely in the script', () => {
    const script = hookScript('pre-push', { node: "/opt/it's/node", cli: '/x/$(rm -rf)/leakwatch.js' });
    assert.ok(script.includes(`LEAKWATCH_NODE='/opt/it'\\''s/node'`));
    assert.ok(script.includes(`LEAKWATCH_CLI='/x/$(rm -rf)/leakwatch.js'`));
  });
});

describe('pre-push hook', () => {
  it('blocks a push that adds a secret, masked, with remedies; a clean push passes silently', async () => {
    const { repo } = repoWithRemote();
    await inRepo(repo, () => runCli(['hook', 'install'], { env: {} }));
    const clean = git(repo, 'push', '-q', 'origin', 'main');
    assert.equal(clean.status, 0, clean.stderr);
    assert.equal(clean.stderr, '');
    const pushedTip = repo.git('rev-parse', 'HEAD');

    repo.commit('add config', { 'config.env': `DB_PASSWORD=${fake.password}\n` });
    repo.commit('docs', { 'README.md': '# app\nmore\n' });
    const blocked = git(repo, 'push', '-q', 'origin', 'main');
    assert.notEqual(blocked.status, 0);
    assert.match(blocked.stderr, /push blocked: the commits being pushed add 1 secret/);
    assert.match(blocked.stderr, /config\.env:1/);
    assert.match(blocked.stderr, /git commit --amend/);
    assert.match(blocked.stderr, /git rebase -i [0-9a-f]{10}~1/);
    assert.match(blocked.stderr, /revoke it/);
    assert.match(blocked.stderr, /git push --no-verify/);
    assertNoRawValues(blocked.stderr, 'pre-push output');
    // The remote did not move.
    assert.equal(git(repo, 'ls-remote', 'origin', 'refs/heads/main').stdout.split('\t')[0], pushedTip);
  });

  it('scans a new branch for its commits not on the remote, passes a deletion without scanning', async () => {
    const { repo } = repoWithRemote();
    // An old secret already on the remote must not block later pushes.
    repo.commit('old secret', { 'old.env': `TOKEN=${fake.githubToken}\n` });
    assert.equal(git(repo, 'push', '-q', 'origin', 'main').status, 0);
    await inRepo(repo, () => runCli(['hook', 'install'], { env: {} }));

    repo.git('checkout', '-q', '-b', 'feature');
    repo.commit('feature work', { 'feature.txt': 'nothing secret\n', 'old.env': `TOKEN=${fake.githubToken}\nX=1\n` });
    const clean = git(repo, 'push', '-q', 'origin', 'feature');
    assert.equal(clean.status, 0, clean.stderr);

    repo.git('checkout', '-q', '-b', 'leaky');
    repo.commit('leak', { 'aws.txt': `aws_secret_access_key = ${fake.awsSecret}\n` });
    const blocked = git(repo, 'push', '-q', 'origin', 'leaky');
    assert.notEqual(blocked.status, 0);
    assert.match(blocked.stderr, /aws\.txt/);
    assert.doesNotMatch(blocked.stderr, /old\.env/);

    const deleted = git(repo, 'push', '-q', 'origin', ':feature');
    assert.equal(deleted.status, 0, deleted.stderr);

    // A commit that moves (and edits) the file holding the old secret brings nothing new.
    repo.git('checkout', '-q', 'main');
    repo.git('mv', 'old.env', 'legacy.env');
    repo.write('legacy.env', `TOKEN=${fake.githubToken}\nMOVED=1\n`);
    repo.git('add', '-A');
    repo.git('commit', '-q', '--no-verify', '-m', 'move the legacy settings');
    const moved = git(repo, 'push', '-q', 'origin', 'main');
    assert.equal(moved.status, 0, moved.stderr);
  });

  it('rejects malformed input with exit 2, naming the line and how to bypass once', async () => {
    const { repo } = repoWithRemote();
    const oid = repo.git('rev-parse', 'HEAD');
    const result = await inRepo(repo, () => runCli(['hook', 'run', 'pre-push', 'origin', 'url'], { env: {}, stdin: `refs/heads/main ${oid} refs/heads/main ${oid}\nnot a ref line\n` }));
    assert.equal(result.code, 2);
    assert.match(result.stderr, /pre-push input line 2 is not/);
    assert.match(result.stderr, /git push --no-verify/);
    assert.doesNotMatch(result.stderr, /at .*\.js:\d+/, 'no stack trace');
  });

  it('turns ref lines into the pushed revisions', () => {
    const a = 'a'.repeat(40);
    const b = 'b'.repeat(40);
    const zero = '0'.repeat(40);
    const lines = parsePrePushInput(`refs/heads/x ${a} refs/heads/x ${b}\nrefs/heads/new ${b} refs/heads/new ${zero}\n(delete) ${zero} refs/heads/gone ${a}\n`);
    const facts = { hasCommit: (oid: string) => oid !== a, isRemote: (name: string) => name === 'origin' };
    assert.deepEqual(pushedRevisions('origin', lines, facts), { revisions: [a, b, '--not', b, '--remotes=origin'], description: 'the commits being pushed' });
    assert.deepEqual(pushedRevisions('https://example.test/r.git', lines.slice(0, 1), facts), { revisions: [a, '--not', b, '--remotes'], description: 'the commits being pushed' });
    assert.equal(pushedRevisions('origin', lines.slice(2), facts), undefined);
    assert.throws(() => parsePrePushInput(`refs/heads/x ${a} refs/heads/x ${'b'.repeat(64)}\n`), /line 1/);
  });
});

describe('pre-commit hook and --staged', () => {
  it('blocks a commit whose staged changes add a secret, and not one that keeps an old secret', async () => {
    const { repo } = repoWithRemote();
    repo.commit('old', { 'settings.py': `SECRET_KEY = "${fake.password}"\n` });
    await inRepo(repo, () => runCli(['hook', 'install', '--type', 'pre-commit'], { env: {} }));
    repo.write('settings.py', `SECRET_KEY = "${fake.password}"\nDEBUG = False\n`);
    repo.git('add', 'settings.py');
    const kept = git(repo, 'commit', '-q', '-m', 'edit near an old secret');
    assert.equal(kept.status, 0, kept.stderr);

    repo.git('mv', 'settings.py', 'settings_base.py');
    const renamed = git(repo, 'commit', '-q', '-m', 'rename a file holding an old secret');
    assert.equal(renamed.status, 0, renamed.stderr);

    repo.write('deploy.sh', `curl -u admin:${fake.dbPassword}9x https://ci.internal/api\ntoken=${fake.githubToken}\n`);
    repo.git('add', 'deploy.sh');
    const blocked = git(repo, 'commit', '-q', '-m', 'deploy');
    assert.notEqual(blocked.status, 0);
    assert.match(blocked.stderr, /commit blocked: the staged changes add/);
    assert.match(blocked.stderr, /git restore --staged FILE/);
    assertNoRawValues(blocked.stderr, 'pre-commit output');
  });

  it('scans the index, not the working tree; --since scans the commits after a revision', async () => {
    const { repo } = repoWithRemote();
    repo.write('app.env', 'MODE=dev\n');
    repo.git('add', 'app.env');
    repo.write('app.env', `MODE=dev\nAPI_TOKEN=${fake.githubToken}\n`); // not staged
    const cleanIndex = await runCli(['scan', '--staged', repo.dir], { env: {} });
    assert.equal(cleanIndex.code, 0, cleanIndex.stderr);
    assert.match(cleanIndex.stderr, /scanned 1 staged file/);
    repo.git('add', 'app.env');
    const staged = await runCli(['scan', '--staged', '--format', 'json', repo.dir], { env: {} });
    assert.equal(staged.code, 1);
    assert.deepEqual((JSON.parse(staged.stdout) as Array<{ ruleId: string; path: string; commit: string }>).map((f) => `${f.ruleId} ${f.path} ${f.commit}`), ['github-token app.env ']);

    const base = repo.git('rev-parse', 'HEAD');
    repo.git('commit', '-q', '-m', 'token');
    const since = await runCli(['scan', '--since', base, '--format', 'json', repo.dir], { env: {} });
    assert.equal(since.code, 1);
    assert.equal((JSON.parse(since.stdout) as unknown[]).length, 1);
    const nothingAfter = await runCli(['scan', '--since', 'HEAD', repo.dir], { env: {} });
    assert.equal(nothingAfter.code, 0);
    const both = await runCli(['scan', '--staged', '--since', 'HEAD', repo.dir], { env: {} });
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--since and --staged cannot be used together/);
  });
});
