// GitHub Actions mode, driven by synthetic event payloads: the commits each
// event brings, one masked ::error annotation per finding, the step summary,
// warnings for shallow checkouts and lost force-push bases, bad payloads.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { assertNoRawValues, runCli, type CliRun } from '../helpers/cli.js';
import { FixtureRepo, tempDir } from '../../fixtures/repo.js';
import { fake } from '../../fixtures/secrets.js';
import { annotations, eventScope, stepSummary } from '../../src/integrations/github.js';
import { redactedFinding } from '../helpers/findings.js';

const ZERO = '0'.repeat(40);

describe('GitHub Actions mode', () => {
  let repo: FixtureRepo;
  let work: string;
  const commits: Record<'old' | 'base' | 'leak' | 'tip', string> = { old: '', base: '', leak: '', tip: '' };
  before(() => {
    repo = FixtureRepo.create();
    work = tempDir('leakwatch-actions-');
    commits.old = repo.commit('old leak, long on main', { 'legacy.env': `API_TOKEN=${fake.otherGithubToken}\n` });
    commits.base = repo.commit('base', { 'README.md': '# app\n' });
    repo.git('update-ref', 'refs/remotes/origin/main', commits.base);
    repo.git('checkout', '-q', '-b', 'feature');
    commits.leak = repo.commit('add deploy token', { 'deploy/ci.env': `GH_TOKEN=${fake.githubToken}\n` });
    commits.tip = repo.commit('docs, and the old file edited', { 'README.md': '# app\nusage\n', 'legacy.env': `API_TOKEN=${fake.otherGithubToken}\nMODE=x\n` });
  });
  after(() => {
    repo.remove();
    spawnSync('rm', ['-rf', work]);
  });

  let runs = 0;
  async function inActions(eventName: string, payload: unknown, extraArgs: string[] = [], path = repo.dir): Promise<CliRun & { summary: string }> {
    runs += 1;
    const eventPath = join(work, `event-${runs}.json`);
    const summaryPath = join(work, `summary-${runs}.md`);
    writeFileSync(eventPath, typeof payload === 'string' ? payload : JSON.stringify(payload));
    writeFileSync(summaryPath, '');
    const env = { GITHUB_ACTIONS: 'true', GITHUB_EVENT_NAME: eventName, GITHUB_EVENT_PATH: eventPath, GITHUB_STEP_SUMMARY: summaryPath };
    const result = await runCli(['scan', path, ...extraArgs], { env });
    const summary = readFileSync(summaryPath, 'utf8');
    for (const [where, text] of [['stdout', result.stdout], ['stderr', result.stderr], ['summary', summary]] as const) assertNoRawValues(text, where);
    return { ...result, summary };
  }

  const errors = (text: string): string[] => text.split('\n').filter((line) => line.startsWith('::error '));

  it('push: scans before..after only, one masked annotation per finding, and a summary table', async () => {
    const result = await inActions('push', { before: commits.base, after: commits.tip, repository: { default_branch: 'main' } });
    assert.equal(result.code, 1);
    assert.match(result.stderr, new RegExp(`scanning push ${commits.base.slice(0, 7)}\\.\\.${commits.tip.slice(0, 7)}`));
    const annotations = errors(result.stdout);
    assert.equal(annotations.length, 1, result.stdout);
    assert.match(annotations[0] ?? '', /^::error file=deploy\/ci\.env,line=1,endLine=1,col=10,title=leakwatch%3A github-token \(high confidence\)::.*\(commit [0-9a-f]{7}, \d{4}-\d\d-\d\d\): GH_TOKEN=ghp_\*+/);
    assert.match(result.summary, /^## leakwatch/m);
    assert.match(result.summary, /\| github-token \| high \| deploy\/ci\.env:1 \| [0-9a-f]{7} /);
    assert.doesNotMatch(result.summary, /legacy\.env/, 'the old leak is outside the push');
  });

  it('push of a new branch: the commits not on the default branch', async () => {
    const result = await inActions('push', { before: ZERO, after: commits.tip, created: true, repository: { default_branch: 'main' } });
    assert.equal(result.code, 1);
    assert.deepEqual(errors(result.stdout).map((line) => /file=([^,]+)/.exec(line)?.[1]), ['deploy/ci.env']);
  });

  it('a force-push whose previous tip is gone: says so, scans what is not on the default branch', async () => {
    const result = await inActions('push', { before: 'f'.repeat(40), after: commits.tip, forced: true, repository: { default_branch: 'main' } });
    assert.equal(result.code, 1);
    assert.match(result.stdout, /::warning title=leakwatch::the push's previous tip fffffff is not in this checkout/);
    assert.equal(errors(result.stdout).length, 1);
  });

  it('pull_request: base..head', async () => {
    const result = await inActions('pull_request', { pull_request: { base: { sha: commits.base }, head: { sha: commits.leak } } });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /scanning pull request/);
    assert.equal(errors(result.stdout).length, 1);
  });

  it('schedule and workflow_dispatch: the whole history', async () => {
    for (const event of ['schedule', 'workflow_dispatch']) {
      const result = await inActions(event, {});
      assert.equal(result.code, 1);
      assert.deepEqual(errors(result.stdout).map((line) => /file=([^,]+)/.exec(line)?.[1]).sort(), ['deploy/ci.env', 'legacy.env'], event);
    }
  });

  it('a branch deletion scans nothing and passes', async () => {
    const result = await inActions('push', { before: commits.tip, after: ZERO, deleted: true });
    assert.equal(result.code, 0);
    assert.match(result.stderr, /nothing to scan/);
  });

  it('SARIF to a file, annotations still on stdout', async () => {
    const sarif = join(work, 'out.sarif');
    const result = await inActions('push', { before: commits.base, after: commits.tip }, ['--format', 'sarif', '--output', sarif]);
    assert.equal(result.code, 1);
    assert.equal(errors(result.stdout).length, 1);
    assert.equal((JSON.parse(readFileSync(sarif, 'utf8')) as { runs: Array<{ results: unknown[] }> }).runs[0]?.results.length, 1);
  });

  it('fails on a shallow checkout (exit 2, with the fix) instead of passing a scan that could not look; --allow-partial scans what is here', async () => {
    const shallow = join(work, 'shallow');
    const cloned = spawnSync('git', ['clone', '-q', '--depth', '1', '--branch', 'feature', `file://${repo.dir}`, shallow], { encoding: 'utf8' });
    assert.equal(cloned.status, 0, cloned.stderr);
    const refused = await inActions('push', { before: commits.leak, after: commits.tip, repository: { default_branch: 'main' } }, [], shallow);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /this checkout is shallow .*set fetch-depth: 0 .*--allow-partial/);
    const accepted = await inActions('push', { before: commits.leak, after: commits.tip, repository: { default_branch: 'main' } }, ['--allow-partial'], shallow);
    assert.notEqual(accepted.code, 2, accepted.stderr);
    assert.match(accepted.stdout, /::warning title=leakwatch::this checkout is shallow: only what it holds is scanned/);
    assert.match(accepted.stdout, /::warning title=leakwatch::the push's previous tip [0-9a-f]{7} is not in this checkout/);
    assert.match(accepted.summary, /## leakwatch/);
  });

  it('a force-push onto the default branch whose previous tip is gone scans the pushed history, never nothing', async () => {
    // main's tip is origin/main: "commits not on main" would be none, and the old leak on main would pass.
    const result = await inActions('push', { before: 'c'.repeat(40), after: commits.base, repository: { default_branch: 'main' } });
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /::warning title=leakwatch::the pushed commit is on main itself: scanning every commit reachable from it/);
  });

  it('an unreadable or malformed payload is an error naming the file, exit 2', async () => {
    const missing = await runCli(['scan', repo.dir], { env: { GITHUB_ACTIONS: 'true', GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: join(work, 'nope.json') } });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.json: cannot read the event payload/);
    const garbled = await inActions('push', '{ not json');
    assert.equal(garbled.code, 2);
    assert.match(garbled.stderr, /event-\d+\.json: the event payload is not a JSON object/);
    const wrongField = await inActions('pull_request', { pull_request: { base: { sha: 'main' }, head: { sha: commits.tip } } });
    assert.equal(wrongField.code, 2);
    assert.match(wrongField.stderr, /pull_request\.base\.sha is not a commit id/);
  });

  it('an explicit --range wins over the event, and still gets annotations and a summary', async () => {
    const result = await inActions('push', { before: commits.base, after: commits.tip }, ['--range', `${commits.old}..${commits.leak}`]);
    assert.equal(result.code, 1);
    assert.doesNotMatch(result.stderr, /GitHub Actions/);
    assert.equal(errors(result.stdout).length, 1);
    assert.match(result.summary, new RegExp(`Scanned: range ${commits.old}\\.\\.${commits.leak}\\.`));
  });
});

describe('GitHub event scope and workflow output, unit by unit', () => {
  const A = 'a'.repeat(40);
  const B = 'b'.repeat(40);
  const facts = (have: string[], refs: string[] = [], shallow = false) => ({ hasCommit: (oid: string) => have.includes(oid), ref: (name: string) => (refs.includes(name) ? name : undefined), isShallow: () => shallow, contains: () => false });

  it('push: before..after when before is here; else the commits not on the default branch; a deletion is empty', () => {
    assert.deepEqual(eventScope('push', { before: A, after: B }, 'e.json', facts([A, B])).selection, { revisions: [B, '--not', A], description: `push ${A.slice(0, 7)}..${B.slice(0, 7)}` });
    const forced = eventScope('push', { before: A, after: B, repository: { default_branch: 'main' } }, 'e.json', facts([B], ['refs/remotes/origin/main']));
    assert.deepEqual(typeof forced.selection === 'object' ? forced.selection.revisions : undefined, [B, '--not', 'refs/remotes/origin/main']);
    assert.equal(forced.warnings.length, 1);
    assert.equal(eventScope('push', { before: A, after: '0'.repeat(40) }, 'e.json', facts([A])).empty, true);
    assert.throws(() => eventScope('schedule', {}, '', facts([], [], true)), { code: 'shallow' });
    assert.equal(eventScope('schedule', {}, '', facts([], [], true), true).selection, undefined);
    assert.match(eventScope('schedule', {}, '', facts([], [], true), true).warnings[0] ?? '', /shallow/);
  });

  it('pull_request: base..head; a head not checked out is an error', () => {
    const payload = { pull_request: { base: { sha: A }, head: { sha: B } } };
    assert.deepEqual(eventScope('pull_request', payload, 'e.json', facts([A, B])).selection, { revisions: [B, '--not', A], description: `pull request ${A.slice(0, 7)}..${B.slice(0, 7)}` });
    assert.throws(() => eventScope('pull_request', payload, 'e.json', facts([A])), { code: 'github-event' });
  });

  it('annotations escape workflow-command characters; the summary escapes table cells', () => {
    const finding = redactedFinding({ path: 'a,b:c.txt', match: 'x|y\n100%', occurrences: [] });
    const line = annotations([finding]);
    assert.match(line, /^::error file=a%2Cb%3Ac\.txt,line=3,endLine=3,col=16,title=leakwatch%3A github-token \(high confidence\)::/);
    assert.ok(line.endsWith('x|y%0A100%25\n'));
    const summary = stepSummary([finding], 'the | scope', '1 finding');
    assert.ok(summary.includes('Scanned: the \\| scope.'));
    assert.ok(summary.includes('| x\\|y 100% |'));
    assert.match(stepSummary([], 's', 'none'), /No secrets or personal data found\./);
  });
});
