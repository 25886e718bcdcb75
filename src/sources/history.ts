// Git history: every ref's (the default), or the commits of a range or a push.
// One pipeline: blobs are requested as `git log` names them and searched while
// the log is still being read. Matches wait for the full log before they are
// attributed, since the oldest commit that introduced a blob is only known at
// the end. Part of a history reports only what its commits brought.
import type { BlobRequest, ScannedBlob } from '../detect/blob-scanner.js';
import type { BlobChange, Match, Oid, Origin, ScanSummary } from '../model/types.js';
import type { GitBackendName, HistorySelection } from './git/backend.js';
import { packMatches, unpackMatches } from '../model/frozen-matches.js';
import type { Sensitive } from '../model/sensitive.js';
import { commitAges, indexHistory, type BlobOrigins } from './git/history-index.js';
import { listWholeHistory } from './git/listing-reuse.js';
import { openBackend } from './git/open.js';
import { RequestPlanner } from './git/request-planner.js';
import { loadIgnoreFile } from './ignored-paths.js';
import { scanMessages, tagsOf } from './messages.js';
import { broughtAt, heldInTrees, notInBase, report } from './new-secrets.js';
import { plural } from '../model/words.js';
import type { Source, SourceRun, SourceType } from './source.js';

export interface HistorySpec {
  kind: 'history';
  /** The repository (normal or bare), or a folder inside it. */
  path: string;
  /** By default the git command when one is installed, else isomorphic-git. */
  backend?: GitBackendName | undefined;
  /** Only these commits (a range `A..B` or `B`, or revisions leakwatch built) instead of every ref's history. */
  range?: HistorySelection | undefined;
}

export const historySource: SourceType<HistorySpec> = {
  kind: 'history',
  open: (spec) => new HistorySource(spec),
};

class HistorySource implements Source {
  readonly scope: string;
  readonly #spec: HistorySpec;

  constructor(spec: HistorySpec) {
    this.#spec = spec;
    const range = spec.range;
    this.scope = range === undefined ? 'the whole history' : `range ${typeof range === 'string' ? range : range.description}`;
  }

  counted(summary: ScanSummary): string {
    return `${plural(summary.commits, 'commit')}, ${plural(summary.blobs, 'unique blob')}`;
  }

  async run(run: SourceRun): Promise<void> {
    const { path, range } = this.#spec;
    const ignored = loadIgnoreFile(path);
    const backend = await openBackend(path, this.#spec.backend);
    const summary = run.summary;
    /** Each listed blob's origins, less ignored paths, until its matches are attributed (see `wantedFrom`). */
    let wanted: WantedOrigins | undefined;
    /** How many unique blobs a whole history listed: how much its listing let go of (see `released`). */
    let listedBlobs = 0;
    // Results that come before the index can attribute them (a large history's first ~20 s), kept
    // packed: as objects they were a few hundred MB of a git/git scan's main heap.
    const early: Array<{ oid: Oid; packed: Sensitive<string> }> = [];
    // Part of a history (a push, a range): a secret counts only where a commit brought it, not where
    // it was already in the version the commit replaced. Every version's matches are kept to compare.
    const partial = range !== undefined;
    const known = new Map<Oid, Match[]>();
    const take = (result: ScannedBlob): void => {
      run.count(result);
      const { matches } = result;
      if (matches.length > 0) {
        if (partial) known.set(result.oid, matches);
        else if (wanted === undefined) early.push({ oid: result.oid, packed: packMatches(matches) });
        else run.found(matches, wanted.get(result.oid) ?? []);
      }
      // A whole history's blob is taken once: its origins are let go (on git/git, 260k blobs' worth).
      if (!partial) wanted?.delete(result.oid);
      run.progress(planner.count);
    };

    const reader = run.gitReader(backend, take, !partial);
    const planner = new RequestPlanner(ignored, partial, (blob) => reader.request(blob));
    const requested = planner.requested;
    const request = (blob: BlobRequest): void => planner.request(blob);
    try {
      if (range === undefined && backend.isShallow()) {
        run.incomplete('this clone is shallow: the history before its boundary is not here and was not scanned (git fetch --unshallow fetches it; in GitHub Actions, actions/checkout with fetch-depth: 0)');
      }
      // A whole history is listed from the last scan's listing and what is new since, when a cache is kept.
      const memory = partial ? undefined : run.memory?.(backend);
      const onChange = (change: BlobChange): void => planner.onChange(change);
      const listing = range === undefined ? listWholeHistory(backend, onChange, memory, (listedNow) => {
        summary.listedNow = listedNow;
      }) : backend.readHistory(range, onChange);
      // Part of a history: what a commit deleted counts as what it replaced, so a renamed or moved
      // file keeps its old secrets; those blobs are read once the listing is complete.
      const removedBy = new Map<Oid, Oid[]>();
      // Commit and tag messages: a pass of their own over the commits listed (see messages.ts). It takes
      // the listed commits before the indexing below lets the listing go (callbacks run in this order).
      // Commit ages (ancestry order) are computed once, for the messages and the index.
      const aged = listing.then((log) => commitAges(log.commits));
      const messages = listing.then(async (log) => {
        const listed = { ...log, commits: log.commits };
        const ages = await aged;
        return scanMessages(run, backend, listed, await tagsOf(backend, range), (path) => !ignored.ignores(path), memory, ages);
      });
      const indexed = aged.then(async (ages) => {
        const log = await listing;
        for (const fault of log.faults ?? []) run.fault(fault);
        // The listing is whole: a collection before its index is built (large histories only, see
        // `released`) lets the build grow a heap sized by what is live, not by the listing's garbage.
        // git/git: peak RSS 1,017,688-1,023,908 KB in three runs, 1,041,716-1,069,000 KB in three without.
        if (!partial) run.released?.(planner.requested.size);
        const index = indexHistory(log, ages, partial);
        summary.commits = index.commits;
        listedBlobs = index.blobs.length;
        // The listing's entries are in the index now: let them go (the listing's promise holds the log to the end).
        log.changes = [];
        log.commits = [];
        if (partial) for (const deletion of log.deletions) removedBy.set(deletion.commit, [...(removedBy.get(deletion.commit) ?? []), deletion.blob]);
        // Only the blobs with an ignored path get a list of their own here; the rest stay in the index,
        // packed, and their origins are built again when their matches are attributed.
        const filtered = new Map<Oid, Origin[]>();
        wanted = wantedFrom(index.origins, filtered);
        for (const oid of index.blobs) {
          const listed = index.origins.get(oid) ?? [];
          const origins = listed.some((origin) => ignored.ignores(origin.path)) ? listed.filter((origin) => !ignored.ignores(origin.path)) : listed;
          if (origins.length === 0) {
            summary.ignoredPaths += 1;
            index.origins.delete(oid);
          } else if (origins !== listed) filtered.set(oid, origins);
          // Part of a history brings a file only where it was not before: added, and not moved there
          // unchanged from a path the same commit deleted.
          run.introduced(partial ? origins.filter((origin) => origin.replaced.length === 0 && !(removedBy.get(origin.commit.oid) ?? []).includes(oid)) : origins);
          // A blob first seen under an ignored path but also kept elsewhere is requested now.
          if (origins.length > 0 && !requested.has(oid)) request({ oid, family: index.lineage.root(origins[0]?.path ?? ''), neighbours: [] });
        }
        for (const { oid, packed } of early.splice(0)) {
          run.found(unpackMatches(packed), wanted.get(oid) ?? []);
          wanted.delete(oid);
        }
        // A whole history makes no request after this (a range still reads what its commits deleted).
        if (!partial) {
          planner.done();
          run.released?.(listedBlobs);
        }
      });
      const withRemoved = listing.then((log) => {
        if (!partial) return;
        for (const deletion of log.deletions) {
          if (!requested.has(deletion.blob) && !ignored.ignores(deletion.path)) request({ oid: deletion.blob, family: deletion.path, neighbours: [] });
        }
      });
      const scanned = reader.run(Promise.all([indexed, withRemoved]).then(() => undefined));
      await Promise.all([indexed, withRemoved, scanned, messages]);
      // Every result is attributed: what carried them goes before findings and reports are built.
      if (!partial) run.released?.(listedBlobs);
      if (partial) {
        // New is what neither the versions a commit replaced (see new-secrets.ts) nor its parents' trees held.
        const brought = [...(wanted?.entries() ?? [])].flatMap(([oid, origins]) => broughtAt(known, oid, origins.map((origin) => ({ ...origin, replaced: [...origin.replaced, ...(removedBy.get(origin.commit.oid) ?? [])] }))));
        report(run, await notInBase(brought, (place) => place.commit?.parents ?? [], heldInTrees(backend, run)));
      }
    } finally {
      await reader.close();
    }
  }
}

/** The origins a listed blob's matches are attributed to, until they are (whole histories let each go then). */
interface WantedOrigins {
  get(oid: Oid): readonly Origin[] | undefined;
  delete(oid: Oid): void;
  /** Every blob still wanted, in the order the listing first named them. */
  entries(): Iterable<[Oid, readonly Origin[]]>;
}

/** The index's origins, where `filtered` (blobs with an ignored path) does not hold a list of its own. */
function wantedFrom(origins: BlobOrigins, filtered: Map<Oid, Origin[]>): WantedOrigins {
  return {
    get: (oid) => filtered.get(oid) ?? origins.get(oid),
    delete: (oid) => {
      filtered.delete(oid);
      origins.delete(oid);
    },
    *entries() {
      for (const [oid, listed] of origins) yield [oid, filtered.get(oid) ?? listed];
    },
  };
}
