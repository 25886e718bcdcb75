// Allowlists: what a team declares not to be a leak. Global ones apply to
// every rule, a rule's own only to it. Checked in two places: what depends on
// the text (a secret, its line, stopwords) by the detector, what depends on
// where it was found (paths, commits) when findings are attributed.
// Written as data (`AllowlistSpec`, part of a rule's spec), compiled with the rule.
import ignore, { type Ignore } from 'ignore';
import type RE2 from 're2';
import { checkRegex, compileRegex } from './regex.js';
import { isTable, stringList, type Table } from './table.js';

export type RegexTarget = 'secret' | 'match' | 'line';
/** How allowlist paths are written: gitignore patterns (leakwatch) or regexes (gitleaks). */
export type PathSyntax = 'gitignore' | 'regex';

/** An allowlist as data. */
export interface AllowlistSpec {
  description: string;
  /** Paths in gitignore syntax (.leakwatch.toml). */
  paths: string[];
  /** Paths as regexes (gitleaks configurations). */
  pathRegexes: string[];
  regexes: string[];
  regexTarget: RegexTarget;
  /** Lower-case words: a secret containing one is allowed. */
  stopwords: string[];
  commits: string[];
  /** gitleaks `condition = "AND"`: every condition given must hold, not any one. */
  requireAll: boolean;
}

/** An allowlist compiled, as the checks below use it. */
export interface Allowlist {
  description: string;
  paths: Ignore | undefined;
  pathRegexes: RE2[];
  regexes: RE2[];
  regexTarget: RegexTarget;
  stopwords: string[];
  commits: Set<string>;
  requireAll: boolean;
}

/**
 * A path as gitignore patterns see it: relative to the scanned root, without a leading `./`.
 * Undefined for a path outside the root (absolute, or `../`), which such patterns cannot match.
 */
export function gitignorePath(path: string): string | undefined {
  const bare = path.replace(/^(?:\.\/)+/, '');
  if (bare === '' || bare.startsWith('/') || bare === '..' || bare.startsWith('../') || /^[A-Za-z]:[\\/]/.test(bare)) return undefined;
  return bare;
}

/** Whether gitignore patterns ignore `path` (a path outside the root never is). */
export function ignoredBy(patterns: Ignore, path: string): boolean {
  const relative = gitignorePath(path);
  return relative !== undefined && patterns.ignores(relative);
}

export function compileAllowlist(spec: AllowlistSpec): Allowlist {
  return {
    description: spec.description,
    paths: spec.paths.length === 0 ? undefined : ignore().add([...spec.paths]),
    pathRegexes: spec.pathRegexes.map((pattern) => compileRegex(pattern, '', `allowlist path ${JSON.stringify(pattern)}`)),
    regexes: spec.regexes.map((pattern) => compileRegex(pattern, '', `allowlist regex ${JSON.stringify(pattern)}`)),
    regexTarget: spec.regexTarget,
    stopwords: spec.stopwords,
    commits: new Set(spec.commits),
    requireAll: spec.requireAll,
  };
}


const ALLOWLIST_KEYS = ['description', 'paths', 'regexes', 'regexTarget', 'stopwords', 'commits', 'condition', 'fingerprints'];
const TARGETS: readonly RegexTarget[] = ['secret', 'match', 'line'];

/**
 * The allowlists of a table: `[allowlist]` (one) and `[[allowlists]]` (several), as both gitleaks
 * versions write them. `fingerprints` collects the fingerprints a global allowlist lists; a rule's
 * allowlists (no such set) may not list any. Errors go to `fail(where, reason)`.
 */
export function allowlistSpecsFrom(
  doc: Table, prefix: string, fail: (where: string, reason: string) => never, syntax: PathSyntax, note: (text: string) => void,
  fingerprints: Set<string> | undefined, where: string,
): AllowlistSpec[] {
  const tables: Table[] = [];
  if (doc.allowlist !== undefined) {
    if (!isTable(doc.allowlist)) fail(`${prefix}[allowlist]`, 'must be a table');
    tables.push(doc.allowlist as Table);
  }
  if (doc.allowlists !== undefined) {
    if (!Array.isArray(doc.allowlists) || !doc.allowlists.every(isTable)) fail(`${prefix}[[allowlists]]`, 'must be an array of tables');
    tables.push(...(doc.allowlists as Table[]));
  }
  return tables.map((table) => allowlistSpec(table, where, fail, syntax, note, fingerprints));
}

function allowlistSpec(
  raw: Table, where: string, fail: (where: string, reason: string) => never, syntax: PathSyntax, note: (text: string) => void, fingerprints: Set<string> | undefined,
): AllowlistSpec {
  for (const key of Object.keys(raw)) {
    if (!ALLOWLIST_KEYS.includes(key) || (key === 'fingerprints' && fingerprints === undefined)) fail(where, `unknown key "${key}"`);
  }
  const strings = (key: string): string[] => stringList(raw[key], () => fail(where, `"${key}" must be a list of non-empty strings`));
  if (raw.description !== undefined && typeof raw.description !== 'string') fail(where, '"description" must be a string');
  const paths = strings('paths');
  // leakwatch writes paths in gitignore syntax; gitleaks writes them as regexes.
  if (syntax === 'regex') for (const pattern of paths) checkRegex(pattern, '', `${where} path ${JSON.stringify(pattern)}`);
  const regexes = strings('regexes');
  for (const pattern of regexes) checkRegex(pattern, '', `${where} regex ${JSON.stringify(pattern)}`);
  const target = raw.regexTarget ?? 'secret';
  if (!TARGETS.includes(target as RegexTarget)) fail(where, `"regexTarget" must be one of ${TARGETS.join(', ')}`);
  const stopwords = strings('stopwords').map((word) => word.toLowerCase());
  const commits = [...new Set(strings('commits'))];
  const condition = raw.condition ?? 'OR';
  if (condition !== 'OR' && condition !== 'AND') fail(where, '"condition" must be "OR" or "AND"');
  for (const fingerprint of strings('fingerprints')) fingerprints?.add(fingerprint);
  const pathRegexes = syntax === 'regex' ? paths : [];
  if (syntax === 'regex' && raw.description === undefined && regexes.length + stopwords.length + commits.length + pathRegexes.length === 0) note(`${where} is empty`);
  return {
    description: (raw.description as string | undefined) ?? '',
    paths: syntax === 'regex' ? [] : paths,
    pathRegexes,
    regexes,
    regexTarget: target as RegexTarget,
    stopwords,
    commits,
    requireAll: condition === 'AND',
  };
}

/** What the detector knows of a candidate: its secret, the whole match and its line. */
export interface TextFacts {
  secret: string;
  match: () => string;
  line: () => string;
}

/** Where a finding was introduced. */
export interface PlaceFacts {
  path: string;
  commit: string | undefined;
}

type Check = boolean | undefined; // undefined: the allowlist sets no condition of this kind

function textChecks(list: Allowlist, facts: TextFacts): Check[] {
  const regexes: Check = list.regexes.length === 0 ? undefined : list.regexes.some((regex) => regex.test(list.regexTarget === 'secret' ? facts.secret : list.regexTarget === 'match' ? facts.match() : facts.line()));
  const lower = facts.secret.toLowerCase();
  const stopwords: Check = list.stopwords.length === 0 ? undefined : list.stopwords.some((word) => lower.includes(word));
  return [regexes, stopwords];
}

function placeChecks(list: Allowlist, place: PlaceFacts): Check[] {
  const paths: Check = list.paths === undefined && list.pathRegexes.length === 0
    ? undefined
    : (list.paths !== undefined && ignoredBy(list.paths, place.path)) || list.pathRegexes.some((regex) => regex.test(place.path));
  const commits: Check = list.commits.size === 0 ? undefined : place.commit !== undefined && list.commits.has(place.commit);
  return [paths, commits];
}

function decide(list: Allowlist, checks: Check[]): boolean {
  const set = checks.filter((check): check is boolean => check !== undefined);
  if (set.length === 0) return false;
  return list.requireAll ? set.every(Boolean) : set.some(Boolean);
}

/**
 * Whether the text alone allows the candidate. An AND-allowlist that also names paths or commits
 * cannot be decided from the text: it is left to `allowsPlace`, which sees both.
 */
export function allowsText(lists: readonly Allowlist[], facts: TextFacts): boolean {
  return lists.some((list) => {
    if (list.requireAll && (list.paths !== undefined || list.pathRegexes.length > 0 || list.commits.size > 0)) return false;
    return decide(list, textChecks(list, facts));
  });
}

/** Whether where a finding was introduced allows it (for an AND-allowlist, together with its text). */
export function allowsPlace(lists: readonly Allowlist[], place: PlaceFacts, facts: TextFacts): boolean {
  return lists.some((list) => {
    const placeOnly = placeChecks(list, place);
    if (!list.requireAll) return decide(list, placeOnly);
    if (placeOnly.every((check) => check === undefined)) return false; // decided on text alone
    return decide(list, [...placeOnly, ...textChecks(list, facts)]);
  });
}
