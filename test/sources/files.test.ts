// `leakwatch scan --files a b c` and `--files-from LIST`: exactly the files named, as on disk.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { scan } from '../../src/engine/scan.js';
import type { FilesSpec } from '../../src/sources/files.js';
import { FixtureRepo, tempDir } from '../../fixtures/repo.js';
import { fake } from '../../fixtures/secrets.js';
import { assertNoRawValues, runCli } from '../helpers/cli.js';

interface JsonFinding {
  ruleId: string;
  path: string;
}

function workTree(): string {
  const dir = tempDir('leakwatch-files-');
  const write = (path: string, text: string): void => writeFileSync(join(dir, path), text);
  write('a.env', `GH=${fake.githubToken}\n`);
  write('b.txt', 'nothing here\n');
  write('c.env', `AWS_SECRET_ACCESS_KEY=${fake.awsSecret}\n`);
  return dir;
}

const found = (stdout: string): string[] => (JSON.parse(stdout) as JsonFinding[]).map((f) => `${f.ruleId} ${f.path}`).sort();

describe('file lists (--files, --files-from)', () => {
  it('scans only the files named, reporting paths relative to PATH', async () => {
    const dir = workTree();
    const run = await runCli(['scan', dir, '-f', 'json', '--files', 'a.env', 'b.txt'], { env: {} });
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(found(run.stdout), ['github-token a.env']);
    assertNoRawValues(run.stdout, 'stdout');
    assert.match(run.stderr, /scanned 2 files/);
  });

  it('reads the list from a file, one per line or NUL-separated (git diff -z), or from standard input', async () => {
    const dir = workTree();
    const lines = join(tempDir(), 'list.txt');
    writeFileSync(lines, 'a.env\nc.env\n');
    const fromLines = await runCli(['scan', dir, '-f', 'json', '--files-from', lines], { env: {} });
    assert.deepEqual(found(fromLines.stdout), ['aws-secret-access-key c.env', 'github-token a.env']);
    const nul = join(tempDir(), 'list.z');
    writeFileSync(nul, 'c.env\0b.txt\0');
    const fromNul = await runCli(['scan', dir, '-f', 'json', '--files-from', nul], { env: {} });
    assert.deepEqual(found(fromNul.stdout), ['aws-secret-access-key c.env']);
    const fromStdin = await runCli(['scan', dir, '-f', 'json', '--files-from', '-'], { env: {}, stdin: 'a.env\n' });
    assert.deepEqual(found(fromStdin.stdout), ['github-token a.env']);
  });

  it('scans a folder named in the list whole, and honours .leakwatchignore of PATH', async () => {
    const repo = FixtureRepo.create();
    repo.write('config/app.env', `GH=${fake.githubToken}\n`);
    repo.write('config/vendor/keys.env', `AWS_SECRET_ACCESS_KEY=${fake.awsSecret}\n`);
    repo.write('.leakwatchignore', 'config/vendor/\n');
    const run = await runCli(['scan', repo.dir, '-f', 'json', '--files', 'config'], { env: {} });
    assert.deepEqual(found(run.stdout), ['github-token config/app.env']);
    assert.match(run.stderr, /1 ignored by \.leakwatchignore/);
  });

  it('stops with one line naming a file it cannot read (exit 2), never skipping it silently', async () => {
    const dir = workTree();
    const run = await runCli(['scan', dir, '--files', 'a.env', 'gone.env'], { env: {} });
    assert.equal(run.code, 2);
    assert.equal(run.stderr.trim(), 'leakwatch: gone.env: cannot read (ENOENT)');
    const list = await runCli(['scan', dir, '--files-from', join(dir, 'no-list.txt')], { env: {} });
    assert.equal(list.code, 2);
    assert.match(list.stderr, /no-list\.txt: cannot read the list of files \(ENOENT\)/);
  });

  it('is one input: it cannot be combined with a history choice', async () => {
    const run = await runCli(['scan', '.', '--files', 'a', '--range', 'HEAD~1..HEAD'], { env: {} });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--range and --files cannot be used together/);
  });

  it('scans a file outside PATH even when PATH has a .leakwatchignore, and a file named twice once', async () => {
    const dir = workTree();
    writeFileSync(join(dir, '.leakwatchignore'), 'vendor/\n');
    const outside = join(tempDir(), 'elsewhere.env');
    writeFileSync(outside, `GH=${fake.githubToken}\n`);
    const run = await runCli(['scan', dir, '-f', 'json', '--files', outside, 'c.env', './c.env', join(dir, 'c.env')], { env: {} });
    assert.equal(run.code, 1, run.stderr);
    const findings = JSON.parse(run.stdout) as Array<JsonFinding & { occurrenceCount: number }>;
    assert.deepEqual(findings.map((f) => `${f.ruleId} ${f.path} ${f.occurrenceCount}`).sort(), ['aws-secret-access-key c.env 0', `github-token ${outside} 0`]);
    assert.match(run.stderr, /scanned 2 files/);
  });

  it('applies configured path allowlists to paths under PATH only: one outside is reported, never an internal error', async () => {
    const dir = workTree();
    const config = join(tempDir(), 'allow.toml');
    writeFileSync(config, '[allowlist]\npaths = ["vendor/"]\n');
    const outside = join(tempDir(), 'x.env');
    writeFileSync(outside, `GH=${fake.githubToken}\n`);
    for (const named of [outside, `../${outside.split('/').slice(-2).join('/')}`, './a.env']) {
      const run = await runCli(['scan', dir, '-f', 'json', '-c', config, '--files', named], { env: {} });
      assert.equal(run.code, 1, `${named}: ${run.stderr}`);
      assert.equal((JSON.parse(run.stdout) as JsonFinding[]).length, 1, named);
    }
  });

  it('takes the root itself (./ or absolute) with a .leakwatchignore, counts an ignored file named twice once', async () => {
    const repo = FixtureRepo.create();
    repo.write('keep/a.env', `GH=${fake.githubToken}\n`);
    repo.write('skip/b.env', `AWS_SECRET_ACCESS_KEY=${fake.awsSecret}\n`);
    repo.write('.leakwatchignore', 'skip/\n');
    for (const root of ['./', repo.dir, '.']) {
      const run = await runCli(['scan', repo.dir, '-f', 'json', '--files', root], { env: {} });
      assert.equal(run.code, 1, `${root}: ${run.stderr}`);
      assert.deepEqual(found(run.stdout), ['github-token keep/a.env'], root);
    }
    const twice = await runCli(['scan', repo.dir, '-f', 'json', '--files', 'skip/b.env', './skip/b.env', 'skip', 'skip'], { env: {} });
    assert.equal(twice.code, 0, twice.stderr);
    assert.match(twice.stderr, /scanned 0 files .*; not scanned: 1 ignored by \.leakwatchignore/);
  });

  it('refuses what is not a regular file or folder (a device could be endless), naming it', async () => {
    const run = await runCli(['scan', '.', '--files', '/dev/null'], { env: {} });
    assert.equal(run.code, 2);
    assert.equal(run.stderr, 'leakwatch: /dev/null: not a regular file or folder\n');
  });

  it('from code: the same findings as the CLI, a path outside the root kept as given', async () => {
    const dir = workTree();
    const outside = join(tempDir(), 'elsewhere.env');
    writeFileSync(outside, `GH=${fake.githubToken}\n`);
    const source: FilesSpec = { kind: 'files', paths: ['c.env', outside], root: dir };
    const result = await scan({ source });
    assert.deepEqual(result.findings.map((f) => `${f.ruleId} ${f.path}`).sort(), ['aws-secret-access-key c.env', `github-token ${outside}`]);
  });
});
