// Where the key for findings' ids comes from (see model/fingerprint.ts for why ids need one).
// In order: LEAKWATCH_ID_KEY (the Action's `id-key` input sets it from a repository secret), then
// a random key kept in the repository's git directory (`.git/leakwatch/id-key`, created on first use,
// owner-only, never committed), then one in the user's configuration folder for what is not in a
// repository (standard input, a plain folder). Each machine thus has its own key for a project unless
// the team shares one: a baseline records the key's check value, and a scan with another key refuses
// the baseline with the way to share it, instead of reporting every accepted finding as new.
import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, lstatSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { IdKey } from '../model/fingerprint.js';
import { gitCommonDir } from '../sources/git/git-dir.js';
import { LeakwatchError } from '../model/errors.js';

export const ID_KEY_VARIABLE = 'LEAKWATCH_ID_KEY';
/** Shorter keys could be found from a baseline's check value by trying them. */
export const MIN_KEY_LENGTH = 32;

export interface ResolvedIdKey {
  key: IdKey;
  /** Where it came from, for messages: `LEAKWATCH_ID_KEY`, or the key file's path. */
  from: string;
  /** Whether this call created the key file. */
  created: boolean;
}

/** The id key for scanning `directory` (a repository, a folder in one, or anything else). */
export function resolveIdKey(directory: string, env: NodeJS.ProcessEnv = process.env): ResolvedIdKey {
  const given = givenKey(env);
  if (given !== undefined) {
    const { name, value } = given;
    if (value.length < MIN_KEY_LENGTH) {
      throw new LeakwatchError('id-key', `${name} is ${value.length} characters long: use at least ${MIN_KEY_LENGTH} random ones (\`leakwatch id-key --new\` or \`openssl rand -hex 32\` makes one)`);
    }
    return { key: new IdKey(value), from: name, created: false };
  }
  const files = keyFiles(directory, env);
  if (files.repository !== undefined) {
    const stored = keyFile(files.repository);
    if (stored !== undefined) return stored;
  }
  const stored = keyFile(files.user);
  if (stored !== undefined) return stored;
  // Nowhere to keep one (read-only everywhere): ids hold for this run only, still unguessable.
  return { key: new IdKey(newKey()), from: 'a key for this run only (no place to store one)', created: true };
}

/**
 * Whether `resolveIdKey` would find a key without making one: the variable is set, or a key file
 * exists. Lets the cache seal what needs no finding (a history listing) without creating a key.
 */
export function idKeyStored(directory: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (givenKey(env) !== undefined) return true;
  // In a repository, resolveIdKey makes the repository's own key before looking at the user's.
  const files = keyFiles(directory, env);
  return existsSync(files.repository ?? files.user);
}

/** The key the environment gives, and the variable it came from; an empty value counts as unset (the Action passes its id-key input through even when it is empty). */
function givenKey(env: NodeJS.ProcessEnv): { name: string; value: string } | undefined {
  for (const name of [ID_KEY_VARIABLE, 'LEAKWATCH_HASH_KEY']) {
    const value = (env[name] ?? '').trim();
    if (value !== '') return { name, value };
  }
  return undefined;
}

/** Where keys are kept: the repository's own (when `directory` is in one), and the user's. */
function keyFiles(directory: string, env: NodeJS.ProcessEnv): { repository: string | undefined; user: string } {
  const gitDir = gitCommonDir(resolve(directory));
  const config = env.XDG_CONFIG_HOME !== undefined && env.XDG_CONFIG_HOME !== '' ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return { repository: gitDir === undefined ? undefined : join(gitDir, 'leakwatch', 'id-key'), user: join(config, 'leakwatch', 'id-key') };
}

/** 32 random bytes in hex: what a key file holds and `leakwatch id-key --new` prints. */
export function newKey(): string {
  return randomBytes(32).toString('hex');
}

/**
 * The key stored in `file`, created there if missing; undefined when there is no such file and none
 * can be made (a read-only repository): the caller then looks elsewhere.
 */
function keyFile(file: string): ResolvedIdKey | undefined {
  const read = (): ResolvedIdKey | undefined => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8').trim();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Another user's key in a shared repository: theirs to keep; this user's own key is used instead.
      if (code === 'EACCES' || code === 'EPERM') return undefined;
      throw new LeakwatchError('id-key', `${file}: cannot read the id key (${code ?? 'error'})`);
    }
    if (text.length < MIN_KEY_LENGTH) throw new LeakwatchError('id-key', `${file}: the id key there is too short (${text.length} characters; delete the file to make a new one)`);
    return { key: new IdKey(text), from: file, created: false };
  };
  if (existsSync(file) || isLink(file)) return read();
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(temporary, `${newKey()}\n`, { flag: 'wx', mode: 0o600 });
  } catch {
    return undefined;
  }
  try {
    // Written whole under another name, then linked into place: a scan starting at the same moment
    // either finds no key or a complete one, never an empty file; if it won the race, its key stands.
    linkSync(temporary, file);
    const made = read();
    return made === undefined ? undefined : { ...made, created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return read();
    if (error instanceof LeakwatchError) throw error;
    return undefined;
  } finally {
    rmSync(temporary, { force: true });
  }
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
