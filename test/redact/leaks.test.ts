// Nothing leaks from a report: on the lines of detected secrets sit values no rule reports (a
// number, a random reference, a password in URL userinfo), a commit subject holds another token,
// and the author has an address. Every format, the GitHub annotations, the step summary and
// stderr must hold none of them raw.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FORMAT_NAMES } from '../../src/report/registry.js';
import { FixtureRepo, tempDir } from '../../fixtures/repo.js';
import { fake } from '../../fixtures/secrets.js';
import { runCli } from '../helpers/cli.js';

describe('reports never show what no rule reported', () => {
  const repo = FixtureRepo.create();
  const unreported = {
    number: ['8472', '6193', '0574'].join(''),
    reference: ['Q7x2Kp9Lm4Vb8Nc3', 'Zr6Tw1Hy5Jd0Fg'].join(''),
    userinfo: ['Pl', 'umb', 'Bob', '2026'].join(''),
  };
  const authorEmail = ['joana.lima', '@', 'acme-corp.io'].join('');
  repo.git('config', 'user.email', authorEmail);
  // Some people's name in git is an address.
  const authorNamedByAddress = ['marcos.reis', '@', 'mail-host.net'].join('');
  repo.git('config', 'user.name', authorNamedByAddress);
  repo.commit(`rotate ${fake.otherGithubToken}`, {
    'ops/notes.txt': [
      `owner ${fake.email} badge ${unreported.number}`,
      `GH_TOKEN=${fake.githubToken} ref ${unreported.reference}`,
      `cpf ${fake.cpfValid} mirror https://ops:${unreported.userinfo}@10.1.2.3/repo`,
      '',
    ].join('\n'),
  });
  const raw = [...Object.values(unreported), authorEmail, authorNamedByAddress, fake.email, fake.githubToken, fake.otherGithubToken, fake.cpfValid];

  for (const format of FORMAT_NAMES) {
    it(`${format}: report, annotations, step summary and stderr`, async () => {
      const summary = join(tempDir(), 'summary.md');
      const run = await runCli(['scan', repo.dir, '-f', format], { env: { GITHUB_ACTIONS: 'true', GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_STEP_SUMMARY: summary } });
      assert.equal(run.code, 1, run.stderr);
      const everything = `${run.stdout}\n${run.stderr}\n${readFileSync(summary, 'utf8')}`;
      assert.match(everything, /::(error|warning) /, 'annotations were written');
      for (const value of raw) assert.equal(everything.includes(value), false, `${format} shows a raw value (${value.length} characters)`);
    });
  }

  it('shows authors\' addresses only when asked', async () => {
    const shown = await runCli(['scan', repo.dir, '-f', 'json', '--show-authors'], { env: {} });
    assert.ok(shown.stdout.includes(authorEmail));
    const masked = await runCli(['scan', repo.dir, '-f', 'json'], { env: {} });
    assert.equal(masked.stdout.includes(authorEmail), false);
    assert.match(masked.stdout, /"email": "j\*+a@acme-corp\.io"/);
  });

  it('shows a window of a long line around the secret, cut with …', async () => {
    const long = FixtureRepo.create();
    long.commit('long line', { 'a.env': `${'x'.repeat(300)} GH=${fake.githubToken} ${'y'.repeat(300)}\n` });
    const run = await runCli(['scan', long.dir, '-f', 'json'], { env: {} });
    const [finding] = JSON.parse(run.stdout) as Array<{ match: string }>;
    assert.ok(finding !== undefined && finding.match.startsWith('…') && finding.match.endsWith('…'), finding?.match);
    assert.ok(finding.match.length < 200, `${finding.match.length} characters`);
  });
});
