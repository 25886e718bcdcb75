// Reads a team's configuration: `.leakwatch.toml` at the repository root (or
// `--config FILE`), or a gitleaks `.gitleaks.toml`, and applies it to the
// built-in rule specs (merging specs; nothing here is compiled). Every error stops the run naming the file and the rule;
// gitleaks fields leakwatch does not support are noted, never dropped silently.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import { LeakwatchError } from '../model/errors.js';
import { allowlistSpecsFrom, type AllowlistSpec } from './allowlist.js';
import { checkRuleId, ruleSpecFrom, tableOf, type RuleOrigin, type RuleSetSpec, type RuleSpec } from './schema.js';
import { isTable, stringList, type Table } from './table.js';

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
  allowlists: AllowlistSpec[];
  /** Fingerprints of single findings to silence (rule:path:hash, or gitleaks' commit:path:rule:line). */
  fingerprints: Set<string>;
  /** Things the user should know: unsupported gitleaks fields, rules that could not be carried over. */
  notes: string[];
}

export function noConfig(): ScanConfig {
  return { file: undefined, dialect: undefined, useDefault: true, disabledRules: new Set(), rules: [], allowlists: [], fingerprints: new Set(), notes: [] };
}

/**
 * The configuration for a scan of `root`: `explicit` if given (its dialect told by its name),
 * else `.leakwatch.toml`, else `.gitleaks.toml`; plus `.gitleaksignore` fingerprints when present.
 */
export function loadConfig(root: string, explicit?: string): ScanConfig {
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
    throw new LeakwatchError('config', `${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

export function readConfigFile(file: string, dialect: Dialect): ScanConfig {
  let doc: Table;
  try {
    doc = parseToml(readText(file)) as Table;
  } catch (error) {
    if (error instanceof LeakwatchError) throw error;
    const where = error instanceof TomlError ? ` at line ${error.line}, column ${error.column}` : '';
    throw new LeakwatchError('config', `${file}: not valid TOML${where}: ${error instanceof Error ? error.message.split('\n')[0] : 'invalid'}`);
  }
  const config: ScanConfig = { ...noConfig(), file, dialect };
  const fail = (where: string, reason: string): never => {
    throw new LeakwatchError('config', `${file}: ${where}${where === '' ? '' : ': '}${reason}`);
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

  config.allowlists.push(...allowlistSpecsFrom(doc, '', fail, pathSyntax(dialect), note, config.fingerprints, '[allowlist]'));

  if (doc.rules !== undefined) {
    if (!Array.isArray(doc.rules)) fail('', '"rules" must be an array of tables ([[rules]])');
    for (const raw of doc.rules as unknown[]) {
      if (!isTable(raw)) fail('', 'each [[rules]] entry must be a table');
      config.rules.push(raw as Table);
    }
  }
  return config;
}

function pathSyntax(dialect: Dialect): 'gitignore' | 'regex' {
  return dialect === 'gitleaks' ? 'regex' : 'gitignore';
}

/** Fields a [[rules]] entry may set to adjust a built-in rule without redefining it. */
const OVERRIDE_KEYS = new Set(['id', 'description', 'keywords', 'entropy', 'minLength', 'allowlist', 'allowlists', 'path', 'confidence']);
/** gitleaks rule fields that leakwatch reads (others are noted and ignored). */
const GITLEAKS_RULE_KEYS = new Set(['id', 'description', 'regex', 'secretGroup', 'entropy', 'keywords', 'path', 'allowlist', 'allowlists']);
const GITLEAKS_IGNORED_RULE_KEYS = new Set(['tags', 'skipReport', 'report']);

/**
 * The built-in rule specs with the configuration applied: disabled ones removed, overrides merged,
 * custom rules added after them, and every rule given the global allowlists.
 */
export function applyConfig(builtIn: RuleSetSpec, config: ScanConfig): RuleSetSpec {
  const file = config.file ?? '(configuration)';
  const known = new Map(builtIn.rules.map((rule) => [rule.id, rule]));
  for (const id of config.disabledRules) {
    if (!known.has(id)) {
      if (config.dialect === 'gitleaks') config.notes.push(`${file}: [extend] disabledRules: "${id}" is not a leakwatch rule: nothing to disable`);
      else throw new LeakwatchError('config', `${file}: [extend] disabledRules: unknown rule "${id}" (see leakwatch rules)`);
    }
  }
  const rules = config.useDefault ? builtIn.rules.filter((rule) => !config.disabledRules.has(rule.id)) : [];
  const byId = new Map(rules.map((rule, index) => [rule.id, index]));
  const origin: RuleOrigin = {
    label: file, code: 'config', ids: 'config', paths: pathSyntax(config.dialect ?? 'leakwatch'), note: (text) => config.notes.push(text),
  };
  let order = builtIn.rules.length;
  for (const raw of config.rules) {
    const id = checkRuleId(raw.id, origin);
    const where = `${file}: rule ${id}`;
    const fail = (reason: string): never => {
      throw new LeakwatchError('config', `${where}: ${reason}`);
    };
    const builtInRule = known.get(id);
    if (builtInRule !== undefined && raw.regex === undefined) {
      // An override: a built-in rule with some fields changed, checked by the same schema.
      for (const key of Object.keys(raw)) if (!OVERRIDE_KEYS.has(key)) fail(`"${key}" cannot be overridden on a built-in rule (give "regex" to redefine the whole rule)`);
      if (!config.useDefault || config.disabledRules.has(id)) fail('overrides a built-in rule that is not in use (useDefault = false, or disabled)');
      const merged = ruleSpecFrom({ ...tableOf(builtInRule), ...raw }, origin, builtInRule.order);
      const changed: RuleSpec = {
        ...builtInRule,
        description: merged.description,
        keywords: merged.keywords,
        entropy: merged.entropy,
        minLength: merged.minLength,
        confidence: merged.confidence,
        allowlists: [...builtInRule.allowlists, ...merged.allowlists],
        path: merged.path ?? builtInRule.path,
        source: `${builtInRule.source} + ${file}`,
      };
      rules[byId.get(id) as number] = changed;
      continue;
    }
    if (builtInRule !== undefined && byId.has(id)) rules.splice(byId.get(id) as number, 1); // redefined whole
    const table = config.dialect === 'gitleaks' ? fromGitleaksRule(raw, where, config) : { ...raw };
    if (table === undefined) continue;
    if (table.scope === undefined && Array.isArray(table.keywords) && table.keywords.length > 0) {
      // A rule written elsewhere may match across lines or away from its keyword: searched over whole texts, to be exact.
      table.scope = 'blob';
    }
    const rule = ruleSpecFrom(table, origin, order);
    order += 1;
    if (rules.some((each) => each.id === rule.id)) fail('id already defined earlier in this file');
    rules.push(rule);
  }
  const withGlobal = config.allowlists.length === 0 ? rules : rules.map((rule) => ({ ...rule, allowlists: [...config.allowlists, ...rule.allowlists] }));
  if (withGlobal.length === 0) throw new LeakwatchError('config', `${file}: no rules left to run (useDefault = false and no [[rules]] of its own)`);
  return { rules: withGlobal, placeholders: builtIn.placeholders };
}

/** A gitleaks rule as a leakwatch rule table; undefined (with a note) when it cannot be carried over. */
function fromGitleaksRule(raw: Table, where: string, config: ScanConfig): Table | undefined {
  for (const key of Object.keys(raw)) {
    if (GITLEAKS_IGNORED_RULE_KEYS.has(key)) config.notes.push(`${where}: "${key}" is not supported: ignored`);
    else if (!GITLEAKS_RULE_KEYS.has(key)) throw new LeakwatchError('config', `${where}: unknown field "${key}"`);
  }
  if (raw.regex === undefined && raw.path === undefined) {
    config.notes.push(`${where}: a rule with neither "regex" nor "path" matches nothing: this rule is not used`);
    return undefined;
  }
  // Without a regex, a rule reports files by their path alone, as in gitleaks.
  const table: Table = { id: raw.id, description: typeof raw.description === 'string' && raw.description !== '' ? raw.description : raw.id, category: 'secret' };
  if (raw.regex !== undefined) table.regex = raw.regex;
  for (const key of ['entropy', 'keywords', 'path', 'allowlist', 'allowlists']) if (raw[key] !== undefined) table[key] = raw[key];
  if (raw.secretGroup !== undefined && raw.secretGroup !== 0) table.secretGroup = raw.secretGroup;
  return table;
}
