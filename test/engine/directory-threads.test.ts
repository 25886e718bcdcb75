// A directory scan on worker threads must give the report a single thread
// gives, byte for byte: results come back from the workers out of order (a
// large file first keeps its worker busy while the others finish), and the
// first place a secret is found decides the finding's place.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fake } from '../../fixtures/secrets.js';
import { runCli } from '../helpers/cli.js';

const ID_KEY = ['0123456789', 'abcdef0123', '456789abcd', 'ef01234567'].join('');

describe('directory scan threads', () => {
  let root = '';

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'leakwatch-dir-threads-'));
    // Sorted first and slow to search: lines that wake many rules, with the secret at its end.
    const noisy = 'const password = config.secret_token + "://user@host/" + apikey; // token auth bearer\n';
    writeFileSync(join(root, 'a-large.js'), `${noisy.repeat(40_000)}GH=${fake.githubToken}\n`);
    for (let i = 0; i < 40; i += 1) {
      const folder = join(root, `pkg${String(i).padStart(2, '0')}`);
      mkdirSync(join(folder, 'lib'), { recursive: true });
      writeFileSync(join(folder, 'lib', 'index.js'), `module.exports = ${i};\nconst token = "${fake.githubToken}";\n`);
      writeFileSync(join(folder, 'package.json'), `{"name": "pkg${i}", "author": "${fake.email}"}\n`);
      if (i % 7 === 0) writeFileSync(join(folder, '.env'), `AWS_ACCESS_KEY_ID=${fake.awsKeyId}\nAWS_SECRET_ACCESS_KEY=${fake.awsSecret}\n`);
    }
    // Binary past the sniffed bytes (a NUL early, a secret late: never searched), binary and short, UTF-16 without a mark.
    writeFileSync(join(root, 'pkg03', 'addon.node'), Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0]), Buffer.alloc(20_000, 0x41), Buffer.from(`GH=${fake.otherGithubToken}\n`)]));
    writeFileSync(join(root, 'pkg04', 'small.bin'), Buffer.from([1, 0, 2, 0, 0, 0, 3]));
    writeFileSync(join(root, 'pkg05', 'notes-utf16.txt'), Buffer.from(`${'filler line\n'.repeat(500)}GH=${fake.otherGithubToken}\n`, 'utf16le'));
    writeFileSync(join(root, 'pkg06', '.gitignore'), 'ignored.js\n');
    writeFileSync(join(root, 'pkg06', 'ignored.js'), `GH=${fake.otherGithubToken}\n`);
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  const report = async (threads: number): Promise<{ stdout: string; summary: string }> => {
    const run = await runCli(['scan', '--no-git', root, '--confidence', 'low', '--format', 'json', '--threads', String(threads), '--no-progress'], { env: { ...process.env, LEAKWATCH_ID_KEY: ID_KEY } });
    assert.equal(run.code, 1, run.stderr);
    // The summary line, without its timing.
    const summary = (/^leakwatch: scanned .*$/m.exec(run.stderr)?.[0] ?? '').replace(/ in [\d.]+ m?s:/, ':');
    return { stdout: run.stdout, summary };
  };

  it('gives the same report, byte for byte, on one thread and on three', async () => {
    const single = await report(1);
    const threaded = await report(3);
    assert.equal(threaded.stdout, single.stdout);
    assert.equal(threaded.summary, single.summary);
    // The report is not trivially the same: the secret shared by every package is placed at the first file found.
    const findings = JSON.parse(single.stdout) as Array<{ ruleId: string; path: string }>;
    assert.equal(findings.find((finding) => finding.ruleId === 'github-token')?.path, 'a-large.js');
    assert.ok(findings.length >= 4, single.stdout);
    assert.match(single.summary, /scanned 91 files .*not scanned: 2 binary/);
  });

  it('finds a secret in a UTF-16 text and none in a binary file or an ignored one', async () => {
    const findings = JSON.parse((await report(2)).stdout) as Array<{ path: string }>;
    const paths = new Set(findings.map((finding) => finding.path));
    assert.ok(paths.has('pkg05/notes-utf16.txt'));
    assert.ok(!paths.has('pkg03/addon.node') && !paths.has('pkg06/ignored.js'));
  });
});
