// Keyword prefilter: one case-insensitive RE2 pass finds which rule keywords
// occur in a text, so a rule's regex runs only on texts that mention it.
import RE2 from 're2';
import type { Rule } from './rules.js';

export class KeywordPrefilter {
  readonly #pattern: RE2 | undefined;
  /** For each keyword, every keyword it contains (itself included): finding "password" also proves "pass". */
  readonly #implied = new Map<string, string[]>();
  readonly #rulesByKeyword = new Map<string, Rule[]>();
  readonly #alwaysRun: Rule[];

  constructor(rules: readonly Rule[]) {
    this.#alwaysRun = rules.filter((rule) => rule.keywords.length === 0);
    for (const rule of rules) {
      for (const keyword of rule.keywords) {
        const list = this.#rulesByKeyword.get(keyword) ?? [];
        list.push(rule);
        this.#rulesByKeyword.set(keyword, list);
      }
    }
    const keywords = [...this.#rulesByKeyword.keys()].sort((a, b) => b.length - a.length || a.localeCompare(b));
    for (const keyword of keywords) this.#implied.set(keyword, keywords.filter((other) => keyword.includes(other)));
    // Longest first: at one start position RE2 reports the first alternative that matches.
    this.#pattern = keywords.length === 0 ? undefined : new RE2(keywords.map(escapeRegex).join('|'), 'gi');
  }

  /** Rules worth running on `text`, in their original order. */
  select(text: Buffer, rules: readonly Rule[]): Rule[] {
    const chosen = new Set<Rule>(this.#alwaysRun);
    if (this.#pattern !== undefined) {
      const found = new Set<string>();
      const pattern = this.#pattern;
      pattern.lastIndex = 0;
      for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
        const keyword = (match[0] as unknown as Buffer).toString('utf8').toLowerCase();
        if (!found.has(keyword)) {
          found.add(keyword);
          for (const implied of this.#implied.get(keyword) ?? []) {
            for (const rule of this.#rulesByKeyword.get(implied) ?? []) chosen.add(rule);
          }
        }
        if (found.size === this.#implied.size) break;
        // Restart one byte further on, not after the match: keywords may overlap ("xpassword" holds "xp" and "password").
        pattern.lastIndex = match.index + 1;
      }
    }
    return rules.filter((rule) => chosen.has(rule));
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}
