// Issue 13, item 6: leakwatch's own files never trip it. Teams commit a baseline and often reports;
// every format is masked, so a later scan of the repository must find nothing in them at any
// confidence, while a real secret pasted into one by hand is still found. The history scanned
// first holds every built-in rule's own examples beside the audit fixture (several authors,
// addresses, a CPF, a private key), so each rule's masked form, id and fingerprint is in the reports.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { buildAuditFixture } from '../../fixtures/audit-repo.js';
import { FixtureRepo, tempDir } from '../../fixtures/repo.js';
import { fake } from '../../fixtures/secrets.js';
import { FORMAT_NAMES } from '../../src/report/registry.js';
import { loadRuleSet } from '../../src/rules/compile.js';

/** One key for both scans: ids are then the same from run to run, and so is what this test sees. */
const env = { LEAKWATCH_ID_KEY: ['own-files-test-key-', 'not-a-secret-0123456789'].join('') };

interface JsonFinding {
  ruleId: string;
  path: string;
  line: number;
  match: string;
}

/** The audit history with one more commit: every rule's `examples.match`, one file per rule. */
function leakyHistory(): FixtureRepo {
  const { repo } = buildAuditFixture();
  const files: Record<string, string> = {};
  for (const rule of loadRuleSet().rules) files[`config/${rule.id}.txt`] = `${rule.examples.match.join('\n\n')}\n`;
  repo.commit('rule examples', files);
  return repo;
}

/** Every report format and a baseline of `repo`, at the lowest confidence: file name -> text. */
async function ownOutputs(repo: FixtureRepo): Promise<Map<string, string>> {
  const dir = tempDir('leakwatch-own-outputs-');
  const outputs = new Map<string, string>();
  for (const format of FORMAT_NAMES) {
    const file = join(dir, `leakwatch-report.${format}`);
    const run = await runCli(['scan', repo.dir, '--confidence', 'low', '--format', format, '--output', file], { env });
    assert.equal(run.code, 1, run.stderr);
    outputs.set(`leakwatch-report.${format}`, readFileSync(file, 'utf8'));
  }
  const baseline = join(dir, '.leakwatch-baseline.json');
  const written = await runCli(['scan', repo.dir, '--confidence', 'low', '--write-baseline', baseline], { env });
  assert.equal(written.code, 0, written.stderr);
  outputs.set('.leakwatch-baseline.json', readFileSync(baseline, 'utf8'));
  return outputs;
}

async function scanLow(repo: FixtureRepo): Promise<JsonFinding[]> {
  const run = await runCli(['scan', repo.dir, '--confidence', 'low', '--format', 'json'], { env });
  assert.ok(run.code === 0 || run.code === 1, run.stderr);
  return JSON.parse(run.stdout) as JsonFinding[];
}

const described = (findings: readonly JsonFinding[]): string =>
  findings.map((f) => `${f.ruleId} ${f.path}:${f.line} ${JSON.stringify(f.match)}`).join('\n  ');

describe("leakwatch's own files", () => {
  it('a committed baseline and reports of every format are no findings at any confidence; a secret pasted into one is', async () => {
    const history = leakyHistory();
    const outputs = await ownOutputs(history);
    assert.ok((outputs.get('leakwatch-report.json')?.length ?? 0) > 100_000, 'the reports hold many findings');

    const project = FixtureRepo.create('leakwatch-own-project-');
    project.commit('commit leakwatch outputs', Object.fromEntries([...outputs].map(([name, text]) => [`reports/${name}`, text])));
    const clean = await scanLow(project);
    assert.deepEqual(clean.map((f) => `${f.ruleId} ${f.path}:${f.line}`), [], `findings in leakwatch's own files:\n  ${described(clean)}`);

    // A real secret added by hand: to the CSV report as a row, and to the baseline under a key that
    // looks like an id (a Vonage secret is 16 characters, as long as an id's hash).
    const vonage = ['Vq7Rt2', 'Lx9Kp4Wm3Z'].join('');
    project.commit('paste', {
      'reports/leakwatch-report.csv': `${outputs.get('leakwatch-report.csv') ?? ''}note,GH_TOKEN=${fake.githubToken}\n`,
      'reports/.leakwatch-baseline.json': (outputs.get('.leakwatch-baseline.json') ?? '').replace('"findings": [', `"findings": [\n    {"vonage_api_secret": "${vonage}"},`),
    });
    const pasted = await scanLow(project);
    assert.deepEqual(pasted.map((f) => `${f.ruleId} ${f.path}`).sort(), ['github-token reports/leakwatch-report.csv', 'vonage-api-secret reports/.leakwatch-baseline.json'], described(pasted));
  });

  it('a baseline holds no author, address, commit subject, secret or excerpt', async () => {
    const history = leakyHistory();
    const text = (await ownOutputs(history)).get('.leakwatch-baseline.json') ?? '';
    const baseline = JSON.parse(text) as { findings: Array<Record<string, unknown>> };
    assert.ok(baseline.findings.length > 100);
    for (const finding of baseline.findings) assert.deepEqual(Object.keys(finding), ['id', 'ruleId', 'path', 'line', 'commit']);
    const subjects = history.git('log', '--format=%s').split('\n');
    const authors = history.git('log', '--format=%an%n%ae').split('\n');
    const absent = [...subjects, ...authors, '@', '***', '****', 'AWS_', 'BEGIN', fake.awsKeyId, fake.githubToken, fake.password, fake.dbPassword, fake.email, fake.cpfValid, '-94'];
    for (const value of absent) assert.equal(text.includes(value), false, `the baseline holds ${JSON.stringify(value)}`);
  });
});
