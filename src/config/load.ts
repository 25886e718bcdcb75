// Reads a team's configuration: `.leakwatch.toml` at the repository root (or
// `--config FILE`), or a gitleaks `.gitleaks.toml`, and applies it to the
// built-in rules. Every error stops the run naming the file and the rule;
// gitleaks fields leakwatch does not support are noted, never dropped silently.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import RE2 from 're2';
import { parse as parseToml, TomlError } from 'smol-toml';
import { compileRegex, compileRule, type Rule, type RuleSet } from '../detect/rules.js';
import { UserError } from '../errors.js';
import { emptyAllowlist, gitignorePaths, type Allowlist, type RegexTarget } from './allowlist.js';

export const CONFIG_FILE = '.leakwatch.toml';
export const GITLEAKS_CONFIG_FILE = '.gitleaks.toml';
export const GITLEAKS_IGNORE_FILE = '.gitleaksignore';

export type Dialect = 'leakwatch' | 'gitleaks';

export interface ScanConfig {
  /** The file read, as named to the user; undefined when there is none. */
  file: string | undefined;
  dialect: Dialect | undefined;
  useDefault: boolean;
  disabledRules: Set<string>;
  /** [[rules]] tables in file order: new rules, or overrides of built-in ones. */
  rules: Array<Record<string, unknown>>;
  allowlists: Allowlist[];
  /** Fingerprints of single findings to silence (rule:path:hash, or gitleaks' commit:path:rule:line). */
  fingerprints: Set<string>;
  /** Things the user should know: unsupported gitleaks fields, rules that could not be carried over. */
  notes: string[];
}

export function noConfig(): ScanConfig {
  return { file: undefined, dialect: undefined, useDefault: true, disabledRules: new Set(), rules: [], allowlists: [], fingerprints: new Set(), notes: [] };
}

type Table = Record<string, unknown>;

const isTable = (value: unknown): value is Table => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The configuration for a scan of `root`: `explicit` if given (its dialect told by its name),
 * else `.leakwatch.toml`, else `.gitleaks.toml`; plus `.gitleaksignore` fingerprints when present.
 */
export function loadScanConfig(root: string, explicit: string | undefined): ScanConfig {
  let file = explicit;
  if (file === undefined) file = [CONFIG_FILE, GITLEAKS_CONFIG_FILE].map((name) => join(root, name)).find((path) => existsSync(path));
  const config = file === undefined ? noConfig() : readConfigFile(file, dialectOf(file));
  const ignoreFile = join(root, GITLEAKS_IGNORE_FILE);
  if (existsSync(ignoreFile)) for (const line of readText(ignoreFile).split('\n')) {
    const entry = line.replace(/#.*$/, '').trim();
    if (entry !== '') config.fingerprints.add(entry);
  }
  return config;
}

/** A file named like gitleaks' (`.gitleaks.toml`, `gitleaks.toml`) is read as a gitleaks configuration. */
export function dialectOf(file: string): Dialect {
  return basename(file).toLowerCase().includes('gitleaks') ? 'gitleaks' : 'leakwatch';
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UserError('config', `${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

export function readConfigFile(file: string, dialect: Dialect): ScanConfig {
  let doc: Table;
  try {
    doc = parseToml(readText(file)) as Table;
  } catch (error) {
    if (error instanceof UserError) throw error;
    const where = error instanceof TomlError ? ` at line ${error.line}, column ${error.column}` : '';
    throw new UserError('config', `${file}: not valid TOML${where}: ${error instanceof Error ? error.message.split('\n')[0] : 'invalid'}`);
  }
  const config: ScanConfig = { ...noConfig(), file, dialect };
  const fail = (where: string, reason: string): never => {
    throw new UserError('config', `${file}: ${where}${where === '' ? '' : ': '}${reason}`);
  };
  const note = (text: string): void => {
    config.notes.push(`${file}: ${text}`);
  };
  const topKeys = dialect === 'gitleaks' ? ['title', 'description', 'extend', 'rules', 'allowlist', 'allowlists', 'minVersion'] : ['extend', 'rules', 'allowlist', 'allowlists'];
  for (const key of Object.keys(doc)) {
    if (!topKeys.includes(key)) fail('', `unknown key "${key}" (expected ${topKeys.map((k) => `"${k}"`).join(', ')})`);
  }
  if (dialect === 'gitleaks' && doc.minVersion !== undefined) note('"minVersion" is a gitleaks version check: ignored');

  if (doc.extend !== undefined) {
    if (!isTable(doc.extend)) fail('[extend]', 'must be a table');
    const extend = doc.extend as Table;
    for (const key of Object.keys(extend)) {
      if (key === 'path' || key === 'url') {
        if (dialect === 'gitleaks') note(`[extend] ${key}: extending another configuration is not supported; only this file is read`);
        else fail('[extend]', `unknown key "${key}"`);
      } else if (key !== 'useDefault' && key !== 'disabledRules') fail('[extend]', `unknown key "${key}" (expected "useDefault", "disabledRules")`);
    }
    if (extend.useDefault !== undefined && typeof extend.useDefault !== 'boolean') fail('[extend]', '"useDefault" must be true or false');
    config.useDefault = extend.useDefault !== false;
    if (dialect === 'gitleaks' && extend.useDefault === true) note('[extend] useDefault: leakwatch\'s built-in rules stand in for gitleaks\' default rules');
    for (const id of stringList(extend.disabledRules, () => fail('[extend]', '"disabledRules" must be a list of rule ids'))) config.disabledRules.add(id);
  } else if (dialect === 'gitleaks') {
    // A gitleaks configuration without [extend] replaces gitleaks' defaults with its own rules.
    config.useDefault = false;
    note('no [extend] useDefault = true: only the rules of this file are used (as gitleaks would)');
  }

  for (const raw of allowlistTables(doc, '', fail)) config.allowlists.push(readAllowlist(raw, '[allowlist]', dialect, fail, note, config.fingerprints));

  if (doc.rules !== undefined) {
    if (!Array.isArray(doc.rules)) fail('', '"rules" must be an array of tables ([[rules]])');
    for (const raw of doc.rules as unknown[]) {
      if (!isTable(raw)) fail('', 'each [[rules]] entry must be a table');
      config.rules.push(raw as Table);
    }
  }
  return config;
}

/** `[allowlist]` (one table) and `[[allowlists]]` (several), as both gitleaks versions write them. */
function allowlistTables(doc: Table, prefix: string, fail: (where: string, reason: string) => never): Table[] {
  const tables: Table[] = [];
  if (doc.allowlist !== undefined) {
    if (!isTable(doc.allowlist)) fail(`${prefix}[allowlist]`, 'must be a table');
    tables.push(doc.allowlist as Table);
  }
  if (doc.allowlists !== undefined) {
    if (!Array.isArray(doc.allowlists) || !doc.allowlists.every(isTable)) fail(`${prefix}[[allowlists]]`, 'must be an array of tables');
    tables.push(...(doc.allowlists as Table[]));
  }
  return tables;
}

const ALLOWLIST_KEYS = ['description', 'paths', 'regexes', 'regexTarget', 'stopwords', 'commits', 'condition', 'fingerprints'];
const TARGETS: readonly RegexTarget[] = ['secret', 'match', 'line'];

function readAllowlist(
  raw: Table, where: string, dialect: Dialect, fail: (where: string, reason: string) => never, note: (text: string) => void, fingerprints: Set<string> | undefined,
): Allowlist {
  const list = emptyAllowlist();
  for (const key of Object.keys(raw)) {
    if (!ALLOWLIST_KEYS.includes(key) || (key === 'fingerprints' && fingerprints === undefined)) fail(where, `unknown key "${key}"`);
  }
  const strings = (key: string): string[] => stringList(raw[key], () => fail(where, `"${key}" must be a list of non-empty strings`));
  if (raw.description !== undefined && typeof raw.description !== 'string') fail(where, '"description" must be a string');
  list.description = (raw.description as string | undefined) ?? '';
  // leakwatch writes paths in gitignore syntax; gitleaks writes them as regexes.
  if (dialect === 'gitleaks') list.pathRegexes = strings('paths').map((pattern) => compileRegex(pattern, '', `${where} path ${JSON.stringify(pattern)}`));
  else list.paths = gitignorePaths(strings('paths'));
  list.regexes = strings('regexes').map((pattern) => compileRegex(pattern, '', `${where} regex ${JSON.stringify(pattern)}`));
  const target = raw.regexTarget ?? 'secret';
  if (!TARGETS.includes(target as RegexTarget)) fail(where, `"regexTarget" must be one of ${TARGETS.join(', ')}`);
  list.regexTarget = target as RegexTarget;
  list.stopwords = strings('stopwords').map((word) => word.toLowerCase());
  list.commits = new Set(strings('commits'));
  const condition = raw.condition ?? 'OR';
  if (condition !== 'OR' && condition !== 'AND') fail(where, '"condition" must be "OR" or "AND"');
  list.requireAll = condition === 'AND';
  for (const fingerprint of strings('fingerprints')) fingerprints?.add(fingerprint);
  if (dialect === 'gitleaks' && raw.description === undefined && list.regexes.length + list.stopwords.length + list.commits.size + list.pathRegexes.length === 0) note(`${where} is empty`);
  return list;
}

function stringList(value: unknown, fail: () => never): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item === '')) return fail();
  return value as string[];
}

/** Fields a [[rules]] entry may set to adjust a built-in rule without redefining it. */
const OVERRIDE_KEYS = new Set(['id', 'description', 'keywords', 'entropy', 'minLength', 'allowlist', 'allowlists', 'path']);
/** gitleaks rule fields that leakwatch reads (others are noted and ignored). */
const GITLEAKS_RULE_KEYS = new Set(['id', 'description', 'regex', 'secretGroup', 'entropy', 'keywords', 'path', 'allowlist', 'allowlists']);
const GITLEAKS_IGNORED_RULE_KEYS = new Set(['tags', 'skipReport', 'report']);
const RULE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * The built-in rules with the configuration applied: disabled ones removed, overrides merged,
 * custom rules added after them, and every rule given the global allowlists.
 */
export function applyConfig(builtIn: RuleSet, config: ScanConfig): RuleSet {
  const file = config.file ?? '(configuration)';
  const known = new Map(builtIn.rules.map((rule) => [rule.id, rule]));
  for (const id of config.disabledRules) {
    if (!known.has(id)) {
      if (config.dialect === 'gitleaks') config.notes.push(`${file}: [extend] disabledRules: "${id}" is not a leakwatch rule: nothing to disable`);
      else throw new UserError('config', `${file}: [extend] disabledRules: unknown rule "${id}" (see leakwatch rules)`);
    }
  }
  const rules = config.useDefault ? builtIn.rules.filter((rule) => !config.disabledRules.has(rule.id)) : [];
  const byId = new Map(rules.map((rule, index) => [rule.id, index]));
  let order = builtIn.rules.length;
  for (const raw of config.rules) {
    const id = raw.id;
    if (typeof id !== 'string' || !RULE_ID.test(id)) throw new UserError('config', `${file}: rule ${JSON.stringify(id ?? '(no id)')}: "id" must be letters, digits, dots, dashes or underscores`);
    const where = `${file}: rule ${id}`;
    const fail = (reason: string): never => {
      throw new UserError('config', `${where}: ${reason}`);
    };
    const builtInRule = known.get(id);
    if (builtInRule !== undefined && raw.regex === undefined) {
      // An override: a built-in rule with some fields changed.
      for (const key of Object.keys(raw)) if (!OVERRIDE_KEYS.has(key)) fail(`"${key}" cannot be overridden on a built-in rule (give "regex" to redefine the whole rule)`);
      if (!config.useDefault || config.disabledRules.has(id)) fail('overrides a built-in rule that is not in use (useDefault = false, or disabled)');
      const merged = compileRule({ ...ruleTable(builtInRule), ...pick(raw, ['description', 'keywords', 'entropy', 'minLength']) }, file, builtInRule.order);
      const changed: Rule = { ...builtInRule, description: merged.description, keywords: merged.keywords, entropy: merged.entropy, minLength: merged.minLength };
      changed.allowlists = [...builtInRule.allowlists, ...ruleAllowlists(raw, where, config, fail)];
      changed.pathFilter = rulePath(raw, where, fail) ?? builtInRule.pathFilter;
      changed.source = `${builtInRule.source} + ${file}`;
      rules[byId.get(id) as number] = changed;
      continue;
    }
    if (builtInRule !== undefined && byId.has(id)) rules.splice(byId.get(id) as number, 1); // redefined whole
    const table = config.dialect === 'gitleaks' ? fromGitleaksRule(raw, where, config) : withoutKeys(raw, ['path', 'allowlist', 'allowlists']);
    if (table === undefined) continue;
    if (table.scope === undefined && Array.isArray(table.keywords) && table.keywords.length > 0) {
      // A rule written elsewhere may match across lines or away from its keyword: searched over whole texts, to be exact.
      table.scope = 'blob';
    }
    const rule = compileRule(table, file, order, RULE_ID);
    order += 1;
    rule.allowlists = ruleAllowlists(raw, where, config, fail);
    rule.pathFilter = rulePath(raw, where, fail);
    if (rules.some((each) => each.id === rule.id)) fail('id already defined earlier in this file');
    rules.push(rule);
  }
  if (config.allowlists.length > 0) for (const rule of rules) rule.allowlists = [...config.allowlists, ...rule.allowlists];
  if (rules.length === 0) throw new UserError('config', `${file}: no rules left to run (useDefault = false and no [[rules]] of its own)`);
  return { rules, placeholders: builtIn.placeholders };
}

function ruleAllowlists(raw: Table, where: string, config: ScanConfig, fail: (reason: string) => never): Allowlist[] {
  const failAt = (at: string, reason: string): never => fail(`${at}: ${reason}`);
  return allowlistTables(raw, '', failAt).map((table) => readAllowlist(table, '[rules.allowlist]', config.dialect ?? 'leakwatch', failAt, (text) => config.notes.push(`${where}: ${text}`), undefined));
}

function rulePath(raw: Table, where: string, fail: (reason: string) => never): RE2 | undefined {
  if (raw.path === undefined) return undefined;
  if (typeof raw.path !== 'string' || raw.path === '') return fail('"path" must be a non-empty regex');
  return compileRegex(raw.path, '', `${where}: path`);
}

/** A gitleaks rule as a leakwatch rule table; undefined (with a note) when it cannot be carried over. */
function fromGitleaksRule(raw: Table, where: string, config: ScanConfig): Table | undefined {
  for (const key of Object.keys(raw)) {
    if (GITLEAKS_IGNORED_RULE_KEYS.has(key)) config.notes.push(`${where}: "${key}" is not supported: ignored`);
    else if (!GITLEAKS_RULE_KEYS.has(key)) throw new UserError('config', `${where}: unknown field "${key}"`);
  }
  if (raw.regex === undefined) {
    config.notes.push(`${where}: a rule without "regex" (reporting files by path alone) is not supported: this rule is not used`);
    return undefined;
  }
  const table: Table = { id: raw.id, description: typeof raw.description === 'string' && raw.description !== '' ? raw.description : raw.id, category: 'secret', regex: raw.regex };
  if (raw.secretGroup !== undefined && raw.secretGroup !== 0) table.secretGroup = raw.secretGroup;
  if (raw.entropy !== undefined) table.entropy = raw.entropy;
  if (raw.keywords !== undefined) table.keywords = raw.keywords;
  return table;
}

/** A compiled rule back as the table it came from, for merging an override. */
function ruleTable(rule: Rule): Table {
  const table: Table = { id: rule.id, description: rule.description, category: rule.category, regex: rule.regex.source, keywords: rule.keywords, minLength: rule.minLength, scope: rule.scope };
  if (rule.entropy !== undefined) table.entropy = rule.entropy;
  return table;
}

function pick(table: Table, keys: readonly string[]): Table {
  return Object.fromEntries(Object.entries(table).filter(([key]) => keys.includes(key)));
}

function withoutKeys(table: Table, keys: readonly string[]): Table {
  return Object.fromEntries(Object.entries(table).filter(([key]) => !keys.includes(key)));
}

