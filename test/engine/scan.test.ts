// scan() from code: what it is given (a configuration, threads) decides its
// findings exactly as the CLI's flags do. Both cases below failed before the
// rule set became data: a configuration was ignored on one thread, and with
// two threads the workers built rules without it and the process crashed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scan } from '../../src/engine/scan.js';
import { loadConfig } from '../../src/rules/config.js';
import type { Finding } from '../../src/model/types.js';
import { FixtureRepo } from '../../fixtures/repo.js';
import { fake } from '../../fixtures/secrets.js';
import { runCli } from '../helpers/cli.js';

const summary = (findings: readonly Finding[]): string[] => findings.map((f) => `${f.ruleId} ${f.path}:${f.line}`);

function configuredRepo(): FixtureRepo {
  const repo = FixtureRepo.create();
  // A custom rule, a disabled built-in, and a global allowlist: each changes what is found.
  repo.write('.leakwatch.toml', [
    '[extend]',
    'disabledRules = ["email"]',
    '',
    '[[rules]]',
    'id = "acme-ticket-key"',
    'description = "ACME ticketing key"',
    'category = "secret"',
    "regex = '''acme_[a-z0-9]{24}'''",
    'keywords = ["acme_"]',
    '',
    '[allowlist]',
    'paths = ["vendor/"]',
    '',
  ].join('\n'));
  const acme = ['acme', '_', 'k3y9', 'x7q2', 'm4p8', 'z1w6', 'r5t0', 'b2n9'].join('');
  for (let i = 0; i < 6; i += 1) {
    repo.commit(`change ${i}`, {
      [`services/s${i}.env`]: `TICKETS=${acme}\nGH=${fake.githubToken}\nowner ${fake.email}\n`,
      'vendor/lib.env': `AWS_SECRET_ACCESS_KEY=${fake.awsSecret}\nversion ${i}\n`,
    });
  }
  return repo;
}

describe('scan() from code', () => {
  it('with a configuration: the CLI\'s findings, on one thread and on two', async () => {
    const repo = configuredRepo();
    const cli = await runCli(['scan', repo.dir, '-f', 'json', '--threads', '1'], { env: {} });
    assert.equal(cli.code, 1, cli.stderr);
    const expected = (JSON.parse(cli.stdout) as Array<{ ruleId: string; path: string; line: number }>).map((f) => `${f.ruleId} ${f.path}:${f.line}`);
    assert.ok(expected.some((line) => line.startsWith('acme-ticket-key ')), 'the custom rule reports');
    assert.ok(!expected.some((line) => line.startsWith('email ')), 'the disabled rule does not');
    assert.ok(!expected.some((line) => line.includes('vendor/')), 'the allowlisted path does not');

    const config = loadConfig(repo.dir, undefined);
    for (const threads of [1, 2]) {
      const result = await scan({ source: { kind: 'history', path: repo.dir }, config, threads });
      assert.deepEqual(summary(result.findings), expected, `threads ${threads}`);
    }
  });

  it('without a configuration: the built-in rules, the same on one thread and on two', async () => {
    const repo = configuredRepo();
    const one = await scan({ source: { kind: 'history', path: repo.dir }, threads: 1, confidence: 'low' });
    const two = await scan({ source: { kind: 'history', path: repo.dir }, threads: 2, confidence: 'low' });
    assert.ok(summary(one.findings).some((line) => line.startsWith('email ')));
    assert.ok(!summary(one.findings).some((line) => line.startsWith('acme-ticket-key ')));
    assert.deepEqual(summary(two.findings), summary(one.findings));
  });

  it('says what it scanned, for summaries', async () => {
    const repo = configuredRepo();
    const whole = await scan({ source: { kind: 'history', path: repo.dir } });
    assert.equal(whole.scope, 'the whole history');
    assert.equal(whole.counted, `6 commits, ${whole.summary.blobs} unique blobs`);
    const range = await scan({ source: { kind: 'history', path: repo.dir, range: 'HEAD~2..HEAD' } });
    assert.equal(range.scope, 'range HEAD~2..HEAD');
    const files = await scan({ source: { kind: 'directory', path: repo.dir } });
    assert.equal(files.scope, `the files of ${repo.dir}`);
    assert.equal(files.counted, `${files.summary.blobs} files`);
  });
});

describe('confidence floor', () => {
  function mixedRepo(): FixtureRepo {
    const repo = FixtureRepo.create();
    repo.commit('config and fixtures', {
      'deploy/ci.env': `GH_TOKEN=${fake.githubToken}\n`,
      'test/fixtures/keys.env': `AWS_SECRET_ACCESS_KEY=${fake.awsSecret} # fake\n`,
      'package.json': `{ "author": "Joana <${fake.email}>" }\n`,
      'data/customers.csv': `name,cpf\nJoana,${fake.cpfValid}\n`,
    });
    // The same token later in a test folder: the surest place still decides.
    repo.commit('copy', { 'test/fixtures/copy.env': `GH_TOKEN=${fake.githubToken}\n` });
    return repo;
  }

  it('reports medium and high by default, everything with low, only the surest with high; counts the rest', async () => {
    const repo = mixedRepo();
    const at = async (confidence?: 'low' | 'medium' | 'high'): Promise<string[]> => {
      const result = await scan({ source: { kind: 'history', path: repo.dir }, confidence });
      assert.equal(result.summary.belowConfidence + result.findings.length, 4);
      return result.findings.map((f) => `${f.ruleId} ${f.path} ${f.confidence}`);
    };
    assert.deepEqual(await at(), ['cpf data/customers.csv medium', 'github-token deploy/ci.env high']);
    assert.deepEqual(await at('low'), ['cpf data/customers.csv medium', 'github-token deploy/ci.env high', 'email package.json low', 'aws-secret-access-key test/fixtures/keys.env low']);
    assert.deepEqual(await at('high'), ['github-token deploy/ci.env high']);
  });

  it('gives the same confidence and reasons whatever the threads and the order blobs are read in', async () => {
    const repo = mixedRepo();
    const seen = async (threads: number): Promise<string> => JSON.stringify((await scan({ source: { kind: 'history', path: repo.dir }, confidence: 'low', threads, reuse: threads === 1 })).findings.map((f) => [f.ruleId, f.confidence, f.reasons]));
    assert.equal(await seen(2), await seen(1));
  });
});

describe('files reported by name', () => {
  it('reports a keystore and a real .env once per path, binary or not, each later commit a place; never .env.example', async () => {
    const repo = FixtureRepo.create();
    const binary = Buffer.from([0xfe, 0xed, 0xfe, 0xed, 0, 0, 0, 2, 0, 1, 2, 3]);
    repo.commit('signing', { 'android/app/release.keystore': binary, '.env.example': 'API_KEY=\n' });
    repo.commit('settings', { '.env': 'LOG_LEVEL=debug\n' });
    repo.commit('more settings', { '.env': 'LOG_LEVEL=info\n' });
    const result = await scan({ source: { kind: 'history', path: repo.dir }, confidence: 'low' });
    const files = result.findings.filter((f) => f.ruleId.endsWith('-file'));
    assert.deepEqual(files.map((f) => `${f.ruleId} ${f.path} ${f.occurrences.length} ${f.confidence}`), ['keystore-file android/app/release.keystore 0 high', 'dotenv-file .env 1 medium']);
    assert.equal(result.summary.binarySkipped, 1, 'the keystore itself is binary: not searched, still reported');
    assert.ok(result.rules.some((rule) => rule.id === 'keystore-file'), 'reports list path-only rules too');

    // Part of a history: only a file it brings where none was.
    const range = await scan({ source: { kind: 'history', path: repo.dir, range: 'HEAD~1..HEAD' }, confidence: 'low' });
    assert.deepEqual(range.findings.filter((f) => f.ruleId.endsWith('-file')).map((f) => f.ruleId), []);
    const added = await scan({ source: { kind: 'history', path: repo.dir, range: 'HEAD~2..HEAD' }, confidence: 'low' });
    assert.deepEqual(added.findings.filter((f) => f.ruleId.endsWith('-file')).map((f) => f.path), ['.env']);

    // Files on disk and the staged index name them too.
    const onDisk = await scan({ source: { kind: 'directory', path: repo.dir }, confidence: 'low' });
    assert.deepEqual(onDisk.findings.filter((f) => f.ruleId.endsWith('-file')).map((f) => f.path).sort(), ['.env', 'android/app/release.keystore']);
    repo.write('certs/server.p12', binary);
    repo.git('add', 'certs/server.p12');
    const staged = await scan({ source: { kind: 'staged', path: repo.dir }, confidence: 'low' });
    assert.deepEqual(staged.findings.map((f) => `${f.ruleId} ${f.path}`), ['pkcs12-file certs/server.p12']);
  });
});
