// Reads a team's configuration: `.leakwatch.toml` at the repository root (or
// `--config FILE`), or a gitleaks `.gitleaks.toml`, and applies it to the
// built-in rule specs (merging specs; nothing here is compiled). Every error stops the run naming the file and the rule;
// gitleaks fields leakwatch does not support are noted, never dropped silently.
// The dialect is told by what the file says (see dialectOf), not by its name: a gitleaks
// configuration passed as `--config ci/secrets.toml` is read as gitleaks reads it.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { LeakwatchError } from '../model/errors.js';
import { parseToml, tomlErrorAt } from './toml.js';
import { allowlistSpecsFrom, type AllowlistSpec } from './allowlist.js';
import { checkRequired, checkRuleId, RULE_KEYS, ruleSpecFrom, tableOf, type RuleOrigin, type RuleSetSpec, type RuleSpec } from './schema.js';
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
  /** Allowlists for some rules only (`targetRules`): ids as written, ours or gitleaks'. */
  targeted: Array<{ rules: string[]; allowlist: AllowlistSpec }>;
  /** Fingerprints of single findings to silence (rule:path:hash, or gitleaks' commit:path:rule:line). */
  fingerprints: Set<string>;
  /** Things the user should know: unsupported gitleaks fields, rules that could not be carried over. */
  notes: string[];
}

export function noConfig(): ScanConfig {
  return { file: undefined, dialect: undefined, useDefault: true, disabledRules: new Set(), rules: [], allowlists: [], targeted: [], fingerprints: new Set(), notes: [] };
}

/**
 * The configuration for a scan of `root`: `explicit` if given, else `.leakwatch.toml`, else
 * `.gitleaks.toml` (either read in the dialect its content shows); plus `.gitleaksignore` entries when present.
 */
export function loadConfig(root: string, explicit?: string): ScanConfig {
  let file = explicit;
  if (file === undefined) file = [CONFIG_FILE, GITLEAKS_CONFIG_FILE].map((name) => join(root, name)).find((path) => existsSync(path));
  const config = file === undefined ? noConfig() : readConfigFile(file);
  const ignoreFile = join(root, GITLEAKS_IGNORE_FILE);
  if (existsSync(ignoreFile)) for (const line of readText(ignoreFile).split('\n')) {
    const entry = gitleaksIgnoreEntry(line);
    if (entry !== undefined) config.fingerprints.add(entry);
  }
  return config;
}

/**
 * One line of `.gitleaksignore` as a key findings are matched against: comments and blanks dropped,
 * the path's backslashes made slashes (as gitleaks does): `commit:path:rule:line` or `path:rule:line`.
 */
export function gitleaksIgnoreEntry(line: string): string | undefined {
  const entry = line.replace(/#.*$/, '').trim();
  if (entry === '') return undefined;
  const parts = entry.split(':');
  const pathAt = parts.length === 4 ? 1 : parts.length === 3 ? 0 : -1;
  if (pathAt >= 0) parts[pathAt] = (parts[pathAt] as string).replace(/\\/g, '/');
  return parts.join(':');
}

/** Keys only gitleaks writes (current and older versions), and keys only leakwatch writes. */
const GITLEAKS_TOP = ['title', 'description', 'minVersion', 'whitelist'];
const GITLEAKS_RULE = ['tags', 'required', 'skipReport', 'whitelist', 'file', 'entropies', 'reportGroup'];
const GITLEAKS_LIST = ['targetRules', 'files', 'repos'];
const LEAKWATCH_RULE = ['category', 'validator', 'scope', 'mask', 'examples', 'confidence', 'generic', 'placeholders', 'referenceGroups', 'keepPrefix', 'minLength'];
/** What only a regex says (an escape, an anchor, a group): gitignore patterns do not use these. */
const REGEX_SIGNS = /\\|\^|\$|\(\?|\.\*|\|/;

/**
 * Which tool wrote a configuration, told by its content: keys only one of them uses (gitleaks'
 * `title`, `minVersion`, `tags`, `[[rules.required]]`, `targetRules`, the old `[whitelist]`; ours
 * `category`, `examples`, `fingerprints`...), then the file's name (`gitleaks` in it), then how its
 * allowlist paths are written (regexes are gitleaks'). Otherwise leakwatch's.
 */
export function dialectOf(doc: Table, file: string): Dialect {
  const rules = Array.isArray(doc.rules) ? doc.rules.filter(isTable) : [];
  const lists: Table[] = [];
  const addLists = (table: Table): void => {
    for (const key of ['allowlist', 'whitelist']) if (isTable(table[key])) lists.push(table[key] as Table);
    for (const key of ['allowlists', 'whitelist']) if (Array.isArray(table[key])) lists.push(...(table[key] as unknown[]).filter(isTable));
  };
  addLists(doc);
  for (const rule of rules) addLists(rule);
  const has = (table: Table, keys: readonly string[]): boolean => Object.keys(table).some((key) => keys.some((known) => known.toLowerCase() === key.toLowerCase()));
  const gitleaks = has(doc, GITLEAKS_TOP) || rules.some((rule) => has(rule, GITLEAKS_RULE) || (rule.id === undefined && rule.description !== undefined))
    || lists.some((list) => has(list, GITLEAKS_LIST))
    || (isTable(doc.extend) && has(doc.extend, ['path', 'url']));
  const leakwatch = rules.some((rule) => has(rule, LEAKWATCH_RULE) || isTable(rule.entropy)) || lists.some((list) => has(list, ['fingerprints']));
  if (gitleaks !== leakwatch) return gitleaks ? 'gitleaks' : 'leakwatch';
  if (basename(file).toLowerCase().includes('gitleaks')) return 'gitleaks';
  if (leakwatch) return 'leakwatch';
  const paths = lists.flatMap((list) => (Array.isArray(list.paths) ? list.paths : [])).filter((path): path is string => typeof path === 'string');
  return paths.some((path) => REGEX_SIGNS.test(path)) ? 'gitleaks' : 'leakwatch';
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new LeakwatchError('config', `${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** Every key gitleaks reads, in the case it documents: gitleaks (through viper) reads keys in any case. */
const GITLEAKS_KEYS = new Map([
  ...['title', 'description', 'minVersion', 'extend', 'rules', 'allowlist', 'allowlists', 'whitelist', 'useDefault', 'disabledRules', 'path', 'url',
    'id', 'regex', 'secretGroup', 'entropy', 'keywords', 'tags', 'required', 'skipReport', 'withinLines', 'withinColumns', 'file', 'entropies', 'reportGroup',
    'condition', 'commits', 'paths', 'regexTarget', 'regexes', 'stopwords', 'targetRules', 'files', 'repos', 'report'].map((key) => [key.toLowerCase(), key] as const),
]);

/** A gitleaks document with its keys in canonical case (nested tables too). */
function canonicalKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalKeys);
  if (!isTable(value)) return value;
  const table: Table = {};
  for (const [key, inner] of Object.entries(value)) {
    const name = GITLEAKS_KEYS.get(key.toLowerCase()) ?? key;
    // A list of strings (keywords, paths) is data: its items are not keys.
    table[name] = canonicalKeys(inner);
  }
  return table;
}

/**
 * Old gitleaks allowlists (v4 to v7) as today's: `[whitelist]` is `[allowlist]`; `files` held
 * file-name regexes (made path regexes: a leading `^` anchors at a folder boundary); the singular
 * `regex`/`file`/`path`/`commit` of v4's rule whitelists are lists of one; `repos` is noted and dropped.
 */
function modernAllowlist(raw: Table, where: string, note: (text: string) => void): Table {
  const table: Table = { ...raw };
  for (const [one, many] of [['regex', 'regexes'], ['file', 'files'], ['path', 'paths'], ['commit', 'commits']] as const) {
    if (typeof table[one] === 'string') {
      table[many] = [...(Array.isArray(table[many]) ? (table[many] as unknown[]) : []), table[one]];
      delete table[one];
    }
  }
  if (table.files !== undefined) {
    const files = Array.isArray(table.files) ? (table.files as unknown[]) : [table.files];
    table.paths = [...(Array.isArray(table.paths) ? (table.paths as unknown[]) : []), ...files.map((pattern) => (typeof pattern === 'string' ? fileNameAsPath(pattern) : pattern))];
    delete table.files;
    note(`${where}: "files" (gitleaks 7 and older) is read as path regexes matching the file's name`);
  }
  if (table.repos !== undefined) {
    delete table.repos;
    note(`${where}: "repos" (gitleaks 7 and older) is not supported: ignored`);
  }
  return table;
}

/** A regex on a file's name as one on its path: `^` becomes a folder boundary, so `^id_rsa$` matches `keys/id_rsa`. */
function fileNameAsPath(pattern: string): string {
  const flags = /^\(\?[a-z]+\)/.exec(pattern)?.[0] ?? '';
  const rest = pattern.slice(flags.length);
  return rest.startsWith('^') ? `${flags}(?:^|/)${rest.slice(1)}` : pattern;
}

/** The allowlist tables of a document or rule, old names included, each made modern. */
function allowlistTables(doc: Table, dialect: Dialect, where: string, note: (text: string) => void, fail: (where: string, reason: string) => never): Table[] {
  const tables: Table[] = [];
  const take = (key: string, value: unknown): void => {
    if (value === undefined) return;
    if (isTable(value)) tables.push(value);
    else if (Array.isArray(value) && value.every(isTable)) tables.push(...value);
    else fail(`${where}[${key}]`, 'must be a table or an array of tables');
  };
  take('allowlist', doc.allowlist);
  take('allowlists', doc.allowlists);
  if (dialect === 'gitleaks') {
    if (doc.whitelist !== undefined) note(`${where}[whitelist] (gitleaks 4 and older) is read as [allowlist]`);
    take('whitelist', doc.whitelist);
    return tables.map((table) => modernAllowlist(table, `${where}[allowlist]`, note));
  }
  return tables;
}

/** Reads a configuration file; its dialect, unless given, is told by its content (see dialectOf). */
export function readConfigFile(file: string, dialect?: Dialect): ScanConfig {
  let parsed: Table;
  try {
    parsed = parseToml(readText(file)) as Table;
  } catch (error) {
    if (error instanceof LeakwatchError) throw error;
    const at = tomlErrorAt(error);
    const where = at === undefined ? '' : ` at line ${at.line}, column ${at.column}`;
    throw new LeakwatchError('config', `${file}: not valid TOML${where}: ${error instanceof Error ? error.message.split('\n')[0] : 'invalid'}`);
  }
  const chosen = dialect ?? dialectOf(parsed, file);
  const doc = chosen === 'gitleaks' ? (canonicalKeys(parsed) as Table) : parsed;
  const config: ScanConfig = { ...noConfig(), file, dialect: chosen };
  const fail = (where: string, reason: string): never => {
    throw new LeakwatchError('config', `${file}: ${where}${where === '' ? '' : ': '}${reason}`);
  };
  const note = (text: string): void => {
    config.notes.push(`${file}: ${text}`);
  };
  const topKeys = chosen === 'gitleaks' ? ['title', 'description', 'extend', 'rules', 'allowlist', 'allowlists', 'whitelist', 'minVersion'] : ['extend', 'rules', 'allowlist', 'allowlists'];
  for (const key of Object.keys(doc)) {
    if (!topKeys.includes(key)) fail('', `unknown key "${key}" (expected ${topKeys.map((k) => `"${k}"`).join(', ')})`);
  }
  if (chosen === 'gitleaks' && doc.minVersion !== undefined) note('"minVersion" is a gitleaks version check: ignored');

  if (doc.rules !== undefined) {
    if (!Array.isArray(doc.rules)) fail('', '"rules" must be an array of tables ([[rules]])');
    for (const raw of doc.rules as unknown[]) {
      if (!isTable(raw)) fail('', 'each [[rules]] entry must be a table');
      config.rules.push(raw as Table);
    }
  }

  if (doc.extend !== undefined) {
    if (!isTable(doc.extend)) fail('[extend]', 'must be a table');
    const extend = doc.extend as Table;
    for (const key of Object.keys(extend)) {
      if (key === 'path' || key === 'url') {
        if (chosen === 'gitleaks') note(`[extend] ${key}: extending another configuration is not supported; only this file is read`);
        else fail('[extend]', `unknown key "${key}"`);
      } else if (key !== 'useDefault' && key !== 'disabledRules') fail('[extend]', `unknown key "${key}" (expected "useDefault", "disabledRules")`);
    }
    if (extend.useDefault !== undefined && typeof extend.useDefault !== 'boolean') fail('[extend]', '"useDefault" must be true or false');
    config.useDefault = extend.useDefault !== false;
    if (chosen === 'gitleaks' && extend.useDefault === true) note('[extend] useDefault: leakwatch\'s built-in rules stand in for gitleaks\' default rules');
    for (const id of stringList(extend.disabledRules, () => fail('[extend]', '"disabledRules" must be a list of rule ids'))) config.disabledRules.add(id);
  } else if (chosen === 'gitleaks') {
    if (config.rules.length > 0) {
      // A gitleaks configuration without [extend] replaces gitleaks' defaults with its own rules.
      config.useDefault = false;
      note('no [extend] useDefault = true: only the rules of this file are used (as gitleaks would)');
    } else {
      // gitleaks would run no rule at all; a file of allowlists alone means to adjust the defaults.
      note('no rules and no [extend]: leakwatch\'s built-in rules are used, with this file\'s allowlists (gitleaks would run no rule)');
    }
  }

  for (const table of allowlistTables(doc, chosen, '', note, fail)) {
    const { targetRules, ...rest } = table;
    const specs = allowlistSpecsFrom({ allowlist: rest }, '', fail, pathSyntax(chosen), note, config.fingerprints, '[allowlist]');
    if (targetRules === undefined) {
      config.allowlists.push(...specs);
      continue;
    }
    const rules = stringList(targetRules, () => fail('[[allowlists]]', '"targetRules" must be a list of rule ids'));
    if (rules.length === 0) config.allowlists.push(...specs);
    else for (const allowlist of specs) config.targeted.push({ rules, allowlist });
  }
  return config;
}

function pathSyntax(dialect: Dialect): 'gitignore' | 'regex' {
  return dialect === 'gitleaks' ? 'regex' : 'gitignore';
}

/** Fields a [[rules]] entry may set to adjust a built-in rule without redefining it. */
const OVERRIDE_KEYS = new Set(['id', 'description', 'keywords', 'entropy', 'minLength', 'allowlist', 'allowlists', 'path', 'confidence', 'tags']);
/** gitleaks rule fields that leakwatch reads (others are noted and ignored). */
const GITLEAKS_RULE_KEYS = new Set(['id', 'description', 'regex', 'secretGroup', 'entropy', 'keywords', 'path', 'allowlist', 'allowlists', 'tags', 'required', 'skipReport']);
const GITLEAKS_IGNORED_RULE_KEYS = new Set(['report', 'entropies']);

/**
 * The built-in rule specs with the configuration applied: disabled ones removed (a gitleaks id
 * disables the rules standing in for it), overrides merged, custom rules added after them, every
 * rule given the global allowlists and the targeted ones aimed at it, composite rules' parts resolved.
 */
export function applyConfig(builtIn: RuleSetSpec, config: ScanConfig): RuleSetSpec {
  const file = config.file ?? '(configuration)';
  const gitleaks = config.dialect === 'gitleaks';
  const equivalents = builtIn.gitleaksEquivalents ?? {};
  const known = new Map(builtIn.rules.map((rule) => [rule.id, rule]));
  const disabled = new Set<string>();
  for (const id of config.disabledRules) {
    if (known.has(id)) disabled.add(id);
    else if (equivalents[id] !== undefined) for (const ours of equivalents[id]) disabled.add(ours);
    else if (gitleaks) config.notes.push(`${file}: [extend] disabledRules: "${id}" is neither a leakwatch rule nor a gitleaks rule one of ours stands in for: nothing to disable`);
    else throw new LeakwatchError('config', `${file}: [extend] disabledRules: unknown rule "${id}" (see leakwatch rules)`);
  }
  const rules = config.useDefault ? builtIn.rules.filter((rule) => !disabled.has(rule.id)) : [];
  const byId = (id: string): number => rules.findIndex((rule) => rule.id === id);
  const origin: RuleOrigin = {
    label: file, code: 'config', ids: 'config', paths: pathSyntax(config.dialect ?? 'leakwatch'), note: (text) => config.notes.push(text),
  };
  /** Allowlists for rules that may not exist yet: applied once every rule is in. */
  const aimed: Array<{ rules: string[]; allowlists: AllowlistSpec[]; where: string }> = config.targeted.map((entry) => ({ rules: entry.rules, allowlists: [entry.allowlist], where: '[[allowlists]] targetRules' }));
  let order = builtIn.rules.length;
  for (const original of config.rules) {
    const raw = gitleaks ? legacyRule(original, file, config) : original;
    const id = checkRuleId(raw.id, origin);
    const where = `${file}: rule ${id}`;
    const fail = (reason: string): never => {
      throw new LeakwatchError('config', `${where}: ${reason}`);
    };
    const builtInRule = known.get(id);
    if (gitleaks && builtInRule === undefined && raw.regex === undefined && raw.path === undefined && equivalents[id] !== undefined) {
      // gitleaks' way to adjust one of its default rules: its allowlists go to the rules standing in for it.
      const adjust = fromGitleaksRule(raw, where, config);
      for (const key of Object.keys(adjust)) if (!['id', 'description', 'category', 'allowlist', 'allowlists'].includes(key)) config.notes.push(`${where}: "${key}" of a gitleaks default rule is not carried over to ${equivalents[id].join(', ')}: only its allowlists are`);
      const specs = allowlistSpecsFrom(adjust, '', (at, reason) => fail(`${at}: ${reason}`), origin.paths, (text) => config.notes.push(`${where}: ${text}`), undefined, '[rules.allowlist]');
      aimed.push({ rules: [id], allowlists: specs, where: 'a gitleaks default rule adjusted' });
      continue;
    }
    // Without a regex, an id of ours adjusts our rule; when that rule is not in use (useDefault = false, disabled),
    // leakwatch's dialect says so, and gitleaks' (whose ids may be ours: private-key, jwt) defines the rule anew.
    if (builtInRule !== undefined && raw.regex === undefined && (!gitleaks || byId(id) >= 0)) {
      // An override: a built-in rule with some fields changed, checked by the same schema.
      const table = gitleaks ? fromGitleaksRule(raw, where, config) : raw;
      delete table.category;
      if (gitleaks && table.description === id) delete table.description;
      for (const key of Object.keys(table)) if (!OVERRIDE_KEYS.has(key)) fail(`"${key}" cannot be overridden on a built-in rule (give "regex" to redefine the whole rule)`);
      if (!config.useDefault || disabled.has(id)) fail('overrides a built-in rule that is not in use (useDefault = false, or disabled)');
      const merged = ruleSpecFrom({ ...tableOf(builtInRule), ...table }, origin, builtInRule.order);
      const changed: RuleSpec = {
        ...builtInRule,
        description: merged.description,
        keywords: merged.keywords,
        entropy: merged.entropy,
        minLength: merged.minLength,
        confidence: merged.confidence,
        tags: merged.tags,
        allowlists: [...builtInRule.allowlists, ...merged.allowlists],
        path: merged.path ?? builtInRule.path,
        source: `${builtInRule.source} + ${file}`,
      };
      rules[byId(id)] = changed;
      continue;
    }
    if (builtInRule !== undefined && byId(id) >= 0) rules.splice(byId(id), 1); // redefined whole
    const table = gitleaks ? fromGitleaksRule(raw, where, config) : { ...raw };
    if (table.regex === undefined && table.path === undefined) {
      config.notes.push(`${where}: a rule with neither "regex" nor "path" matches nothing: this rule is not used`);
      continue;
    }
    if (table.scope === undefined && Array.isArray(table.keywords) && table.keywords.length > 0) {
      // A rule written elsewhere may match across lines or away from its keyword: searched over whole texts, to be exact.
      table.scope = 'blob';
    }
    const rule: RuleSpec = { ...ruleSpecFrom(table, origin, order), ...(gitleaks ? { fromGitleaks: true } : {}) };
    order += 1;
    if (rules.some((each) => each.id === rule.id)) fail('id already defined earlier in this file');
    rules.push(rule);
  }

  // Ids as a configuration writes them: a rule of the set, or a gitleaks default rule ours stand in for.
  const present = new Set(rules.map((rule) => rule.id));
  const resolve = (id: string): string[] => (present.has(id) ? [id] : (equivalents[id] ?? []).filter((ours) => present.has(ours)));
  const extra = new Map<string, AllowlistSpec[]>();
  for (const entry of aimed) {
    for (const id of entry.rules) {
      const targets = resolve(id);
      if (targets.length === 0) {
        const reason = `${entry.where}: no rule "${id}" in use`;
        if (gitleaks || equivalents[id] !== undefined) config.notes.push(`${file}: ${reason}: this allowlist does nothing for it`);
        else throw new LeakwatchError('config', `${file}: ${reason} (see leakwatch rules)`);
      }
      for (const target of targets) extra.set(target, [...(extra.get(target) ?? []), ...entry.allowlists]);
    }
  }
  const finished = rules.map((rule) => {
    const required = rule.required.map((part) => ({ ...part, ids: resolve(part.id) }));
    const allowlists = [...config.allowlists, ...rule.allowlists, ...(extra.get(rule.id) ?? [])];
    return { ...rule, allowlists, required };
  });
  checkRequired(finished, (rule, reason) => {
    throw new LeakwatchError('config', `${file}: rule ${rule.id}: ${reason}`);
  });
  if (finished.filter((rule) => !rule.skipReport).length === 0) throw new LeakwatchError('config', `${file}: no rules left to run (useDefault = false and no [[rules]] of its own)`);
  return { ...builtIn, rules: finished };
}

/**
 * A rule as gitleaks 7 and older wrote it: no `id` (made from the description), `file` (a regex on
 * the file's name), `reportGroup` (the secret's group), `whitelist` tables. Today's rules pass unchanged.
 */
function legacyRule(raw: Table, file: string, config: ScanConfig): Table {
  const table: Table = { ...raw };
  const where = `${file}: rule ${typeof raw.id === 'string' ? raw.id : JSON.stringify(raw.description ?? '(no id)')}`;
  if (table.id === undefined && typeof table.description === 'string' && table.description !== '') {
    table.id = table.description.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'rule';
    config.notes.push(`${where}: no "id" (gitleaks 7 and older): named "${table.id as string}" from its description`);
  }
  if (table.reportGroup !== undefined) {
    if (table.secretGroup === undefined) table.secretGroup = table.reportGroup;
    delete table.reportGroup;
  }
  if (typeof table.file === 'string') {
    const byName = fileNameAsPath(table.file);
    if (table.path === undefined) table.path = byName;
    else config.notes.push(`${where}: both "file" and "path" (gitleaks 7 and older): only "path" is used`);
    delete table.file;
  }
  const lists = allowlistTables(table, 'gitleaks', '', (text) => config.notes.push(`${where}: ${text}`), (at, reason) => {
    throw new LeakwatchError('config', `${where}: ${at}: ${reason}`);
  });
  delete table.allowlist;
  delete table.whitelist;
  if (lists.length > 0) table.allowlists = lists;
  else delete table.allowlists;
  return table;
}

/** A gitleaks rule as a leakwatch rule table: gitleaks' fields kept, the ones leakwatch does not read noted and dropped. */
function fromGitleaksRule(raw: Table, where: string, config: ScanConfig): Table {
  const table: Table = {};
  for (const [key, value] of Object.entries(raw)) {
    if (GITLEAKS_IGNORED_RULE_KEYS.has(key)) config.notes.push(`${where}: "${key}" is not supported: ignored`);
    else if (GITLEAKS_RULE_KEYS.has(key) || (RULE_KEYS as readonly string[]).includes(key)) table[key] = value;
    else throw new LeakwatchError('config', `${where}: unknown field "${key}"`);
  }
  if (table.description === '') delete table.description;
  if (table.secretGroup === 0) delete table.secretGroup;
  if (table.entropy === 0) delete table.entropy;
  if (table.path === '') delete table.path;
  if (table.regex === '') delete table.regex;
  // gitleaks lets a rule whose id says "generic" give way to any other rule finding the same secret on the line.
  if (table.generic === undefined && typeof table.id === 'string' && table.id.toLowerCase().includes('generic')) table.generic = true;
  return table;
}
