// Wires a source to the detector and attributes matches to the commits and
// paths that introduced them. Knows nothing of output formats.
import { existsSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { Detector } from './detect/detector.js';
import { defaultPatternsDir, loadRuleSet, onlyCategory, type Rule } from './detect/rules.js';
import { UserError } from './errors.js';
import { allowsPlace, type TextFacts } from './config/allowlist.js';
import { applyConfig, noConfig, type ScanConfig } from './config/load.js';
import { findingId, fingerprintOf, gitleaksFingerprintOf } from './fingerprint.js';
import { readDirectory } from './sources/directory.js';
import { GitCliBackend, gitAvailable } from './sources/git-cli.js';
import { readBlobsOnThread } from './sources/blob-reader-thread.js';
import { BlobScanner, REUSE_CACHE_BYTES } from './detect/blob-scanner.js';
import { ScanLanes, defaultThreads } from './workers/lanes.js';
import { scanBlob, type ScannedBlob } from './workers/results.js';
import type { BlobRequest } from './workers/protocol.js';
import { indexHistory, type PathLineage } from './sources/history.js';
import { loadIgnoreFile, type IgnoredPaths } from './sources/ignored-paths.js';
import { RequestPlanner } from './sources/request-planner.js';
import type { GitBackend, GitBackendName, HistorySelection } from './sources/types.js';
import type { Category, Finding, Match, Occurrence, Oid, Origin, ScanSummary } from './types.js';

export { IGNORE_FILE, IgnoredPaths } from './sources/ignored-paths.js';
export const DEFAULT_MAX_BLOB_BYTES = 64 * 1024 * 1024;

export interface ScanOptions {
  path: string;
  /** false: scan the files of a directory instead of git history (--no-git). */
  git: boolean;
  /** Backend to use; by default the git CLI when a git binary is found. */
  backend?: GitBackendName;
  patternsDir?: string;
  /** Only the rules of this category. */
  only?: Category;
  /** Blobs larger than this are counted, not scanned. */
  maxBlobBytes?: number;
  /** Only these commits (a range `A..B` or `B`, or revisions leakwatch built) instead of every ref's history. */
  range?: HistorySelection;
  /** Scan what is staged in the index instead of history: only secrets the staged versions add. */
  staged?: boolean;
  /** Detection threads; 1 scans on the main thread. Default: up to the number of cores, for large scans. */
  threads?: number;
  /** Search only the lines a blob changed from another version of its file (default true). */
  reuse?: boolean;
  /** Search the printable runs of binary blobs instead of skipping them. */
  scanBinary?: boolean;
  onProgress?: (progress: ScanProgress) => void;
  /** The configuration the detector was built with: its fingerprint lists apply here. */
  config?: ScanConfig;
  /** Fingerprints of findings already known (a baseline): not reported again. */
  baseline?: ReadonlySet<string>;
}

export interface ScanProgress {
  commits: number;
  blobs: number;
  totalBlobs: number;
  bytes: number;
}

export interface ScanResult {
  findings: Finding[];
  summary: ScanSummary;
  detector: Detector;
}

export function createDetector(patternsDir: string = defaultPatternsDir(), only?: Category, config: ScanConfig = noConfig()): Detector {
  return new Detector(onlyCategory(applyConfig(loadRuleSet(patternsDir), config), only));
}

export async function scan(options: ScanOptions, detector: Detector = createDetector(options.patternsDir, options.only)): Promise<ScanResult> {
  const started = performance.now();
  const summary: ScanSummary = {
    commits: 0, blobs: 0, bytes: 0, binarySkipped: 0, oversizedSkipped: 0, missingSkipped: 0, ignoredPaths: 0, findings: 0, baselined: 0, durationMs: 0,
  };
  const ignored = loadIgnoreFile(options.path);
  const maxBytes = options.maxBlobBytes ?? DEFAULT_MAX_BLOB_BYTES;
  const collector = new FindingCollector(detector);

  if (options.staged === true) await scanStaged(options, detector, ignored, maxBytes, summary, collector);
  else if (options.git) await scanHistory(options, detector, ignored, maxBytes, summary, collector);
  else await scanDirectory(options, detector, ignored, maxBytes, summary, collector);

  const silenced = new Set([...(options.config?.fingerprints ?? []), ...(options.baseline ?? [])]);
  const all = collector.findings();
  const findings = silenced.size === 0 ? all : all.filter((finding) => ![findingId(finding), fingerprintOf(finding), gitleaksFingerprintOf(finding)].some((key) => silenced.has(key)));
  summary.baselined = all.length - findings.length;
  summary.findings = findings.length;
  summary.durationMs = Math.round(performance.now() - started);
  return { findings, summary, detector };
}

export async function openBackend(path: string, name: GitBackendName | undefined): Promise<GitBackend> {
  if (!existsSync(path)) throw new UserError('path-missing', `${path}: no such file or directory`);
  const chosen = name ?? (gitAvailable() ? 'cli' : 'isomorphic');
  if (chosen === 'cli') return GitCliBackend.open(path);
  // Loaded only when used: isomorphic-git costs start-up time a pre-push hook should not pay.
  const { IsomorphicBackend } = await import('./sources/git-isomorphic.js');
  return IsomorphicBackend.open(path);
}

/**
 * History scan in one pipeline: blobs are requested from `git cat-file` as
 * `git log` names them, and searched while the log is still being read.
 * Matches wait for the full log before they are attributed, since the oldest
 * commit that introduced a blob is only known at the end. Large scans run on
 * worker threads that each read their share through their own git child.
 */
async function scanHistory(
  options: ScanOptions, detector: Detector, ignored: IgnoredPaths, maxBytes: number, summary: ScanSummary, collector: FindingCollector,
): Promise<void> {
  const backend = await openBackend(options.path, options.backend);
  const threads = options.threads ?? (options.range === undefined ? defaultThreads() : 1);
  const cacheBytes = options.reuse === false ? 0 : REUSE_CACHE_BYTES;
  const report = progressReporter(options, summary, () => planner.requested.size);
  let wanted: Map<Oid, Origin[]> | undefined;
  const early: Array<{ oid: Oid; matches: Match[] }> = [];
  // Part of a history (a push, a range): a secret counts only where a commit brought it, not where
  // it was already in the version the commit replaced. Every version's matches are kept to compare.
  const partial = options.range !== undefined;
  const known = new Map<Oid, Match[]>();
  const take = (result: ScannedBlob): void => {
    count(summary, result);
    const { matches } = result;
    if (matches.length > 0) {
      if (partial) known.set(result.oid, matches);
      else if (wanted === undefined) early.push({ oid: result.oid, matches });
      else collector.add(matches, wanted.get(result.oid) ?? []);
    }
    report();
  };

  const reader = threads > 1 && backend instanceof GitCliBackend
    ? new LaneReader(new ScanLanes(threads, { patternsDir: options.patternsDir ?? defaultPatternsDir(), only: options.only, cacheBytes, gitDir: backend.gitDir, maxBytes, scanBinary: options.scanBinary === true, configFile: options.config?.file }, take))
    // A whole history is read on a thread of its own; a range (a push) is too small to repay starting one.
    : new LocalReader(backend, new BlobScanner(detector, cacheBytes, options.scanBinary), maxBytes, take, options.range === undefined);

  const planner = new RequestPlanner(ignored, partial, (blob) => reader.request(blob));
  const requested = planner.requested;
  const request = (blob: BlobRequest): void => planner.request(blob);
  try {
    const listing = backend.readHistory(options.range, (change) => planner.onChange(change));
    const indexed = listing.then((log) => {
      const index = indexHistory(log);
      summary.commits = index.commits;
      collector.lineage = index.lineage;
      wanted = new Map();
      for (const oid of index.blobs) {
        const origins = (index.origins.get(oid) ?? []).filter((origin) => !ignored.ignores(origin.path));
        if (origins.length === 0) summary.ignoredPaths += 1;
        else wanted.set(oid, origins);
        // A blob first seen under an ignored path but also kept elsewhere is requested now.
        if (origins.length > 0 && !requested.has(oid)) request({ oid, family: index.lineage.root(origins[0]?.path ?? ''), neighbours: [] });
      }
      for (const { oid, matches } of early.splice(0)) collector.add(matches, wanted.get(oid) ?? []);
    });
    // Part of a history: what a commit deleted counts as what it replaced, so a renamed or moved
    // file keeps its old secrets; those blobs are read once the listing is complete.
    const removedBy = new Map<Oid, Oid[]>();
    const withRemoved = listing.then((log) => {
      if (!partial) return;
      for (const deletion of log.deletions) {
        removedBy.set(deletion.commit, [...(removedBy.get(deletion.commit) ?? []), deletion.blob]);
        if (!requested.has(deletion.blob) && !ignored.ignores(deletion.path)) request({ oid: deletion.blob, family: deletion.path, neighbours: [] });
      }
    });
    const scanned = reader.run(Promise.all([indexed, withRemoved]).then(() => undefined));
    await Promise.all([indexed, withRemoved, scanned]);
    if (partial) {
      for (const [oid, origins] of wanted ?? []) {
        addNew(collector, known, oid, origins.map((origin) => ({ ...origin, replaced: [...origin.replaced, ...(removedBy.get(origin.commit.oid) ?? [])] })));
      }
    }
  } finally {
    await reader.close();
  }
}

/** Adds a blob's matches at each place it was introduced, except those already in a version it replaced there. */
function addNew(collector: FindingCollector, known: ReadonlyMap<Oid, Match[]>, oid: Oid, places: readonly Place[]): void {
  const matches = known.get(oid);
  if (matches === undefined) return;
  const secretKey = (match: Match): string => `${match.ruleId}\0${match.secret.reveal()}`;
  for (const place of places) {
    const before = new Set(place.replaced.flatMap((replaced) => (known.get(replaced) ?? []).map(secretKey)));
    const fresh = matches.filter((match) => !before.has(secretKey(match)));
    if (fresh.length > 0) collector.add(fresh, [place]);
  }
}

/**
 * What is staged in the index, against HEAD: each staged blob is searched (through the version it
 * replaces, which is searched first), and only secrets that version did not already hold count.
 */
async function scanStaged(
  options: ScanOptions, detector: Detector, ignored: IgnoredPaths, maxBytes: number, summary: ScanSummary, collector: FindingCollector,
): Promise<void> {
  const backend = await openBackend(options.path, 'cli');
  if (!(backend instanceof GitCliBackend)) throw new UserError('git-missing', 'scanning the staged changes needs the git command');
  const { changes, removed } = backend.stagedChanges();
  const staged = changes.filter((change) => {
    const skip = ignored.ignores(change.path);
    if (skip) summary.ignoredPaths += 1;
    return !skip;
  });
  const hints = new Map<Oid, BlobRequest>();
  // Files the index removed are compared with too: a file renamed or moved keeps its old secrets.
  for (const oid of removed) hints.set(oid, { oid, family: oid, neighbours: [] });
  for (const change of staged) {
    if (change.previousBlob !== undefined && !hints.has(change.previousBlob)) hints.set(change.previousBlob, { oid: change.previousBlob, family: change.path, neighbours: [] });
    hints.set(change.blob, { oid: change.blob, family: change.path, neighbours: change.previousBlob === undefined ? [] : [change.previousBlob] });
  }
  const stagedBlobs = new Set(staged.map((change) => change.blob));
  const scanner = new BlobScanner(detector, options.reuse === false ? 0 : REUSE_CACHE_BYTES, options.scanBinary);
  const known = new Map<Oid, Match[]>();
  for await (const blob of backend.readBlobs([...hints.keys()], maxBytes)) {
    const result = scanBlob(scanner, blob, hints.get(blob.oid));
    if (stagedBlobs.has(blob.oid)) count(summary, result);
    if (result.matches.length > 0) known.set(blob.oid, result.matches);
  }
  for (const change of staged) {
    addNew(collector, known, change.blob, [{ commit: undefined, age: 0, path: change.path, replaced: [...(change.previousBlob === undefined ? [] : [change.previousBlob]), ...removed] }]);
  }
}

/** Reads and searches requested blobs, on the main thread or on workers; `run` ends after `listed` and every request. */
interface BlobReader {
  request(blob: BlobRequest): void;
  run(listed: Promise<void>): Promise<void>;
  close(): Promise<void>;
}

class LocalReader implements BlobReader {
  readonly #requests = new PassThrough({ objectMode: true });
  readonly #hints = new Map<Oid, BlobRequest>();
  /** Requests made during one burst of log parsing, sent to git together. */
  #batch: Oid[] = [];
  readonly #backend: GitBackend;
  readonly #scanner: BlobScanner;
  readonly #maxBytes: number;
  readonly #take: (result: ScannedBlob) => void;
  readonly #readOnThread: boolean;

  constructor(backend: GitBackend, scanner: BlobScanner, maxBytes: number, take: (result: ScannedBlob) => void, readOnThread: boolean) {
    this.#readOnThread = readOnThread;
    this.#backend = backend;
    this.#scanner = scanner;
    this.#maxBytes = maxBytes;
    this.#take = take;
  }

  request(blob: BlobRequest): void {
    this.#hints.set(blob.oid, blob);
    if (this.#batch.length === 0) queueMicrotask(() => this.#flush());
    this.#batch.push(blob.oid);
  }

  #flush(): void {
    if (this.#batch.length > 0) this.#requests.write(this.#batch);
    this.#batch = [];
  }

  async run(listed: Promise<void>): Promise<void> {
    void listed.finally(() => {
      this.#flush();
      this.#requests.end();
    }).catch(() => undefined);
    // git's output is drained on a thread of its own, so git reads ahead while this thread searches.
    const blobs = this.#readOnThread && this.#backend instanceof GitCliBackend
      ? readBlobsOnThread(this.#backend.gitDir, this.#requests, this.#maxBytes)
      : this.#backend.readBlobs(this.#requests, this.#maxBytes);
    for await (const blob of blobs) {
      const hint = this.#hints.get(blob.oid);
      this.#hints.delete(blob.oid);
      this.#take(scanBlob(this.#scanner, blob, hint));
    }
  }

  async close(): Promise<void> {}
}

class LaneReader implements BlobReader {
  readonly #lanes: ScanLanes;

  constructor(lanes: ScanLanes) {
    this.#lanes = lanes;
  }

  request(blob: BlobRequest): void {
    this.#lanes.request(blob);
  }

  async run(listed: Promise<void>): Promise<void> {
    await listed;
    await this.#lanes.done();
  }

  async close(): Promise<void> {
    await this.#lanes.close();
  }
}

async function scanDirectory(
  options: ScanOptions, detector: Detector, ignored: IgnoredPaths, maxBytes: number, summary: ScanSummary, collector: FindingCollector,
): Promise<void> {
  if (!existsSync(options.path)) throw new UserError('path-missing', `${options.path}: no such file or directory`);
  const skip = (path: string): boolean => {
    const hit = ignored.ignores(path);
    if (hit) summary.ignoredPaths += 1;
    return hit;
  };
  const scanner = new BlobScanner(detector, 0, options.scanBinary);
  const report = progressReporter(options, summary, () => 0);
  for await (const file of readDirectory(options.path, maxBytes, skip)) {
    const result = scanBlob(scanner, { ...file, oid: file.path }, undefined);
    count(summary, result);
    if (result.matches.length > 0) collector.add(result.matches, [{ commit: undefined, age: 0, path: file.path, replaced: [] }]);
    report();
  }
}

/** Counts a blob once it is done: its bytes, and why it was not searched if it was not. */
function count(summary: ScanSummary, result: ScannedBlob): void {
  summary.blobs += 1;
  summary.bytes += result.bytes;
  if (result.skipped === 'binary') summary.binarySkipped += 1;
  if (result.skipped === 'oversized') summary.oversizedSkipped += 1;
  if (result.skipped === 'missing') summary.missingSkipped += 1;
}

function progressReporter(options: ScanOptions, summary: ScanSummary, totalBlobs: () => number): () => void {
  const onProgress = options.onProgress;
  if (onProgress === undefined) return () => undefined;
  return () => onProgress({ commits: summary.commits, blobs: summary.blobs, totalBlobs: totalBlobs(), bytes: summary.bytes });
}

type Place = Omit<Origin, 'commit'> & { commit: Origin['commit'] | undefined };

/**
 * One finding per rule and secret, wherever and however often it appears: the
 * first introduction (oldest commit, then path and position) is the finding's
 * place, every other version, path or copy holding the same secret is one of
 * its occurrences. A key kept through 200 edits is one finding, not 200.
 */
class FindingCollector {
  lineage: PathLineage | undefined;
  readonly #detector: Detector;
  readonly #groups = new Map<string, { first: Finding; age: number; others: Array<Occurrence & { age: number }> }>();

  constructor(detector: Detector) {
    this.#detector = detector;
  }

  add(matches: readonly Match[], places: readonly Place[]): void {
    for (const match of matches) {
      const rule = this.#detector.rule(match.ruleId) as Rule;
      for (const place of places) {
        if (rule.pathFilter !== undefined && !rule.pathFilter.test(place.path)) continue;
        if (rule.allowlists.length > 0 && allowsPlace(rule.allowlists, { path: place.path, commit: place.commit?.oid }, placeText(match))) continue;
        const key = `${rule.id}\0${match.secret.reveal()}`;
        const group = this.#groups.get(key);
        // Most sightings are later versions: kept as plain places; a full finding is built only for a first one.
        const here = { commit: place.commit, path: place.path, line: match.line, column: match.column, age: place.age };
        if (group === undefined) {
          this.#groups.set(key, { first: toFinding(rule, match, place), age: place.age, others: [] });
        } else if (byAgeThenPosition(here, { ...occurrenceOf(group.first), age: group.age }) < 0) {
          group.others.push({ ...occurrenceOf(group.first), age: group.age });
          group.first = toFinding(rule, match, place);
          group.age = place.age;
        } else {
          group.others.push(here);
        }
      }
    }
  }

  /** Oldest first, then path and position; each finding's occurrences in the same order, each place once. */
  findings(): Finding[] {
    const groups = [...this.#groups.values()].sort((a, b) => byAgeThenPlace({ finding: a.first, age: a.age }, { finding: b.first, age: b.age }));
    return groups.map(({ first, others }) => {
      const seen = new Set([placeKey(first)]);
      const occurrences: Occurrence[] = [];
      for (const other of others.sort(byAgeThenPosition)) {
        const key = placeKey(other);
        if (seen.has(key)) continue;
        seen.add(key);
        occurrences.push({ commit: other.commit, path: other.path, line: other.line, column: other.column });
      }
      return { ...first, occurrences };
    });
  }
}

function byAgeThenPosition(a: Occurrence & { age: number }, b: Occurrence & { age: number }): number {
  return a.age - b.age || compare(a.path, b.path) || a.line - b.line || a.column - b.column;
}

function occurrenceOf(finding: Finding): Occurrence {
  return { commit: finding.commit, path: finding.path, line: finding.line, column: finding.column };
}

function placeKey(place: Occurrence): string {
  return `${place.commit?.oid ?? ''}\0${place.path}\0${place.line}\0${place.column}`;
}

/** A finding's text as allowlists see it when they also name a path or commit (the excerpt stands for the line). */
function placeText(match: Match): TextFacts {
  const line = (): string => match.excerpt.reveal().bytes.toString('utf8');
  return { secret: match.secret.reveal(), match: line, line };
}

/** Total order on findings, so the result never depends on the order blobs were read in. */
function byAgeThenPlace(a: { finding: Finding; age: number }, b: { finding: Finding; age: number }): number {
  return a.age - b.age || compare(a.finding.path, b.finding.path) || a.finding.line - b.finding.line
    || a.finding.column - b.finding.column || compare(a.finding.ruleId, b.finding.ruleId);
}

function toFinding(rule: Rule, match: Match, place: Place): Finding {
  return {
    ruleId: rule.id,
    category: rule.category,
    description: rule.description,
    mask: rule.mask,
    keepPrefix: rule.keepPrefix,
    path: place.path,
    line: match.line,
    column: match.column,
    endLine: match.endLine,
    endColumn: match.endColumn,
    commit: place.commit,
    secret: match.secret,
    excerpt: match.excerpt,
    entropy: match.entropy,
    decoded: match.decoded,
    occurrences: [],
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
