// `--no-git` skips what `.gitignore` files ignore, as git does: git itself is the oracle
// (`git ls-files --others --exclude-standard` in a fresh repository lists what it does not ignore).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { directorySource } from '../../src/sources/directory.js';
import { GitignoreRules, gitignoreRules } from '../../src/sources/gitignore.js';
import { tempDir } from '../../fixtures/repo.js';
import { RecordingRun } from '../helpers/source-run.js';

function tree(root: string, files: Record<string, string>): string {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

async function scanned(path: string, gitignore = true): Promise<{ paths: string[]; run: RecordingRun }> {
  const run = new RecordingRun();
  const paths: string[] = [];
  const original = run.introduced.bind(run);
  run.introduced = (places) => {
    paths.push(...places.map((place) => place.path));
    original(places);
  };
  await (await directorySource.open({ kind: 'directory', path, gitignore })).run(run);
  return { paths: paths.sort(), run };
}

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: dir, XDG_CONFIG_HOME: dir } });
}

describe('.gitignore in --no-git scans', () => {
  it('skips what git ignores, and nothing else (git is the oracle)', async () => {
    const root = tree(tempDir(), {
      '.gitignore': 'node_modules/\n*.log\n/build\ndocs/**/*.tmp\n!important.log\n# comment\n\\#hash\n',
      'node_modules/pkg/index.js': 'x', 'deep/node_modules/pkg/a.js': 'x',
      'app.log': 'x', 'important.log': 'x', 'sub/other.log': 'x',
      'build/out.js': 'x', 'src/build/keep.js': 'x',
      'docs/a/b/c.tmp': 'x', 'docs/a/b/c.md': 'x', '#hash': 'x',
      'src/.gitignore': '*.gen.ts\n!keep.gen.ts\n/local/\n',
      'src/a.gen.ts': 'x', 'src/keep.gen.ts': 'x', 'src/local/x.ts': 'x', 'src/deeper/local/y.ts': 'x', 'src/deeper/z.gen.ts': 'x',
      'src/deeper/.gitignore': '!z.gen.ts\n',
      'README.md': 'x',
    });
    git(root, 'init', '-q');
    const expected = git(root, 'ls-files', '--others', '--exclude-standard').split('\n').filter((line) => line !== '').sort();
    const { paths, run } = await scanned(root);
    assert.deepEqual(paths, expected);
    assert.ok(paths.includes('src/deeper/z.gen.ts') && !paths.includes('src/a.gen.ts') && paths.includes('important.log'));
    assert.ok(run.summary.gitignoredPaths > 0);
    assert.equal(run.summary.ignoredPaths, 0);
    const all = await scanned(root, false);
    assert.equal(all.paths.length, 19);
    assert.equal(all.run.summary.gitignoredPaths, 0);
  });

  it('counts an ignored folder once and never enters it; .leakwatchignore is counted apart', async () => {
    const root = tree(tempDir(), { '.gitignore': 'vendor/\n', '.leakwatchignore': 'fixtures/\n', 'vendor/a/b.js': 'x', 'vendor/c.js': 'x', 'fixtures/d.env': 'x', 'e.js': 'x' });
    const { paths, run } = await scanned(root);
    assert.deepEqual(paths, ['.gitignore', '.leakwatchignore', 'e.js']);
    assert.equal(run.summary.gitignoredPaths, 1);
    assert.equal(run.summary.ignoredPaths, 1);
  });

  it('a folder inside a repository: the .gitignore files above it apply, except one that ignores the folder named itself', async () => {
    const repo = tree(tempDir(), { '.gitignore': '*.log\nbuild/\n', 'sub/a.log': 'x', 'sub/b.txt': 'x', 'build/out.js': 'x', 'build/out.log': 'x' });
    git(repo, 'init', '-q');
    assert.deepEqual((await scanned(join(repo, 'sub'))).paths, ['b.txt']);
    // build/ is named: scanned, and the file that ignores it does not apply below it (node-ignore cannot test a path without its parents).
    assert.deepEqual((await scanned(join(repo, 'build'))).paths, ['out.js', 'out.log']);
    const outside = tree(tempDir(), { 'x.log': 'x' });
    assert.deepEqual((await scanned(outside)).paths, ['x.log']);
  });

  it('deeper files override shallower ones, later lines earlier ones', () => {
    const rules = new GitignoreRules();
    rules.add('', '*.env\n');
    rules.add('a', '!*.env\n');
    rules.add('a/b', 'x.env\n');
    assert.deepEqual(['top.env', 'a/y.env', 'a/b/x.env', 'a/b/y.env', 'a/b/'].map((path) => rules.ignores(path)), [true, false, true, false, false]);
    assert.equal(gitignoreRules(tempDir(), undefined).ignores('x.log'), false);
  });
});
