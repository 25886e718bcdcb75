// Keyword prefilter: one RE2.Set pass over a text says which rule keywords
// occur in it, whatever their number and however often they occur, so a
// rule's regex runs only on texts that mention it. A rule without keywords
// joins the set with its own regex as the gate: it runs only where it can match.
import RE2 from 're2';
import type { Rule } from '../rules/compile.js';

type KeywordSet = InstanceType<typeof RE2.Set>;

export class KeywordPrefilter {
  /** Keywords, case-insensitive. */
  readonly #set: KeywordSet | undefined;
  /** Gate regexes, case as written, in a set of their own: mixed with the keywords they would slow the keyword pass down. Indices follow the keywords'. */
  readonly #gateSet: KeywordSet | undefined;
  readonly #keywords: string[];
  /** The gate patterns, in set order: rules without keywords, then the named gates. */
  readonly #gatePatterns: string[];
  /** The rules it was built for and the place of each: select() orders what it chose by this. */
  readonly #rules: readonly Rule[];
  readonly #place: Map<Rule, number>;
  /** Rules per keyword index of the set. */
  readonly #rulesByKeyword: Rule[][];
  /** Rules without keywords, gated by their own regex: set index -> rule. */
  readonly #gated = new Map<number, Rule>();
  /** Named gate patterns (encoded runs): set index -> name. */
  readonly #named = new Map<number, string>();
  /** The last text looked at and what the set found in it: select and mentionsAny share one pass. */
  #last: { text: Buffer; hits: number[] } | undefined;

  /** `extraKeywords` are watched for without selecting rules (see mentionsAny); `gates` are named patterns (see gatesIn). */
  constructor(rules: readonly Rule[], extraKeywords: readonly string[] = [], gates: Readonly<Record<string, string>> = {}) {
    this.#rules = rules;
    this.#place = new Map(rules.map((rule, index) => [rule, index]));
    this.#keywords = [...new Set([...rules.flatMap((rule) => rule.keywords), ...extraKeywords])];
    this.#rulesByKeyword = this.#keywords.map((keyword) => rules.filter((rule) => rule.keywords.includes(keyword)));
    const keywordCount = this.#keywords.length;
    const gatePatterns: string[] = [];
    this.#gatePatterns = gatePatterns;
    for (const rule of rules.filter((each) => each.keywords.length === 0)) {
      this.#gated.set(keywordCount + gatePatterns.length, rule);
      // As the rule runs: a line-scope rule's `^` and `$` are a line's ends.
      gatePatterns.push(rule.scope === 'line' ? `(?m)${rule.regex.source}` : rule.regex.source);
    }
    for (const [name, pattern] of Object.entries(gates)) {
      this.#named.set(keywordCount + gatePatterns.length, name);
      gatePatterns.push(pattern);
    }
    this.#set = keywordCount === 0 ? undefined : new RE2.Set(this.#keywords.map(escapeRegex), 'i');
    this.#gateSet = gatePatterns.length === 0 ? undefined : new RE2.Set(gatePatterns);
  }

  /** Rules worth running on `text`, in their original order. */
  select(text: Buffer, rules: readonly Rule[]): Rule[] {
    const chosen = new Set<Rule>();
    for (const index of this.#hits(text)) {
      const gated = this.#gated.get(index);
      if (gated !== undefined) chosen.add(gated);
      for (const rule of this.#rulesByKeyword[index] ?? []) chosen.add(rule);
    }
    // The usual case, its own rules: order the few chosen, rather than filter all of them.
    if (rules === this.#rules) return [...chosen].sort((a, b) => (this.#place.get(a) as number) - (this.#place.get(b) as number));
    return rules.filter((rule) => chosen.has(rule));
  }

  /** Whether any of `keywords` occurs in `text`. */
  mentionsAny(text: Buffer, keywords: ReadonlySet<string>): boolean {
    return this.#hits(text).some((index) => keywords.has(this.#keywords[index] ?? ''));
  }

  /** The keywords (of the rules and the extra ones) that occur in `text`, in the set's order. */
  keywordsIn(text: Buffer): string[] {
    return this.#hits(text).filter((index) => index < this.#keywords.length).map((index) => this.#keywords[index] as string);
  }

  /** Names of the gates whose pattern occurs in `text`. */
  gatesIn(text: Buffer): Set<string> {
    const names = new Set<string>();
    for (const index of this.#hits(text)) {
      const name = this.#named.get(index);
      if (name !== undefined) names.add(name);
    }
    return names;
  }

  /** What the prefilter looks for: a text holding none of these makes it select nothing (see LineGate). */
  patterns(): { keywords: readonly string[]; gates: readonly string[] } {
    return { keywords: this.#keywords, gates: this.#gatePatterns };
  }

  /** Indices of the set's patterns found in `text`. */
  #hits(text: Buffer): number[] {
    if (this.#last?.text === text) return this.#last.hits;
    const hits = text.length === 0 ? [] : [...(this.#set?.match(text) ?? []), ...(this.#gateSet?.match(text) ?? []).map((index) => index + this.#keywords.length)];
    this.#last = { text, hits };
    return hits;
  }
}

export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}
