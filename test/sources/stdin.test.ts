// `leakwatch scan -`: standard input as one text, named `stdin` or --stdin-path.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { scan } from '../../src/engine/scan.js';
import { STDIN_PATH } from '../../src/sources/stdin.js';
import { fake } from '../../fixtures/secrets.js';
import { FixtureRepo } from '../../fixtures/repo.js';
import { assertNoRawValues, runCli } from '../helpers/cli.js';

interface JsonFinding {
  ruleId: string;
  path: string;
  line: number;
  commit: string;
}

describe('standard input (scan -)', () => {
  it('scans what is piped in, reports it at "stdin" with no commit, masked', async () => {
    const run = await runCli(['scan', '-', '-f', 'json'], { env: {}, stdin: `build log\nexport GH_TOKEN=${fake.githubToken}\ndone\n` });
    assert.equal(run.code, 1, run.stderr);
    const findings = JSON.parse(run.stdout) as JsonFinding[];
    assert.deepEqual(findings.map((f) => [f.ruleId, f.path, f.line, f.commit]), [['github-token', STDIN_PATH, 2, '']]);
    assertNoRawValues(run.stdout, 'stdout');
    assertNoRawValues(run.stderr, 'stderr');
    assert.match(run.stderr, /scanned standard input \(0\.0 MB\) in [0-9.]+ s: 1 finding/);
  });

  it('names the text after --stdin-path, which rule paths and path allowlists see', async () => {
    const named = await runCli(['scan', '-', '-f', 'json', '--stdin-path', 'deploy/app.env'], { env: {}, stdin: `GH=${fake.githubToken}\n` });
    assert.equal(named.code, 1);
    assert.equal((JSON.parse(named.stdout) as JsonFinding[])[0]?.path, 'deploy/app.env');

    const repo = FixtureRepo.create();
    repo.write('.leakwatch.toml', '[allowlist]\npaths = ["deploy/"]\n');
    const allowed = await runCli(['scan', '-', '-f', 'json', '--stdin-path', 'deploy/app.env', '--config', `${repo.dir}/.leakwatch.toml`], { env: {}, stdin: `GH=${fake.githubToken}\n` });
    assert.equal(allowed.code, 0, allowed.stderr);
    assert.equal(allowed.stdout.trim(), '[]');
  });

  it('matches path allowlists against --stdin-path under the root (./ stripped), and reports one outside it', async () => {
    const config = `${FixtureRepo.create().dir}/allow.toml`;
    writeFileSync(config, '[allowlist]\npaths = ["deploy/"]\n');
    const allowed = await runCli(['scan', '-', '-c', config, '--stdin-path', './deploy/x.env'], { env: {}, stdin: `GH=${fake.githubToken}\n` });
    assert.equal(allowed.code, 0, allowed.stderr);
    for (const name of ['/etc/deploy/x.env', '../deploy/x.env']) {
      const reported = await runCli(['scan', '-', '-c', config, '--stdin-path', name, '-f', 'json'], { env: {}, stdin: `GH=${fake.githubToken}\n` });
      assert.equal(reported.code, 1, `${name}: ${reported.stderr}`);
      assert.equal((JSON.parse(reported.stdout) as JsonFinding[])[0]?.path, name);
    }
  });

  it('exits 0 on clean input, and counts input over --max-blob-mb instead of scanning it', async () => {
    const clean = await runCli(['scan', '-'], { env: {}, stdin: 'nothing to see\n' });
    assert.equal(clean.code, 0);
    const big = await runCli(['scan', '-', '--max-blob-mb', '0.001'], { env: {}, stdin: `${'x'.repeat(2000)}\nGH=${fake.githubToken}\n` });
    assert.equal(big.code, 0);
    assert.match(big.stderr, /not scanned: 1 over 0\.001 MB/);
  });

  it('is one input: it cannot be combined with another, and --stdin-path needs it', async () => {
    const both = await runCli(['scan', '-', '--staged'], { env: {}, stdin: '' });
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--staged and scan - cannot be used together/);
    const stray = await runCli(['scan', '.', '--stdin-path', 'x'], { env: {} });
    assert.equal(stray.code, 2);
    assert.equal(stray.stderr.trim().split('\n').length, 1);
  });

  it('from code: a stream in, the same findings as the CLI', async () => {
    const result = await scan({ source: { kind: 'stdin', stream: Readable.from([Buffer.from(`GH=${fake.githubToken}\n`)]), name: 'piped.txt' } });
    assert.deepEqual(result.findings.map((f) => [f.ruleId, f.path, f.commit]), [['github-token', 'piped.txt', undefined]]);
    assert.equal(result.scope, 'standard input');
  });
});
