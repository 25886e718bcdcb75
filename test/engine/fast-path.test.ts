// The fast paths (worker threads, searching only changed lines) must give
// exactly the findings of the plain path: one thread, every blob searched whole.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { changedLines } from '../../src/detect/regions.js';
import { Redactor } from '../../src/redact/redactor.js';
import { createDetector, scan, type ScanOptions } from '../../src/engine/scan.js';
import type { Finding } from '../../src/model/types.js';
import { buildHistoryFixture } from '../../fixtures/history-fixture.js';
import { FixtureRepo } from '../../fixtures/repo.js';
import { fake } from '../../fixtures/secrets.js';
import { Readable } from 'node:stream';
import { runHook } from '../../src/integrations/hooks/run.js';
import { Capture } from '../helpers/cli.js';

const detector = createDetector();
const render = (findings: Finding[]): string => {
  const redactor = new Redactor('none', detector.findSecrets);
  return JSON.stringify(findings.map((finding) => redactor.redact(finding)), null, 1);
};

/** Many versions of a few files, with secrets before, inside and after each edit, and multi-line and header-bound rules. */
function buildVersionsFixture(): FixtureRepo {
  const repo = FixtureRepo.create();
  const filler = (n: number): string => Array.from({ length: n }, (_, i) => `line ${i} of settings, nothing secret here`).join('\n');
  const keyBlock = fake.privateKey;
  // Over REFINE_BYTES, with edits far apart: the shared lines between them are found too.
  let config = `${filler(120)}\npassword = "${fake.password}"\n${filler(120).replaceAll('line ', 'entry ')}\n`;
  let customers = `id;nome;cpf\n${filler(5)}\n`;
  for (let version = 0; version < 12; version += 1) {
    if (version === 2) config = config.replace('line 10 of', `token: ${fake.githubToken}\nline 10 of`);
    if (version === 4) config = `${config}\n${keyBlock}\n`;
    if (version === 6) config = config.replace('line 20 of', `owner ${fake.email}\nline 20 of`);
    if (version === 7) customers = `${customers}1;Ana;${fake.cpfValidBare}\n`;
    if (version === 9) config = config.replace(`password = "${fake.password}"`, 'password = "${DB_PASSWORD}"');
    if (version === 10) config = config.replace('line 5 of', `url: postgres://app:${fake.dbPassword}@db.internal/x\nline 5 of`);
    config = config.replace(`line ${30 + version} of`, `line ${30 + version} (edited ${version}) of`);
    config = config.replace(`entry ${110 - version} of`, `entry ${110 - version} (edited ${version}) of`);
    repo.commit(`version ${version}`, { 'app/config.yml': config, 'data/clientes.csv': customers, [`copies/config-${version % 3}.yml`]: config });
  }
  return repo;
}

describe('fast paths find exactly what the plain path finds', () => {
  const repos: FixtureRepo[] = [];
  before(() => {
    repos.push(buildHistoryFixture().repo, buildVersionsFixture());
  });
  after(() => {
    for (const repo of repos) repo.remove();
  });

  const variants: Array<[string, Partial<ScanOptions>]> = [
    ['worker threads', { threads: 2, reuse: false }],
    ['changed lines only', { threads: 1, reuse: true }],
    ['worker threads and changed lines only', { threads: 2, reuse: true }],
  ];
  for (const [name, variant] of variants) {
    it(`with ${name}`, async () => {
      for (const repo of repos) {
        const plain = await scan({ source: { kind: 'history', path: repo.dir }, threads: 1, reuse: false, confidence: 'low' });
        const fast = await scan({ source: { kind: 'history', path: repo.dir }, ...variant, confidence: 'low' });
        assert.ok(plain.findings.length > 0);
        assert.equal(render(fast.findings), render(plain.findings));
        assert.deepEqual({ ...fast.summary, durationMs: 0 }, { ...plain.summary, durationMs: 0 });
      }
    });
  }

  it('finds every secret of the versions fixture once, at the version that added it, with every copy as an occurrence', async () => {
    const result = await scan({ source: { kind: 'history', path: repos[1]?.dir ?? '' }, confidence: 'low' });
    const seen = result.findings.map((f) => `${f.ruleId} ${f.path} ${f.commit?.subject}`).sort();
    assert.deepEqual(seen, [
      'cpf-unformatted data/clientes.csv version 7',
      'email app/config.yml version 6',
      'generic-password app/config.yml version 0',
      'github-token app/config.yml version 2',
      'private-key app/config.yml version 4',
      'url-credentials app/config.yml version 10',
    ]);
    const copies = ['app/config.yml', 'copies/config-0.yml', 'copies/config-1.yml', 'copies/config-2.yml'];
    for (const finding of result.findings.filter((f) => f.path === 'app/config.yml' && f.ruleId !== 'url-credentials')) {
      assert.deepEqual([...new Set([finding.path, ...finding.occurrences.map((o) => o.path)])].sort(), copies, finding.ruleId);
    }
    const url = result.findings.find((f) => f.ruleId === 'url-credentials');
    assert.deepEqual(url?.occurrences.map((o) => `${o.path} ${o.commit?.subject}`), ['copies/config-1.yml version 10', 'app/config.yml version 11', 'copies/config-2.yml version 11']);
  });
});

describe('line-scope rules: a line\'s matches depend on that line alone (issue 14)', () => {
  const findingsOf = async (repo: FixtureRepo, reuse: boolean): Promise<Finding[]> =>
    (await scan({ source: { kind: 'history', path: repo.dir }, threads: 1, reuse, confidence: 'low' })).findings;

  it('a Django SECRET_KEY, whose match takes the newline before it, is one finding at the commit that added it when the line above changes', async () => {
    const repo = FixtureRepo.create();
    const settings = (debug: string, extra = ''): string => `import os\n\nDEBUG = ${debug}\n${extra}SECRET_KEY = '${fake.djangoKey}'\nALLOWED_HOSTS = []\n`;
    repo.commit('startproject', { 'mysite/settings.py': settings('True') });
    repo.commit('debug off', { 'mysite/settings.py': settings('False') });
    repo.commit('site id', { 'mysite/settings.py': settings('False', 'SITE_ID = 1\n') });
    const plain = await findingsOf(repo, false);
    const fast = await findingsOf(repo, true);
    // Before: the changed-lines path also reported the value under generic-secret, at "debug off".
    assert.deepEqual(fast.map((f) => `${f.ruleId} ${f.commit?.subject} ${f.line}`), ['django-secret-key startproject 4']);
    assert.deepEqual(fast[0]?.occurrences.map((o) => `${o.commit?.subject} ${o.line}`), ['debug off 4', 'site id 5']);
    assert.equal(render(fast), render(plain));
    repo.remove();
  });

  it('a match that runs on into the next line is found on its own line, in every version, by both paths', async () => {
    const repo = FixtureRepo.create();
    const config = (mode: string): string => `<configuration>\n  <add key="Mode" value="${mode}"\n  <add key="DbPassword" value="${fake.password}" />\n</configuration>\n`;
    repo.commit('one', { 'app.config': config('a') });
    repo.commit('two', { 'app.config': config('b') });
    repo.commit('three', { 'app.config': config('c') });
    const plain = await findingsOf(repo, false);
    const fast = await findingsOf(repo, true);
    assert.deepEqual(fast.map((f) => `${f.ruleId} ${f.commit?.subject} ${f.line}:${f.column}`), ['xml-named-password one 3:32']);
    assert.deepEqual(fast[0]?.occurrences.map((o) => `${o.commit?.subject} ${o.line}`), ['two 3', 'three 3']);
    assert.equal(render(fast), render(plain));
    repo.remove();
  });
});

describe('changed lines', () => {
  const lines = (text: string): Buffer => Buffer.from(text);
  it('keeps the shared whole lines at both ends', () => {
    const region = changedLines(lines('a\nb\nc\nd\n'), lines('a\nb\nX\nd\n'));
    assert.deepEqual(region, { start: 4, end: 6 });
  });
  it('widens a change inside a line to the whole line', () => {
    assert.deepEqual(changedLines(lines('alpha\nbeta\ngamma\n'), lines('alpha\nbeXa\ngamma\n')), { start: 6, end: 11 });
  });
  it('handles insertions, deletions and texts without a final newline', () => {
    assert.deepEqual(changedLines(lines('a\nc\n'), lines('a\nb\nc\n')), { start: 2, end: 4 });
    assert.deepEqual(changedLines(lines('a\nb\nc\n'), lines('a\nc\n')), { start: 2, end: 2 });
    assert.deepEqual(changedLines(lines('a\nb'), lines('a\nc')), { start: 2, end: 3 });
    assert.deepEqual(changedLines(lines(''), lines('new\n')), { start: 0, end: 4 });
  });
  it('never lets the shared start and end overlap on repeated lines', () => {
    const region = changedLines(lines('x\nx\n'), lines('x\nx\nx\n'));
    assert.ok(region.start <= region.end);
    assert.equal(region.end - region.start, 2);
  });
});

describe('revision ranges', () => {
  it('scans only the commits of A..B, with either backend, reporting only secrets they brought', async () => {
    const repo = FixtureRepo.create();
    repo.commit('old', { 'old.env': `password=${fake.password}\n` });
    const base = repo.git('rev-parse', 'HEAD');
    // old.env is edited but its password was already there: not a leak of these commits. Its new line is.
    repo.commit('new', { 'new.env': `token: ${fake.githubToken}\n`, 'old.env': `password=${fake.password}\nx=1\nkey: ${fake.otherGithubToken}\n` });
    // Edited again in the range: each version is compared with the one it replaced, the first with the one before the range.
    repo.commit('newer', { 'old.env': `password=${fake.password}\nx=2\nkey: ${fake.otherGithubToken}\n` });
    for (const backend of ['cli', 'isomorphic'] as const) {
      const result = await scan({ source: { kind: 'history', path: repo.dir, backend, range: `${base}..HEAD` } });
      assert.deepEqual(result.findings.map((f) => `${f.ruleId} ${f.path} ${f.line}`).sort(), ['github-token new.env 1', 'github-token old.env 3'], backend);
      assert.equal(result.summary.commits, 2);
      const whole = await scan({ source: { kind: 'history', path: repo.dir, backend, range: 'HEAD' } });
      assert.deepEqual(whole.findings.map((f) => `${f.ruleId} ${f.path} ${f.commit?.subject}`).sort(), ['generic-password old.env old', 'github-token new.env new', 'github-token old.env new'], backend);
    }
    await assert.rejects(scan({ source: { kind: 'history', path: repo.dir, range: '--output=x' } }), /invalid revision range/);
    repo.remove();
  });
});

describe('a range or push reports as new only what its commits brought (issue 14)', () => {
  // New: a secret that neither the version a commit replaced at that path (or a file it deleted: a
  // rename, a move) nor any file of its parent commit's tree held. Moved lines, moved files and copies
  // of secrets already in the repository are not new; each case is checked with either path and backend.
  const settings = (above: string, between = ''): string =>
    `import os\nDEBUG = False\n${above}SECRET_KEY = '${fake.djangoKey}'\n${between}GITHUB_TOKEN = "${fake.githubToken}"\n`;
  const newIn = async (repo: FixtureRepo, range: string): Promise<string[]> => {
    const seen: string[] = [];
    for (const backend of ['cli', 'isomorphic'] as const) {
      for (const reuse of [true, false]) {
        const result = await scan({ source: { kind: 'history', path: repo.dir, backend, range }, reuse, confidence: 'low' });
        seen.push(...result.findings.map((f) => `${backend} reuse=${reuse}: ${f.ruleId} ${f.path}:${f.line}`));
      }
    }
    return seen;
  };
  const pushBlocks = async (repo: FixtureRepo, from: string, to: string): Promise<number> =>
    runHook({ type: 'pre-push', remote: 'origin', path: repo.dir }, { stderr: new Capture(), stdin: Readable.from([`refs/heads/main ${to} refs/heads/main ${from}\n`]) });

  it('a line inserted above a pushed key, or the key moved to another line of its file: nothing new, the push passes', async () => {
    const repo = FixtureRepo.create();
    const pushed = repo.commit('settings', { 'mysite/settings.py': settings('') });
    // Right above the key: the Django rule's match took the newline before the key's line.
    const inserted = repo.commit('a line above', { 'mysite/settings.py': settings('import sys\n') });
    assert.deepEqual(await newIn(repo, `${pushed}..${inserted}`), []);
    assert.equal(await pushBlocks(repo, pushed, inserted), 0);
    // The token moves below a new line, the key above the import.
    const moved = repo.commit('moved', { 'mysite/settings.py': `SECRET_KEY = '${fake.djangoKey}'\nimport os\nimport sys\nDEBUG = False\nX = 1\nGITHUB_TOKEN = "${fake.githubToken}"\n` });
    assert.deepEqual(await newIn(repo, `${pushed}..${moved}`), []);
    assert.equal(await pushBlocks(repo, pushed, moved), 0);
    // A key that is new still is.
    const added = repo.commit('added', { 'mysite/settings.py': `${settings('')}AWS_ACCESS_KEY_ID = "${fake.awsKeyId}"\n` });
    assert.deepEqual((await newIn(repo, `${moved}..${added}`)).map((seen) => seen.split(': ')[1]), Array(4).fill('aws-access-key-id mysite/settings.py:5'));
    assert.equal(await pushBlocks(repo, moved, added), 1);
    repo.remove();
  });

  it('a file renamed or moved with its key, unchanged or edited: nothing new', async () => {
    const repo = FixtureRepo.create();
    const base = repo.commit('settings', { 'mysite/settings.py': settings(''), 'deploy/id_rsa': `${fake.privateKey}\n` });
    repo.git('mv', 'mysite/settings.py', 'mysite/base_settings.py');
    repo.git('mv', 'deploy', 'keys');
    const renamed = repo.commit('renamed');
    assert.deepEqual(await newIn(repo, `${base}..${renamed}`), []);
    repo.git('mv', 'mysite/base_settings.py', 'settings.py');
    const movedAndEdited = repo.commit('moved and edited', { 'settings.py': settings('import sys\n', 'X = 2\n') });
    assert.deepEqual(await newIn(repo, `${renamed}..${movedAndEdited}`), []);
    assert.equal(await pushBlocks(repo, base, movedAndEdited), 0);
    repo.remove();
  });

  it('a key copied from a file the parent commit (or, staged, HEAD) already holds: nothing new', async () => {
    const repo = FixtureRepo.create();
    const base = repo.commit('settings', { 'mysite/settings.py': settings('') });
    // The token copied into another file, its first file untouched by the commit.
    const copied = repo.commit('copied', { 'ci/env.sh': `export GITHUB_TOKEN=${fake.githubToken}\n` });
    assert.deepEqual(await newIn(repo, `${base}..${copied}`), []);
    assert.equal(await pushBlocks(repo, base, copied), 0);
    repo.write('ci/other.sh', `SECRET_KEY='${fake.djangoKey}'\nAWS_ACCESS_KEY_ID=${fake.awsKeyId}\n`);
    repo.git('add', 'ci/other.sh');
    const staged = await scan({ source: { kind: 'staged', path: repo.dir }, confidence: 'low' });
    assert.deepEqual(staged.findings.map((f) => `${f.ruleId} ${f.path}:${f.line}`), ['aws-access-key-id ci/other.sh:2']);
    repo.git('reset', '-q');
    // Held there only as text the rules do not report (a line marked allowed): still new where it comes in.
    const noted = repo.commit('noted', { 'docs/notes.md': `the old key ${fake.otherGithubToken} was revoked # leakwatch:allow\n` });
    const used = repo.commit('used', { 'ci/deploy.sh': `TOKEN=${fake.otherGithubToken}\n` });
    assert.deepEqual((await newIn(repo, `${noted}..${used}`)).map((seen) => seen.split(': ')[1]), Array(4).fill('github-token ci/deploy.sh:1'));
    repo.remove();
  });
});
