// Ids must not give back the values they name. A report shows a CPF as ***.***.***-94 and a phone as
// (11) *****-**21, and a short password not at all; an id computable from what the report and the tool
// hold would let anyone try the few candidates left. These tests try exactly that, and check where the
// key lives instead.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { MIN_KEY_LENGTH, resolveIdKey } from '../../src/engine/id-key.js';
import { gitCommonDir } from '../../src/sources/git/git-dir.js';
import { IdKey, secretHash } from '../../src/model/fingerprint.js';
import { FixtureRepo, tempDir } from '../../fixtures/repo.js';
import { BIN, runCli } from '../helpers/cli.js';

const DIST_SRC = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');
/** The public key every install used before ids were keyed per project: what the attack succeeds with. */
const PUBLIC_KEY_OF_OLD = 'leakwatch fingerprint v1';

/** Common passwords and the usual variations (a digit or two appended, a capital first): 6,600 guesses. */
function passwordGuesses(): string[] {
  const words = ['password', 'sunshine', 'princess', 'football', 'baseball', 'welcome', 'iloveyou', 'dragon', 'monkey', 'letmein',
    'master', 'shadow', 'qwerty', 'superman', 'michael', 'charlie', 'trustno1', 'jennifer', 'hunter', 'starwars', 'whatever',
    'freedom', 'computer', 'corinthians', 'flamengo', 'palmeiras', 'brasil', 'senha', 'mudar', 'admin'];
  const guesses: string[] = [];
  for (const word of words) {
    for (const base of [word, word[0]?.toUpperCase() + word.slice(1)]) {
      guesses.push(base);
      for (let n = 0; n < 100; n += 1) guesses.push(`${base}${n}`);
      for (let n = 0; n < 10; n += 1) guesses.push(`${base}${n}${n}`);
    }
  }
  return guesses;
}

/**
 * Every mobile number the mask `(**) *****-**21` leaves, for a targeted attacker who knows the area
 * code (the customer's city sits in the same file) and the carrier's first digits: 10,000 guesses.
 */
function phoneGuesses(shown: string): string[] {
  const match = /^\(\*\*\) \*\*\*\*\*-\*\*(\d\d)$/.exec(shown);
  assert.ok(match, `mask as expected: ${shown}`);
  const guesses: string[] = [];
  for (let n = 0; n < 10000; n += 1) {
    const middle = String(n).padStart(4, '0');
    guesses.push(`(11) 987${middle.slice(0, 2)}-${middle.slice(2)}${match[1]}`);
  }
  return guesses;
}

/** Which guess, under which key, gives the id's hash; within a budget of HMACs. */
function bruteForce(id: string, guesses: readonly string[], keys: readonly string[], budget: number): string | undefined {
  const hash = id.slice(id.lastIndexOf(':') + 1);
  let spent = 0;
  for (const key of keys) {
    const idKey = new IdKey(key);
    for (const guess of guesses) {
      if (spent++ >= budget) return undefined;
      if (secretHash(guess, idKey) === hash) return guess;
    }
  }
  return undefined;
}

/** Every string literal in leakwatch's compiled code: whatever key "the tool contains" would be among them. */
function toolStrings(): string[] {
  const strings = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.js')) for (const match of readFileSync(path, 'utf8').matchAll(/'([^'\\\n]{0,200})'|"([^"\\\n]{0,200})"|`([^`\\$]{0,200})`/g)) strings.add(match[1] ?? match[2] ?? match[3] ?? '');
    }
  };
  walk(DIST_SRC);
  return [...strings];
}

describe('finding ids and the values they name', () => {
  // Values built at run time: this repository's own history holds none of them.
  const password = ['sun', 'shine', '77'].join('');
  const phone = ['(11) 98', '765-43', '21'].join('');

  async function report(env: NodeJS.ProcessEnv = {}): Promise<{ repo: FixtureRepo; findings: Array<{ ruleId: string; id: string; secret: string }>; text: string }> {
    const repo = FixtureRepo.create();
    repo.commit('contacts and settings', {
      'customers.csv': `name,phone\nJoana,${phone}\n`,
      'config/app.env': `DB_PASSWORD=${password}\n`,
    });
    const run = await runCli(['scan', repo.dir, '--format', 'json', '--confidence', 'low'], { env });
    const findings = JSON.parse(run.stdout) as Array<{ ruleId: string; id: string; secret: string }>;
    return { repo, findings, text: run.stdout };
  }

  it('an attack that recovers a phone number and a password from ids under a public key finds nothing in a report', async () => {
    const { repo, findings, text } = await report();
    const phoneFinding = findings.find((f) => f.ruleId === 'br-phone');
    const passwordFinding = findings.find((f) => f.ruleId.includes('password'));
    assert.ok(phoneFinding && passwordFinding, JSON.stringify(findings.map((f) => f.ruleId)));
    const phones = phoneGuesses(phoneFinding.secret);
    const words = passwordGuesses();
    assert.ok(phones.includes(phone) && words.includes(password), 'the guesses hold the true values');

    // The attack works: under the old public key both ids give their values back within the budget.
    const old = new IdKey(PUBLIC_KEY_OF_OLD);
    assert.equal(bruteForce(`x:${secretHash(phone, old)}`, phones, [PUBLIC_KEY_OF_OLD], 20_000), phone);
    assert.equal(bruteForce(`x:${secretHash(password, old)}`, words, [PUBLIC_KEY_OF_OLD], 20_000), password);

    // Against the report, with every key the tool or the report could offer, it finds neither.
    const reportStrings = [...new Set([...text.matchAll(/"([^"\\]*)"/g)].map((m) => m[1] ?? ''))];
    const keys = [PUBLIC_KEY_OF_OLD, '', ...reportStrings];
    assert.equal(bruteForce(phoneFinding.id, phones, keys, 5_000_000), undefined);
    assert.equal(bruteForce(passwordFinding.id, words, keys, 5_000_000), undefined);
    // Stronger than any guess list: no string in the tool's code or the report reproduces the ids even for the true values.
    for (const key of [...toolStrings(), ...reportStrings]) {
      const idKey = new IdKey(key);
      assert.notEqual(secretHash(phone, idKey), phoneFinding.id.split(':')[1], 'a key from the tool or report');
      assert.notEqual(secretHash(password, idKey), passwordFinding.id.split(':')[1], 'a key from the tool or report');
    }
    // The key itself never enters the report.
    const key = resolveIdKey(repo.dir, {}).key.reveal();
    assert.equal(text.includes(key), false);
    assert.equal(text.includes(Buffer.from(key).toString('base64')), false);
    repo.remove();
  });

  it('keeps a random key per repository in its git directory, owner-only, and uses LEAKWATCH_ID_KEY when set', async () => {
    const repo = FixtureRepo.create();
    repo.commit('one', { 'a.txt': 'a\n' });
    const first = resolveIdKey(repo.dir, {});
    const file = join(repo.dir, '.git', 'leakwatch', 'id-key');
    assert.equal(first.from, file);
    assert.equal(first.created, true);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.match(first.key.reveal(), /^[0-9a-f]{64}$/);
    const again = resolveIdKey(join(repo.dir, 'sub', 'dir'), {});
    assert.deepEqual([again.created, again.key.reveal()], [false, first.key.reveal()], 'found from a folder inside the repository');
    // A worktree shares its repository's key.
    const worktree = join(tempDir(), 'wt');
    repo.git('worktree', 'add', '-q', worktree);
    assert.equal(gitCommonDir(worktree), join(repo.dir, '.git'));
    assert.equal(resolveIdKey(worktree, {}).key.reveal(), first.key.reveal());
    // Another repository has another key, so ids never match across projects by accident.
    const other = FixtureRepo.create();
    assert.notEqual(resolveIdKey(other.dir, {}).key.reveal(), first.key.reveal());
    const shared = 's'.repeat(MIN_KEY_LENGTH);
    assert.deepEqual([resolveIdKey(other.dir, { LEAKWATCH_ID_KEY: shared }).key.reveal(), resolveIdKey(other.dir, { LEAKWATCH_ID_KEY: shared }).from], [shared, 'LEAKWATCH_ID_KEY']);
    // Printing the key object by accident shows nothing.
    assert.equal(`${first.key} ${JSON.stringify({ k: first.key })}`, '[id key] {"k":"[id key]"}');
    execFileSync('git', ['-C', repo.dir, 'worktree', 'remove', '--force', worktree]);
    repo.remove();
    other.remove();
  });

  it('keeps the key of what is not in a repository in the user\'s configuration folder', () => {
    const config = tempDir();
    const plain = tempDir();
    const resolved = resolveIdKey(plain, { XDG_CONFIG_HOME: config });
    assert.equal(resolved.from, join(config, 'leakwatch', 'id-key'));
    assert.equal(resolveIdKey(plain, { XDG_CONFIG_HOME: config }).key.reveal(), resolved.key.reveal());
  });

  it('refuses a key short enough to be guessed from a baseline\'s check value, naming the variable', () => {
    assert.throws(() => resolveIdKey('.', { LEAKWATCH_ID_KEY: 'hunter2' }), { code: 'id-key', message: /LEAKWATCH_ID_KEY is 7 characters long: use at least 32/ });
  });

  it('creates no key for a clean scan; a scan with findings creates one', async () => {
    const repo = FixtureRepo.create();
    repo.commit('clean', { 'a.txt': 'nothing\n' });
    assert.equal((await runCli(['scan', repo.dir], { env: {} })).code, 0);
    // Its one write is the scan cache (README, "Incremental audits"): no key, since no blob gave a match to encrypt.
    assert.equal(existsSync(join(repo.dir, '.git', 'leakwatch', 'id-key')), false, 'a clean scan creates no key');
    assert.ok(existsSync(join(repo.dir, '.git', 'leakwatch', 'cache')));
    const bare = FixtureRepo.create();
    bare.commit('clean', { 'a.txt': 'nothing\n' });
    assert.equal((await runCli(['scan', bare.dir, '--no-cache'], { env: {} })).code, 0);
    assert.equal(existsSync(join(bare.dir, '.git', 'leakwatch')), false, 'a clean scan without the cache leaves the repository as it was');
    bare.remove();
    repo.commit('leak', { 'b.env': `DB_PASSWORD=${['sun', 'shine', '77'].join('')}\n` });
    assert.equal((await runCli(['scan', repo.dir, '--confidence', 'low'], { env: {} })).code, 1);
    assert.ok(existsSync(join(repo.dir, '.git', 'leakwatch', 'id-key')));
    repo.remove();
  });

  it('gives every one of many processes starting at once the same key, and names a key file it cannot read', async () => {
    const repo = FixtureRepo.create();
    const env = { ...process.env, LEAKWATCH_ID_KEY: '', LEAKWATCH_HASH_KEY: '' };
    const runs = await Promise.all(Array.from({ length: 10 }, () => new Promise<string>((done) => {
      execFile(process.execPath, [BIN, 'id-key', repo.dir], { env }, (_error, stdout, stderr) => done(`${stdout.trim()}|${stderr.includes('internal') || stderr.includes('too short') ? 'failed' : ''}`));
    })));
    assert.equal(new Set(runs).size, 1, runs.join('\n'));
    assert.match(runs[0] ?? '', /^[0-9a-f]{64}\|$/);
    // A key file that is a dangling link: one line naming it, not a crash or a silent new key.
    const other = FixtureRepo.create();
    mkdirSync(join(other.dir, '.git', 'leakwatch'));
    symlinkSync(join(other.dir, 'nowhere'), join(other.dir, '.git', 'leakwatch', 'id-key'));
    assert.throws(() => resolveIdKey(other.dir, {}), { code: 'id-key', message: /id-key: cannot read the id key \(ENOENT\)/ });
    repo.remove();
    other.remove();
  });

  it('an empty LEAKWATCH_ID_KEY counts as unset (the Action passes an empty input through)', () => {
    const key = 'h'.repeat(MIN_KEY_LENGTH);
    assert.deepEqual([resolveIdKey('.', { LEAKWATCH_ID_KEY: '', LEAKWATCH_HASH_KEY: key }).from], ['LEAKWATCH_HASH_KEY']);
  });

  it('warns when no id of a fingerprint list matches though findings stand under its rules and paths (another key)', async () => {
    const repo = FixtureRepo.create();
    repo.commit('leak', { 'b.env': `DB_PASSWORD=${['sun', 'shine', '77'].join('')}\n` });
    const keyA = 'a'.repeat(MIN_KEY_LENGTH);
    const first = JSON.parse((await runCli(['scan', repo.dir, '-f', 'json', '--confidence', 'low'], { env: { LEAKWATCH_ID_KEY: keyA } })).stdout) as Array<{ fingerprint: string }>;
    writeFileSync(join(repo.dir, '.leakwatch.toml'), `[allowlist]\nfingerprints = [${first.map((f) => JSON.stringify(f.fingerprint)).join(', ')}]\n`);
    const same = await runCli(['scan', repo.dir, '--confidence', 'low'], { env: { LEAKWATCH_ID_KEY: keyA } });
    assert.equal(same.code, 0);
    assert.doesNotMatch(same.stderr, /another id key/);
    const other = await runCli(['scan', repo.dir, '--confidence', 'low'], { env: { LEAKWATCH_ID_KEY: 'b'.repeat(MIN_KEY_LENGTH) } });
    assert.equal(other.code, 1);
    assert.match(other.stderr, /warning: none of the 1 id in the baseline and fingerprint lists matched, though findings stand under the rules and paths of 1: were they made under another id key\? This scan's key is from LEAKWATCH_ID_KEY/);
    repo.remove();
  });
});
