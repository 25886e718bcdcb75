// The CLI end to end: formats, exit codes, report files, errors, and above
// all that no output of any format carries a raw secret unless asked.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { FORMAT_NAMES } from '../../src/report/registry.js';
import { buildHistoryFixture, type HistoryFixture } from '../../fixtures/history-fixture.js';
import { FixtureRepo, tempDir } from '../../fixtures/repo.js';
import { fake } from '../../fixtures/secrets.js';
import { secretHash } from '../../src/model/fingerprint.js';
import { resolveIdKey } from '../../src/engine/id-key.js';
import { assertNoRawValues, BIN, runCli, type CliRun } from '../helpers/cli.js';
import { fileURLToPath } from 'node:url';

const SARIF_SCHEMA = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'test', 'data', 'sarif-schema-2.1.0.json');

/** The environment of a run on a laptop, even when these tests run inside GitHub Actions. */
const LOCAL_ENV: NodeJS.ProcessEnv = { ...process.env, GITHUB_ACTIONS: '' };

async function run(args: string[], stderrIsTTY = false): Promise<CliRun> {
  return runCli(args, { stderrIsTTY, env: {} });
}

describe('leakwatch scan (CLI)', () => {
  let fixture: HistoryFixture;
  before(() => {
    fixture = buildHistoryFixture();
  });
  after(() => fixture.repo.remove());

  for (const format of FORMAT_NAMES) {
    it(`prints ${format} with every secret masked, and exits 1 on findings`, async () => {
      const { code, stdout, stderr } = await run(['scan', fixture.repo.dir, '--format', format]);
      assert.equal(code, 1);
      assert.ok(stdout.length > 0);
      assertNoRawValues(stdout, `${format} stdout`);
      assertNoRawValues(stderr, `${format} stderr`);
      assert.match(stderr, /scanned \d+ commits, \d+ unique blobs .*: 10 findings/);
    });
  }

  it('writes JSON findings with the documented fields and masks', async () => {
    const { stdout } = await run(['scan', fixture.repo.dir, '-f', 'json']);
    const findings = JSON.parse(stdout) as Array<Record<string, unknown>>;
    assert.equal(findings.length, 10);
    const fields = ['ruleId', 'category', 'description', 'path', 'line', 'column', 'commit', 'author', 'email', 'date', 'message', 'secret', 'match', 'fingerprint'];
    for (const finding of findings) for (const field of fields) assert.ok(field in finding, `missing ${field}`);
    const by = (rule: string) => findings.find((f) => f.ruleId === rule);
    assert.equal(by('github-token')?.secret, 'ghp_****');
    assert.equal(by('email')?.secret, 'j***a@provedor.com.br');
    assert.equal(by('cpf')?.secret, '***.***.***-94');
    assert.equal(by('generic-password')?.secret, '****');
    const aws = by('aws-access-key-id');
    // rule:path:keyed hash of the secret — no line, no commit, no raw value; the key is the repository's own.
    assert.equal(aws?.fingerprint, `aws-access-key-id:config/app.env:${secretHash(fake.awsKeyId, resolveIdKey(fixture.repo.dir).key)}`);
    assert.equal(aws?.author, 'Ana Lima');
    assert.equal(aws?.message, 'add config');
    assert.equal(aws?.match, 'AWS_ACCESS_KEY_ID=AKIA****');
  });

  it('validates SARIF output against the official 2.1.0 schema', async () => {
    const { stdout } = await run(['scan', fixture.repo.dir, '-f', 'sarif']);
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false });
    const validate = ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA, 'utf8')) as object);
    const log = JSON.parse(stdout) as { runs: Array<{ results: unknown[] }> };
    assert.equal(validate(log), true, JSON.stringify(validate.errors?.slice(0, 3)));
    assert.equal(log.runs[0]?.results.length, 10);
  });

  it('shows raw values only with --no-redact', async () => {
    const { stdout } = await run(['scan', fixture.repo.dir, '-f', 'json', '--no-redact']);
    assert.ok(stdout.includes(fake.githubToken));
    assert.ok(stdout.includes(fake.email));
  });

  it('writes --output files with mode 0600, also over an existing file', async () => {
    const file = join(tempDir(), 'report.json');
    writeFileSync(file, 'old', { mode: 0o644 });
    const { code, stdout } = await run(['scan', fixture.repo.dir, '-f', 'json', '-o', file]);
    assert.equal(code, 1);
    assert.equal(stdout, '');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assertNoRawValues(readFileSync(file, 'utf8'), 'report file');
    assert.equal((JSON.parse(readFileSync(file, 'utf8')) as unknown[]).length, 10);
  });

  it('exits 0 on a clean repository', async () => {
    const repo = FixtureRepo.create();
    repo.commit('clean', { 'a.txt': 'hello\n' });
    const { code, stdout } = await run(['scan', repo.dir]);
    assert.equal(code, 0);
    assert.equal(stdout, 'No leaks found.\n');
    repo.remove();
  });

  it('draws no progress line when stderr is not a terminal', async () => {
    const { stderr } = await run(['scan', fixture.repo.dir, '-f', 'json']);
    assert.equal(stderr.includes('\r'), false);
  });
});

describe('CLI errors', () => {
  it('exits 2 with one line naming a path that is not a repository', async () => {
    const dir = tempDir();
    const { code, stderr } = await run(['scan', dir]);
    assert.equal(code, 2);
    assert.equal(stderr, `leakwatch: ${dir} is not a git repository (use --no-git to scan its files)\n`);
  });

  it('exits 2 naming a missing path', async () => {
    const { code, stderr } = await run(['scan', '/nonexistent/leakwatch-path']);
    assert.equal(code, 2);
    assert.equal(stderr, 'leakwatch: /nonexistent/leakwatch-path: no such file or directory\n');
  });

  it('exits 2 on an unknown format or option', async () => {
    const bad = await run(['scan', '.', '--format', 'xml']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^leakwatch: .*format.*\n$/);
    assert.equal((await run(['scan', '.', '--frmat', 'json'])).code, 2);
  });

  it('exits 2 naming the rule file and rule whose regex RE2 rejects', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'mine.toml'), `[[rules]]\nid = "bad-one"\ndescription = "x"\ncategory = "secret"\nregex = '''a(?=b)'''\n`);
    const { code, stderr } = await run(['scan', '.', '--patterns', dir]);
    assert.equal(code, 2);
    assert.match(stderr, /^leakwatch: \S+\/mine\.toml: rule bad-one: regex does not compile with RE2: .*\n$/);
  });

  it('prints no stack trace from the binary unless --debug', () => {
    const dir = tempDir();
    const plain = spawnSync(process.execPath, [BIN, 'scan', dir], { encoding: 'utf8', env: LOCAL_ENV });
    assert.equal(plain.status, 2);
    assert.equal(plain.stderr.split('\n').filter((line) => line !== '').length, 1);
    const debug = spawnSync(process.execPath, [BIN, 'scan', dir, '--debug'], { encoding: 'utf8', env: LOCAL_ENV });
    assert.equal(debug.status, 2);
    assert.match(debug.stderr, /\n\s+at /);
  });

  it('runs from the binary and exits 1 on findings', () => {
    const repo = FixtureRepo.create();
    repo.commit('leak', { 'x.env': `password=${fake.password}\n` });
    const result = spawnSync(process.execPath, [BIN, 'scan', repo.dir, '-f', 'jsonl'], { encoding: 'utf8', env: LOCAL_ENV });
    assert.equal(result.status, 1);
    assert.equal(result.stdout.trim().split('\n').length, 1);
    assertNoRawValues(result.stdout + result.stderr, 'binary output');
    assert.equal(execFileSync('git', ['-C', repo.dir, 'status', '--porcelain'], { encoding: 'utf8' }), '');
    repo.remove();
  });
});

describe('--only', () => {
  it('keeps the rules of one category', async () => {
    const fixture = buildHistoryFixture();
    for (const [category, expected] of [['pii', ['cpf', 'email']], ['secret', ['aws-access-key-id', 'aws-secret-access-key', 'generic-password', 'github-token', 'private-key', 'url-credentials']]] as const) {
      const { stdout } = await run(['scan', fixture.repo.dir, '-f', 'json', '--only', category]);
      const rules = [...new Set((JSON.parse(stdout) as Array<{ ruleId: string }>).map((f) => f.ruleId))].sort();
      assert.deepEqual(rules, expected);
    }
    fixture.repo.remove();
  });
});

describe('--scan-binary', () => {
  it('counts binary blobs by default and searches their printable runs when asked', async () => {
    const repo = FixtureRepo.create();
    repo.commit('binary', { 'app.bin': Buffer.concat([Buffer.from([0, 1, 2, 0xff]), Buffer.from(`key=${fake.githubToken}\n`), Buffer.from([0, 0])]) });
    const skipped = await run(['scan', repo.dir, '-f', 'json']);
    assert.equal(skipped.code, 0);
    assert.match(skipped.stderr, /not scanned: 1 binary/);
    const scanned = await run(['scan', repo.dir, '-f', 'json', '--scan-binary']);
    assert.equal(scanned.code, 1);
    assert.deepEqual((JSON.parse(scanned.stdout) as Array<{ ruleId: string }>).map((f) => f.ruleId), ['github-token']);
    repo.remove();
  });
});

describe('broken pipe', () => {
  it('exits quietly when the reader stops early', () => {
    const repo = FixtureRepo.create();
    repo.commit('leaks', Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`f${i}.env`, `password=${fake.password}${i}\n`])));
    const result = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" scan "${repo.dir}" -f jsonl | head -c 10 > /dev/null; exit \${PIPESTATUS:-0}`], { encoding: 'utf8', env: LOCAL_ENV });
    assert.doesNotMatch(result.stderr, /Unhandled|at .*\.js/);
    repo.remove();
  });
});

describe('a lone - on the command line', () => {
  it('means standard input where a command reads it (scan -, --files-from -, --files-from=-), and is kept as "-" elsewhere', async () => {
    const fromList = await runCli(['scan', '.', '--files-from', '-', '-f', 'json'], { env: {}, stdin: 'package.json\n' });
    assert.equal(fromList.code, 0, fromList.stderr);
    const withEquals = await runCli(['scan', '.', '--files-from=-', '-f', 'json'], { env: {}, stdin: 'package.json\n' });
    assert.equal(withEquals.code, 0, withEquals.stderr);
    const config = await runCli(['scan', '.', '-c', '-'], { env: {} });
    assert.equal(config.code, 2);
    assert.equal(config.stderr, 'leakwatch: -: cannot read (ENOENT)\n');
    const rules = await runCli(['rules', '-'], { env: {} });
    assert.equal(rules.code, 2);
    assert.match(rules.stderr, /^leakwatch: leakwatch rules reads no standard input/);
  });
});

describe('--confidence', () => {
  it('sets the floor (default medium), says how many findings it left out, and every format carries confidence and reasons', async () => {
    const repo = FixtureRepo.create();
    repo.commit('files', { 'deploy/ci.env': `GH_TOKEN=${fake.githubToken}\n`, 'package.json': `{ "author": "Joana <${fake.email}>" }\n` });
    const byDefault = await runCli(['scan', repo.dir, '-f', 'json'], { env: {} });
    const found = JSON.parse(byDefault.stdout) as Array<{ ruleId: string; confidence: string; reasons: string[] }>;
    assert.deepEqual(found.map((f) => [f.ruleId, f.confidence]), [['github-token', 'high']]);
    assert.ok(found[0]?.reasons.includes('a provider\'s key format'));
    assert.match(byDefault.stderr, /: 1 finding \(and 1 below medium confidence, shown by --confidence low\)/);
    const all = await runCli(['scan', repo.dir, '-f', 'sarif', '--confidence', 'low'], { env: {} });
    const results = (JSON.parse(all.stdout) as { runs: Array<{ results: Array<{ ruleId: string; level: string; rank: number }> }> }).runs[0]?.results ?? [];
    assert.deepEqual(results.map((r) => [r.ruleId, r.level, r.rank]), [['github-token', 'error', 90], ['email', 'note', 30]]);
    const csv = await runCli(['scan', repo.dir, '-f', 'csv', '--confidence', 'low'], { env: {} });
    assert.match(csv.stdout, /,email,pii,low,a project contact file,/);
    const bad = await runCli(['scan', repo.dir, '--confidence', 'sure'], { env: {} });
    assert.equal(bad.code, 2);
  });
});
