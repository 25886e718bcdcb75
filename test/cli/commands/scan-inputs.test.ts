// Issue 14, item 7: no input crashes `leakwatch scan`. Each bad input is one line naming the option,
// file or path, exit 2, no stack trace; each odd but valid input is scanned.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FixtureRepo, tempDir } from '../../../fixtures/repo.js';
import { fake } from '../../../fixtures/secrets.js';
import { BIN, runCli } from '../../helpers/cli.js';

function oneLine(stderr: string): string {
  const lines = stderr.split('\n').filter((line) => line !== '');
  assert.equal(lines.length, 1, `one line expected, got:\n${stderr}`);
  return lines[0] as string;
}

describe('scan: options given without a value', () => {
  const valued = ['-f', '--format', '-c', '--config', '-o', '--output', '--baseline', '--write-baseline', '--patterns', '--range', '--since',
    '--files-from', '--stdin-path', '--threads', '--max-blob-mb', '--confidence', '--color', '--git-backend', '--only'];

  for (const option of valued) {
    it(`${option} last, with nothing after it, is a usage error naming it (never a silent default)`, async () => {
      const repo = FixtureRepo.create();
      repo.commit('one', { 'a.txt': 'hello\n' });
      const run = await runCli(['scan', repo.dir, option]);
      assert.equal(run.code, 2, run.stderr);
      assert.equal(oneLine(run.stderr), `leakwatch: ${option} needs a value (see leakwatch --help)`);
      assert.equal(run.stdout, '');
    });
  }

  it('an option followed by another option is missing its value too', async () => {
    const repo = FixtureRepo.create();
    const run = await runCli(['scan', repo.dir, '-f', '--no-redact']);
    assert.equal(run.code, 2);
    assert.equal(oneLine(run.stderr), 'leakwatch: -f needs a value (see leakwatch --help)');
  });

  for (const option of ['--config', '--output', '--baseline', '--write-baseline', '--patterns', '--range', '--since', '--files-from', '--stdin-path']) {
    it(`${option}= (an empty value) is a usage error naming it`, async () => {
      const repo = FixtureRepo.create();
      repo.commit('one', { 'a.txt': 'hello\n' });
      const run = await runCli(['scan', repo.dir, `${option}=`]);
      assert.equal(run.code, 2, run.stderr);
      assert.equal(oneLine(run.stderr), `leakwatch: ${option} needs a value`);
    });
  }
});

describe('scan: -o onto a symbolic link or into a missing folder', () => {
  it('refuses a symbolic link with one line naming it, exit 2, and writes nothing through it', async () => {
    const repo = FixtureRepo.create();
    repo.commit('one', { 'a.env': `GITHUB_TOKEN=${fake.githubToken}\n` });
    const dir = tempDir();
    const target = join(dir, 'elsewhere.txt');
    writeFileSync(target, 'untouched');
    const link = join(dir, 'report.json');
    symlinkSync(target, link);
    const run = await runCli(['scan', repo.dir, '-f', 'json', '-o', link]);
    assert.equal(run.code, 2);
    assert.equal(oneLine(run.stderr), `leakwatch: ${link}: is a symbolic link: refusing to write the report through it (name the file itself)`);
    assert.equal(readFileSync(target, 'utf8'), 'untouched');
  });

  it('names the missing folder of an -o path', async () => {
    const repo = FixtureRepo.create();
    repo.commit('one', { 'a.txt': 'hello\n' });
    const folder = join(tempDir(), 'missing');
    const run = await runCli(['scan', repo.dir, '-o', join(folder, 'report.txt')]);
    assert.equal(run.code, 2);
    assert.equal(oneLine(run.stderr), `leakwatch: ${join(folder, 'report.txt')}: cannot write the report: no folder ${folder}`);
  });
});

describe('scan: odd file names', () => {
  const findings = (stdout: string): string[] => stdout.trim().split('\n').filter((line) => line !== '').map((line) => {
    const finding = JSON.parse(line) as { ruleId: string; path: string; occurrences: Array<{ path: string }> };
    return [finding.path, ...finding.occurrences.map((occurrence) => occurrence.path)].map((path) => `${finding.ruleId} ${path}`).join(', ');
  });

  it('a history with `a\\b.env` and a name that is not UTF-8 gives the same findings with both backends', { skip: process.platform !== 'linux' }, async () => {
    const repo = FixtureRepo.create();
    writeFileSync(join(repo.dir, 'a\\b.env'), `GITHUB_TOKEN=${fake.githubToken}\n`);
    writeFileSync(Buffer.concat([Buffer.from(`${repo.dir}/f`), Buffer.from([0xff]), Buffer.from('.env')]), `GITHUB_TOKEN=${fake.otherGithubToken}\n`);
    repo.commit('odd names');
    const cli = await runCli(['scan', repo.dir, '-f', 'jsonl', '--git-backend', 'cli']);
    const iso = await runCli(['scan', repo.dir, '-f', 'jsonl', '--git-backend', 'isomorphic']);
    assert.equal(iso.code, 1, iso.stderr);
    assert.deepEqual(findings(cli.stdout).sort(), ['github-token a\\b.env', 'github-token f\uFFFD.env']);
    assert.deepEqual(findings(iso.stdout).sort(), findings(cli.stdout).sort());
  });

  it('--no-git reads a file whose name is not UTF-8 and reports it with U+FFFD', { skip: process.platform !== 'linux' }, async () => {
    const dir = tempDir();
    writeFileSync(Buffer.concat([Buffer.from(`${dir}/f`), Buffer.from([0xff]), Buffer.from('.env')]), `GITHUB_TOKEN=${fake.githubToken}\n`);
    const run = await runCli(['scan', dir, '--no-git', '-f', 'jsonl']);
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(findings(run.stdout), ['github-token f\uFFFD.env']);
  });
});

describe('scan --no-git with a file or /dev/stdin', () => {
  it('scans a single file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'one.env'), `GITHUB_TOKEN=${fake.githubToken}\n`);
    const run = await runCli(['scan', join(dir, 'one.env'), '--no-git', '-f', 'jsonl']);
    assert.equal(run.code, 1, run.stderr);
    assert.equal((JSON.parse(run.stdout) as { path: string }).path, join(dir, 'one.env'));
    assert.match(run.stderr, /scanned 1 file/);
  });

  it('reads /dev/stdin when it is a pipe, like scan -', { skip: process.platform === 'win32' }, () => {
    const run = spawnSync(process.execPath, [BIN, 'scan', '/dev/stdin', '--no-git', '-f', 'jsonl'], { input: `GITHUB_TOKEN=${fake.githubToken}\n`, encoding: 'utf8', cwd: tempDir() });
    assert.equal(run.status, 1, run.stderr);
    assert.equal((JSON.parse(run.stdout) as { path: string }).path, '/dev/stdin');
  });

  it('refuses a device with one line naming it', { skip: process.platform === 'win32' }, async () => {
    const run = await runCli(['scan', '/dev/null', '--no-git']);
    assert.equal(run.code, 2);
    assert.equal(oneLine(run.stderr), 'leakwatch: /dev/null: not a regular file, folder or pipe');
  });
});

describe('scan of a folder inside a repository', () => {
  it('scans the whole repository, with the ignore file and configuration at its top, and says so', async () => {
    const repo = FixtureRepo.create();
    repo.commit('files', {
      '.leakwatchignore': 'vendor/\n',
      '.leakwatch.toml': '[extend]\ndisabledRules = ["generic-password"]\n',
      'vendor/lib.env': `GITHUB_TOKEN=${fake.githubToken}\n`,
      'sub/deep/app.env': `GITHUB_TOKEN=${fake.otherGithubToken}\n`,
      'top.env': `AWS_ACCESS_KEY_ID=${fake.awsKeyId}\nPASSWORD="${fake.password}"\n`,
    });
    const run = await runCli(['scan', join(repo.dir, 'sub'), '-f', 'jsonl']);
    assert.equal(run.code, 1, run.stderr);
    const lines = run.stderr.split('\n').filter((line) => line !== '');
    assert.equal(lines[0], `leakwatch: note: ${join(repo.dir, 'sub')} is inside the repository at ${repo.dir}: scanning ${repo.dir}'s history, with the configuration and .leakwatchignore there`);
    assert.match(lines[1] ?? '', /not scanned: 1 ignored by \.leakwatchignore/);
    const found = run.stdout.trim().split('\n').map((line) => { const f = JSON.parse(line) as { ruleId: string; path: string }; return `${f.ruleId} ${f.path}`; }).sort();
    assert.deepEqual(found, ['aws-access-key-id top.env', 'github-token sub/deep/app.env']);
  });
});

describe('scan --no-git and .gitignore', () => {
  it('skips what .gitignore ignores and counts it in the summary; --no-gitignore scans it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.gitignore'), '*.env\n');
    writeFileSync(join(dir, 'local.env'), `GITHUB_TOKEN=${fake.githubToken}\n`);
    const skipped = await runCli(['scan', dir, '--no-git']);
    assert.equal(skipped.code, 0, skipped.stderr);
    assert.match(oneLine(skipped.stderr), /: 0 findings; not scanned: 1 ignored by \.gitignore \(--no-gitignore scans them\)$/);
    assert.equal((await runCli(['scan', dir, '--no-git', '--no-gitignore'])).code, 1);
  });

  it('--no-gitignore without --no-git is a usage error', async () => {
    const repo = FixtureRepo.create();
    const run = await runCli(['scan', repo.dir, '--no-gitignore']);
    assert.equal(run.code, 2);
    assert.equal(oneLine(run.stderr), 'leakwatch: --no-gitignore applies to --no-git: a history scan reads what was committed');
  });
});
