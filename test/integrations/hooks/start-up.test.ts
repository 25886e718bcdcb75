// What a pre-push hook run costs before and besides its scan, as the installed hook runs it
// (bin/leakwatch.js in a child process): which git children it starts, and which libraries it
// loads. Counts, not timings (timings live in the bench): a clean push of a few commits with a
// merge reads messages with one `git cat-file` and blobs with another, and loads neither the TOML
// parser nor the table renderer; a blocked one does load the table, to show the check sees it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { FixtureRepo, tempDir } from '../../../fixtures/repo.js';
import { fake } from '../../../fixtures/secrets.js';
import { gitOnPath } from '../../helpers/git-on-path.js';

const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'bin', 'leakwatch.js');

interface HookRun {
  code: number | null;
  /** Each git child's arguments, after the options every child of the backend gets. */
  gits: string[];
  /** Packages whose CommonJS files were loaded. */
  packages: Set<string>;
}

/** Runs the pre-push hook for `base..head` with git's line on stdin, through a `git` that logs each child. */
function runPrePush(repo: FixtureRepo, base: string, head: string): HookRun {
  const tools = tempDir('leakwatch-start-up-');
  const git = gitOnPath();
  // Preloaded: on exit, writes the CommonJS modules the run loaded (ES modules importing a CommonJS package load it there too).
  const modules = join(tools, 'modules.json');
  writeFileSync(join(tools, 'dump.cjs'), `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(modules)}, JSON.stringify(Object.keys(require.cache))));\n`);
  const result = spawnSync(process.execPath, ['--require', join(tools, 'dump.cjs'), CLI, 'hook', 'run', 'pre-push', 'origin', 'file:///dev/null'], {
    cwd: repo.dir,
    input: `refs/heads/main ${head} refs/heads/main ${base}\n`,
    encoding: 'utf8',
    env: { ...process.env, PATH: git.path, GITHUB_ACTIONS: '', LEAKWATCH_ID_KEY: 'k'.repeat(40) },
  });
  const gits = git.calls().map((line) => line.replace(/^--git-dir \S+ (-c \S+ )*/, ''));
  const packages = new Set((JSON.parse(readFileSync(modules, 'utf8')) as string[]).map((file) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1]).filter((name) => name !== undefined));
  return { code: result.status, gits, packages };
}

/** A history with a merge: main and a branch each add a file, the merge joins them. */
function repositoryWithMerge(): { repo: FixtureRepo; base: string; head: string } {
  const repo = FixtureRepo.create();
  const base = repo.commit('base', { 'README.md': '# demo\n' });
  repo.git('checkout', '-q', '-b', 'side');
  repo.commit('side: notes', { 'notes.txt': 'side notes\n' });
  repo.git('checkout', '-q', 'main');
  repo.commit('main: code', { 'src/app.js': 'console.log(1);\n' });
  repo.git('merge', '-q', '--no-ff', '-m', 'merge side', 'side');
  return { repo, base, head: repo.git('rev-parse', 'HEAD') };
}

describe('pre-push hook start-up', () => {
  it('a clean push with a merge: one git cat-file for the messages, one for the blobs, no batch-check pass; no TOML parser, no table', () => {
    const { repo, base, head } = repositoryWithMerge();
    const run = runPrePush(repo, base, head);
    assert.equal(run.code, 0);
    const catFiles = run.gits.filter((args) => args.startsWith('cat-file --batch'));
    assert.deepEqual(catFiles, ['cat-file --batch --buffer', 'cat-file --batch --buffer'], `git children:\n${run.gits.join('\n')}`);
    assert.equal(run.gits.filter((args) => args.startsWith('log ')).length, 1);
    assert.ok(run.gits.length <= 7, `at most 7 git children, not ${run.gits.length}:\n${run.gits.join('\n')}`);
    assert.ok(!run.packages.has('smol-toml'), 'the TOML parser is not loaded: the catalog comes from its snapshot, the repository has no configuration');
    assert.ok(!run.packages.has('cli-table3'), 'the table renderer is not loaded by a clean run');
    assert.ok(run.packages.has('re2'), 'the check sees packages loaded from ES modules');
    repo.remove();
  });

  it('a blocked push loads the table it shows; a repository configuration loads the TOML parser', () => {
    const { repo, base } = repositoryWithMerge();
    const head = repo.commit('add a token', { 'deploy.env': `GITHUB_TOKEN=${fake.githubToken}\n` });
    const blocked = runPrePush(repo, base, head);
    assert.equal(blocked.code, 1);
    assert.ok(blocked.packages.has('cli-table3'));
    repo.write('.leakwatch.toml', '[allowlist]\npaths = ["docs/**"]\n');
    const configured = runPrePush(repo, base, head);
    assert.equal(configured.code, 1);
    assert.ok(configured.packages.has('smol-toml'));
    repo.remove();
  });
});
