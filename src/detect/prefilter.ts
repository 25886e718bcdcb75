// Keyword prefilter: one RE2.Set pass over a text says which rule keywords
// occur in it, whatever their number and however often they occur, so a
// rule's regex runs only on texts that mention it.
import RE2 from 're2';
import type { Rule } from './rules.js';

type KeywordSet = InstanceType<typeof RE2.Set>;

export class KeywordPrefilter {
  readonly #set: KeywordSet | undefined;
  readonly #keywords: string[];
  /** Rules per keyword index of the set. */
  readonly #rulesByKeyword: Rule[][];
  readonly #alwaysRun: Rule[];
  /** The last text looked at and the keywords found in it: select and mentionsAny share one pass. */
  #last: { text: Buffer; found: Set<string> } | undefined;

  /** `extraKeywords` are watched for without selecting rules (see mentionsAny). */
  constructor(rules: readonly Rule[], extraKeywords: readonly string[] = []) {
    this.#alwaysRun = rules.filter((rule) => rule.keywords.length === 0);
    this.#keywords = [...new Set([...rules.flatMap((rule) => rule.keywords), ...extraKeywords])];
    this.#rulesByKeyword = this.#keywords.map((keyword) => rules.filter((rule) => rule.keywords.includes(keyword)));
    this.#set = this.#keywords.length === 0 ? undefined : new RE2.Set(this.#keywords.map(escapeRegex), 'i');
  }

  /** Rules worth running on `text`, in their original order. */
  select(text: Buffer, rules: readonly Rule[]): Rule[] {
    const chosen = new Set<Rule>(this.#alwaysRun);
    for (const keyword of this.#found(text)) {
      for (const rule of this.#rulesByKeyword[this.#keywords.indexOf(keyword)] ?? []) chosen.add(rule);
    }
    return rules.filter((rule) => chosen.has(rule));
  }

  /** Whether any of `keywords` occurs in `text`. */
  mentionsAny(text: Buffer, keywords: ReadonlySet<string>): boolean {
    for (const keyword of this.#found(text)) if (keywords.has(keyword)) return true;
    return false;
  }

  #found(text: Buffer): Set<string> {
    if (this.#last?.text === text) return this.#last.found;
    const found = new Set<string>();
    if (this.#set !== undefined && text.length > 0) for (const index of this.#set.match(text)) found.add(this.#keywords[index] as string);
    this.#last = { text, found };
    return found;
  }
}

export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}
