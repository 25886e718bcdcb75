// Scans of part of a history (a range, a push) and of the staged index report
// only the secrets a change brought. A secret is not new where the change
// started from already held it: a version the change replaced at that path (or
// a file it deleted: a rename, a move), under whatever rule and on whatever line,
// or any file of the tree the change started from (a parent commit's, HEAD's
// for the index), where the rules find it too — copied from another file, it
// leaks nothing the remote or the repository did not already hold. A value that
// is merely text there (a word in a comment) does not count, nor does a value
// too plain to name one secret: `changeit` in two tools' configurations is two
// weak passwords, not one copied. Only what passes both is reported.
import type { Match, Oid } from '../model/types.js';
import { shannonEntropy } from '../detect/entropy.js';
import type { GitBackend } from './git/backend.js';
import type { Place, SourceRun } from './source.js';

/** Matches a blob brings at one place. */
export interface Brought {
  matches: Match[];
  place: Place;
}

/** Where values are held: for each value found, the trees (commits, revisions) holding it in some file. */
export type FindValues = (trees: readonly string[], values: readonly string[]) => Promise<Map<string, Set<string>>>;

const valueOf = (match: Match): string => match.secret.reveal();

/** Bits (length x Shannon entropy per character) a value needs to name one secret wherever it appears. */
export const DISTINCT_BITS = 64;

/** Whether a value names one secret wherever it appears (a token, a key), not a common or weak one (`changeit`, `root`). */
export function isDistinct(value: string): boolean {
  return !/[\r\n]/.test(value) && value.length * shannonEntropy(value) >= DISTINCT_BITS;
}

/** A blob's matches at each place it was introduced, except those whose secret a version it replaced there holds. */
export function broughtAt(known: ReadonlyMap<Oid, Match[]>, oid: Oid, places: readonly Place[]): Brought[] {
  const matches = known.get(oid);
  if (matches === undefined) return [];
  const brought: Brought[] = [];
  for (const place of places) {
    const before = new Set(place.replaced.flatMap((replaced) => (known.get(replaced) ?? []).map(valueOf)));
    const fresh = matches.filter((match) => !before.has(valueOf(match)));
    if (fresh.length > 0) brought.push({ matches: fresh, place });
  }
  return brought;
}

/**
 * Drops the matches whose secret is already in a file of a tree the change at their place started from
 * (`basesOf`: a commit's parents; none for a root commit). Only distinct values are looked for: a plain
 * one, or one spanning lines (a text search goes line by line), stays new unless a replaced version held it.
 */
export async function notInBase(brought: readonly Brought[], basesOf: (place: Place) => readonly string[], findValues: FindValues | undefined): Promise<Brought[]> {
  if (brought.length === 0 || findValues === undefined) return [...brought];
  const trees = [...new Set(brought.flatMap(({ place }) => basesOf(place)))];
  const values = [...new Set(brought.flatMap(({ matches }) => matches.map(valueOf)))].filter(isDistinct);
  if (trees.length === 0 || values.length === 0) return [...brought];
  const found = await findValues(trees, values);
  const kept: Brought[] = [];
  for (const { matches, place } of brought) {
    const bases = basesOf(place);
    const fresh = matches.filter((match) => {
      const value = valueOf(match);
      return !(isDistinct(value) && bases.some((base) => found.get(value)?.has(base) === true));
    });
    if (fresh.length > 0) kept.push({ matches: fresh, place });
  }
  return kept;
}

/**
 * Values the rules find in files of the given trees: a text search (the backend's `filesHolding`) names
 * the files that could hold them, which are then read and searched like any other. Undefined when the
 * backend cannot search trees.
 */
export function heldInTrees(backend: GitBackend, run: SourceRun): FindValues | undefined {
  const filesHolding = backend.filesHolding?.bind(backend);
  if (filesHolding === undefined) return undefined;
  return async (trees, values) => {
    const commitsOf = new Map<Oid, string[]>();
    for (const { commit, blob } of await filesHolding(trees, values)) commitsOf.set(blob, [...(commitsOf.get(blob) ?? []), commit]);
    const wanted = new Set(values);
    const held = new Map<string, Set<string>>();
    for await (const blob of backend.readBlobs([...commitsOf.keys()], run.maxBytes)) {
      for (const match of run.search(blob).matches) {
        const value = valueOf(match);
        if (wanted.has(value)) held.set(value, new Set([...(held.get(value) ?? []), ...(commitsOf.get(blob.oid) ?? [])]));
      }
    }
    return held;
  };
}

/** Reports what was brought. */
export function report(run: SourceRun, brought: readonly Brought[]): void {
  for (const { matches, place } of brought) run.found(matches, [place]);
}

