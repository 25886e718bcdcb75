// Scans of part of a history (a range, a push) and of the staged index report
// only the secrets a change brought: a match also present in a version the
// change replaced at that path is not new.
import type { Match, Oid } from '../model/types.js';
import type { Place, SourceRun } from './source.js';

/** Adds a blob's matches at each place it was introduced, except those already in a version it replaced there. */
export function foundNew(run: SourceRun, known: ReadonlyMap<Oid, Match[]>, oid: Oid, places: readonly Place[]): void {
  const matches = known.get(oid);
  if (matches === undefined) return;
  const secretKey = (match: Match): string => `${match.ruleId}\0${match.secret.reveal()}`;
  for (const place of places) {
    const before = new Set(place.replaced.flatMap((replaced) => (known.get(replaced) ?? []).map(secretKey)));
    const fresh = matches.filter((match) => !before.has(secretKey(match)));
    if (fresh.length > 0) run.found(fresh, [place]);
  }
}
