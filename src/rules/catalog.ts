// The rule files of a patterns directory (the built-in `patterns/`, or
// `--patterns DIR`) read into one rule-set spec: every [[rules]] table through
// the schema, plus the placeholder and reference lists.
// Errors name the file and the rule: `patterns/cloud.toml: rule aws-x: reason`.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { LeakwatchError } from '../model/errors.js';
import { packagePath } from '../model/package-root.js';
import { parseToml, tomlErrorAt } from './toml.js';
import type { Category, RuleId } from '../model/types.js';
import { readSnapshot } from './catalog-snapshot.js';
import { checkRegex } from './regex.js';
import { ruleSpecFrom, type PlaceholderSpec, type RuleOrigin, type RuleSetSpec, type RuleSpec } from './schema.js';
import { isTable, stringList, type Table } from './table.js';

/** Directory of the rule files shipped with the package. */
export function defaultPatternsDir(): string {
  return packagePath('patterns');
}

/** The rule set restricted to one category (`--only secret` / `--only pii`). */
export function onlyCategory(spec: RuleSetSpec, category: Category | undefined): RuleSetSpec {
  return category === undefined ? spec : { ...spec, rules: spec.rules.filter((rule) => rule.category === category) };
}

/** The rule-set spec of a patterns directory; the built-in one as the build checked it, while it still fits (see catalog-snapshot.ts). */
export function loadCatalog(dir: string = defaultPatternsDir()): RuleSetSpec {
  return (resolve(dir) === defaultPatternsDir() ? readSnapshot(dir) : undefined) ?? readCatalog(dir);
}

/** Reads and checks every rule file of `dir`: each regex is compiled once, so an error names its file and rule. */
export function readCatalog(dir: string): RuleSetSpec {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.toml')).sort();
  } catch {
    throw new LeakwatchError('patterns-dir', `${dir}: cannot read the patterns directory`);
  }
  if (names.length === 0) throw new LeakwatchError('patterns-dir', `${dir}: no .toml rule files found`);

  const rules: RuleSpec[] = [];
  const words = new Set<string>();
  const placeholders: PlaceholderSpec = { words: [], patterns: [], references: [] };
  const seen = new Map<RuleId, string>();
  const equivalents: Record<string, string[]> = {};
  for (const name of names) {
    const file = join(dir, name);
    const label = `${basename(dir)}/${relative(dir, file)}`;
    const doc = parseFile(file, label);
    for (const key of Object.keys(doc)) {
      if (key !== 'rules' && key !== 'placeholders' && key !== 'references' && key !== 'gitleaks') {
        throw new LeakwatchError('rule-file', `${label}: unknown top-level key "${key}" (expected [[rules]], [placeholders], [references] or [gitleaks])`);
      }
    }
    if (doc.gitleaks !== undefined) readEquivalents(doc.gitleaks, label, equivalents);
    if (doc.placeholders !== undefined) {
      if (!isTable(doc.placeholders)) throw new LeakwatchError('rule-file', `${label}: [placeholders] must be a table`);
      for (const word of listIn(doc.placeholders.words, label, 'placeholders.words')) words.add(word.toLowerCase());
      placeholders.patterns.push(...checkedPatterns(doc.placeholders.patterns, label, 'placeholders.patterns'));
    }
    if (doc.references !== undefined) {
      if (!isTable(doc.references)) throw new LeakwatchError('rule-file', `${label}: [references] must be a table`);
      placeholders.references.push(...checkedPatterns(doc.references.patterns, label, 'references.patterns'));
    }
    if (doc.rules === undefined) continue;
    if (!Array.isArray(doc.rules)) throw new LeakwatchError('rule-file', `${label}: "rules" must be an array of tables ([[rules]])`);
    const origin: RuleOrigin = { label, code: 'rule-file', ids: 'catalog', paths: 'gitignore', note: () => undefined };
    for (const raw of doc.rules as unknown[]) {
      const rule = ruleSpecFrom(raw, origin, rules.length);
      const previous = seen.get(rule.id);
      if (previous !== undefined) throw new LeakwatchError('rule-file', `${label}: rule ${rule.id}: id already defined in ${previous}`);
      seen.set(rule.id, label);
      rules.push(rule);
    }
  }
  placeholders.words = [...words];
  for (const [theirs, ours] of Object.entries(equivalents)) {
    const unknown = ours.find((id) => !seen.has(id));
    if (unknown !== undefined) throw new LeakwatchError('rule-file', `${basename(dir)}: [gitleaks.equivalents] "${theirs}": no rule "${unknown}"`);
  }
  return { rules, placeholders, gitleaksEquivalents: equivalents };
}

/** `[gitleaks] equivalents = { "gitleaks-id" = ["our-id", ...] }`: which of our rules stand in for a gitleaks default rule. */
function readEquivalents(raw: unknown, label: string, into: Record<string, string[]>): void {
  const fail = (reason: string): never => {
    throw new LeakwatchError('rule-file', `${label}: [gitleaks] ${reason}`);
  };
  if (!isTable(raw)) return fail('must be a table');
  for (const key of Object.keys(raw)) if (key !== 'equivalents') fail(`unknown key "${key}" (expected "equivalents")`);
  if (raw.equivalents === undefined) return;
  if (!isTable(raw.equivalents)) return fail('"equivalents" must be a table of gitleaks rule ids to lists of rule ids');
  for (const [theirs, ours] of Object.entries(raw.equivalents)) {
    if (into[theirs] !== undefined) fail(`"${theirs}" is listed twice`);
    into[theirs] = [...listIn(ours, label, `gitleaks.equivalents."${theirs}"`)];
  }
}

function parseFile(file: string, label: string): Table {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new LeakwatchError('rule-file', `${label}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    return parseToml(text) as Table;
  } catch (error) {
    const at = tomlErrorAt(error);
    const where = at === undefined ? '' : ` at line ${at.line}, column ${at.column}`;
    const reason = error instanceof Error ? error.message.split('\n')[0] : 'invalid TOML';
    throw new LeakwatchError('rule-file', `${label}: not valid TOML${where}: ${reason}`);
  }
}

function listIn(raw: unknown, label: string, what: string): string[] {
  return stringList(raw, () => {
    throw new LeakwatchError('rule-file', `${label}: ${what} must be a list of non-empty strings`);
  });
}

/** Patterns compiled one by one first, so an error names the pattern; the detector uses them together as a set. */
function checkedPatterns(raw: unknown, label: string, what: string): string[] {
  const patterns = listIn(raw, label, what);
  for (const pattern of patterns) checkRegex(pattern, '', `${label}: ${what} ${JSON.stringify(pattern)}`);
  return patterns;
}
