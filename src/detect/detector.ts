// The detector is pure: bytes and compiled rules in, matches out. No git, no
// files, no printing. Order of work per text: (changed lines only, when a
// reference version is given) keyword prefilter -> rule regexes -> secret
// group -> length, entropy, placeholders, validator -> encoded runs decoded
// and searched -> results of shared lines carried over -> blob-scope rules on
// the whole text -> composite rules kept only where their parts match near
// them -> weaker rules give way to stronger ones -> positions and excerpts
// (with every accepted secret span marked for the redactor).
import RE2 from 're2';
import { Sensitive } from '../model/sensitive.js';
import type { FoundSecret, Match, RawExcerpt, RuleSpan, Span } from '../model/types.js';
import { meetsEntropy, shannonEntropy } from './entropy.js';
import { isOwnOutputHash } from './own-output.js';
import { isPlaceholder } from './placeholders.js';
import { escapeRegex, KeywordPrefilter } from './prefilter.js';
import { ENCODED_GATES, findEncoded, type Encoding } from './decode.js';
import { unsharedRegions, type SharedRun } from './regions.js';
import type { Rule, RuleSet } from '../rules/compile.js';
import { LineIndex, prepareText } from './text.js';
import { runValidator, type ValidatorContext } from './validators/index.js';
import { allowsText } from '../rules/allowlist.js';
import { endOfLine, NEWLINE, startOfLine } from './line-bounds.js';
import { KeywordLines, type LineRun } from './keyword-lines.js';


/** A line longer than EXCERPT_MAX bytes (minified code) is cut to the match and this much context on each side. */
const EXCERPT_CONTEXT = 40;
const EXCERPT_MAX = 240;
/** Levels of encoding looked through: base64 of JSON holding base64 is two. */
const MAX_DECODE_DEPTH = 2;
/** Keyword line finders kept (each holds a compiled regex); texts name few distinct keyword lists. */
const KEYWORD_LISTS_KEPT = 2048;

export type DetectResult = { kind: 'binary' } | { kind: 'text'; matches: Match[]; text: Buffer; memo: TextMemo };

/** A rule match that passed the rule's own checks, with byte offsets into the text. */
export interface Candidate {
  rule: Rule;
  start: number;
  end: number;
  secretStart: number;
  secretEnd: number;
  secret: string;
  /** Set when the secret was found inside an encoded run; the span is then the whole run. */
  decoded?: Encoding;
  /** The secret's entropy, once computed: carried over with the candidate to later versions. */
  entropy?: number;
  /** Whether its line carries an inline allow marker, once looked at: a carried candidate's line is unchanged. */
  allowedInline?: boolean;
}

/** Where a keyword of a blob-scope rule occurs. */
export interface Anchor {
  keyword: string;
  start: number;
  end: number;
}

/**
 * What a scanned text leaves behind for the next version of the same file:
 * candidates of line-scope rules and the keywords of blob-scope rules.
 * Those lying in lines the next version shares are reused, not searched again.
 */
export interface TextMemo {
  lineCandidates: Candidate[];
  anchors: Anchor[];
}

/** An already scanned text that shares lines with the one being scanned (usually another version of its file). */
export interface Reference {
  text: Buffer;
  memo: TextMemo;
}

/** A reference and the lines the new text shares with it: only the others are searched. */
export interface ReferenceMatch {
  reference: Reference;
  shared: readonly SharedRun[];
}

export class Detector {
  readonly ruleSet: RuleSet;
  readonly #lineRules: Rule[];
  readonly #blobRules: Rule[];
  readonly #prefilter: KeywordPrefilter;
  readonly #anchorPattern: RE2 | undefined;
  readonly #anchorKeywords: ReadonlySet<string>;
  readonly #rulesById: Map<string, Rule>;
  /** Every rule's id, path-only rules too: what a finding's id or fingerprint starts with. */
  readonly #ruleIds: ReadonlySet<string>;
  readonly #validatorContext: ValidatorContext;
  /** Whether any rule is composite (gitleaks' `[[rules.required]]`): only then are candidates checked for their parts. */
  readonly #composite: boolean;
  /** Each line-scope rule's keywords as one case-insensitive regex, made on first use. */
  readonly #keywordPatterns = new Map<Rule, RE2>();
  /** Every keyword of a line-scope rule: the lines holding none of them hold no line rule's match. */
  readonly #lineKeywords: ReadonlySet<string>;
  /** A line finder per keyword list (a rule's own, or those the prefilter found in a text), made on first use. */
  readonly #keywordLines = new Map<string, KeywordLines>();
  /** The keyword lines found in the last text searched, per finder: rules sharing keywords share the scan. */
  #linesOf: { text: Buffer; runs: Map<KeywordLines, LineRun[]> } | undefined;

  constructor(ruleSet: RuleSet) {
    this.ruleSet = ruleSet;
    this.#validatorContext = { isPlaceholder: (value) => isPlaceholder(value, ruleSet.placeholders) };
    // A rule that only serves as a part of composite rules is run when one of them matches, never on its own.
    const reporting = ruleSet.rules.filter((rule) => !rule.skipReport);
    this.#lineRules = reporting.filter((rule) => rule.scope === 'line');
    this.#blobRules = reporting.filter((rule) => rule.scope === 'blob');
    this.#lineKeywords = new Set(this.#lineRules.flatMap((rule) => rule.keywords));
    this.#composite = reporting.some((rule) => rule.required.length > 0);
    const anchors = [...new Set(this.#blobRules.flatMap((rule) => rule.keywords))].sort((a, b) => b.length - a.length);
    this.#anchorKeywords = new Set(anchors);
    this.#prefilter = new KeywordPrefilter(this.#lineRules, anchors, ENCODED_GATES);
    this.#anchorPattern = anchors.length === 0 ? undefined : new RE2(anchors.map(escapeRegex).join('|'), 'gi');
    this.#rulesById = new Map(ruleSet.rules.map((rule) => [rule.id, rule]));
    this.#ruleIds = new Set([...ruleSet.rules, ...ruleSet.fileRules].map((rule) => rule.id));
  }

  /** The prefilter's keywords and gate patterns, for a line gate that must pass more lines than the rules need. */
  gatePatterns(): { keywords: readonly string[]; gates: readonly string[] } {
    return this.#prefilter.patterns();
  }

  rule(id: string): Rule | undefined {
    return this.#rulesById.get(id);
  }

  /**
   * What the rules find in free text, each secret with how its rule masks it and where it sits in `text`
   * (UTF-16 offsets; an encoded run whole, since the decoded secret is not in the text): for masking text
   * shown beside findings. Allow markers are looked past, as in `findSpans`.
   */
  readonly findSecrets = (text: string): FoundSecret[] => {
    const bytes = Buffer.from(text, 'utf8');
    const found = accepted(this.#candidates(bytes, undefined).candidates, bytes, false);
    // Byte offsets to string offsets in one pass: candidates are in order of place.
    let byte = 0;
    let char = 0;
    const at = (offset: number): number => {
      if (offset < byte) return bytes.toString('utf8', 0, offset).length;
      char += bytes.toString('utf8', byte, offset).length;
      byte = offset;
      return char;
    };
    return found.map((c) => {
      const span = spanOf(c);
      return { secret: new Sensitive(c.secret), mask: span.mask, keepPrefix: span.keepPrefix, start: at(span.start), end: at(span.end) };
    });
  };

  /**
   * Where the rules find secrets in `text` (raw bytes, not decoded: offsets are into `text` as given), each
   * span with its rule and how that rule masks it — the spans a report's excerpt masks (an encoded run whole).
   * For masking a text in place, byte for byte (`leakwatch redact`). Masking looks past inline allow markers
   * (`leakwatch:allow`): they are a scan's way to accept a reviewed finding, and in a log they may come from
   * anyone's input (a user name, a URL), never a reason to print a value. `allowMarkers: true` honours them
   * as a scan does.
   */
  findSpans(text: Buffer, options: { allowMarkers?: boolean } = {}): RuleSpan[] {
    return accepted(this.#candidates(text, undefined).candidates, text, options.allowMarkers === true).map((c) => ({ ...spanOf(c), ruleId: c.rule.id }));
  }

  /** Scans raw blob bytes: decodes, skips binary, runs the rules. */
  detect(bytes: Buffer): DetectResult {
    const prepared = prepareText(bytes);
    if (prepared.kind === 'binary') return prepared;
    return this.scanText(prepared.text, undefined);
  }

  /** Scans decoded text; with a reference, only the region that differs from it is searched. */
  scanText(text: Buffer, base: ReferenceMatch | undefined): DetectResult {
    const { matches, memo } = this.#scan(text, base);
    return { kind: 'text', matches, text, memo };
  }

  /** Scans UTF-8 text with every rule, or only the given ones. */
  detectText(text: Buffer, rules?: readonly Rule[]): Match[] {
    if (rules === undefined) return this.#scan(text, undefined).matches;
    const candidates: Candidate[] = [];
    for (const rule of new KeywordPrefilter(rules).select(text, rules)) this.#runRule(rule, text, 0, candidates);
    return toMatches(this.#withParts(text, candidates), text);
  }

  #scan(text: Buffer, base: ReferenceMatch | undefined): { matches: Match[]; memo: TextMemo } {
    const { candidates, memo } = this.#candidates(text, base);
    return { matches: toMatches(candidates, text), memo };
  }

  /** Every accepted rule match of `text` (before shadowing and inline allow markers), and the memo for its next version. */
  #candidates(text: Buffer, base: ReferenceMatch | undefined): { candidates: Candidate[]; memo: TextMemo } {
    const reference = base?.reference;
    const shared = base?.shared ?? [];
    const carry = <T extends { start: number; end: number }>(items: readonly T[], shift: (item: T, by: number) => T): T[] => {
      const kept: T[] = [];
      for (const item of items) {
        const run = runHolding(shared, item);
        if (run !== undefined) kept.push(shift(item, run.start - run.from));
      }
      return kept;
    };

    // One Buffer per changed part, reused below: the prefilter remembers its pass over the last one.
    const changed = unsharedRegions(shared, text.length).map((region) => ({ offset: region.start, part: text.subarray(region.start, region.end) }));
    const lineCandidates = reference === undefined ? [] : carry(reference.memo.lineCandidates, shiftCandidate);
    const found: Candidate[] = [];
    const anchorsFound: Anchor[] = [];
    for (const { offset, part } of changed) {
      // Anchors before encoded runs: decoding searches other texts, which would evict this part's prefilter pass.
      const { rules, lines } = this.#lineRulesFor(part);
      for (const rule of rules) this.#runLineRule(rule, part, offset, found, lines);
      this.#findAnchors(part, offset, anchorsFound);
      this.#decodeRuns(part, offset, 1, found);
    }
    lineCandidates.push(...found);

    const anchors = reference === undefined ? [] : carry(reference.memo.anchors, (a, by) => ({ ...a, start: a.start + by, end: a.end + by }));
    anchors.push(...anchorsFound);
    const candidates = [...lineCandidates];
    this.#runBlobRules(text, anchors, candidates);
    // The memo keeps every candidate: whether a composite rule's parts are near is decided on each whole text anew.
    return { candidates: this.#withParts(text, candidates), memo: { lineCandidates, anchors } };
  }

  /**
   * The candidates without those of composite rules whose parts do not all match near them in `text`.
   * As in gitleaks: a part is each required rule's own regex run over the whole text (keywords are not
   * needed; its secret group, entropy, allowlists and inline allow markers count); near is within
   * `withinLines` lines and `withinColumns` columns of where the matches start, or anywhere when neither is set.
   */
  #withParts(text: Buffer, candidates: Candidate[]): Candidate[] {
    if (!this.#composite || !candidates.some((candidate) => candidate.rule.required.length > 0)) return candidates;
    const lines = new LineIndex(text);
    const parts = new Map<string, Array<{ line: number; column: number }>>();
    const partsOf = (id: string): Array<{ line: number; column: number }> => {
      let found = parts.get(id);
      if (found === undefined) {
        const rule = this.#rulesById.get(id);
        const runs: Candidate[] = [];
        if (rule !== undefined) this.#runRule(rule, text, 0, runs);
        found = runs.filter((run) => !allowedInline(text, run.start)).map((run) => placeOf(lines, run.start));
        parts.set(id, found);
      }
      return found;
    };
    return candidates.filter((candidate) => {
      if (candidate.rule.required.length === 0) return true;
      const at = placeOf(lines, candidate.start);
      return candidate.rule.required.every((part) => part.ids.some((id) => partsOf(id).some((other) => (part.withinLines === undefined || Math.abs(other.line - at.line) <= part.withinLines)
        && (part.withinColumns === undefined || Math.abs(other.column - at.column) <= part.withinColumns))));
    });
  }

  /**
   * Looks inside base64 and percent-encoded runs of `text` (up to MAX_DECODE_DEPTH levels deep):
   * what the rules find there is reported at the run, marked as decoded, unless a rule already
   * reported something on those bytes as they stand.
   */
  #decodeRuns(text: Buffer, offset: number, depth: number, into: Candidate[]): void {
    const kinds = this.#prefilter.gatesIn(text) as Set<Encoding>;
    if (kinds.size === 0) return;
    const raw = [...into];
    for (const segment of findEncoded(text, kinds)) {
      const start = offset + segment.start;
      const end = offset + segment.end;
      if (raw.some((c) => c.start < end && start < c.end)) continue;
      for (const inner of this.#candidatesIn(segment.decoded, depth)) {
        into.push({ rule: inner.rule, start, end, secretStart: start, secretEnd: end, secret: inner.secret, decoded: inner.decoded ?? segment.kind });
      }
    }
  }

  /** Every rule's candidates in a decoded text, itself searched for encoded runs while depth allows. */
  #candidatesIn(text: Buffer, depth: number): Candidate[] {
    const found: Candidate[] = [];
    const { rules, lines } = this.#lineRulesFor(text);
    for (const rule of rules) this.#runLineRule(rule, text, 0, found, lines);
    const anchors: Anchor[] = [];
    this.#findAnchors(text, 0, anchors);
    this.#runBlobRules(text, anchors, found);
    if (depth < MAX_DECODE_DEPTH) this.#decodeRuns(text, 0, depth + 1, found);
    return found;
  }

  /** Runs the blob-scope rules one of whose keywords the anchors show, on the whole text. */
  #runBlobRules(text: Buffer, anchors: readonly Anchor[], into: Candidate[]): void {
    if (anchors.length === 0) return;
    const present = new Set(anchors.map((anchor) => anchor.keyword));
    for (const rule of this.#blobRules) if (rule.keywords.some((k) => present.has(k))) this.#runRule(rule, text, 0, into);
  }

  /** Where blob-scope keywords occur in `text`; the prefilter's pass says first whether any does. */
  #findAnchors(text: Buffer, offset: number, into: Anchor[]): void {
    const pattern = this.#anchorPattern;
    if (pattern === undefined || !this.#prefilter.mentionsAny(text, this.#anchorKeywords)) return;
    pattern.lastIndex = 0;
    for (let found = pattern.exec(text); found !== null; found = pattern.exec(text)) {
      const bytes = found[0] as unknown as Buffer;
      into.push({ keyword: bytes.toString('utf8').toLowerCase(), start: offset + found.index, end: offset + found.index + bytes.length });
      pattern.lastIndex = found.index + 1;
    }
  }

  /**
   * Every match of `rule` in `text` that passes the rule's checks. A line-scope rule finds what it finds
   * in each line searched alone (see LINE SCOPE below); a blob-scope rule matches the text as a whole.
   */
  #runRule(rule: Rule, text: Buffer, offset: number, into: Candidate[]): void {
    if (rule.scope === 'line') this.#runLineRule(rule, text, offset, into);
    else this.#search(rule, text, 0, offset, into);
  }

  /**
   * LINE SCOPE. A line-scope rule's matches are those of each line searched alone, without its newline:
   * what a rule finds on a line depends on that line only, so the results of lines a later version
   * shares can be carried over exactly, and searching only the changed lines finds the rest exactly.
   * The text is searched whole (one regex run, `^` and `$` meaning line ends: rules compile multi-line);
   * a match that is not within one line — `[^\w]` or `\s` took the newline before or after it, or a
   * class ran on into the next line — cannot be one line's match: that line is searched alone, and the
   * search goes on from the next line. A match within one line is exactly what the line alone gives
   * (the earliest match of a line is the earliest in the text, and the first by the regex's preference
   * among those starting there). A match must also have a keyword of its rule on its line (the prefilter
   * picks rules by the keywords of the text searched, which for changed lines is only part of a file).
   */
  #runLineRule(rule: Rule, text: Buffer, offset: number, into: Candidate[], keywordLines?: readonly LineRun[]): void {
    if (rule.keywords.length === 0) {
      this.#runOverLines(rule, text, offset, into);
      return;
    }
    // Only lines holding a keyword of the rule can hold its matches (see #consider): the regex runs over
    // those alone, or over lines holding any line rule's keyword when the caller found those (a superset).
    for (const run of keywordLines ?? this.#linesHolding(rule.keywords, text)) this.#runOverLines(rule, text.subarray(run.start, run.end), offset + run.start, into);
  }

  /**
   * The line rules the prefilter picks for `text`, and the lines holding any of their keywords (every
   * keyword of a line rule that occurs in `text`): one keyword scan serves all of them.
   */
  #lineRulesFor(text: Buffer): { rules: Rule[]; lines: LineRun[] } {
    const rules = this.#prefilter.select(text, this.#lineRules);
    if (!rules.some((rule) => rule.keywords.length > 0)) return { rules, lines: [] };
    const present = this.#prefilter.keywordsIn(text).filter((keyword) => this.#lineKeywords.has(keyword));
    return { rules, lines: this.#linesHolding(present, text) };
  }

  /** The runs of lines of `text` holding one of `keywords`, a scan shared by every caller asking for the same list in the same text. */
  #linesHolding(keywords: readonly string[], text: Buffer): LineRun[] {
    const key = keywords.join('\n');
    let finder = this.#keywordLines.get(key);
    if (finder === undefined) {
      // Keyword lists come from the rules and from what texts hold: bounded, but many; a full cache starts over.
      if (this.#keywordLines.size >= KEYWORD_LISTS_KEPT) this.#keywordLines.clear();
      finder = new KeywordLines(keywords);
      this.#keywordLines.set(key, finder);
    }
    if (this.#linesOf?.text !== text) this.#linesOf = { text, runs: new Map() };
    let runs = this.#linesOf.runs.get(finder);
    if (runs === undefined) {
      runs = finder.in(text);
      this.#linesOf.runs.set(finder, runs);
    }
    return runs;
  }

  /** The line-scope search itself, over `text` made of whole lines. */
  #runOverLines(rule: Rule, text: Buffer, offset: number, into: Candidate[]): void {
    const regex = rule.regex;
    let from = 0;
    regex.lastIndex = 0;
    for (let found = regex.exec(text); found !== null; found = regex.exec(text)) {
      const whole = (found.indices as Array<[number, number] | undefined>)[0] as [number, number];
      const newline = text.indexOf(NEWLINE, whole[0]);
      if (newline === -1 || newline >= whole[1]) {
        this.#consider(rule, found, text, offset, into, true);
        if (whole[1] === whole[0]) regex.lastIndex = whole[1] + 1;
        from = regex.lastIndex;
        continue;
      }
      // Not within one line: the line it starts on (the one that newline ends) alone, from where the search was.
      const lineStart = startOfLine(text, whole[0]);
      this.#search(rule, text.subarray(lineStart, newline), Math.max(from, lineStart) - lineStart, offset + lineStart, into, true);
      from = newline + 1;
      regex.lastIndex = from;
    }
  }

  /** The rule's matches in `text` from `from` on, each checked; `lineWise`: the rule's keyword must be on the match's line. */
  #search(rule: Rule, text: Buffer, from: number, offset: number, into: Candidate[], lineWise = false): void {
    const regex = rule.regex;
    regex.lastIndex = from;
    for (let found = regex.exec(text); found !== null; found = regex.exec(text)) {
      this.#consider(rule, found, text, offset, into, lineWise);
      const whole = (found.indices as Array<[number, number] | undefined>)[0] as [number, number];
      if (whole[1] === whole[0]) regex.lastIndex = whole[1] + 1;
    }
    // The caller may go on searching a longer text with the same regex.
    regex.lastIndex = 0;
  }

  #consider(rule: Rule, found: { indices?: RegExpIndicesArray | undefined }, text: Buffer, offset: number, into: Candidate[], lineWise: boolean): void {
    const indices = found.indices as Array<[number, number] | undefined>;
    const whole = indices[0] as [number, number];
    if (whole[1] === whole[0]) return;
    const group = secretGroup(rule, indices);
    const [secretStart, secretEnd] = indices[group] ?? [0, 0];
    if (secretEnd <= secretStart) return;
    const secret = text.toString('utf8', secretStart, secretEnd);
    if (!this.#accepts(rule, secret, rule.referenceGroups.includes(group))) return;
    if (lineWise && !this.#keywordOnLine(rule, text, whole[0])) return;
    // A committed baseline or report holds ids and fingerprints: their hashes are no one's secret.
    if (isOwnOutputHash(text, secretStart, secret, this.#ruleIds)) return;
    if (rule.allowlists.length > 0 && allowsText(rule.allowlists, {
      secret,
      match: () => text.toString('utf8', whole[0], whole[1]),
      line: () => text.toString('utf8', startOfLine(text, whole[0]), endOfLine(text, whole[1])),
    })) return;
    into.push({ rule, start: offset + whole[0], end: offset + whole[1], secretStart: offset + secretStart, secretEnd: offset + secretEnd, secret });
  }

  /** Whether a keyword of `rule` (as the prefilter matches keywords: case-insensitive) is on the line holding `at`. */
  #keywordOnLine(rule: Rule, text: Buffer, at: number): boolean {
    if (rule.keywords.length === 0) return true;
    let pattern = this.#keywordPatterns.get(rule);
    if (pattern === undefined) {
      pattern = new RE2(rule.keywords.map(escapeRegex).join('|'), 'i');
      this.#keywordPatterns.set(rule, pattern);
    }
    return pattern.test(text.subarray(startOfLine(text, at), endOfLine(text, at)));
  }

  /** `mayBeCode`: the value came from a group where code may stand (see Rule.referenceGroups). */
  #accepts(rule: Rule, secret: string, mayBeCode: boolean): boolean {
    if (secret.length < rule.minLength) return false;
    if (rule.entropy !== undefined && !meetsEntropy(secret, rule.entropy)) return false;
    if (rule.placeholders && isPlaceholder(secret, this.ruleSet.placeholders, mayBeCode)) return false;
    if (rule.validator !== undefined && !runValidator(rule.validator, secret, this.#validatorContext)) return false;
    return true;
  }
}

/** The shared run whose reference side holds all of `item` (runs are in order on both sides), if any. */
function runHolding(runs: readonly SharedRun[], item: { start: number; end: number }): SharedRun | undefined {
  let low = 0;
  let high = runs.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const run = runs[middle] as SharedRun;
    if (item.start < run.from) high = middle - 1;
    else if (item.start >= run.from + (run.end - run.start)) low = middle + 1;
    else return item.end <= run.from + (run.end - run.start) ? run : undefined;
  }
  return undefined;
}

function shiftCandidate(candidate: Candidate, by: number): Candidate {
  return {
    ...candidate,
    start: candidate.start + by,
    end: candidate.end + by,
    secretStart: candidate.secretStart + by,
    secretEnd: candidate.secretEnd + by,
  };
}

/** Line and column where a match starts, as composite rules measure nearness. */
function placeOf(lines: LineIndex, offset: number): { line: number; column: number } {
  const { line, column } = lines.position(offset);
  return { line, column };
}

/** Marks a line its author has reviewed: nothing on it is reported (gitleaks' own marker is honoured too). */
const INLINE_ALLOW = new RE2('(?:leakwatch|gitleaks):allow');


/** Whether the line holding `at` carries an inline allow marker. */
function allowedInline(text: Buffer, at: number): boolean {
  const start = startOfLine(text, at);
  const line = text.subarray(start, endOfLine(text, at));
  return line.length >= 14 && INLINE_ALLOW.test(line);
}

/**
 * The candidates that are reported: not shadowed by a stronger rule, not on a line marked allowed (unless
 * `allowMarkers` is false: masking); in order of place.
 */
function accepted(candidates: Candidate[], text: Buffer, allowMarkers = true): Candidate[] {
  const unshadowed = dropShadowed(candidates);
  const kept = allowMarkers ? unshadowed.filter((candidate) => !(candidate.allowedInline ??= allowedInline(text, candidate.secretStart))) : unshadowed;
  kept.sort((a, b) => a.start - b.start || a.secretStart - b.secretStart || a.rule.id.localeCompare(b.rule.id));
  return kept;
}

/** The bytes a candidate's secret covers and how to mask them; an encoded run is masked whole: its text is not the secret's own text. */
function spanOf(c: Candidate): Span {
  return c.decoded === undefined
    ? { start: c.secretStart, end: c.secretEnd, mask: c.rule.mask, keepPrefix: c.rule.keepPrefix }
    : { start: c.secretStart, end: c.secretEnd, mask: 'secret', keepPrefix: 0 };
}

function toMatches(candidates: Candidate[], text: Buffer): Match[] {
  const reported = accepted(candidates, text);
  if (reported.length === 0) return [];
  const lines = new LineIndex(text);
  const spans = reported.map(spanOf);
  return reported.map((candidate) => toMatch(candidate, text, lines, spans));
}

/** The group holding the secret: the rule's secretGroup, else the first group that took part, else the whole match (0). */
function secretGroup(rule: Rule, indices: Array<[number, number] | undefined>): number {
  if (rule.secretGroup !== undefined) return rule.secretGroup;
  for (let group = 1; group < indices.length; group += 1) if (indices[group] !== undefined) return group;
  return 0;
}

/**
 * Bytes reported by a stronger rule are not reported again by a weaker one:
 * a specific secret rule outranks a generic one, and any secret outranks PII
 * (the password part of a connection URL is not also reported as an email).
 * Of two generic rules on the same bytes, the one defined first stays; so
 * does it of two rules of equal rank reporting exactly the same secret at the
 * same place (a bcrypt hash in an .htpasswd line: `htpasswd-hash` and
 * `bcrypt-hash`).
 */
function dropShadowed(candidates: Candidate[]): Candidate[] {
  const order = (rule: Rule): number => rule.order;
  // Two rules of a gitleaks configuration both report the same secret, as gitleaks does (two rules may share a regex there).
  const same = (c: Candidate, s: Candidate): boolean => c.secretStart === s.secretStart && c.secretEnd === s.secretEnd && c.secret === s.secret
    && !(c.rule.fromGitleaks === true && s.rule.fromGitleaks === true);
  return candidates.filter(
    (c) => !candidates.some((s) => s !== c && s.secretStart < c.secretEnd && c.secretStart < s.secretEnd
      && (rank(s.rule) > rank(c.rule)
        || (order(s.rule) < order(c.rule) && ((c.rule.generic && s.rule.generic) || (rank(s.rule) === rank(c.rule) && same(c, s)))))),
  );
}

function rank(rule: Rule): number {
  if (rule.category === 'pii') return 0;
  return rule.generic ? 1 : 2;
}

function toMatch(candidate: Candidate, text: Buffer, lines: LineIndex, spans: readonly Span[]): Match {
  const start = lines.position(candidate.secretStart);
  const end = lines.position(candidate.secretEnd);
  return {
    ruleId: candidate.rule.id,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    secret: new Sensitive(candidate.secret),
    excerpt: new Sensitive(excerptAround(candidate, text, start.lineStart, lines.lineEnd(candidate.secretStart), spans)),
    entropy: (candidate.entropy ??= shannonEntropy(candidate.secret)),
    decoded: candidate.decoded,
  };
}

/** The secret's first line (cut around the match when long), with every secret span inside it. */
function excerptAround(candidate: Candidate, text: Buffer, lineStart: number, lineEnd: number, spans: readonly Span[]): RawExcerpt {
  let from = lineStart;
  let to = lineEnd;
  if (lineEnd - lineStart > EXCERPT_MAX) {
    from = Math.max(lineStart, Math.min(candidate.start, candidate.secretStart - EXCERPT_CONTEXT));
    to = Math.min(lineEnd, Math.max(candidate.end, candidate.secretEnd) + EXCERPT_CONTEXT, from + EXCERPT_MAX);
  }
  // Never cut inside a UTF-8 sequence.
  while (from < to && ((text[from] as number) & 0xc0) === 0x80) from += 1;
  while (to < lineEnd && ((text[to] as number) & 0xc0) === 0x80) to += 1;
  const inside: Span[] = [];
  for (const span of spans) {
    if (span.start < to && from < span.end) {
      const clipped = span.start < from || span.end > to;
      inside.push({
        start: Math.max(span.start, from) - from,
        end: Math.min(span.end, to) - from,
        // Part of a value cannot be masked in its own style (half an email would show the wrong letters).
        mask: clipped ? 'secret' : span.mask,
        keepPrefix: clipped ? 0 : span.keepPrefix,
      });
    }
  }
  return { bytes: Buffer.from(text.subarray(from, to)), spans: inside, cutStart: from > lineStart, cutEnd: to < lineEnd };
}
