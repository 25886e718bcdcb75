// `leakwatch scan` as a command module, registered on a parser of its own: report, summary line
// and exit code; options it refuses are usage errors.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import yargs from 'yargs';
import { scanCommand } from '../../../src/cli/commands/scan.js';
import type { CliIo } from '../../../src/cli/io.js';
import { FixtureRepo } from '../../../fixtures/repo.js';
import { fake } from '../../../fixtures/secrets.js';
import { assertNoRawValues, Capture } from '../../helpers/cli.js';

async function scanCli(argv: string[], terminal?: { columns: number; env: NodeJS.ProcessEnv }): Promise<{ code: number | undefined; stdout: string; stderr: string }> {
  const stdout = new Capture(terminal !== undefined);
  if (terminal !== undefined) Object.assign(stdout, { columns: terminal.columns });
  const stderr = new Capture();
  const io: CliIo = { stdout, stderr, env: terminal?.env ?? {} };
  let code: number | undefined;
  await scanCommand.register(yargs(argv).exitProcess(false).strict().fail((message: string | undefined, error: Error | undefined) => {
    throw error ?? new Error(message);
  }), io, (exit) => { code = exit; }).parseAsync();
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('scan command', () => {
  it('fits the table to a terminal and colours it; not with NO_COLOR, --color never, or when piped', async () => {
    const repo = FixtureRepo.create();
    repo.commit('one', { 'services/billing/internal/config/production/settings.local.env': `GITHUB_TOKEN=${fake.githubToken}\n` });
    const ansi = /\u001b\[/;
    const tty = await scanCli(['scan', repo.dir], { columns: 70, env: {} });
    assert.equal(tty.code, 1);
    assert.match(tty.stdout, ansi);
    for (const line of tty.stdout.replace(/\u001b\[[0-9;]*m/g, '').split('\n').filter((l) => /^[┌│├└]/.test(l))) assert.ok([...line].length <= 70, line);
    assert.equal(ansi.test((await scanCli(['scan', repo.dir], { columns: 70, env: { NO_COLOR: '1' } })).stdout), false);
    assert.equal(ansi.test((await scanCli(['scan', repo.dir, '--color', 'never'], { columns: 70, env: {} })).stdout), false);
    const piped = await scanCli(['scan', repo.dir]);
    assert.equal(ansi.test(piped.stdout), false);
    assert.match(piped.stdout, /services\/billing\/internal\/config\/production\/settings\.local\.env:1:14/, 'piped: whole, as before');
    repo.remove();
  });

  it('writes the masked report, the summary line, and exits 1 on findings, 0 when clean', async () => {
    const repo = FixtureRepo.create();
    repo.commit('one', { 'a.env': `GITHUB_TOKEN=${fake.githubToken}\n` });
    const found = await scanCli(['scan', repo.dir, '--format', 'jsonl', '--threads', '1']);
    assert.equal(found.code, 1);
    const lines = found.stdout.trim().split('\n').map((line) => JSON.parse(line) as { ruleId: string; path: string });
    assert.deepEqual(lines.map((f) => [f.ruleId, f.path]), [['github-token', 'a.env']]);
    assertNoRawValues(found.stdout + found.stderr, 'scan output');
    assert.match(found.stderr, /1 commit/);
    const clean = FixtureRepo.create();
    clean.commit('one', { 'a.txt': 'hello\n' });
    assert.equal((await scanCli(['scan', clean.dir])).code, 0);
    repo.remove();
    clean.remove();
  });

  it('links commits to the forge of origin in the HTML report, never showing a token in origin\'s URL', async () => {
    const repo = FixtureRepo.create();
    const commit = repo.commit('one', { 'a.env': `GITHUB_TOKEN=${fake.githubToken}\n` });
    repo.git('remote', 'add', 'origin', `https://x-access-token:${fake.otherGithubToken}@github.com/acme/api.git`);
    const linked = await scanCli(['scan', repo.dir, '--format', 'html', '--threads', '1']);
    assert.equal(linked.code, 1);
    assert.ok(linked.stdout.includes(`"u":"https://github.com/acme/api/commit/${commit}"`), 'no commit link');
    assert.equal(linked.stdout.includes(fake.otherGithubToken), false, 'the token in the remote URL reached the report');
    assertNoRawValues(linked.stdout + linked.stderr, 'scan output');
    repo.git('remote', 'set-url', 'origin', 'https://git.internal.example/acme/api.git');
    const unlinked = await scanCli(['scan', repo.dir, '--format', 'html', '--threads', '1']);
    assert.equal(unlinked.stdout.includes('"u":'), false, 'a link to an unknown host');
    repo.remove();
  });

  it('refuses --threads 0 and a non-positive --max-blob-mb as usage errors', async () => {
    const repo = FixtureRepo.create();
    await assert.rejects(scanCli(['scan', repo.dir, '--threads', '0']), { code: 'usage', message: /--threads/ });
    await assert.rejects(scanCli(['scan', repo.dir, '--max-blob-mb', '0']), { code: 'usage', message: /--max-blob-mb/ });
    repo.remove();
  });
});
