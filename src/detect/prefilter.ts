// Keyword prefilter: one RE2.Set pass over a text says which rule keywords
// occur in it, whatever their number and however often they occur, so a
// rule's regex runs only on texts that mention it. A rule without keywords
// joins the set with its own regex as the gate: it runs only where it can match.
import RE2 from 're2';
import type { Rule } from './rules.js';

type KeywordSet = InstanceType<typeof RE2.Set>;

export class KeywordPrefilter {
  readonly #set: KeywordSet | undefined;
  readonly #keywords: string[];
  /** Rules per keyword index of the set. */
  readonly #rulesByKeyword: Rule[][];
  /** Rules without keywords, gated by their own regex: set index -> rule. */
  readonly #gated = new Map<number, Rule>();
  /** The last text looked at and what the set found in it: select and mentionsAny share one pass. */
  #last: { text: Buffer; hits: number[] } | undefined;

  /** `extraKeywords` are watched for without selecting rules (see mentionsAny). */
  constructor(rules: readonly Rule[], extraKeywords: readonly string[] = []) {
    this.#keywords = [...new Set([...rules.flatMap((rule) => rule.keywords), ...extraKeywords])];
    this.#rulesByKeyword = this.#keywords.map((keyword) => rules.filter((rule) => rule.keywords.includes(keyword)));
    const patterns = this.#keywords.map(escapeRegex);
    for (const rule of rules.filter((each) => each.keywords.length === 0)) {
      this.#gated.set(patterns.length, rule);
      patterns.push(rule.regex.source);
    }
    // Case-insensitive: for a gate that only widens it, which keeps it a superset of the rule.
    this.#set = patterns.length === 0 ? undefined : new RE2.Set(patterns, 'i');
  }

  /** Rules worth running on `text`, in their original order. */
  select(text: Buffer, rules: readonly Rule[]): Rule[] {
    const chosen = new Set<Rule>();
    for (const index of this.#hits(text)) {
      const gated = this.#gated.get(index);
      if (gated !== undefined) chosen.add(gated);
      for (const rule of this.#rulesByKeyword[index] ?? []) chosen.add(rule);
    }
    return rules.filter((rule) => chosen.has(rule));
  }

  /** Whether any of `keywords` occurs in `text`. */
  mentionsAny(text: Buffer, keywords: ReadonlySet<string>): boolean {
    return this.#hits(text).some((index) => keywords.has(this.#keywords[index] ?? ''));
  }

  /** Indices of the set's patterns found in `text`. */
  #hits(text: Buffer): number[] {
    if (this.#last?.text === text) return this.#last.hits;
    const hits = this.#set !== undefined && text.length > 0 ? this.#set.match(text) : [];
    this.#last = { text, hits };
    return hits;
  }
}

export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}
