// Allowlists: what a team declares not to be a leak. Global ones apply to
// every rule, a rule's own only to it. Checked in two places: what depends on
// the text (a secret, its line, stopwords) by the detector, what depends on
// where it was found (paths, commits) when findings are attributed.
import ignore, { type Ignore } from 'ignore';
import RE2 from 're2';

export type RegexTarget = 'secret' | 'match' | 'line';

export interface Allowlist {
  description: string;
  /** Paths in gitignore syntax (.leakwatch.toml). */
  paths: Ignore | undefined;
  /** Paths as regexes (gitleaks configurations). */
  pathRegexes: RE2[];
  regexes: RE2[];
  regexTarget: RegexTarget;
  /** Lower-case words: a secret containing one is allowed. */
  stopwords: string[];
  commits: Set<string>;
  /** gitleaks `condition = "AND"`: every condition given must hold, not any one. */
  requireAll: boolean;
}

export function emptyAllowlist(): Allowlist {
  return { description: '', paths: undefined, pathRegexes: [], regexes: [], regexTarget: 'secret', stopwords: [], commits: new Set(), requireAll: false };
}

export function gitignorePaths(patterns: readonly string[]): Ignore | undefined {
  return patterns.length === 0 ? undefined : ignore().add([...patterns]);
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
    : (list.paths?.ignores(place.path) ?? false) || list.pathRegexes.some((regex) => regex.test(place.path));
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
