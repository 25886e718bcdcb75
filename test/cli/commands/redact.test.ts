// `leakwatch redact`: a filter from standard input (or files) to standard output, masking line by line.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, existsSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { summaryLine } from '../../../src/cli/commands/redact.js';
import { tempDir } from '../../../fixtures/repo.js';
import { generateLog } from '../../../fixtures/logs.js';
import { fake } from '../../../fixtures/secrets.js';
import { assertNoRawValues, BIN, runCli } from '../../helpers/cli.js';

describe('redact command', () => {
  it('copies standard input with secrets masked, the other lines and the line count as they were; exit 0', async () => {
    const log = generateLog(50_000, { secretEvery: 25 }).toString('utf8');
    const { code, stdout, stderr } = await runCli(['redact'], { stdin: log });
    assert.equal(code, 0, stderr);
    assert.equal(stderr, '');
    assertNoRawValues(stdout, 'stdout');
    const before = log.split('\n');
    const after = stdout.split('\n');
    assert.equal(after.length, before.length);
    const same = before.filter((line, index) => after[index] === line).length;
    assert.ok(same >= before.length * 0.9 && same < before.length, `${same} of ${before.length} lines unchanged`);
  });

  it('--summary counts per rule on stderr; files are read in order, - is standard input', async () => {
    const dir = tempDir();
    const a = join(dir, 'a.log');
    writeFileSync(a, `owner ${fake.email}\n`);
    const { code, stdout, stderr } = await runCli(['redact', a, '-', '--summary'], { stdin: `token ${fake.githubToken}\nmail ${fake.email}\n` });
    assert.equal(code, 0, stderr);
    assert.equal(stdout, 'owner j***a@provedor.com.br\ntoken ghp_****\nmail j***a@provedor.com.br\n');
    assert.equal(stderr, 'leakwatch: 3 spans masked: email 2, github-token 1\n');
  });

  it('a missing file: exit 2, one line naming it, nothing written', async () => {
    const missing = join(tempDir(), 'missing.log');
    const { code, stdout, stderr } = await runCli(['redact', missing]);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.equal(stderr, `leakwatch: ${missing}: cannot read (ENOENT)\n`);
  });

  it('a folder: exit 2 naming it', async () => {
    const dir = tempDir();
    const { code, stderr } = await runCli(['redact', dir]);
    assert.equal(code, 2);
    assert.equal(stderr, `leakwatch: ${dir}: is a folder, not a file\n`);
  });

  it('a line carrying an allow marker is masked all the same', async () => {
    const line = JSON.stringify({ user: 'leakwatch:allow', password: fake.password, cpf: fake.cpfValid });
    const { stdout, stderr } = await runCli(['redact', '--summary'], { stdin: `${line}\n` });
    assert.equal(stdout, '{"user":"leakwatch:allow","password":"****","cpf":"***.***.***-94"}\n');
    assert.equal(stderr, 'leakwatch: 2 spans masked: cpf 1, generic-password 1\n');
  });

  it('--summary names what was masked by shape: secret-named-value, url-userinfo', async () => {
    const value = ['Xk9mQ2', 'vLp7wRz'].join('');
    const { stdout, stderr } = await runCli(['redact', '--summary'], { stdin: `msg="x" password=${value} host=db\nGET redis://app:Qx7@cache:6379 ok\n` });
    assert.equal(stdout, 'msg="x" password=**** host=db\nGET redis://app:****@cache:6379 ok\n');
    assert.equal(stderr, 'leakwatch: 2 spans masked: secret-named-value 1, url-userinfo 1\n');
  });

  it('standard input that is a folder: exit 2, one line', () => {
    const dir = tempDir();
    const folder = openSync(dir, 'r');
    try {
      const { status, stdout, stderr } = spawnSync(process.execPath, [BIN, 'redact'], { stdio: [folder, 'pipe', 'pipe'], encoding: 'utf8' });
      assert.equal(status, 2);
      assert.equal(stdout, '');
      assert.equal(stderr, 'leakwatch: standard input: is a folder, not a file\n');
    } finally {
      closeSync(folder);
    }
  });

  it('standard output that cannot be written (a full disk): exit 2, saying so', { skip: !existsSync('/dev/full') }, () => {
    const full = openSync('/dev/full', 'w');
    try {
      const { status, stderr } = spawnSync(process.execPath, [BIN, 'redact'], { stdio: ['pipe', full, 'pipe'], input: `token ${fake.githubToken}\n`, encoding: 'utf8' });
      assert.equal(status, 2);
      assert.match(stderr, /^leakwatch: standard output: cannot write \(ENOSPC\)\n$/);
    } finally {
      closeSync(full);
    }
  });

  it('only the rules of one category with --only', async () => {
    const { stdout } = await runCli(['redact', '--only', 'pii'], { stdin: `token ${fake.githubToken} ${fake.email}` });
    assert.equal(stdout, `token ${fake.githubToken} j***a@provedor.com.br`);
  });

  it('summary lines', () => {
    assert.equal(summaryLine(new Map()), 'nothing masked');
    assert.equal(summaryLine(new Map([['a', 1], ['b', 3]])), '4 spans masked: b 3, a 1');
  });

  it('as a child process, each line comes back masked while standard input stays open (tail -f)', async () => {
    const child = spawn(process.execPath, [BIN, 'redact'], { stdio: ['pipe', 'pipe', 'pipe'] });
    try {
      const lines = child.stdout[Symbol.asyncIterator]();
      for (const round of [1, 2]) {
        child.stdin.write(`round ${round} ${fake.githubToken}\n`);
        const { value } = await lines.next();
        assert.equal((value as Buffer).toString('utf8'), `round ${round} ghp_****\n`);
      }
      assert.equal(child.exitCode, null, 'the filter ended before its input did');
      child.stdin.end();
      const [status] = (await once(child, 'exit')) as [number];
      assert.equal(status, 0);
    } finally {
      child.kill();
    }
  });
});
