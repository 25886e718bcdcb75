// One leak, one finding: a secret kept through many edits, copied to another
// file, or matched by two rules is reported once, with every other place it
// appeared; its id is stable across runs and unrelated commits, and two scans
// of the same repository write byte-identical JSON.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { FixtureRepo, tempDir } from '../../fixtures/repo.js';
import { fake } from '../../fixtures/secrets.js';
import RE2 from 're2';
import { Detector } from '../../src/detect/detector.js';
import { FindingCollector } from '../../src/engine/collector.js';
import type { CommitInfo } from '../../src/model/types.js';
import { compileAllowlist } from '../../src/rules/allowlist.js';
import { loadRuleSet, type Rule } from '../../src/rules/compile.js';
import { IdKey } from '../../src/model/fingerprint.js';

interface JsonFinding {
  id: string;
  ruleId: string;
  path: string;
  line: number;
  commit: string;
  occurrenceCount: number;
  occurrences: Array<{ commit: string; path: string; line: number; column: number; date: string }>;
}

const repos: FixtureRepo[] = [];
after(() => {
  for (const repo of repos) repo.remove();
});

/** A settings file edited 20 times after a token went in; each edit adds lines above it, so its line moves. */
function editedTwentyTimes(): { repo: FixtureRepo; added: string } {
  const repo = FixtureRepo.create();
  repos.push(repo);
  repo.commit('start', { 'settings.py': 'DEBUG = False\n' });
  let header = '';
  const body = (): string => `${header}DEBUG = False\nGITHUB_TOKEN = "${fake.githubToken}"\n`;
  const added = repo.commit('add token', { 'settings.py': body() });
  for (let edit = 1; edit <= 20; edit += 1) {
    header += `# note ${edit}\n`;
    repo.commit(`edit ${edit}`, { 'settings.py': body() });
  }
  return { repo, added };
}

async function json(...args: string[]): Promise<{ code: number; text: string; findings: JsonFinding[] }> {
  const result = await runCli(['scan', ...args, '--format', 'json'], { env: {} });
  assert.notEqual(result.code, 2, result.stderr);
  return { code: result.code, text: result.stdout, findings: JSON.parse(result.stdout) as JsonFinding[] };
}

describe('one leak, one finding', () => {
  it('a token kept through 20 edits that move its line is one finding with its later versions as occurrences', async () => {
    const { repo, added } = editedTwentyTimes();
    const { findings } = await json(repo.dir);
    assert.equal(findings.length, 1);
    const [finding] = findings;
    assert.equal(finding?.ruleId, 'github-token');
    assert.equal(finding?.commit, added);
    assert.equal(finding?.line, 2);
    assert.ok((finding?.occurrenceCount ?? 0) <= 20 && (finding?.occurrenceCount ?? 0) > 0);
    assert.equal(finding?.occurrences.length, finding?.occurrenceCount);
    assert.deepEqual(finding?.occurrences.map((o) => o.line), Array.from({ length: 20 }, (_, i) => i + 3), 'oldest first, the line moving down');
  });

  it('the same token copied into a second file is one finding listing both paths', async () => {
    const repo = FixtureRepo.create();
    repos.push(repo);
    repo.commit('add', { 'deploy/ci.env': `GH_TOKEN=${fake.githubToken}\n` });
    repo.commit('copy', { 'scripts/release.sh': `#!/bin/sh\nexport GH_TOKEN=${fake.githubToken}\n` });
    const { findings } = await json(repo.dir);
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.path, 'deploy/ci.env');
    assert.deepEqual(findings[0]?.occurrences.map((o) => `${o.path}:${o.line}`), ['scripts/release.sh:2']);
    const table = await runCli(['scan', repo.dir], { env: {} });
    assert.match(table.stdout, /1 place, 1 other file/);
  });

  it('a provider token also matched by a generic rule is one finding under the provider rule', async () => {
    const repo = FixtureRepo.create();
    repos.push(repo);
    repo.commit('add', { 'config.yml': `api_token: "${fake.githubToken}"\npassword: "${fake.password}"\n` });
    const { findings } = await json(repo.dir);
    assert.deepEqual(findings.map((f) => f.ruleId).sort(), ['generic-password', 'github-token']);
  });

  it('two runs write byte-identical JSON; the id survives unrelated commits and is what baselines use', async () => {
    const { repo } = editedTwentyTimes();
    repo.commit('copy', { 'other.env': `T=${fake.githubToken}\n`, 'aws.env': `aws_secret_access_key = ${fake.awsSecret}\n` });
    const first = await json(repo.dir);
    const second = await json(repo.dir, '--threads', '2');
    assert.equal(second.text, first.text);
    const id = first.findings.find((f) => f.ruleId === 'github-token')?.id;
    assert.match(id ?? '', /^github-token:[0-9a-f]{16}$/);
    repo.commit('unrelated', { 'README.md': '# project\n' });
    const later = await json(repo.dir);
    assert.equal(later.findings.find((f) => f.ruleId === 'github-token')?.id, id);

    const baseline = join(tempDir('leakwatch-baseline-'), 'baseline.json');
    await runCli(['scan', repo.dir, '--format', 'json', '--output', baseline], { env: {} });
    assert.ok(readFileSync(baseline, 'utf8').includes(id ?? 'missing'));
    // The baselined token copied into yet another file is the same leak: still known.
    repo.commit('another copy', { 'tools/token.txt': `${fake.githubToken}\n` });
    const known = await runCli(['scan', repo.dir, '--baseline', baseline], { env: {} });
    assert.equal(known.code, 0, known.stderr);
  });

  it('SARIF: one result per finding, its other places as related locations', async () => {
    const { repo } = editedTwentyTimes();
    const result = await runCli(['scan', repo.dir, '--format', 'sarif'], { env: {} });
    const sarif = JSON.parse(result.stdout) as { runs: Array<{ results: Array<{ partialFingerprints: Record<string, string>; relatedLocations?: unknown[]; properties: { occurrenceCount: number } }> }> };
    const results = sarif.runs[0]?.results ?? [];
    assert.equal(results.length, 1);
    assert.equal(results[0]?.relatedLocations?.length, 20);
    assert.equal(results[0]?.properties.occurrenceCount, 20);
    assert.match(results[0]?.partialFingerprints['leakwatch/v3'] ?? '', /^[0-9a-f]{32}$/);
  });
});

const KEY = new IdKey('k'.repeat(32));

describe('finding collector', () => {
  const detector = new Detector(loadRuleSet());
  const matches = detector.detectText(Buffer.from(`token: ${fake.githubToken}\n`));
  const commit = (n: number): CommitInfo => ({ oid: String(n).repeat(40).slice(0, 40), parents: [], committerTime: n, author: 'a', email: 'e', date: '', subject: `c${n}` });
  const place = (age: number, path: string) => ({ commit: commit(age), age, path, replaced: [] });
  const summary = (collector: FindingCollector): string[][] => collector.findings(() => KEY).map((f) => [`${f.path}@${f.commit?.subject}`, ...f.occurrences.map((o) => `${o.path}@${o.commit?.subject}`)]);

  it('makes the oldest place the finding and the others its occurrences, oldest first, each once, whatever the order added', () => {
    const orders = [[5, 2, 9, 2], [9, 2, 2, 5], [2, 5, 9, 2]];
    const results = orders.map((ages) => {
      const collector = new FindingCollector((id) => detector.rule(id));
      for (const age of ages) collector.add(matches, [place(age, age === 9 ? 'copy.env' : 'a.env')]);
      return summary(collector);
    });
    assert.deepEqual(results[0], [['a.env@c2', 'a.env@c5', 'copy.env@c9']]);
    assert.deepEqual(results[1], results[0]);
    assert.deepEqual(results[2], results[0]);
  });

  it('keeps a rule to its path filter and honours allowlists that name a place', () => {
    const base = detector.rule('github-token') as Rule;
    const onlyEnv: Rule = { ...base, pathFilter: new RE2('\\.env$') };
    const notInDocs: Rule = { ...base, allowlists: [compileAllowlist({ description: '', paths: ['docs/'], pathRegexes: [], regexes: [], regexTarget: 'secret', stopwords: [], commits: [commit(3).oid], requireAll: false })] };
    const filtered = new FindingCollector(() => onlyEnv);
    filtered.add(matches, [place(1, 'a.py'), place(2, 'b.env')]);
    assert.deepEqual(summary(filtered), [['b.env@c2']]);
    const allowed = new FindingCollector(() => notInDocs);
    allowed.add(matches, [place(1, 'docs/x.md'), place(3, 'a.env'), place(4, 'b.env')]);
    assert.deepEqual(summary(allowed), [['b.env@c4']]);
  });
});
