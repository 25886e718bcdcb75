// The detector is pure: bytes and compiled rules in, matches out. No git, no
// files, no printing. Order of work per text: binary sniff -> keyword
// prefilter -> rule regexes -> secret group -> entropy, placeholders,
// validator -> weaker rules give way to stronger ones -> positions and
// excerpts (with every accepted secret span marked for the redactor).
import { Sensitive } from '../sensitive.js';
import type { Match, RawExcerpt, Span } from '../types.js';
import { shannonEntropy } from './entropy.js';
import { isPlaceholder } from './placeholders.js';
import { KeywordPrefilter } from './prefilter.js';
import type { Rule, RuleSet } from './rules.js';
import { LineIndex, prepareText } from './text.js';
import { runValidator } from './validators/index.js';

/** A line longer than EXCERPT_MAX bytes (minified code) is cut to the match and this much context on each side. */
const EXCERPT_CONTEXT = 40;
const EXCERPT_MAX = 240;

export type DetectResult = { kind: 'binary' } | { kind: 'text'; matches: Match[] };

interface Candidate {
  rule: Rule;
  start: number;
  end: number;
  secretStart: number;
  secretEnd: number;
  secret: string;
}

export class Detector {
  readonly ruleSet: RuleSet;
  readonly #prefilter: KeywordPrefilter;
  readonly #rulesById: Map<string, Rule>;

  constructor(ruleSet: RuleSet) {
    this.ruleSet = ruleSet;
    this.#prefilter = new KeywordPrefilter(ruleSet.rules);
    this.#rulesById = new Map(ruleSet.rules.map((rule) => [rule.id, rule]));
  }

  rule(id: string): Rule | undefined {
    return this.#rulesById.get(id);
  }

  /** Scans raw blob bytes: decodes, skips binary, runs the rules. */
  detect(bytes: Buffer): DetectResult {
    const prepared = prepareText(bytes);
    if (prepared.kind === 'binary') return prepared;
    return { kind: 'text', matches: this.detectText(prepared.text) };
  }

  /** Scans UTF-8 text. */
  detectText(text: Buffer, rules: readonly Rule[] = this.ruleSet.rules): Match[] {
    const candidates: Candidate[] = [];
    for (const rule of this.#prefilter.select(text, rules)) this.#runRule(rule, text, candidates);
    const accepted = dropShadowed(candidates);
    if (accepted.length === 0) return [];
    accepted.sort((a, b) => a.start - b.start || a.secretStart - b.secretStart || a.rule.id.localeCompare(b.rule.id));
    const lines = new LineIndex(text);
    const spans = accepted.map((c): Span => ({ start: c.secretStart, end: c.secretEnd, mask: c.rule.mask, keepPrefix: c.rule.keepPrefix }));
    return accepted.map((candidate) => toMatch(candidate, text, lines, spans));
  }

  #runRule(rule: Rule, text: Buffer, into: Candidate[]): void {
    const regex = rule.regex;
    regex.lastIndex = 0;
    for (let found = regex.exec(text); found !== null; found = regex.exec(text)) {
      const indices = found.indices as Array<[number, number] | undefined>;
      const whole = indices[0] as [number, number];
      if (whole[1] === whole[0]) {
        regex.lastIndex = whole[1] + 1;
        continue;
      }
      const [secretStart, secretEnd] = secretSpan(rule, indices);
      if (secretEnd <= secretStart) continue;
      const secret = text.toString('utf8', secretStart, secretEnd);
      if (!this.#accepts(rule, secret)) continue;
      into.push({ rule, start: whole[0], end: whole[1], secretStart, secretEnd, secret });
    }
  }

  #accepts(rule: Rule, secret: string): boolean {
    if (secret.length < rule.minLength) return false;
    if (rule.entropy !== undefined && shannonEntropy(secret) < rule.entropy) return false;
    if (rule.placeholders && isPlaceholder(secret, this.ruleSet.placeholders)) return false;
    if (rule.validator !== undefined && !runValidator(rule.validator, secret)) return false;
    return true;
  }
}

function secretSpan(rule: Rule, indices: Array<[number, number] | undefined>): [number, number] {
  if (rule.secretGroup !== undefined) return indices[rule.secretGroup] ?? [0, 0];
  for (let group = 1; group < indices.length; group += 1) {
    const span = indices[group];
    if (span !== undefined) return span;
  }
  return indices[0] as [number, number];
}

/**
 * Bytes reported by a stronger rule are not reported again by a weaker one:
 * a specific secret rule outranks a generic one, and any secret outranks PII
 * (the password part of a connection URL is not also reported as an email).
 */
function dropShadowed(candidates: Candidate[]): Candidate[] {
  return candidates.filter(
    (c) => !candidates.some((s) => rank(s.rule) > rank(c.rule) && s.secretStart < c.secretEnd && c.secretStart < s.secretEnd),
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
    entropy: shannonEntropy(candidate.secret),
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
