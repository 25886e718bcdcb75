// Redacted findings for the report tests: plain data with every field a report prints, already masked.
import type { MaskedText, RedactedFinding, RedactedOccurrence, RuleInfo } from '../../src/model/types.js';

const masked = (text: string): MaskedText => text as MaskedText;

/** A finding as a reporter receives it; `fields` override the defaults (strings given for masked fields are taken as masked). */
export function redactedFinding(fields: Partial<Omit<RedactedFinding, 'message' | 'secret' | 'match'>> & { message?: string; secret?: string; match?: string } = {}): RedactedFinding {
  const { message, secret, match, ...rest } = fields;
  const occurrences: RedactedOccurrence[] = rest.occurrences ?? [];
  return {
    ruleId: 'github-token',
    category: 'secret',
    description: 'GitHub token',
    confidence: 'high',
    reasons: ['a provider\'s key format'],
    path: 'config/settings.py',
    line: 3,
    column: 16,
    endLine: 3,
    endColumn: 56,
    commit: 'a'.repeat(40),
    author: 'Ana Lima',
    email: 'ana@dev.test',
    date: '2023-11-14T22:13:20+02:00',
    message: masked(message ?? 'add settings'),
    secret: masked(secret ?? 'ghp_****'),
    match: masked(match ?? 'GITHUB_TOKEN = "ghp_****"'),
    entropy: 4.5,
    fingerprint: 'github-token:config/settings.py:0123456789abcdef',
    id: 'github-token:0123456789abcdef',
    occurrenceCount: occurrences.length,
    ...rest,
    occurrences,
  };
}

export function occurrence(path: string, line: number, commit = 'b'.repeat(40)): RedactedOccurrence {
  return { commit, date: '2023-11-15T10:00:00+02:00', path, line, column: 1 };
}

export const RULES: RuleInfo[] = [
  { id: 'generic-password', description: 'Password assigned in code', category: 'secret' },
  { id: 'github-token', description: 'GitHub token', category: 'secret' },
  { id: 'email', description: 'Email address', category: 'pii' },
];

/** Yields `items` once, counting how many were taken: a writer that gathers everything first shows as taken === length. */
export class OneShot<T> implements Iterable<T> {
  taken = 0;
  #used = false;
  readonly #items: readonly T[];

  constructor(items: readonly T[]) {
    this.#items = items;
  }

  *[Symbol.iterator](): Iterator<T> {
    if (this.#used) throw new Error('iterated twice');
    this.#used = true;
    for (const item of this.#items) {
      this.taken += 1;
      yield item;
    }
  }
}
