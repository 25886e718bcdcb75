// Several repositories in one report (issue 15): `scan REPO...`, `--repos-from`, `--shard K/N` and
// `merge`. N shard processes, merged, give the single run's JSON report byte for byte; a repository
// that cannot be scanned is named and the others still reported (exit 2); SARIF has a run per
// repository; every format names each finding's repository.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { parseShard, repositoriesToScan } from '../../src/cli/repositories.js';
import { FORMAT_NAMES } from '../../src/report/registry.js';
import { FixtureRepo, tempDir } from '../../fixtures/repo.js';
import { fake } from '../../fixtures/secrets.js';
import { assertNoRawValues, BIN, runCli } from '../helpers/cli.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function leakwatch(args: string[], cwd: string): Promise<Run> {
  const env = { ...process.env, GITHUB_ACTIONS: '', LEAKWATCH_ID_KEY: '' };
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
    });
  });
}

function repoWith(files: Record<string, string>): FixtureRepo {
  const repo = FixtureRepo.create();
  repo.commit('first', files);
  return repo;
}

describe('shards', () => {
  it('take disjoint shares that cover the sorted, deduplicated list, whatever its order', () => {
    const names = ['delta', 'alpha', 'echo', 'charlie', 'bravo', 'alpha', 'foxtrot', 'golf'];
    const shares = [0, 1, 2].map((index) => repositoriesToScan(names, { index, count: 3 }));
    assert.deepEqual(shares, [['alpha', 'delta', 'golf'], ['bravo', 'echo'], ['charlie', 'foxtrot']]);
    assert.deepEqual(repositoriesToScan([...names].reverse(), { index: 1, count: 3 }), shares[1]);
    assert.deepEqual(shares.flat().sort(), repositoriesToScan(names));
    assert.deepEqual(repositoriesToScan(['b', 'a'], { index: 4, count: 5 }), []);
  });

  it('count from 0 (K/N with K < N, as JOB_COMPLETION_INDEX) and refuse anything else', () => {
    assert.deepEqual(parseShard('0/3'), { index: 0, count: 3 });
    assert.deepEqual(parseShard('2/3'), { index: 2, count: 3 });
    assert.throws(() => parseShard('3/3'), { code: 'usage', message: /K counts from 0, so it is 0 to 2/ });
    for (const bad of ['1', '1/0', 'a/b', '-1/3', '1/3/4', '/3']) assert.throws(() => parseShard(bad), { code: 'usage' }, bad);
  });
});

describe('scanning several repositories', () => {
  const one = repoWith({ 'app.env': `GH_TOKEN=${fake.githubToken}\n` });
  const two = repoWith({ 'deploy/aws.ini': `aws_access_key_id = ${fake.awsKeyId}\n`, 'notes.txt': `contact ${fake.email}\n` });
  const three = repoWith({ 'ci.env': `TOKEN=${fake.otherGithubToken}\n` });
  const clean = repoWith({ 'README.md': 'nothing here\n' });
  const five = repoWith({ 'x/y.env': `GH=${fake.githubToken}\n` });
  const work = tempDir();
  // Named as a list made elsewhere would name them: relative to where the scans run.
  const names = [three, one, clean, five, two].map((repo) => relative(work, repo.dir));
  writeFileSync(join(work, 'repos.txt'), `# the team's repositories\n${names.join('\n')}\n\n`);

  it('N shard processes, merged, give the single run\'s JSON report byte for byte', async () => {
    const single = await leakwatch(['scan', '--repos-from', 'repos.txt', '-f', 'json', '-o', 'all.json'], work);
    assert.equal(single.code, 1, single.stderr);
    const all = readFileSync(join(work, 'all.json'), 'utf8');
    const findings = JSON.parse(all) as Array<{ repository: string }>;
    assert.equal(new Set(findings.map((finding) => finding.repository)).size, 4);
    assert.deepEqual(findings.map((finding) => finding.repository), [...findings.map((finding) => finding.repository)].sort(), 'repositories in name order');
    assert.ok(findings.every((finding) => names.includes(finding.repository)), 'named as listed');
    for (const count of [2, 3]) {
      const shards = await Promise.all(Array.from({ length: count }, (_, index) => leakwatch(
        ['scan', '--repos-from', 'repos.txt', '--shard', `${index}/${count}`, '-f', 'json', '-o', `shard-${count}-${index}.json`], work)));
      for (const shard of shards) assert.ok(shard.code === 0 || shard.code === 1, shard.stderr);
      const merged = await leakwatch(['merge', ...shards.map((_, index) => `shard-${count}-${index}.json`), '-o', `merged-${count}.json`], work);
      assert.equal(merged.code, 1, merged.stderr);
      assert.equal(readFileSync(join(work, `merged-${count}.json`), 'utf8'), all, `${count} shards`);
    }
    // JSON Lines shards merge to the same report too.
    for (const index of [0, 1]) assert.ok([0, 1].includes((await leakwatch(['scan', '--repos-from', 'repos.txt', '--shard', `${index}/2`, '-f', 'jsonl', '-o', `l${index}.jsonl`], work)).code));
    const fromLines = await leakwatch(['merge', 'l0.jsonl', 'l1.jsonl'], work);
    assert.equal(fromLines.stdout, all);
  });

  it('names a repository that cannot be scanned, reports the others, and exits 2', async () => {
    const missing = join(tempDir(), 'gone');
    const run = await runCli(['scan', one.dir, missing, two.dir, '-f', 'json'], { env: {} });
    assert.equal(run.code, 2);
    assert.match(run.stderr, new RegExp(`repository ${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} not scanned`));
    const repositories = new Set((JSON.parse(run.stdout) as Array<{ repository: string }>).map((finding) => finding.repository));
    assert.deepEqual([...repositories].sort(), [one.dir, two.dir].sort());
  });

  it('prints the share a shard would scan, to clone it first', async () => {
    const printed = await Promise.all([0, 1].map((index) => leakwatch(['scan', '--repos-from', 'repos.txt', '--shard', `${index}/2`, '--print-repos'], work)));
    assert.deepEqual(printed.map((run) => run.code), [0, 0]);
    assert.deepEqual(printed.map((run) => run.stdout.split('\n').filter((line) => line !== '')), [0, 1].map((index) => repositoriesToScan(names, { index, count: 2 })));
  });

  it('exits 0 when no repository holds anything', async () => {
    const run = await runCli(['scan', clean.dir, '--shard', '0/1', '-f', 'json'], { env: {} });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '[]\n');
  });

  it('writes SARIF with one run per repository, findings or not, each with its own automation id', async () => {
    const run = await runCli(['scan', one.dir, clean.dir, two.dir, '-f', 'sarif'], { env: {} });
    assert.equal(run.code, 1, run.stderr);
    const log = JSON.parse(run.stdout) as { runs: Array<{ automationDetails: { id: string }; properties: { repository: string }; results: unknown[]; tool: { driver: { rules: unknown[] } } }> };
    const order = [one.dir, clean.dir, two.dir].sort();
    assert.deepEqual(log.runs.map((each) => each.properties.repository), order);
    assert.deepEqual(log.runs.map((each) => each.automationDetails.id), order.map((name) => `leakwatch/${name}/`));
    assert.deepEqual(log.runs.map((each) => each.results.length > 0), order.map((name) => name !== clean.dir));
    assert.ok(log.runs.every((each) => each.tool.driver.rules.length > 10));
  });

  it('merges JSON shards into SARIF with a run for every listed repository', async () => {
    for (const index of [0, 1]) await leakwatch(['scan', '--repos-from', 'repos.txt', '--shard', `${index}/2`, '-f', 'json', '-o', `s${index}.json`], work);
    const merged = await leakwatch(['merge', 's0.json', 's1.json', '-f', 'sarif', '--repos-from', 'repos.txt'], work);
    assert.equal(merged.code, 1, merged.stderr);
    const log = JSON.parse(merged.stdout) as { runs: Array<{ properties: { repository: string } }> };
    assert.deepEqual(log.runs.map((each) => each.properties.repository), [...names].sort());
  });

  for (const format of FORMAT_NAMES) {
    it(`${format}: names each finding's repository, and shows no raw value`, async () => {
      const run = await runCli(['scan', one.dir, two.dir, '-f', format, '--color', 'never'], { env: {} });
      assert.equal(run.code, 1, run.stderr);
      for (const repo of [one, two]) assert.ok(run.stdout.includes(repo.dir), `${format} names ${repo.dir}`);
      assertNoRawValues(run.stdout, format);
    });
  }

  it('keeps a scan of one repository as it was: no repository field', async () => {
    const run = await runCli(['scan', one.dir, '-f', 'json'], { env: {} });
    assert.equal(run.code, 1);
    assert.equal(run.stdout.includes('"repository"'), false);
  });

  it('refuses what does not fit several repositories, and overlapping or single-repository reports to merge', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['scan', one.dir, two.dir, '--staged'], /--staged cannot be used with several repositories/],
      [['scan', one.dir, '--repos-from', join(work, 'repos.txt')], /--repos-from names the repositories/],
      [['scan', one.dir, '--shard', '2/2'], /K counts from 0/],
      [['scan', '--repos-from', join(work, 'nowhere.txt')], /cannot read the list of repositories/],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(args, { env: {} });
      assert.equal(run.code, 2, args.join(' '));
      assert.match(run.stderr, message);
    }
    writeFileSync(join(work, 'plain.json'), (await runCli(['scan', one.dir, '-f', 'json'], { env: {} })).stdout);
    const plain = await runCli(['merge', join(work, 'plain.json')], { env: {} });
    assert.equal(plain.code, 2);
    assert.match(plain.stderr, /a finding has no repository/);
    const twice = await runCli(['merge', join(work, 'all.json'), join(work, 's0.json')], { env: {} });
    assert.equal(twice.code, 2);
    assert.match(twice.stderr, /is in both .*all\.json and .*s0\.json/);
  });
});
