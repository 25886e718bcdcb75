// The README cannot drift from the code: its example programs are the files in
// examples/ (which must run as it says), and its list of report formats is FORMATS.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { FixtureRepo } from '../fixtures/repo.js';
import { fake } from '../fixtures/secrets.js';
import { FORMATS } from '../src/index.js';
import { assertNoRawValues } from './helpers/cli.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const EXAMPLES = ['scan.ts', 'redact.ts', 'pino.ts', 'winston.ts'] as const;
/** The compiled examples, beside this compiled test in dist/. */
const compiled = (name: string): string => join(HERE, '..', 'examples', name);

/** The lines of the README section under `heading`, up to the next section of the same or a higher level. */
function section(heading: string): string[] {
  const lines = README.split('\n');
  const start = lines.indexOf(heading);
  assert.ok(start >= 0, `README has no "${heading}" section`);
  const end = lines.findIndex((line, at) => at > start && /^#{1,2} /.test(line));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** The code block that follows the README line introducing `examples/NAME`. */
function exampleBlock(name: string): string {
  const lines = section('## Use from code');
  const intro = lines.findIndex((line) => line.startsWith(`\`examples/${name}\``));
  assert.ok(intro >= 0, `Use from code does not introduce examples/${name}`);
  assert.equal(lines[intro + 1], '```ts', `examples/${name} is not followed by a ts code block`);
  const close = lines.indexOf('```', intro + 2);
  assert.ok(close > intro, `the code block of examples/${name} is not closed`);
  return `${lines.slice(intro + 2, close).join('\n')}\n`;
}

function run(script: string, args: string[], input = ''): { status: number | null; stdout: string; stderr: string } {
  const { status, stdout, stderr } = spawnSync(process.execPath, [compiled(script), ...args], { input, encoding: 'utf8' });
  return { status, stdout, stderr };
}

describe('README', () => {
  for (const name of EXAMPLES) {
    it(`shows examples/${name} as it is, importing from 'leakwatch'`, () => {
      const block = exampleBlock(name);
      assert.ok(block.includes("from 'leakwatch';"), `the README's ${name} does not import from 'leakwatch'`);
      const source = readFileSync(join(ROOT, 'examples', name), 'utf8');
      assert.ok(source.includes("from '../src/index.js';"), `examples/${name} does not import the public entry`);
      assert.equal(block.replaceAll("from 'leakwatch';", "from '../src/index.js';"), source);
    });
  }

  it('lists every report format in the Report formats table, in registry order, with its description', () => {
    const lines = section('## Report formats');
    assert.ok(lines.includes('| format | what it is |'), 'the table has no "| format | what it is |" header');
    const rows = lines.flatMap((line) => {
      const row = /^\| `([^`]+)` \| (.*) \|$/.exec(line);
      return row === null ? [] : [{ name: row[1], description: row[2] }];
    });
    assert.deepEqual(rows, FORMATS.map(({ name, description }) => ({ name, description })));
  });
});

describe('examples/scan.ts', () => {
  it('prints a masked JSON report of a repository with a secret and exits 1', () => {
    const repo = FixtureRepo.create();
    try {
      repo.commit('add deploy settings', { 'deploy/settings.env': `GITHUB_TOKEN=${fake.githubToken}\n` });
      const { status, stdout, stderr } = run('scan.js', [repo.dir]);
      assert.equal(status, 1, stderr);
      assert.equal(stdout.includes(fake.githubToken), false, 'the report holds the raw token');
      assertNoRawValues(stdout, 'stdout');
      assertNoRawValues(stderr, 'stderr');
      const report: unknown = JSON.parse(stdout);
      assert.ok(Array.isArray(report));
      assert.equal(report.length, 1);
      assert.deepEqual(
        report.map((finding: { ruleId?: unknown; path?: unknown; secret?: unknown }) => [finding.ruleId, finding.path, finding.secret]),
        [['github-token', 'deploy/settings.env', 'ghp_****']],
      );
    } finally {
      repo.remove();
    }
  });

  it('prints [] and exits 0 for a clean repository', () => {
    const repo = FixtureRepo.create();
    try {
      repo.commit('readme', { 'README.md': 'Nothing to see here.\n' });
      const { status, stdout, stderr } = run('scan.js', [repo.dir]);
      assert.equal(status, 0, stderr);
      assert.deepEqual(JSON.parse(stdout), []);
    } finally {
      repo.remove();
    }
  });
});

describe('examples/redact.ts', () => {
  it('copies standard input with every secret masked and the rest untouched', () => {
    const input = `deploy started with ${fake.githubToken} for ${fake.email} at noon\nkey:\n${fake.privateKey}\ndeploy done\n`;
    const { status, stdout, stderr } = run('redact.js', [], input);
    assert.equal(status, 0, stderr);
    assert.equal(stdout.includes(fake.githubToken), false, 'the token is not masked');
    assert.equal(stdout.includes(fake.email), false, 'the email address is not masked');
    assertNoRawValues(stdout, 'stdout');
    const lines = stdout.split('\n');
    assert.match(lines[0] ?? '', /^deploy started with \S+ for \S+ at noon$/);
    assert.equal(lines[1], 'key:');
    assert.ok(stdout.endsWith('\ndeploy done\n'), 'the text after the secrets is not kept');
  });
});

const QUOTED_INSIDE = ['Xk9mQ2', '"vLp7wRz'].join('');
const QUOTED_AT_END = ['Xk9mQ2v', 'Lp7wRz"'].join('');

/** One JSON object a line, as the logging recipes read them: secrets in several fields, and a clean object. */
function loggedObjects(): string {
  return [
    JSON.stringify({
      user: fake.email, password: fake.password, token: fake.githubToken, cpf: fake.cpfValid, note: 'plain "quoted", text',
      // Quotes inside a value are escaped in the line the logger writes: the mask must take them too.
      passwd: QUOTED_INSIDE, pwd: QUOTED_AT_END,
    }),
    JSON.stringify({ event: 'nothing secret', n: 3 }),
  ].map((line) => `${line}\n`).join('');
}

/** The recipe's output: one valid JSON line per object logged, every secret masked, the rest as logged. */
function assertMaskedJsonLines(stdout: string, messageKey: string): void {
  assertNoRawValues(stdout, 'stdout');
  for (const tail of ['vLp7wRz', 'Lp7wRz']) assert.equal(stdout.includes(tail), false, `stdout leaks the tail of a quoted password: ${stdout}`);
  const lines = stdout.trimEnd().split('\n');
  assert.equal(lines.length, 2, stdout);
  const [first, second] = lines.map((line) => JSON.parse(line) as Record<string, unknown>) as [Record<string, unknown>, Record<string, unknown>];
  assert.equal(first.user, 'j***a@provedor.com.br');
  assert.equal(first.password, '****');
  assert.equal(first.token, 'ghp_****');
  assert.equal(first.cpf, '***.***.***-94');
  assert.equal(first.note, 'plain "quoted", text');
  assert.equal(first.passwd, '****');
  assert.equal(first.pwd, '****');
  assert.equal(first[messageKey], 'received');
  assert.equal(second.event, 'nothing secret');
  assert.equal(second.n, 3);
}

describe('examples/pino.ts', () => {
  it('logs through pino with every secret masked, each line still valid JSON', () => {
    const { status, stdout, stderr } = run('pino.js', [], loggedObjects());
    assert.equal(status, 0, stderr);
    assertMaskedJsonLines(stdout, 'msg');
  });
});

describe('examples/winston.ts', () => {
  it('logs through winston with every secret masked, each line still valid JSON', () => {
    const { status, stdout, stderr } = run('winston.js', [], loggedObjects());
    assert.equal(status, 0, stderr);
    assertMaskedJsonLines(stdout, 'message');
  });
});
