// Loads rule files from patterns/ and compiles them with RE2. All checking of
// rule data happens here, once, so the detector can trust what it is given.
// Errors name the file and the rule: `patterns/cloud.toml: rule aws-x: reason`.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import RE2 from 're2';
import { parse as parseToml, TomlError } from 'smol-toml';
import { UserError } from '../errors.js';
import type { Category, MaskStyle, RuleId } from '../types.js';
import { CHARSETS, type Charset, type EntropyThreshold } from './entropy.js';
import { isValidatorName, type ValidatorName } from './validators/index.js';
import type { Allowlist } from '../config/allowlist.js';
import { fileURLToPath } from 'node:url';

export interface RuleExamples {
  /** Texts in which the rule must report a secret. */
  match: string[];
  /** Look-alikes in which it must report nothing. */
  ignore: string[];
}

export interface Rule {
  id: RuleId;
  description: string;
  category: Category;
  regex: RE2;
  /** Capture group holding the secret; when absent, the first group that took part, else the whole match. */
  secretGroup: number | undefined;
  /** Lower-case keywords; the rule runs only on texts containing one. Empty: always runs. */
  keywords: string[];
  /** Minimum Shannon entropy (bits per character) of the secret: one number, or one per character set. */
  entropy: EntropyThreshold | undefined;
  /** Minimum length of the secret, in characters, for regexes that cannot bound it themselves. */
  minLength: number;
  validator: ValidatorName | undefined;
  /** Reject secrets that match the placeholder lists. */
  placeholders: boolean;
  /** Groups whose values may be code rather than literals (an unquoted `password = get_pw()`): checked against [references] too. */
  referenceGroups: number[];
  /** A generic rule gives way to a specific rule that reports the same secret. */
  generic: boolean;
  /**
   * `line`: every match lies within one line and contains a keyword, so the
   * rule may run on just the lines that changed from a previous version.
   * `blob`: a match may span lines or rely on a keyword elsewhere in the text
   * (a PEM block, a CPF column under a "cpf" header); it runs on the whole text.
   */
  scope: RuleScope;
  mask: MaskStyle;
  /** How many leading characters of the secret stay visible when masked (a vendor prefix such as `ghp_`). */
  keepPrefix: number;
  examples: RuleExamples;
  /** Where the rule was defined, for error messages: `patterns/cloud.toml`. */
  source: string;
  /** Position in the catalog (files by name, rules in file order): breaks ties between generic rules. */
  order: number;
  /** What a team's configuration allows for this rule (its own allowlists and the global ones). */
  allowlists: Allowlist[];
  /** Only paths matching this regex are reported (a gitleaks rule's `path`). */
  pathFilter: RE2 | undefined;
}

export type RuleScope = 'line' | 'blob';

export interface PlaceholderLists {
  /** Whole values, lower-case, that are never real secrets. */
  words: Set<string>;
  /** Patterns that mark a value as a placeholder, as one set: a value is tested once against all. */
  patterns: InstanceType<typeof RE2.Set> | undefined;
  /** Patterns of what code puts where a value would be (a variable, a call, a type); for generic rules only. */
  references: InstanceType<typeof RE2.Set> | undefined;
}

export interface RuleSet {
  rules: Rule[];
  placeholders: PlaceholderLists;
}

type TomlTable = Record<string, unknown>;

const CATEGORIES: readonly Category[] = ['secret', 'pii'];
const MASKS: readonly MaskStyle[] = ['secret', 'email', 'cpf', 'digits', 'card', 'iban'];
const RULE_KEYS = new Set([
  'id', 'description', 'category', 'regex', 'secretGroup', 'keywords', 'entropy', 'minLength', 'validator',
  'placeholders', 'referenceGroups', 'generic', 'scope', 'mask', 'keepPrefix', 'examples',
]);
const RULE_ID = /^[a-z0-9][a-z0-9-]*$/;

/** Directory of the rule files shipped with the package. */
export function defaultPatternsDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'patterns');
}

/** The rule set restricted to one category (`--only secret` / `--only pii`). */
export function onlyCategory(ruleSet: RuleSet, category: Category | undefined): RuleSet {
  return category === undefined ? ruleSet : { ...ruleSet, rules: ruleSet.rules.filter((rule) => rule.category === category) };
}

export function loadRuleSet(dir: string = defaultPatternsDir()): RuleSet {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.toml')).sort();
  } catch {
    throw new UserError('patterns-dir', `${dir}: cannot read the patterns directory`);
  }
  if (names.length === 0) throw new UserError('patterns-dir', `${dir}: no .toml rule files found`);

  const rules: Rule[] = [];
  const placeholders = { words: new Set<string>(), patterns: [] as string[], references: [] as string[] };
  const seen = new Map<RuleId, string>();
  for (const name of names) {
    const file = join(dir, name);
    const label = displayName(dir, file);
    const doc = parseFile(file, label);
    for (const key of Object.keys(doc)) {
      if (key !== 'rules' && key !== 'placeholders' && key !== 'references') {
        throw new UserError('rule-file', `${label}: unknown top-level key "${key}" (expected [[rules]], [placeholders] or [references])`);
      }
    }
    if (doc.placeholders !== undefined) readPlaceholders(doc.placeholders, label, placeholders);
    if (doc.references !== undefined) {
      if (!isTable(doc.references)) throw new UserError('rule-file', `${label}: [references] must be a table`);
      placeholders.references.push(...checkedPatterns(doc.references.patterns, label, 'references.patterns'));
    }
    if (doc.rules === undefined) continue;
    if (!Array.isArray(doc.rules)) throw new UserError('rule-file', `${label}: "rules" must be an array of tables ([[rules]])`);
    for (const raw of doc.rules as unknown[]) {
      const rule = compileRule(raw, label, rules.length);
      const previous = seen.get(rule.id);
      if (previous !== undefined) throw new UserError('rule-file', `${label}: rule ${rule.id}: id already defined in ${previous}`);
      seen.set(rule.id, label);
      rules.push(rule);
    }
  }
  const asSet = (list: string[]): InstanceType<typeof RE2.Set> | undefined => (list.length === 0 ? undefined : new RE2.Set(list));
  return { rules, placeholders: { words: placeholders.words, patterns: asSet(placeholders.patterns), references: asSet(placeholders.references) } };
}

function displayName(dir: string, file: string): string {
  return `${basename(dir)}/${relative(dir, file)}`;
}

function parseFile(file: string, label: string): TomlTable {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UserError('rule-file', `${label}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    return parseToml(text) as TomlTable;
  } catch (error) {
    const where = error instanceof TomlError ? ` at line ${error.line}, column ${error.column}` : '';
    const reason = error instanceof Error ? error.message.split('\n')[0] : 'invalid TOML';
    throw new UserError('rule-file', `${label}: not valid TOML${where}: ${reason}`);
  }
}

function readPlaceholders(raw: unknown, label: string, into: { words: Set<string>; patterns: string[] }): void {
  if (!isTable(raw)) throw new UserError('rule-file', `${label}: [placeholders] must be a table`);
  for (const word of stringList(raw.words, label, 'placeholders.words')) into.words.add(word.toLowerCase());
  into.patterns.push(...checkedPatterns(raw.patterns, label, 'placeholders.patterns'));
}

/** Patterns compiled one by one first, so an error names the pattern, then used together as a set. */
function checkedPatterns(raw: unknown, label: string, what: string): string[] {
  const patterns = stringList(raw, label, what);
  for (const pattern of patterns) compileRegex(pattern, '', `${label}: ${what} ${JSON.stringify(pattern)}`);
  return patterns;
}

export function compileRule(raw: unknown, label: string, order: number, idPattern: RegExp = RULE_ID): Rule {
  if (!isTable(raw)) throw new UserError('rule-file', `${label}: each [[rules]] entry must be a table`);
  const id = raw.id;
  if (typeof id !== 'string' || !idPattern.test(id)) {
    throw new UserError('rule-file', `${label}: rule ${JSON.stringify(id ?? '(no id)')}: "id" must be lower-case letters, digits and dashes`);
  }
  const where = `${label}: rule ${id}`;
  const fail = (reason: string): never => {
    throw new UserError('rule-file', `${where}: ${reason}`);
  };
  for (const key of Object.keys(raw)) if (!RULE_KEYS.has(key)) fail(`unknown field "${key}"`);

  const description = raw.description;
  if (typeof description !== 'string' || description === '') fail('"description" must be a non-empty string');
  const category = raw.category;
  if (!CATEGORIES.includes(category as Category)) fail(`"category" must be one of ${CATEGORIES.join(', ')}`);
  if (typeof raw.regex !== 'string' || raw.regex === '') fail('"regex" must be a non-empty string');
  const regex = compileRegex(raw.regex as string, 'gd', where);

  const secretGroup = optionalInteger(raw.secretGroup, 1, fail, 'secretGroup');
  const groups = countGroups(regex);
  if (secretGroup !== undefined && secretGroup > groups) fail(`"secretGroup" is ${secretGroup} but the regex has ${groups} group(s)`);
  const entropy = raw.entropy;
  const isBits = (value: unknown): boolean => typeof value === 'number' && value >= 0 && value <= 8;
  if (entropy !== undefined && !isBits(entropy)
    && !(isTable(entropy) && Object.entries(entropy).every(([set, bits]) => CHARSETS.includes(set as Charset) && isBits(bits)))) {
    fail(`"entropy" must be a number from 0 to 8, or a table of such numbers by character set (${CHARSETS.join(', ')})`);
  }
  const validator = raw.validator;
  if (validator !== undefined && !isValidatorName(validator)) fail(`unknown validator ${JSON.stringify(validator)}`);
  const referenceGroups = raw.referenceGroups ?? [];
  if (!Array.isArray(referenceGroups) || referenceGroups.some((g) => !Number.isInteger(g) || g < 1 || g > groups)) {
    fail(`"referenceGroups" must list capture groups of the regex (1 to ${groups})`);
  }
  const scope = raw.scope ?? 'line';
  if (scope !== 'line' && scope !== 'blob') fail('"scope" must be "line" or "blob"');
  const keywords = stringList(raw.keywords, label, `rule ${id}: keywords`).map((k) => k.toLowerCase());
  if (keywords.some((keyword) => keyword.includes('\n'))) fail('a keyword cannot span lines');
  if (scope === 'blob' && keywords.length === 0) fail('a rule with scope "blob" needs keywords, or it would run on every whole text');
  const mask = raw.mask ?? 'secret';
  if (!MASKS.includes(mask as MaskStyle)) fail(`"mask" must be one of ${MASKS.join(', ')}`);
  const examples = readExamples(raw.examples, fail);

  return {
    id,
    description: description as string,
    category: category as Category,
    regex,
    secretGroup,
    keywords,
    entropy: entropy as EntropyThreshold | undefined,
    minLength: optionalInteger(raw.minLength, 1, fail, 'minLength') ?? 1,
    validator: validator as ValidatorName | undefined,
    placeholders: optionalBoolean(raw.placeholders, fail, 'placeholders'),
    referenceGroups: referenceGroups as number[],
    generic: optionalBoolean(raw.generic, fail, 'generic'),
    scope: scope as RuleScope,
    mask: mask as MaskStyle,
    keepPrefix: optionalInteger(raw.keepPrefix, 0, fail, 'keepPrefix') ?? 0,
    examples,
    source: label,
    order,
    allowlists: [],
    pathFilter: undefined,
  };
}

export function compileRegex(pattern: string, flags: string, where: string): RE2 {
  try {
    return new RE2(pattern, flags);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'does not compile';
    throw new UserError('rule-regex', `${where}: regex does not compile with RE2: ${reason}`);
  }
}

/** Number of capture groups in an RE2 pattern: every `(` that is not escaped, not in a class, and not `(?:` or a flag group. */
export function countGroups(regex: RE2): number {
  const source = regex.source;
  let count = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i += 1) {
    const char = source[i];
    if (char === '\\') i += 1;
    else if (inClass) inClass = char !== ']';
    else if (char === '[') {
      inClass = true;
      if (source[i + 1] === '^') i += 1;
      if (source[i + 1] === ']') i += 1; // a leading ] is a literal
    } else if (char === '(') {
      if (source[i + 1] !== '?') count += 1;
      else if (source[i + 2] === 'P' || (source[i + 2] === '<' && source[i + 3] !== '=' && source[i + 3] !== '!')) count += 1; // named group
    }
  }
  return count;
}

function readExamples(raw: unknown, fail: (reason: string) => never): RuleExamples {
  if (raw === undefined) return { match: [], ignore: [] };
  if (!isTable(raw)) return fail('"examples" must be a table with "match" and "ignore" lists');
  for (const key of Object.keys(raw)) if (key !== 'match' && key !== 'ignore') fail(`unknown field "examples.${key}"`);
  const list = (value: unknown, name: string): string[] => {
    if (value === undefined) return [];
    if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) return fail(`"examples.${name}" must be a list of strings`);
    return value as string[];
  };
  return { match: list(raw.match, 'match'), ignore: list(raw.ignore, 'ignore') };
}

function stringList(value: unknown, label: string, what: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item === '')) {
    throw new UserError('rule-file', `${label}: ${what} must be a list of non-empty strings`);
  }
  return value as string[];
}

function optionalInteger(value: unknown, min: number, fail: (reason: string) => never, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) return fail(`"${name}" must be an integer >= ${min}`);
  return value;
}

function optionalBoolean(value: unknown, fail: (reason: string) => never, name: string): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') return fail(`"${name}" must be true or false`);
  return value;
}

function isTable(value: unknown): value is TomlTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
