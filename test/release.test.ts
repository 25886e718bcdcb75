// A release, as its users get it: scripts/release.sh run on a copy of this working tree; the Action
// run from the tag's tree (what a runner downloads) under NODE_ENV=production, with no compiler; the
// npm package installed into a fresh project, where `leakwatch scan`, `leakwatch hook install`, the
// README's husky and lefthook commands and .pre-commit-hooks.yaml's entry run.
//
// The installs are real npm installs (`npm ci` of the Action, `npm install` of the tarball), with
// --prefer-offline so the packages come from the cache `npm ci` filled. re2's own installer fetches
// its "prebuilt" binary from a local mirror (RE2_DOWNLOAD_MIRROR, an option of that installer)
// holding the binary this checkout built — on a runner it downloads one from GitHub the same way —
// so nothing compiles and the whole file takes seconds, not minutes.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { FixtureRepo, tempDir } from '../fixtures/repo.js';
import { fake } from '../fixtures/secrets.js';
import { ROOT, stepScript } from './helpers/action.js';
import { assertNoRawValues } from './helpers/cli.js';

const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const MAJOR = `v${VERSION.split('.')[0]}`;
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const MINUTES = 4 * 60_000;

interface Run { status: number | null; stdout: string; stderr: string }

/** A local stand-in for re2's download site: the binary this checkout built, named as its installer asks. */
function re2Mirror(): string {
  const mirror = tempDir('leakwatch-re2-mirror-');
  const binary = readFileSync(join(dirname(createRequire(import.meta.url).resolve('re2/package.json')), 'build', 'Release', 're2.node'));
  for (const platform of [process.platform, `${process.platform}-musl`]) writeFileSync(join(mirror, `${platform}-${process.arch}-${process.versions.modules}.gz`), gzipSync(binary));
  return mirror;
}

/**
 * The environment of a fresh shell on this machine: this one without what `npm test`, `node --test`
 * or a CI runner set for their children, plus git's identity and the install options above.
 */
function shellEnv(mirror: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([name]) =>
    !/^(npm_|GITHUB_|INPUT_|RUNNER_)/i.test(name) && !['NODE_TEST_CONTEXT', 'NODE_ENV', 'NODE_OPTIONS', 'LEAKWATCH_ID_KEY', 'CI'].includes(name));
  return {
    ...Object.fromEntries(inherited),
    PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'Ana Lima', GIT_AUTHOR_EMAIL: 'ana@dev.test', GIT_COMMITTER_NAME: 'Ana Lima', GIT_COMMITTER_EMAIL: 'ana@dev.test',
    RE2_DOWNLOAD_MIRROR: mirror, RE2_DOWNLOAD_SKIP_PATH: '1', RE2_DOWNLOAD_SKIP_VER: '1',
    npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false',
    ...extra,
  };
}

function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; input?: string }): Run {
  const { status, stdout, stderr, error } = spawnSync(command, args, { ...options, encoding: 'utf8', timeout: MINUTES });
  assert.equal(error, undefined, `${command} ${args.join(' ')}: ${String(error)}`);
  return { status, stdout, stderr };
}

/** `run`, without blocking: the two installs below go side by side (npm waits on the disk more than on the CPU). */
function runAsync(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'], timeout: MINUTES });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** The shell commands of the README's code blocks that follow the line starting with `marker`, up to the next bold heading or section. */
function readmeBlocks(marker: string): string[] {
  const lines = README.split('\n');
  const start = lines.findIndex((line) => line.startsWith(marker));
  assert.ok(start >= 0, `README has no "${marker}"`);
  const blocks: string[] = [];
  let block: string[] | undefined;
  for (const line of lines.slice(start + 1)) {
    if (block === undefined && (line.startsWith('**') || line.startsWith('#'))) break;
    if (line.startsWith('```')) {
      if (block === undefined) block = [];
      else { blocks.push(block.join('\n')); block = undefined; }
    } else if (block !== undefined) block.push(line);
  }
  return blocks;
}

describe('a release (scripts/release.sh)', () => {
  const mirror = re2Mirror();
  const source = tempDir('leakwatch-release-source-');
  const action = tempDir('leakwatch-release-action-');
  const project = FixtureRepo.create('leakwatch-project-');
  let env: NodeJS.ProcessEnv;
  let release: Run;
  let tarball: string;
  let actionInstall: Run;
  let projectInstall: Run;
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: source, env, encoding: 'utf8' }).trim();

  before(async () => {
    env = shellEnv(mirror);
    // This working tree as it is (tracked and new files, nothing ignored), as a repository of its own.
    const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter((file) => file !== '');
    for (const file of files) {
      if (!existsSync(join(ROOT, file))) continue; // deleted, not yet staged
      mkdirSync(dirname(join(source, file)), { recursive: true });
      cpSync(join(ROOT, file), join(source, file));
    }
    symlinkSync(realpathSync(join(ROOT, 'node_modules')), join(source, 'node_modules'));
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'the source');
    release = run('bash', ['scripts/release.sh', '--skip-tests'], { cwd: source, env });
    // What a runner downloads for `uses: …@v0`: the tag's tree.
    execFileSync('sh', ['-c', 'git archive "$1" | tar -x -C "$2"', 'sh', MAJOR, action], { cwd: source, env });
    tarball = join(source, 'release-assets', `leakwatch-${VERSION}.tgz`);
    // The Action's install step, as the runner runs it, and a user's `npm install` of the package.
    project.commit('start', { 'package.json': '{ "name": "project", "version": "1.0.0", "private": true }\n', '.gitignore': 'node_modules\n' });
    [actionInstall, projectInstall] = await Promise.all([
      runAsync('bash', ['-e', '-c', stepScript('Install leakwatch', readFileSync(join(action, 'action.yml'), 'utf8'))], { cwd: tempDir(), env: { ...env, NODE_ENV: 'production', GITHUB_ACTION_PATH: action } }),
      runAsync('npm', ['install', '--save-dev', '--loglevel=error', tarball], { cwd: project.dir, env }),
    ]);
  });

  it(`tags v${VERSION} and ${MAJOR} on the release branch: the source tree plus dist/src and dist/bundle, the source commit a parent`, () => {
    assert.equal(release.status, 0, release.stderr);
    assert.match(release.stdout, new RegExp(`release: v${VERSION.replaceAll('.', '\\.')} \\(and ${MAJOR}\\)`));
    assert.match(release.stdout, /nothing was pushed/);
    const commit = git('rev-parse', 'release');
    assert.equal(git('rev-parse', `v${VERSION}^{commit}`), commit);
    assert.equal(git('rev-parse', `${MAJOR}^{commit}`), commit);
    assert.ok(git('rev-list', '--parents', '-n', '1', 'release').split(' ').includes(git('rev-parse', 'main')));
    const added = git('diff', '--name-only', 'main', 'release').split('\n');
    assert.ok(added.includes('dist/src/cli/main.js'));
    assert.ok(added.includes('dist/bundle/main.js'), 'the release lacks the bundle bin/leakwatch.js runs');
    assert.deepEqual(added.filter((file) => !file.startsWith('dist/src/') && !file.startsWith('dist/bundle/')), [], 'the release changes only dist/src and dist/bundle');
    assert.equal(existsSync(tarball), true, 'no npm package in release-assets/');
    // The README's workflow uses the tag the script moves.
    assert.match(README, new RegExp(`^      - uses: leakwatch/leakwatch@${MAJOR}$`, 'm'));
    const again = run('bash', ['scripts/release.sh', '--skip-tests'], { cwd: source, env });
    assert.equal(again.status, 2);
    assert.match(again.stderr, new RegExp(`tag v${VERSION.replaceAll('.', '\\.')} exists already`));
  });

  it('the Action installs from the tag under NODE_ENV=production without a compiler, and scans', () => {
    const manifest = readFileSync(join(action, 'action.yml'), 'utf8');
    assert.equal(actionInstall.status, 0, actionInstall.stdout + actionInstall.stderr);
    assert.doesNotMatch(actionInstall.stdout, /::warning/, 'the release tree was taken for a source tree');
    assert.equal(existsSync(join(action, 'node_modules', 'typescript')), false, 'development dependencies were installed');
    assert.equal(existsSync(join(action, 'node_modules', 're2', 'build', 'Release', 're2.node')), true, 're2 has no binary');

    const repo = FixtureRepo.create();
    repo.commit('leak', { 'ci.env': `GH_TOKEN=${fake.githubToken}\n` });
    const summary = join(tempDir(), 'summary.md');
    writeFileSync(summary, '');
    const scan = run('bash', ['-e', '-c', stepScript('Scan', manifest)], {
      cwd: repo.dir,
      env: {
        ...env, NODE_ENV: 'production', GITHUB_ACTION_PATH: action, GITHUB_ACTIONS: 'true', GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_STEP_SUMMARY: summary,
        INPUT_PATH: repo.dir, INPUT_CONFIG: '', INPUT_BASELINE: '', INPUT_SARIF_FILE: '', INPUT_FAIL_ON_FINDINGS: 'true', INPUT_CONFIDENCE: 'medium', LEAKWATCH_ID_KEY: '',
      },
    });
    assert.equal(scan.status, 1, scan.stderr);
    assert.match(scan.stdout, /^::error file=ci\.env,line=1/m);
    assertNoRawValues(scan.stdout + scan.stderr + readFileSync(summary, 'utf8'), 'action output');
  });

  it('packs bin, dist/src, dist/bundle and patterns only (no tests, fixtures or benchmarks)', () => {
    const entries = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n');
    assert.ok(entries.includes('package/bin/leakwatch.js'));
    assert.ok(entries.includes('package/dist/src/cli/main.js'));
    assert.ok(entries.includes('package/dist/bundle/main.js'));
    assert.ok(entries.some((entry) => entry.startsWith('package/patterns/')));
    const unexpected = entries.filter((entry) => !/^package\/(bin|dist\/src|dist\/bundle|patterns)\//.test(entry) && !/^package\/(package\.json|README\.md|LICENSE)$/.test(entry));
    assert.deepEqual(unexpected, []);
  });

  describe('installed into a fresh project from its npm package', () => {
    const bin = join(project.dir, 'node_modules', '.bin', 'leakwatch');
    const sh = (command: string, args: string[] = [], input = '', extra: NodeJS.ProcessEnv = {}): Run =>
      run('sh', ['-e', '-c', command, 'sh', ...args], { cwd: project.dir, env: { ...env, ...extra }, input });

    it('installs, and `leakwatch scan` runs from node_modules/.bin', () => {
      assert.equal(projectInstall.status, 0, projectInstall.stdout + projectInstall.stderr);
      const repo = FixtureRepo.create();
      repo.commit('leak', { 'ci.env': `GH_TOKEN=${fake.githubToken}\n` });
      const leaky = run(bin, ['scan', repo.dir, '--no-progress'], { cwd: project.dir, env });
      assert.equal(leaky.status, 1, leaky.stderr);
      assert.match(leaky.stdout, /github-token/);
      assertNoRawValues(leaky.stdout + leaky.stderr, 'scan output');
      const clean = run(bin, ['scan', '.', '--no-progress'], { cwd: project.dir, env });
      assert.equal(clean.status, 0, clean.stdout + clean.stderr);
      assert.equal(run(bin, ['--version'], { cwd: project.dir, env }).stdout.trim(), VERSION);
    });

    it("the README's husky and lefthook commands and the .pre-commit-hooks.yaml entry block a staged secret, then a pushed one", () => {
      assert.equal(projectInstall.status, 0, projectInstall.stdout + projectInstall.stderr);
      const [huskyCommit, huskyPush] = readmeBlocks('**husky**');
      assert.equal(huskyCommit, 'npx --no leakwatch hook run pre-commit');
      assert.equal(huskyPush, 'npx --no leakwatch hook run pre-push "$@"');
      const [lefthook] = readmeBlocks('**lefthook**');
      const [lefthookCommit, lefthookPush] = [...(lefthook ?? '').matchAll(/^ {6}run: (.+)$/gm)].map((match) => match[1] ?? '');
      assert.ok(lefthookCommit !== undefined && lefthookPush !== undefined, 'the lefthook block has two run: lines');
      const hooks = readFileSync(join(action, '.pre-commit-hooks.yaml'), 'utf8');
      assert.match(hooks, /^ {2}language: node$/m);
      const entry = /^ {2}entry: (.+)$/m.exec(hooks)?.[1] ?? '';
      // pre-commit installs the package into its own environment and puts its bin folder on PATH.
      const preCommitPath = { PATH: `${join(project.dir, 'node_modules', '.bin')}${delimiter}${env.PATH ?? ''}` };

      project.write('deploy.env', `GH_TOKEN=${fake.githubToken}\n`);
      project.git('add', 'deploy.env');
      for (const [name, result] of [
        ['husky', sh(huskyCommit ?? '')],
        ['lefthook', sh(lefthookCommit)],
        ['pre-commit', sh(entry, [], '', preCommitPath)],
      ] as const) {
        assert.equal(result.status, 1, `${name}: ${result.stdout}${result.stderr}`);
        assert.match(result.stderr, /commit blocked/, name);
        assertNoRawValues(result.stdout + result.stderr, name);
      }
      project.git('reset', '-q');
      assert.equal(sh(huskyCommit ?? '').status, 0, 'nothing staged, nothing blocked');

      const tip = project.commit('deploy settings');
      const remote = tempDir('leakwatch-remote-');
      const pushLine = `refs/heads/main ${tip} refs/heads/main ${'0'.repeat(40)}\n`;
      for (const [name, result] of [
        ['husky', sh(huskyPush ?? '', ['origin', remote], pushLine)],
        ['lefthook', sh(lefthookPush.replace('{1}', 'origin').replace('{2}', remote), [], pushLine)],
      ] as const) {
        assert.equal(result.status, 1, `${name}: ${result.stdout}${result.stderr}`);
        assert.match(result.stderr, /push blocked/, name);
        assertNoRawValues(result.stdout + result.stderr, name);
      }
    });

    it('`leakwatch hook install` from the package puts in a pre-commit hook that blocks the commit', () => {
      assert.equal(projectInstall.status, 0, projectInstall.stdout + projectInstall.stderr);
      assert.equal(run(bin, ['hook', 'install', '--type', 'pre-commit'], { cwd: project.dir, env }).status, 0);
      // A token the project's history does not hold yet: one it already holds is not new (see "What counts as new").
      project.write('later.env', `GH_TOKEN=${fake.otherGithubToken}\n`);
      project.git('add', 'later.env');
      const commit = run('git', ['commit', '-q', '-m', 'later'], { cwd: project.dir, env });
      assert.notEqual(commit.status, 0);
      assert.match(commit.stderr, /commit blocked/);
      assertNoRawValues(commit.stdout + commit.stderr, 'hook output');
    });
  });
});
