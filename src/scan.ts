// Wires a source to the detector and attributes matches to the commits and
// paths that introduced them. Knows nothing of output formats.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { Detector } from './detect/detector.js';
import { defaultPatternsDir, loadRuleSet, type Rule } from './detect/rules.js';
import { UserError } from './errors.js';
import { readDirectory } from './sources/directory.js';
import { GitCliBackend, gitAvailable } from './sources/git-cli.js';
import { IsomorphicBackend } from './sources/git-isomorphic.js';
import { defaultThreads, LocalPool, REUSE_CACHE_BYTES, WorkerPool, type DetectionPool } from './detect/pool.js';
import { indexHistory, type PathLineage } from './sources/history.js';
import type { GitBackend, GitBackendName } from './sources/types.js';
import type { Content, Finding, Match, Origin, ScanSummary } from './types.js';

/** Name of the gitignore-style file, at the scanned path, listing paths never to scan. */
export const IGNORE_FILE = '.leakwatchignore';
export const DEFAULT_MAX_BLOB_BYTES = 64 * 1024 * 1024;

export interface ScanOptions {
  path: string;
  /** false: scan the files of a directory instead of git history (--no-git). */
  git: boolean;
  /** Backend to use; by default the git CLI when a git binary is found. */
  backend?: GitBackendName;
  patternsDir?: string;
  /** Blobs larger than this are counted, not scanned. */
  maxBlobBytes?: number;
  /** Only the commits of this revision range (`A..B` or `B`) instead of every ref's history. */
  range?: string;
  /** Detection threads; 1 scans on the main thread. Default: up to the number of cores, for large scans. */
  threads?: number;
  /** Search only the lines a blob changed from another version of its file (default true). */
  reuse?: boolean;
  onProgress?: (progress: ScanProgress) => void;
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

export function createDetector(patternsDir: string = defaultPatternsDir()): Detector {
  return new Detector(loadRuleSet(patternsDir));
}

export async function scan(options: ScanOptions, detector: Detector = createDetector(options.patternsDir)): Promise<ScanResult> {
  const started = performance.now();
  const summary: ScanSummary = {
    commits: 0, blobs: 0, bytes: 0, binarySkipped: 0, oversizedSkipped: 0, ignoredPaths: 0, findings: 0, durationMs: 0,
  };
  const ignored = loadIgnoreFile(options.path);
  const maxBytes = options.maxBlobBytes ?? DEFAULT_MAX_BLOB_BYTES;
  const collector = new FindingCollector(detector);

  if (options.git) await scanHistory(options, detector, ignored, maxBytes, summary, collector);
  else await scanDirectory(options, detector, ignored, maxBytes, summary, collector);

  const findings = collector.findings();
  summary.findings = findings.length;
  summary.durationMs = Math.round(performance.now() - started);
  return { findings, summary, detector };
}

export function openBackend(path: string, name: GitBackendName | undefined): GitBackend {
  if (!existsSync(path)) throw new UserError('path-missing', `${path}: no such file or directory`);
  const chosen = name ?? (gitAvailable() ? 'cli' : 'isomorphic');
  return chosen === 'cli' ? GitCliBackend.open(path) : IsomorphicBackend.open(path);
}

async function scanHistory(
  options: ScanOptions, detector: Detector, ignored: Ignore, maxBytes: number, summary: ScanSummary, collector: FindingCollector,
): Promise<void> {
  const backend = openBackend(options.path, options.backend);
  const index = indexHistory(await backend.readHistory(options.range));
  summary.commits = index.commits;
  collector.lineage = index.lineage;

  const wanted = new Map<string, Origin[]>();
  for (const oid of index.blobs) {
    const origins = (index.origins.get(oid) ?? []).filter((origin) => !ignored.ignores(origin.path));
    if (origins.length === 0) summary.ignoredPaths += 1;
    else wanted.set(oid, origins);
  }
  const blobs = backend.readBlobs(new Set(wanted.keys()), maxBytes);
  const items = mapAsync(blobs, (blob): Item => {
    const places = wanted.get(blob.oid) ?? [];
    return { content: blob, places, oid: blob.oid, family: index.lineage.root(places[0]?.path ?? ''), neighbours: index.neighbours.get(blob.oid) ?? [] };
  });
  await scanItems(items, openPool(options, detector, wanted.size), summary, collector, progressReporter(options, summary, wanted.size));
}

async function scanDirectory(
  options: ScanOptions, detector: Detector, ignored: Ignore, maxBytes: number, summary: ScanSummary, collector: FindingCollector,
): Promise<void> {
  if (!existsSync(options.path)) throw new UserError('path-missing', `${options.path}: no such file or directory`);
  const skip = (path: string): boolean => {
    const hit = ignored.ignores(path);
    if (hit) summary.ignoredPaths += 1;
    return hit;
  };
  const items = mapAsync(readDirectory(options.path, maxBytes, skip), (file): Item => ({
    content: file, places: [{ commit: undefined, age: 0, path: file.path }], oid: file.path, family: file.path, neighbours: [],
  }));
  await scanItems(items, openPool({ ...options, reuse: false }, detector, 0), summary, collector, progressReporter(options, summary, 0));
}

/** One blob or file to scan, with where its matches belong. */
interface Item {
  content: Content;
  places: readonly Place[];
  oid: string;
  /** The file this is a version of, and the versions it replaced or was replaced by: scanned against each other. */
  family: string;
  neighbours: readonly string[];
}

/** Feeds items to the pool as fast as it takes them, counting each once its scan is done. */
async function scanItems(items: AsyncIterable<Item>, pool: DetectionPool, summary: ScanSummary, collector: FindingCollector, report: () => void): Promise<void> {
  const pending = new Set<Promise<void>>();
  try {
    for await (const item of items) {
      const { content } = item;
      summary.blobs += 1;
      if (content.bytes === undefined) {
        summary.oversizedSkipped += 1;
        summary.bytes += content.size;
        report();
        continue;
      }
      const size = content.bytes.length;
      const { done } = await pool.submit({ oid: item.oid, bytes: content.bytes, family: item.family, neighbours: item.neighbours });
      const scanned = done.then((outcome) => {
        summary.bytes += size;
        if (outcome.binary) summary.binarySkipped += 1;
        else if (outcome.matches.length > 0) collector.add(outcome.matches, item.places);
        report();
      });
      pending.add(scanned);
      void scanned.then(() => pending.delete(scanned), () => undefined);
    }
    await Promise.all(pending);
  } finally {
    await pool.close();
  }
}

async function* mapAsync<T, U>(source: AsyncIterable<T>, map: (value: T) => U): AsyncIterable<U> {
  for await (const value of source) yield map(value);
}

/** Worker threads pay off only when there is a lot to scan; a pre-push of a few commits stays on the main thread. */
const PARALLEL_MIN_BLOBS = 2000;

function openPool(options: ScanOptions, detector: Detector, blobs: number): DetectionPool {
  const cacheBytes = options.reuse === false ? 0 : REUSE_CACHE_BYTES;
  const threads = options.threads ?? (blobs >= PARALLEL_MIN_BLOBS ? defaultThreads() : 1);
  if (threads <= 1) return new LocalPool(detector, cacheBytes);
  return new WorkerPool(threads, { patternsDir: options.patternsDir ?? defaultPatternsDir(), cacheBytes });
}

function progressReporter(options: ScanOptions, summary: ScanSummary, totalBlobs: number): () => void {
  const onProgress = options.onProgress;
  if (onProgress === undefined) return () => undefined;
  return () => onProgress({ commits: summary.commits, blobs: summary.blobs, totalBlobs, bytes: summary.bytes });
}

function loadIgnoreFile(path: string): Ignore {
  const matcher = ignore();
  const file = join(path, IGNORE_FILE);
  if (!existsSync(file)) return matcher;
  try {
    return matcher.add(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UserError('ignore-file', `${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

type Place = Omit<Origin, 'commit'> & { commit: Origin['commit'] | undefined };

/**
 * Keeps one finding per rule, secret and path lineage: the one from the oldest
 * commit (then the first line). A secret that stays in a file across a hundred
 * commits, or moves with a rename, is one finding, not a hundred.
 */
class FindingCollector {
  lineage: PathLineage | undefined;
  readonly #detector: Detector;
  readonly #best = new Map<string, { finding: Finding; age: number }>();

  constructor(detector: Detector) {
    this.#detector = detector;
  }

  add(matches: readonly Match[], places: readonly Place[]): void {
    for (const match of matches) {
      const rule = this.#detector.rule(match.ruleId) as Rule;
      for (const place of places) {
        const lineagePath = this.lineage?.root(place.path) ?? place.path;
        const key = `${rule.id}\0${lineagePath}\0${match.secret.reveal()}`;
        const held = this.#best.get(key);
        const finding = toFinding(rule, match, place);
        if (held !== undefined && byAgeThenPlace({ finding, age: place.age }, held) >= 0) continue;
        this.#best.set(key, { finding, age: place.age });
      }
    }
  }

  /** Oldest commit first, then path and position. */
  findings(): Finding[] {
    return [...this.#best.values()].sort(byAgeThenPlace).map((entry) => entry.finding);
  }
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
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
