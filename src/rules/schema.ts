// The one schema of a rule. Built-in `patterns/*.toml`, `.leakwatch.toml` and
// gitleaks configurations (translated first) all become `RuleSpec`s through
// `ruleSpecFrom`: one list of keys, one validator. A spec is plain data — it
// can be merged, listed, and posted to a worker thread, which compiles it
// exactly as the main thread does (see compile.ts).
import type { Category, Confidence, MaskStyle, RuleId } from '../model/types.js';
import { LeakwatchError, type ErrorCode } from '../model/errors.js';
import { allowlistSpecsFrom, type AllowlistSpec, type PathSyntax } from './allowlist.js';
import { checkRegex, countGroups } from './regex.js';
import { isTable, stringList, type Table } from './table.js';

/** The character set a secret is drawn from: random strings of a smaller set have less entropy per character. */
export type Charset = 'hex' | 'alnum' | 'base64' | 'other';
export const CHARSETS: readonly Charset[] = ['hex', 'alnum', 'base64', 'other'];
/** A minimum entropy per character set, or one for all. */
export type EntropyThreshold = number | Partial<Record<Charset, number>>;

/** Validators a rule can name (implemented in detect/validators/). */
export const VALIDATOR_NAMES = ['cpf', 'cnpj', 'luhn', 'card', 'iban', 'br-phone', 'basic-auth', 'base64-secret', 'email'] as const;
export type ValidatorName = (typeof VALIDATOR_NAMES)[number];

export const CATEGORIES: readonly Category[] = ['secret', 'pii'];
export const MASKS: readonly MaskStyle[] = ['secret', 'email', 'cpf', 'digits', 'card', 'iban'];
export type RuleScope = 'line' | 'blob';

export interface RuleExamples {
  /** Texts in which the rule must report a secret. */
  match: string[];
  /** Look-alikes in which it must report nothing. */
  ignore: string[];
}

/** A rule as data: what a [[rules]] table says, checked. */
export interface RuleSpec {
  id: RuleId;
  description: string;
  category: Category;
  /** What the content must match; none for a rule that reports files by their path alone (`path` then required). */
  regex: string | undefined;
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
  /** Where the rule was defined, for messages: `patterns/cloud.toml`, or `patterns/x.toml + .leakwatch.toml`. */
  source: string;
  /** Position in the catalog (files by name, rules in file order): breaks ties between generic rules. */
  order: number;
  /** What a team allows for this rule (its own allowlists and the global ones). */
  allowlists: AllowlistSpec[];
  /** Only paths matching this regex are reported (a gitleaks rule's `path`). */
  path: string | undefined;
  /** How sure a match is before where and how it was found is weighed; by default from category and `generic`. */
  confidence: Confidence | undefined;
  /** Labels the rule's author gave it (gitleaks' `tags`): kept, listed, never used to decide. */
  tags: string[];
  /**
   * Composite rule (gitleaks' `[[rules.required]]`): a match is reported only when each of these
   * rules also matches in the same text, near enough. Empty for an ordinary rule.
   */
  required: RequiredSpec[];
  /** Never reported on its own: the rule only serves as a part of composite rules (gitleaks' `skipReport`). */
  skipReport: boolean;
  /**
   * Read from a gitleaks configuration: reported side by side with another such rule finding the very
   * same secret at the same place, as gitleaks reports both (leakwatch keeps only the first of its own).
   */
  fromGitleaks?: boolean;
}

/** One part a composite rule needs, and how near its match must start to the rule's own match. */
export interface RequiredSpec {
  /** The id as written (a gitleaks id may stand for several of ours). */
  id: string;
  /** Rules any one of which satisfies this part: `id` itself, or the rules standing in for a gitleaks id. */
  ids: string[];
  /** At most this many lines between the starts of both matches; undefined: anywhere in the text. */
  withinLines: number | undefined;
  /** At most this many columns between the starts of both matches; undefined: any column. */
  withinColumns: number | undefined;
}

/** The placeholder lists of patterns/placeholders.toml, as data. */
export interface PlaceholderSpec {
  /** Whole values, lower-case, that are never real secrets. */
  words: string[];
  /** Patterns that mark a value as a placeholder. */
  patterns: string[];
  /** Patterns of what code puts where a value would be (a variable, a call, a type); for generic rules only. */
  references: string[];
}

/** Everything a detector is built from, as plain data: the main thread and every worker compile this. */
export interface RuleSetSpec {
  rules: RuleSpec[];
  placeholders: PlaceholderSpec;
  /**
   * gitleaks' default rule ids and the rules of ours that stand in for each (`[gitleaks.equivalents]`
   * in the patterns directory): a gitleaks configuration disabling, allowlisting or ignoring a
   * gitleaks rule acts on these.
   */
  gitleaksEquivalents?: Record<string, string[]>;
}

/** Every key a [[rules]] table may hold, wherever it is written. */
export const RULE_KEYS = [
  'id', 'description', 'category', 'regex', 'secretGroup', 'keywords', 'entropy', 'minLength', 'validator',
  'placeholders', 'referenceGroups', 'generic', 'scope', 'mask', 'keepPrefix', 'examples', 'path', 'allowlist', 'allowlists', 'confidence',
  'tags', 'required', 'skipReport',
] as const;
export type RuleKey = (typeof RULE_KEYS)[number];

/** Who wrote a rule table: names it in errors, and sets the conventions it is held to. */
export interface RuleOrigin {
  /** The file, as named to the user. */
  label: string;
  /** Error code for what is wrong with the table. */
  code: ErrorCode;
  /** Ids of the built-in catalog are lower-case and dashed; configurations may use gitleaks' ids. */
  ids: 'catalog' | 'config';
  /** How allowlist paths are written: gitignore patterns (leakwatch) or regexes (gitleaks). */
  paths: PathSyntax;
  /** Where remarks go (an empty gitleaks allowlist, say). */
  note: (text: string) => void;
}

const ID_STYLES = {
  catalog: { pattern: /^[a-z0-9][a-z0-9-]*$/, says: '"id" must be lower-case letters, digits and dashes' },
  config: { pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/, says: '"id" must be letters, digits, dots, dashes or underscores' },
} as const;

/** Whether `id` is a well-formed rule id for tables of this kind. */
export function checkRuleId(id: unknown, origin: RuleOrigin): RuleId {
  const style = ID_STYLES[origin.ids];
  if (typeof id !== 'string' || !style.pattern.test(id)) {
    throw new LeakwatchError(origin.code, `${origin.label}: rule ${JSON.stringify(id ?? '(no id)')}: ${style.says}`);
  }
  return id;
}

/** The one validator: a [[rules]] table as a checked spec, or an error naming the file, the rule and the field. */
export function ruleSpecFrom(raw: unknown, origin: RuleOrigin, order: number): RuleSpec {
  if (!isTable(raw)) throw new LeakwatchError(origin.code, `${origin.label}: each [[rules]] entry must be a table`);
  const id = checkRuleId(raw.id, origin);
  const where = `${origin.label}: rule ${id}`;
  const fail = (reason: string): never => {
    throw new LeakwatchError(origin.code, `${where}: ${reason}`);
  };
  for (const key of Object.keys(raw)) if (!(RULE_KEYS as readonly string[]).includes(key)) fail(`unknown field "${key}"`);

  // A configuration's rule needs only an id and a regex (or a path), as in gitleaks; the catalog's say everything.
  const lenient = origin.ids === 'config';
  const description = raw.description ?? (lenient ? id : undefined);
  if (typeof description !== 'string' || description === '') fail('"description" must be a non-empty string');
  const category = raw.category ?? (lenient ? 'secret' : undefined);
  if (!CATEGORIES.includes(category as Category)) fail(`"category" must be one of ${CATEGORIES.join(', ')}`);
  // Without a regex, a rule reports files by their path alone (as gitleaks' path-only rules do).
  const pathOnly = raw.regex === undefined && raw.path !== undefined;
  if (!pathOnly && (typeof raw.regex !== 'string' || raw.regex === '')) fail('"regex" must be a non-empty string (or give only "path", to report files by name)');
  const regex = pathOnly ? undefined : (raw.regex as string);
  // Compiled with the flags the rule will run with (compile.ts), so the compile that follows reuses it.
  const groups = regex === undefined ? 0 : countGroups(checkRegex(regex, raw.scope === 'blob' ? 'gd' : 'gdm', where));

  const secretGroup = optionalInteger(raw.secretGroup, 1, fail, 'secretGroup');
  if (secretGroup !== undefined && secretGroup > groups) fail(`"secretGroup" is ${secretGroup} but the regex has ${groups} group(s)`);
  const entropy = raw.entropy;
  const isBits = (value: unknown): boolean => typeof value === 'number' && value >= 0 && value <= 8;
  if (entropy !== undefined && !isBits(entropy)
    && !(isTable(entropy) && Object.entries(entropy).every(([set, bits]) => CHARSETS.includes(set as Charset) && isBits(bits)))) {
    fail(`"entropy" must be a number from 0 to 8, or a table of such numbers by character set (${CHARSETS.join(', ')})`);
  }
  const validator = raw.validator;
  if (validator !== undefined && !(VALIDATOR_NAMES as readonly unknown[]).includes(validator)) fail(`unknown validator ${JSON.stringify(validator)}`);
  const referenceGroups = raw.referenceGroups ?? [];
  if (!Array.isArray(referenceGroups) || referenceGroups.some((g) => !Number.isInteger(g) || g < 1 || g > groups)) {
    fail(`"referenceGroups" must list capture groups of the regex (1 to ${groups})`);
  }
  const scope = raw.scope ?? 'line';
  if (scope !== 'line' && scope !== 'blob') fail('"scope" must be "line" or "blob"');
  const keywords = stringList(raw.keywords, () => fail('keywords must be a list of non-empty strings')).map((k) => k.toLowerCase());
  if (keywords.some((keyword) => keyword.includes('\n'))) fail('a keyword cannot span lines');
  if (scope === 'blob' && keywords.length === 0 && !pathOnly) fail('a rule with scope "blob" needs keywords, or it would run on every whole text');
  const mask = raw.mask ?? 'secret';
  if (!MASKS.includes(mask as MaskStyle)) fail(`"mask" must be one of ${MASKS.join(', ')}`);
  const examples = readExamples(raw.examples, fail);
  const minLength = optionalInteger(raw.minLength, 1, fail, 'minLength') ?? 1;
  const placeholders = optionalBoolean(raw.placeholders, fail, 'placeholders');
  const generic = optionalBoolean(raw.generic, fail, 'generic');
  const keepPrefix = optionalInteger(raw.keepPrefix, 0, fail, 'keepPrefix') ?? 0;
  const allowlists = allowlistSpecsFrom(raw, '', (at, reason) => fail(`${at}: ${reason}`), origin.paths, (text) => origin.note(`${where}: ${text}`), undefined, '[rules.allowlist]');
  let path: string | undefined;
  if (raw.path !== undefined) {
    if (typeof raw.path !== 'string' || raw.path === '') fail('"path" must be a non-empty regex');
    path = raw.path as string;
    checkRegex(path, '', `${where}: path`);
  }

  const confidence = raw.confidence;
  if (confidence !== undefined && confidence !== 'low' && confidence !== 'medium' && confidence !== 'high') fail('"confidence" must be "low", "medium" or "high"');
  const tags = stringList(raw.tags, () => fail('"tags" must be a list of non-empty strings'));
  const required = readRequired(raw.required, fail);
  const skipReport = optionalBoolean(raw.skipReport, fail, 'skipReport');

  return {
    id,
    description: description as string,
    category: category as Category,
    regex,
    secretGroup,
    keywords,
    // A table read from TOML has no prototype: copied, so the spec is plain data that clones to itself.
    entropy: (isTable(entropy) ? { ...entropy } : entropy) as EntropyThreshold | undefined,
    minLength,
    validator: validator as ValidatorName | undefined,
    placeholders,
    referenceGroups: referenceGroups as number[],
    generic,
    scope: scope as RuleScope,
    mask: mask as MaskStyle,
    keepPrefix,
    examples,
    source: origin.label,
    order,
    allowlists,
    path,
    confidence: confidence as Confidence | undefined,
    tags: [...tags],
    required,
    skipReport,
  };
}

/** `[[rules.required]]`: the parts of a composite rule, each an id with optional distances. */
function readRequired(raw: unknown, fail: (reason: string) => never): RequiredSpec[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || !raw.every(isTable)) return fail('"required" must be an array of tables ([[rules.required]])');
  return (raw as Table[]).map((part) => {
    for (const key of Object.keys(part)) if (!['id', 'withinLines', 'withinColumns'].includes(key)) fail(`[[rules.required]]: unknown field "${key}" (expected "id", "withinLines", "withinColumns")`);
    if (typeof part.id !== 'string' || part.id === '') fail('[[rules.required]]: "id" must name a rule');
    const id = part.id as string;
    return {
      id,
      ids: [id],
      withinLines: optionalInteger(part.withinLines, 0, fail, `required ${id}: withinLines`),
      withinColumns: optionalInteger(part.withinColumns, 0, fail, `required ${id}: withinColumns`),
    };
  });
}

/**
 * Every part of every composite rule names a rule of the set (any one of `ids`, after gitleaks ids
 * were resolved to ours); `fail` names the first that does not.
 */
export function checkRequired(rules: readonly RuleSpec[], fail: (rule: RuleSpec, reason: string) => never): void {
  const ids = new Set(rules.map((rule) => rule.id));
  for (const rule of rules) {
    for (const part of rule.required) {
      if (!part.ids.some((id) => ids.has(id))) fail(rule, `[[rules.required]]: rule "${part.id}" does not exist`);
      if (rule.regex === undefined) fail(rule, '[[rules.required]]: a rule without a regex (reporting paths alone) cannot require other rules');
    }
  }
}

/** A spec back as the table it could have been written as (without allowlists and path): for merging an override. */
export function tableOf(spec: RuleSpec): Table {
  const table: Table = {
    id: spec.id, description: spec.description, category: spec.category, keywords: spec.keywords, minLength: spec.minLength,
    placeholders: spec.placeholders, referenceGroups: spec.referenceGroups, generic: spec.generic, scope: spec.scope, mask: spec.mask,
    keepPrefix: spec.keepPrefix, examples: spec.examples,
  };
  if (spec.regex !== undefined) table.regex = spec.regex;
  if (spec.path !== undefined) table.path = spec.path;
  if (spec.secretGroup !== undefined) table.secretGroup = spec.secretGroup;
  if (spec.entropy !== undefined) table.entropy = spec.entropy;
  if (spec.validator !== undefined) table.validator = spec.validator;
  if (spec.confidence !== undefined) table.confidence = spec.confidence;
  if (spec.tags.length > 0) table.tags = spec.tags;
  if (spec.required.length > 0) table.required = spec.required.map(({ id, withinLines, withinColumns }) => ({ id, ...(withinLines === undefined ? {} : { withinLines }), ...(withinColumns === undefined ? {} : { withinColumns }) }));
  if (spec.skipReport) table.skipReport = true;
  return table;
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
