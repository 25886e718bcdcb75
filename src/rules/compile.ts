// A rule-set spec (plain data, see schema.ts) compiled into what the detector
// runs: RE2 regexes, placeholder sets, compiled allowlists. The main thread and
// every worker call this on the same spec, so they run the same rules.
import RE2 from 're2';
import type { RuleId } from '../model/types.js';
import { compileAllowlist, type Allowlist } from './allowlist.js';
import { loadCatalog } from './catalog.js';
import { compileRegex } from './regex.js';
import type { RuleSetSpec, RuleSpec } from './schema.js';

/** A rule ready to run on content: its spec, with the regexes and allowlists compiled. */
export interface Rule extends Omit<RuleSpec, 'regex' | 'allowlists' | 'path'> {
  id: RuleId;
  regex: RE2;
  allowlists: Allowlist[];
  /** Only paths matching this regex are reported (a gitleaks rule's `path`). */
  pathFilter: RE2 | undefined;
}

/** A rule that reports a file by its path alone, whatever it holds (a keystore, a real `.env`). */
export interface FileRule extends Omit<Rule, 'regex' | 'pathFilter'> {
  pathFilter: RE2;
}

export interface PlaceholderLists {
  /** Whole values, lower-case, that are never real secrets. */
  words: Set<string>;
  /** Patterns that mark a value as a placeholder, as one set: a value is tested once against all. */
  patterns: InstanceType<typeof RE2.Set> | undefined;
  /** Patterns of what code puts where a value would be (a variable, a call, a type); for generic rules only. */
  references: InstanceType<typeof RE2.Set> | undefined;
}

export interface RuleSet {
  /** Rules that search content. */
  rules: Rule[];
  /** Rules that match paths alone. */
  fileRules: FileRule[];
  placeholders: PlaceholderLists;
}

/**
 * The rule set with every regex compiled now. For a whole history's worker threads: their scans
 * reach most rules anyway, and a spec that did not come through the checks (a rule set handed over
 * by code) then fails when the thread starts, not part way through.
 */
export function compileRuleSetNow(spec: RuleSetSpec): RuleSet {
  const ruleSet = compileRuleSet(spec);
  for (const rule of ruleSet.rules) void [rule.regex, rule.pathFilter];
  return ruleSet;
}

export function compileRuleSet(spec: RuleSetSpec): RuleSet {
  const asSet = (list: string[]): InstanceType<typeof RE2.Set> | undefined => (list.length === 0 ? undefined : new RE2.Set(list));
  return {
    rules: spec.rules.filter((rule) => rule.regex !== undefined).map(compileRule),
    // A path-only rule that only serves as a part of composite rules reports nothing (as in gitleaks).
    fileRules: spec.rules.filter((rule) => rule.regex === undefined && !rule.skipReport).map(compileFileRule),
    placeholders: { words: new Set(spec.placeholders.words), patterns: asSet(spec.placeholders.patterns), references: asSet(spec.placeholders.references) },
  };
}

/**
 * The rule with its regexes compiled on first use: a push's few blobs mention the keywords of a few
 * rules, and compiling all of them (some 200) took longer than the scan. The pattern and flags are
 * those an eager compile would use, so the regex is the same whenever it is made; a spec's patterns
 * were checked when it was read (schema.ts, or the build for the built-in snapshot), so a compile
 * made late does not fail late.
 */
export function compileRule(spec: RuleSpec): Rule {
  const { regex, allowlists, path, ...fields } = spec;
  const where = `${spec.source}: rule ${spec.id}`;
  const rule = { ...fields } as Rule;
  // Multi-line for line-scope rules: `^` and `$` mean a line's ends, in a whole text as in some of its lines (see the detector's LINE SCOPE).
  onFirstUse(rule, 'regex', () => compileRegex(regex ?? '', spec.scope === 'line' ? 'gdm' : 'gd', where));
  rule.allowlists = allowlists.map(compileAllowlist);
  onFirstUse(rule, 'pathFilter', () => (path === undefined ? undefined : compileRegex(path, '', `${where}: path`)));
  return rule;
}

/** Defines `object[key]` as `make()`, called on the first read, its value then kept as a plain property. */
function onFirstUse<T extends object, K extends keyof T>(object: T, key: K, make: () => T[K]): void {
  Object.defineProperty(object, key, {
    configurable: true,
    enumerable: true,
    get(): T[K] {
      const value = make();
      Object.defineProperty(object, key, { value, configurable: true, enumerable: true, writable: true });
      return value;
    },
  });
}

export function compileFileRule(spec: RuleSpec): FileRule {
  const { regex: _none, allowlists, path, ...fields } = spec;
  const where = `${spec.source}: rule ${spec.id}`;
  return { ...fields, allowlists: allowlists.map(compileAllowlist), pathFilter: compileRegex(path ?? '', '', `${where}: path`) };
}

/** The rule files of a patterns directory, compiled. */
export function loadRuleSet(dir?: string): RuleSet {
  return compileRuleSet(loadCatalog(dir));
}
