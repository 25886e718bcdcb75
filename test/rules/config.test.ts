// Configuration, ignores and baselines, end to end through the CLI: custom
// rules beside the built-in ones, overrides, allowlists, ignored folders,
// inline allows, fingerprints, baselines that survive moved lines, gitleaks
// configurations, and every configuration error named and stopped.
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { assertNoRawValues, runCli } from '../helpers/cli.js';
import { FixtureRepo, tempDir } from '../../fixtures/repo.js';
import { fake } from '../../fixtures/secrets.js';
import { loadCatalog } from '../../src/rules/catalog.js';
import { applyConfig, dialectOf, loadConfig, noConfig, readConfigFile } from '../../src/rules/config.js';

interface JsonFinding {
  ruleId: string;
  path: string;
  line: number;
  fingerprint: string;
  secret: string;
}

const repos: FixtureRepo[] = [];
after(() => {
  for (const repo of repos) repo.remove();
});

function fixture(): FixtureRepo {
  const repo = FixtureRepo.create();
  repos.push(repo);
  return repo;
}

/** A token format of our own, assembled at run time like every fixture secret. */
const acmeToken = ['acme', '_live_', '9f8e7d6c5b4a39281706f5e4d3c2b1a0'].join('');

async function scanJson(repo: FixtureRepo, ...args: string[]): Promise<{ code: number; findings: JsonFinding[]; stderr: string }> {
  const result = await runCli(['scan', repo.dir, '--format', 'json', ...args], { env: {} });
  assertNoRawValues(result.stdout + result.stderr, 'scan output');
  assert.equal(result.stdout.includes(acmeToken), false, 'custom secrets are masked too');
  return { code: result.code, findings: result.code === 2 ? [] : (JSON.parse(result.stdout) as JsonFinding[]), stderr: result.stderr };
}

const found = (findings: readonly JsonFinding[]): string[] => findings.map((f) => `${f.ruleId} ${f.path}`).sort();

const ACME_RULE = `
[[rules]]
id = "acme-live-token"
description = "ACME live API token"
category = "secret"
regex = '''acme_live_[0-9a-f]{32}'''
keywords = ["acme_live_"]
`;

describe('configuration file', () => {
  it('adds a custom rule next to the built-in ones, and lists it with its source', async () => {
    const repo = fixture();
    repo.commit('config', { '.leakwatch.toml': ACME_RULE, 'app.env': `ACME=${acmeToken}\nGITHUB=${fake.githubToken}\n` });
    const result = await scanJson(repo);
    assert.equal(result.code, 1);
    assert.deepEqual(found(result.findings), ['acme-live-token app.env', 'github-token app.env']);
    const rules = await runCli(['rules', repo.dir, '--format', 'json'], { env: {} });
    const listed = JSON.parse(rules.stdout) as Array<{ id: string; source: string }>;
    assert.equal(listed.find((rule) => rule.id === 'acme-live-token')?.source, join(repo.dir, '.leakwatch.toml'));
    assert.ok(listed.some((rule) => rule.id === 'github-token' && rule.source === 'patterns/vcs.toml'));
    const table = await runCli(['rules', repo.dir], { env: {} });
    assert.match(table.stdout, /acme-live-token\s*│ secret\s*│ acme_live_/);
  });

  it('--config names another file; disables, overrides and drops the built-in rules', async () => {
    const repo = fixture();
    repo.commit('files', { 'app.env': `ACME=${acmeToken}\nGITHUB=${fake.githubToken}\nDB_PASSWORD=${fake.password}\nowner ${fake.email}\n` });
    const file = join(repo.dir, 'team.toml');
    writeFileSync(file, `${ACME_RULE}\n[extend]\ndisabledRules = ["email"]\n\n[[rules]]\nid = "generic-password"\n[rules.allowlist]\nregexes = ['''^Tr0ub''']\n`);
    const adjusted = await scanJson(repo, '--config', file);
    assert.deepEqual(found(adjusted.findings), ['acme-live-token app.env', 'github-token app.env']);

    writeFileSync(file, `[extend]\nuseDefault = false\n${ACME_RULE}`);
    const only = await scanJson(repo, '--config', file);
    assert.deepEqual(found(only.findings), ['acme-live-token app.env']);

    writeFileSync(file, `[[rules]]\nid = "github-token"\nkeywords = ["nothing-like-this"]\n`);
    const rekeyed = await scanJson(repo, '--config', file);
    assert.equal(found(rekeyed.findings).includes('github-token app.env'), false, 'overridden keywords gate the rule');
  });

  it('global allowlists: paths (gitignore syntax), regexes on the line, stopwords, commits', async () => {
    const repo = fixture();
    const fixtureCommit = repo.commit('fixtures', { 'test/fixtures/keys.env': `GITHUB=${fake.githubToken}\n` });
    repo.commit('more', {
      'src/a.env': `DB_PASSWORD=${fake.password} # sandbox\n`,
      'src/b.env': `ACME_KEY=${acmeToken}\n`,
      'src/c.env': `GH=${fake.otherGithubToken}\n`,
    });
    writeFileSync(join(repo.dir, '.leakwatch.toml'), `${ACME_RULE}
[allowlist]
description = "team decisions"
paths = ["test/fixtures/"]
regexes = ['''# sandbox$''']
regexTarget = "line"
stopwords = ["9f8e7d6c5b4a"]
`);
    const result = await scanJson(repo);
    assert.deepEqual(found(result.findings), ['github-token src/c.env']);

    writeFileSync(join(repo.dir, '.leakwatch.toml'), `[allowlist]\ncommits = ["${fixtureCommit}"]\n`);
    const byCommit = await scanJson(repo);
    assert.equal(found(byCommit.findings).includes('github-token test/fixtures/keys.env'), false);
    assert.ok(found(byCommit.findings).includes('github-token src/c.env'));
  });

  it('.leakwatchignore excludes a folder; leakwatch:allow silences one line; fingerprints silence one finding', async () => {
    const repo = fixture();
    repo.commit('files', {
      '.leakwatchignore': 'vendor/\n',
      'vendor/lib/config.env': `GH=${fake.githubToken}\n`,
      'app.env': `GH=${fake.githubToken} # leakwatch:allow reviewed: revoked test token\nOTHER=${fake.otherGithubToken}\nDB_PASSWORD=${fake.password}\n`,
    });
    const first = await scanJson(repo);
    assert.deepEqual(found(first.findings), ['generic-password app.env', 'github-token app.env']);
    assert.equal(first.findings.find((f) => f.ruleId === 'github-token')?.line, 2);
    assert.match(first.stderr, /1 ignored by \.leakwatchignore/);

    const password = first.findings.find((f) => f.ruleId === 'generic-password')?.fingerprint ?? '';
    writeFileSync(join(repo.dir, '.leakwatch.toml'), `[allowlist]\nfingerprints = ["${password}"]\n`);
    const silenced = await scanJson(repo);
    assert.deepEqual(found(silenced.findings), ['github-token app.env']);
    assert.match(silenced.stderr, /1 finding \(and 1 already in the baseline or fingerprint lists\)/);
  });
});

describe('baselines', () => {
  it('absorb every old finding, even after its line moved, while a new one still fails', async () => {
    const repo = fixture();
    repo.commit('old leaks', { 'config/app.env': `DB_PASSWORD=${fake.password}\nGH=${fake.githubToken}\n`, 'notes.txt': `owner ${fake.email}\n` });
    // Outside the repository (a report written inside it would be scanned next time), in a temp dir removed at exit.
    const baselineFile = join(tempDir('leakwatch-baseline-'), 'baseline.json');
    const report = await runCli(['scan', repo.dir, '--format', 'json', '--output', baselineFile], { env: {} });
    assert.equal(report.code, 1);

    // Lines move above the old secrets: the baseline still knows them.
    repo.commit('move lines', { 'config/app.env': `# header\n# more\nDB_PASSWORD=${fake.password}\nGH=${fake.githubToken}\n` });
    const absorbed = await scanJson(repo, '--baseline', baselineFile);
    assert.equal(absorbed.code, 0, absorbed.stderr);
    assert.deepEqual(absorbed.findings, []);

    repo.commit('new leak', { 'deploy.env': `AWS_SECRET_ACCESS_KEY=${fake.awsSecret}\n` });
    const fresh = await scanJson(repo, '--baseline', baselineFile);
    assert.equal(fresh.code, 1);
    assert.deepEqual(found(fresh.findings), ['aws-secret-access-key deploy.env']);
  });

  it('--write-baseline keeps ids, rules and places only, holds across clones with a shared key, and refuses another key', async () => {
    const repo = fixture();
    repo.commit('old leaks', { 'config/app.env': `DB_PASSWORD=${fake.password}\nGH=${fake.githubToken}\n`, 'notes.txt': `owner ${fake.email} cpf ${fake.cpfValid}\n` });
    const baselineFile = join(tempDir('leakwatch-baseline-'), 'baseline.json');
    const written = await runCli(['scan', repo.dir, '--write-baseline', baselineFile], { env: {} });
    assert.equal(written.code, 0, written.stderr);
    assert.match(written.stderr, /baseline\.json: baseline of 4 findings; its ids are keyed with this repository's id key/);
    assert.equal(statSync(baselineFile).mode & 0o777, 0o600);
    const text = readFileSync(baselineFile, 'utf8');
    const baseline = JSON.parse(text) as { format: string; idKeyCheck: string; findings: Array<Record<string, unknown>> };
    assert.equal(baseline.format, 'leakwatch baseline');
    assert.deepEqual(Object.keys(baseline.findings[0] ?? {}), ['id', 'ruleId', 'path', 'line', 'commit']);
    // No personal data, masked or not: no author, address, subject, excerpt or value.
    for (const absent of ['Ana Lima', 'ana@', 'a***a', 'old leaks', fake.email, 'j***a', '398', '***', fake.password, 'ghp_']) assert.equal(text.includes(absent), false, absent);
    assert.equal((await scanJson(repo, '--baseline', baselineFile)).code, 0);

    // A clone is another project with its own key: the baseline is refused, saying why and how to share the key.
    const clone = join(tempDir(), 'clone');
    repo.git('clone', '-q', repo.dir, clone);
    const refused = await runCli(['scan', clone, '--baseline', baselineFile], { env: {} });
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /baseline\.json: written under another id key .*`leakwatch id-key` prints it/);
    const key = (await runCli(['id-key', repo.dir], { env: {} })).stdout.trim();
    const shared = await runCli(['scan', clone, '--baseline', baselineFile, '--format', 'json'], { env: { LEAKWATCH_ID_KEY: key } });
    assert.equal(shared.code, 0, shared.stderr);
    assert.equal((await runCli(['scan', repo.dir, '--baseline', baselineFile, '--write-baseline', baselineFile], { env: {} })).code, 2);
  });

  it('warns when a baseline holds unmasked secrets, and rejects a file that is not a report', async () => {
    const repo = fixture();
    repo.commit('leak', { 'a.env': `GH=${fake.githubToken}\n` });
    const raw = join(repo.dir, 'raw.json');
    await runCli(['scan', repo.dir, '--format', 'json', '--no-redact', '--output', raw], { env: {} });
    const warned = await runCli(['scan', repo.dir, '--baseline', raw], { env: {} });
    assert.equal(warned.code, 0);
    assert.match(warned.stderr, /raw\.json holds unmasked secrets/);
    const bad = join(repo.dir, 'bad.json');
    writeFileSync(bad, '{"findings": []}');
    const rejected = await runCli(['scan', repo.dir, '--baseline', bad], { env: {} });
    assert.equal(rejected.code, 2);
    assert.match(rejected.stderr, /bad\.json: neither a baseline \(written with --write-baseline\) nor a JSON report/);
  });
});

describe('gitleaks configuration', () => {
  it('reads .gitleaks.toml rules (regex, secretGroup, entropy, keywords, path, allowlist, tags), noting what it does not support', async () => {
    const repo = fixture();
    repo.write('.gitleaks.toml', `title = "team rules"
[extend]
useDefault = true

[[rules]]
id = "acme_live_token"
description = "ACME token"
regex = '''(?i)acme[_-]key\\s*=\\s*(acme_live_[0-9a-f]{32})'''
secretGroup = 1
entropy = 3.0
keywords = ["acme_key"]
path = '''\\.env$'''
tags = ["internal"]
[rules.allowlist]
regexes = ['''0000000000''']

[[rules]]
id = "pem-files"
path = '''\\.pem$'''
`);
    repo.commit('files', {
      'prod.env': `ACME_KEY = ${acmeToken}\n`,
      'prod.txt': `ACME_KEY = ${acmeToken}\n`,
      'test.env': 'ACME_KEY = acme_live_00000000000000000000000000000000\n',
      'gh.env': `GH=${fake.githubToken}\n`,
      'certs/server.pem': 'not read: reported by its name\n',
    });
    const result = await scanJson(repo);
    assert.deepEqual(found(result.findings), ['acme_live_token prod.env', 'github-token gh.env', 'pem-files certs/server.pem']);
    assert.doesNotMatch(result.stderr, /tags/, 'tags are accepted (kept, never used to decide)');
    assert.doesNotMatch(result.stderr, /pem-files/, 'a path-only rule is read as gitleaks reads it');
    assert.match(result.stderr, /built-in rules stand in for gitleaks' default rules/);
  });

  it('honours .gitleaksignore fingerprints (commit:path:rule:line)', async () => {
    const repo = fixture();
    const commit = repo.commit('leaks', { 'a.env': `GH=${fake.githubToken}\nDB_PASSWORD=${fake.password}\n` });
    repo.write('.gitleaksignore', `# reviewed\n${commit}:a.env:github-token:1\n`);
    const result = await scanJson(repo);
    assert.deepEqual(found(result.findings), ['generic-password a.env']);
  });
});

describe('gitleaks configurations drop in', () => {
  const idValue = ['acme_id=', '4f3e2d1c0b0a'].join('');
  const secretValue = ['acme_secret=', '9f8e7d6c5b4a3928', '1706f5e4d3c2b1a0'].join('');

  it('[[rules.required]]: a composite rule reports only with its parts near; a skipReport part never alone', async () => {
    const repo = fixture();
    repo.commit('files', {
      '.gitleaks.toml': `title = "composite"
[[rules]]
id = "acme-client-secret"
regex = '''acme_secret=([0-9a-f]{32})'''
keywords = ["acme_secret"]
[[rules.required]]
id = "acme-client-id"
withinLines = 2

[[rules]]
id = "acme-client-id"
regex = '''acme_id=([0-9a-f]{12})'''
skipReport = true
`,
      'near.env': `${idValue}\n\n${secretValue}\n`,
      'far.env': `${idValue}\n${'\n'.repeat(8)}${secretValue}\n`,
      'alone.env': `${secretValue}\n`,
      'id-only.env': `${idValue}\n`,
    });
    const result = await scanJson(repo, '--confidence', 'low');
    assert.deepEqual(found(result.findings), ['acme-client-secret near.env']);
  });

  it('is told by its content under any name (--config), with targetRules, gitleaks ids in disabledRules, rules of only id and regex', async () => {
    const repo = fixture();
    repo.commit('files', {
      'docs/setup.md': `token ${fake.githubToken}\n`,
      'src/app.env': `GH=${fake.githubToken}\nACME=${acmeToken}\n`,
      'src/db.env': `DB_PASSWORD=${fake.password}\n`,
    });
    const file = join(repo.dir, 'secrets-policy.toml');
    writeFileSync(file, `[extend]
useDefault = true
disabledRules = ["generic-api-key", "some-gitleaks-only-rule"]

[[allowlists]]
description = "docs may show tokens"
targetRules = ["github-pat"]
paths = ['''^docs/''']

[[rules]]
id = "acme-live"
regex = '''acme_live_[0-9a-f]{32}'''
tags = ["acme"]
`);
    const result = await scanJson(repo, '--config', file);
    assert.equal(result.code, 1, result.stderr);
    assert.deepEqual(found(result.findings), ['acme-live src/app.env', 'github-token src/app.env']);
    assert.match(result.stderr, /"some-gitleaks-only-rule" is neither a leakwatch rule nor a gitleaks rule/);
    const rules = await runCli(['rules', repo.dir, '--config', file, '--format', 'json'], { env: {} });
    const acme = (JSON.parse(rules.stdout) as Array<{ id: string; category: string; description: string }>).find((rule) => rule.id === 'acme-live');
    assert.deepEqual([acme?.category, acme?.description], ['secret', 'acme-live']);
  });

  it('reads old configurations: [whitelist] with files, rules without an id; a file of allowlists alone keeps the built-in rules', async () => {
    const repo = fixture();
    repo.commit('files', {
      '.gitleaks.toml': `title = "gitleaks config"
[[rules]]
description = "ACME token"
regex = '''acme_live_[0-9a-f]{32}'''
tags = ["key", "ACME"]

[whitelist]
description = "fixtures"
files = ['''^fixtures\\.env$''']
`,
      'app.env': `ACME=${acmeToken}\nGH=${fake.githubToken}\n`,
      'test/fixtures.env': `ACME=${acmeToken}x\n`,
    });
    const old = await scanJson(repo);
    assert.deepEqual(found(old.findings), ['acme-token app.env'], 'only its own rules, as gitleaks 7 ran them');
    assert.match(old.stderr, /\[whitelist\]/);

    const other = fixture();
    other.commit('files', {
      '.gitleaks.toml': `[allowlist]\ndescription = "vendored"\npaths = ['''^vendor/''']\n`,
      'vendor/lib.env': `GH=${fake.githubToken}\n`,
      'app.env': `GH=${fake.otherGithubToken}\n`,
    });
    const allowlistOnly = await scanJson(other);
    assert.deepEqual(found(allowlistOnly.findings), ['github-token app.env']);
  });

  it('.gitleaksignore: an entry naming any occurrence (its commit, path, rule as gitleaks names it, line) silences the finding', async () => {
    const repo = fixture();
    repo.commit('first', { 'a.env': `GH=${fake.githubToken}\n` });
    const second = repo.commit('copied', { 'b/c.env': `\nGH=${fake.githubToken}\n` });
    const before = await scanJson(repo);
    assert.deepEqual(found(before.findings), ['github-token a.env'], 'one finding, the copy an occurrence');
    repo.write('.gitleaksignore', `${second}:b/c.env:github-pat:2\n`);
    assert.deepEqual((await scanJson(repo)).findings, []);
    repo.write('.gitleaksignore', 'b\\c.env:github-token:2\n');
    assert.deepEqual((await scanJson(repo)).findings, [], 'gitleaks\' commit-less form, with a Windows path');
  });
});

describe('configuration errors', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['unknown top-level key', 'colour = "red"\n', /\.leakwatch\.toml: unknown key "colour"/],
    ['unknown rule field', '[[rules]]\nid = "x"\ndescription = "x"\ncategory = "secret"\nregex = "x"\nkeyword = ["x"]\n', /\.leakwatch\.toml: rule x: unknown field "keyword"/],
    ['wrong type', '[[rules]]\nid = "x"\ndescription = "x"\ncategory = "secret"\nregex = "abc"\nentropy = "high"\n', /\.leakwatch\.toml: rule x: "entropy" must be a number/],
    ['backreference', `[[rules]]\nid = "x"\ndescription = "x"\ncategory = "secret"\nregex = '''(a)\\1'''\n`, /\.leakwatch\.toml: rule x: regex does not compile with RE2/],
    ['lookahead', `[[rules]]\nid = "x"\ndescription = "x"\ncategory = "secret"\nregex = '''a(?=b)'''\n`, /\.leakwatch\.toml: rule x: regex does not compile with RE2/],
    ['empty keyword', '[[rules]]\nid = "x"\ndescription = "x"\ncategory = "secret"\nregex = "abc"\nkeywords = [""]\n', /\.leakwatch\.toml: rule x: keywords must be a list of non-empty strings/],
    ['unknown rule to disable', '[extend]\ndisabledRules = ["no-such-rule"]\n', /\.leakwatch\.toml: \[extend\] disabledRules: unknown rule "no-such-rule"/],
    ['override of a field that cannot be', '[[rules]]\nid = "github-token"\nvalidator = "luhn"\n', /\.leakwatch\.toml: rule github-token: "validator" cannot be overridden/],
    ['bad allowlist target', '[allowlist]\nregexTarget = "file"\n', /\.leakwatch\.toml: \[allowlist\]: "regexTarget" must be one of/],
    ['not TOML', '[[rules\n', /\.leakwatch\.toml: not valid TOML at line 1/],
  ];
  for (const [name, text, expected] of cases) {
    it(`stops on ${name} with exit 2, naming the file and rule`, async () => {
      const repo = fixture();
      repo.write('.leakwatch.toml', text);
      const result = await runCli(['scan', repo.dir], { env: {} });
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, expected);
      assert.equal(result.stderr.trim().split('\n').length, 1, 'one line, no stack trace');
    });
  }
});

describe('configuration, module by module', () => {
  const write = (dir: string, name: string, text: string): string => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it('tells the dialect by the content, then the file name, then how allowlist paths are written', () => {
    const plain = { extend: { useDefault: true } };
    assert.deepEqual(['.gitleaks.toml', 'ci/Gitleaks.toml', '.leakwatch.toml', 'x.toml'].map((name) => dialectOf(plain, name)), ['gitleaks', 'gitleaks', 'leakwatch', 'leakwatch']);
    const theirs: Array<Record<string, unknown>> = [
      { title: 'team' },
      { rules: [{ id: 'x', regex: 'x', tags: ['a'] }] },
      { rules: [{ id: 'x', regex: 'x', required: [{ id: 'y' }] }] },
      { allowlists: [{ targetRules: ['x'], paths: ['a'] }] },
      { whitelist: { files: ['a'] } },
      { rules: [{ description: 'AWS key', regex: 'x' }] },
      { allowlist: { paths: ['(?:^|/)vendor/'] } },
    ];
    for (const doc of theirs) assert.equal(dialectOf(doc, 'ci/team.toml'), 'gitleaks', JSON.stringify(doc));
    const ours: Array<Record<string, unknown>> = [
      { rules: [{ id: 'x', regex: 'x', category: 'pii' }] },
      { allowlist: { fingerprints: ['a:b:c'] } },
      { allowlist: { paths: ['vendor/', '*.lock'] } },
      { rules: [{ id: 'x', regex: 'x', entropy: { hex: 3 } }] },
    ];
    for (const doc of ours) assert.equal(dialectOf(doc, '.gitleaks.toml'.replace('gitleaks', 'team')), 'leakwatch', JSON.stringify(doc));
    assert.equal(dialectOf({ rules: [{ id: 'x', regex: 'x', category: 'secret' }] }, '.gitleaks.toml'), 'leakwatch', 'what the file says outweighs its name');
  });

  it('prefers .leakwatch.toml to .gitleaks.toml, and adds .gitleaksignore fingerprints without comments', () => {
    const dir = tempDir();
    assert.equal(loadConfig(dir, undefined).file, undefined);
    write(dir, '.gitleaks.toml', '[extend]\nuseDefault = true\n');
    assert.equal(loadConfig(dir, undefined).dialect, 'gitleaks');
    write(dir, '.leakwatch.toml', '[extend]\ndisabledRules = ["email"]\n');
    write(dir, '.gitleaksignore', '# comment\nabc:a.txt:rule:3  # why\n\n');
    const config = loadConfig(dir, undefined);
    assert.deepEqual([config.dialect, [...config.disabledRules], [...config.fingerprints]], ['leakwatch', ['email'], ['abc:a.txt:rule:3']]);
  });

  it('applies overrides, disabled rules and global allowlists to the built-in specs', () => {
    const dir = tempDir();
    const file = write(dir, '.leakwatch.toml', '[extend]\ndisabledRules = ["email"]\n\n[allowlist]\npaths = ["docs/"]\n\n[[rules]]\nid = "github-token"\nkeywords = ["ghp_", "mytoken"]\n');
    const builtIn = loadCatalog();
    const spec = applyConfig(builtIn, readConfigFile(file, 'leakwatch'));
    assert.equal(spec.rules.some((rule) => rule.id === 'email'), false);
    assert.equal(spec.rules.length, builtIn.rules.length - 1);
    const github = spec.rules.find((rule) => rule.id === 'github-token');
    assert.deepEqual(github?.keywords, ['ghp_', 'mytoken']);
    assert.equal(github?.regex, builtIn.rules.find((rule) => rule.id === 'github-token')?.regex, 'an override keeps the regex');
    assert.ok(spec.rules.every((rule) => rule.allowlists[0]?.paths.includes('docs/')));
    assert.deepEqual(applyConfig(builtIn, noConfig()).rules, builtIn.rules);
  });

  it('an unknown disabled rule is an error in leakwatch\'s dialect and a note in gitleaks\'', () => {
    const dir = tempDir();
    const own = write(dir, 'own.toml', '[extend]\ndisabledRules = ["no-such-rule"]\n');
    assert.throws(() => applyConfig(loadCatalog(), readConfigFile(own, 'leakwatch')), { code: 'config', message: /unknown rule "no-such-rule"/ });
    const theirs = readConfigFile(write(dir, 'gitleaks.toml', '[extend]\nuseDefault = true\ndisabledRules = ["no-such-rule"]\n'), 'gitleaks');
    applyConfig(loadCatalog(), theirs);
    assert.ok(theirs.notes.some((note) => note.includes('"no-such-rule" is neither a leakwatch rule nor a gitleaks rule')));
  });
});
