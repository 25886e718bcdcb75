// Issue 14, item 7: no input crashes `leakwatch scan`. Each bad input is one line naming the option,
// file or path, exit 2, no stack trace; each odd but valid input is scanned.
import assert from 'node:assert/strict';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FixtureRepo, tempDir } from '../../../fixtures/repo.js';
import { fake } from '../../../fixtures/secrets.js';
import { runCli } from '../../helpers/cli.js';

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
