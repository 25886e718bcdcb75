// action.yml: its inputs, and its scan step's shell script run as the runner
// would run it (bash, INPUT_* variables, GITHUB_ACTION_PATH at this checkout). Its install step,
// from a release's tree, is tested in test/release.test.ts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { FixtureRepo, tempDir } from '../../fixtures/repo.js';
import { ACTION, ROOT, stepScript } from '../helpers/action.js';
import { assertNoRawValues } from '../helpers/cli.js';
import { fake } from '../../fixtures/secrets.js';

describe('action.yml', () => {
  const repo = FixtureRepo.create();
  const work = tempDir('leakwatch-action-');
  after(() => {
    repo.remove();
    spawnSync('rm', ['-rf', work]);
  });
  repo.commit('leak', { 'ci.env': `GH_TOKEN=${fake.githubToken}\n` });

  const runScan = (inputs: Record<string, string>): { status: number | null; stdout: string; stderr: string } => {
    const summary = join(work, 'summary.md');
    writeFileSync(summary, '');
    const result = spawnSync('bash', ['-e', '-c', stepScript('Scan')], {
      encoding: 'utf8',
      env: {
        PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
        HOME: work,
        GITHUB_ACTION_PATH: ROOT,
        GITHUB_ACTIONS: 'true',
        GITHUB_EVENT_NAME: 'workflow_dispatch',
        GITHUB_STEP_SUMMARY: summary,
        INPUT_PATH: repo.dir,
        INPUT_CONFIG: '',
        INPUT_BASELINE: '',
        INPUT_SARIF_FILE: '',
        INPUT_FAIL_ON_FINDINGS: 'true',
        ...inputs,
      },
    });
    assertNoRawValues(result.stdout + result.stderr + readFileSync(summary, 'utf8'), 'action output');
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  it('declares the inputs the workflow documentation uses', () => {
    for (const input of ['path', 'config', 'baseline', 'id-key', 'sarif-file', 'fail-on-findings', 'confidence', 'deepen', 'allow-partial']) assert.match(ACTION, new RegExp(`^  ${input}:$`, 'm'), input);
    assert.match(ACTION, /using: composite/);
  });

  it('fails the step on findings, with annotations; passes with a notice when fail-on-findings is false', () => {
    const failing = runScan({});
    assert.equal(failing.status, 1);
    assert.match(failing.stdout, /^::error file=ci\.env,line=1/m);
    const lenient = runScan({ INPUT_FAIL_ON_FINDINGS: 'false' });
    assert.equal(lenient.status, 0);
    assert.match(lenient.stdout, /::notice title=leakwatch::findings were reported; not failing the step/);
  });

  it('writes SARIF when sarif-file is set, and passes config and baseline through', () => {
    const sarif = join(work, 'out.sarif');
    assert.equal(runScan({ INPUT_SARIF_FILE: sarif }).status, 1);
    assert.ok(existsSync(sarif));
    const baseline = join(work, 'baseline.json');
    spawnSync(process.execPath, [join(ROOT, 'bin', 'leakwatch.js'), 'scan', repo.dir, '-f', 'json', '-o', baseline], { env: { ...process.env, GITHUB_ACTIONS: '' } });
    assert.equal(runScan({ INPUT_BASELINE: baseline }).status, 0);
    const config = join(work, 'leakwatch.toml');
    writeFileSync(config, '[allowlist]\npaths = ["ci.env"]\n');
    assert.equal(runScan({ INPUT_CONFIG: config }).status, 0);
    const broken = runScan({ INPUT_CONFIG: join(work, 'missing.toml') });
    assert.equal(broken.status, 2);
    assert.match(broken.stderr, /missing\.toml: cannot read/);
  });

  it('takes the id key from the id-key input: a baseline written on a laptop holds in a fresh checkout only with it', () => {
    assert.match(ACTION, /^ {8}LEAKWATCH_ID_KEY: \$\{\{ inputs\.id-key \}\}$/m);
    const laptop = join(work, 'laptop-baseline.json');
    const bin = join(ROOT, 'bin', 'leakwatch.js');
    spawnSync(process.execPath, [bin, 'scan', repo.dir, '--write-baseline', laptop], { env: { ...process.env, GITHUB_ACTIONS: '', LEAKWATCH_ID_KEY: '' } });
    const key = spawnSync(process.execPath, [bin, 'id-key', repo.dir], { encoding: 'utf8', env: { ...process.env, LEAKWATCH_ID_KEY: '' } }).stdout.trim();
    const checkout = join(work, 'checkout');
    spawnSync('git', ['clone', '-q', repo.dir, checkout]);
    const without = runScan({ INPUT_PATH: checkout, INPUT_BASELINE: laptop });
    assert.equal(without.status, 2);
    assert.match(without.stderr, /written under another id key/);
    assert.equal(runScan({ INPUT_PATH: checkout, INPUT_BASELINE: laptop, LEAKWATCH_ID_KEY: key }).status, 0);
  });

  it("the README's workflow grants what the SARIF upload needs and passes the id key from a secret", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const start = readme.indexOf('```yaml\nname: leakwatch\n');
    assert.ok(start >= 0, 'README has no workflow');
    const workflow = readme.slice(start, readme.indexOf('\n```\n', start));
    for (const permission of ['contents: read', 'security-events: write', 'actions: read']) assert.match(workflow, new RegExp(`^  ${permission}\\b`, 'm'), permission);
    assert.match(workflow, /^ {10}id-key: \$\{\{ secrets\.LEAKWATCH_ID_KEY \}\}/m);
    assert.match(workflow, /^ {10}sarif-file: leakwatch\.sarif$/m);
    assert.match(workflow, /upload-sarif@v3\n.*\n {8}with:\n {10}sarif_file: leakwatch\.sarif$/m);
  });

  it('deepens a shallow checkout; a fetch that fails is an error unless allow-partial, which the scan then gets too', () => {
    const deepen = (dir: string, allowPartial: string): { status: number | null; stdout: string } => {
      const result = spawnSync('bash', ['-e', '-c', stepScript('Complete a shallow checkout')], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: work, INPUT_ALLOW_PARTIAL: allowPartial, GIT_TERMINAL_PROMPT: '0' } });
      return { status: result.status, stdout: result.stdout };
    };
    repo.commit('second', { 'b.txt': 'b\n' });
    const reachable = join(work, 'shallow-ok');
    spawnSync('git', ['clone', '-q', '--depth', '1', `file://${repo.dir}`, reachable]);
    assert.equal(deepen(reachable, 'false').status, 0);
    assert.equal(spawnSync('git', ['-C', reachable, 'rev-parse', '--is-shallow-repository'], { encoding: 'utf8' }).stdout.trim(), 'false');
    const cut = join(work, 'shallow-cut');
    spawnSync('git', ['clone', '-q', '--depth', '1', `file://${repo.dir}`, cut]);
    spawnSync('git', ['-C', cut, 'remote', 'set-url', 'origin', join(work, 'no-such-remote')]);
    const failed = deepen(cut, 'false');
    assert.equal(failed.status, 2);
    assert.match(failed.stdout, /::error title=leakwatch::could not fetch the full history .*fetch-depth: 0/);
    const accepted = deepen(cut, 'true');
    assert.equal(accepted.status, 0);
    assert.match(accepted.stdout, /::warning title=leakwatch::could not fetch the full history: only this shallow checkout is scanned/);
    const scanned = runScan({ INPUT_PATH: cut, INPUT_ALLOW_PARTIAL: 'true' });
    assert.equal(scanned.status, 1, scanned.stderr);
    assert.equal(runScan({ INPUT_PATH: cut }).status, 2);
  });

  it('passes the confidence floor through (high keeps a provider token; a bad value is an error)', () => {
    assert.equal(runScan({ INPUT_CONFIDENCE: 'high' }).status, 1);
    const bad = runScan({ INPUT_CONFIDENCE: 'sure' });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /confidence/);
  });
});
