// Runs a source through the detector: builds the rule set once (as data, so
// worker threads compile the very same), lets the source hand over its texts,
// groups what is found into findings, drops what a baseline already knows.
// Knows nothing of output formats, and nothing of which source it runs.
import { BlobScanner, REUSE_CACHE_BYTES, scanBlob, type BlobRequest, type ScannedBlob } from '../detect/blob-scanner.js';
import { moreSure } from '../model/confidence.js';
import { Detector } from '../detect/detector.js';
import { gitleaksFingerprintsOf, IdKey } from '../model/fingerprint.js';
import { gitCommonDir } from '../sources/git/git-dir.js';
import { collectGarbage } from './heap.js';
import { idKeyStored, resolveIdKey } from './id-key.js';
import { ScanCache } from './scan-cache.js';
import { join, resolve } from 'node:path';
import type { BlobRead, Confidence, Finding, Match, RuleInfo, ScanSummary } from '../model/types.js';
import { compileRuleSet, type FileRule, type RuleSet } from '../rules/compile.js';
import { pathGate } from '../rules/path-gate.js';
import { ruleSetSpec, type RuleSetOptions } from '../rules/rule-set.js';
import type { RuleSetSpec } from '../rules/schema.js';
import type { GitBackend } from '../sources/git/backend.js';
import { openSource, type SourceSpec } from '../sources/registry.js';
import type { BlobReader, DiskResult, FileReader, Place, SourceRun } from '../sources/source.js';
import { FindingCollector } from './collector.js';
export type { SourceSpec } from '../sources/registry.js';
/** The CLI's way to tell a folder inside a repository (its history is the repository's). */
export { enclosingWorkTree } from '../sources/work-tree.js';
import { CachedReader, LaneReader, LocalReader, type ReadSize } from './readers.js';
import { ScanLanes, defaultFileThreads, defaultThreads } from './workers/lanes.js';
import { FileLanes } from './workers/file-lanes.js';

export const DEFAULT_MAX_BLOB_BYTES = 64 * 1024 * 1024;

export interface ScanOptions extends RuleSetOptions {
  /** What to scan: `{ kind: 'history', path }`, `{ kind: 'staged', path }`, `{ kind: 'directory', path }`, `{ kind: 'stdin' }`, `{ kind: 'files', paths }`. */
  source: SourceSpec;
  /** Texts larger than this are counted, not scanned. */
  maxBlobBytes?: number | undefined;
  /** Detection threads; 1 scans on the main thread. Default: defaultThreads() for whole histories, defaultFileThreads() for directories. */
  threads?: number | undefined;
  /** Search only the lines a blob changed from another version of its file (default true). */
  reuse?: boolean | undefined;
  /** Search the printable runs of binary blobs instead of skipping them. */
  scanBinary?: boolean | undefined;
  onProgress?: ((progress: ScanProgress) => void) | undefined;
  /** Fingerprints of findings already known (a baseline): not reported again. */
  baseline?: ReadonlySet<string> | undefined;
  /** The rule set, built already (`ruleSetSpec`); by default built here from `patternsDir`, `config` and `only`. */
  ruleSet?: RuleSetSpec | undefined;
  /** Findings less sure than this are counted, not returned (default `medium`, as the CLI). */
  confidence?: Confidence | undefined;
  /**
   * The key findings' ids are made with (model/fingerprint.ts). By default the project's own, found
   * or created by `resolveIdKey` from the scanned folder: never a public one, so ids do not give back
   * the values they name. A function is asked only when there is a finding to name.
   */
  idKey?: IdKey | (() => IdKey) | undefined;
  /**
   * Remember what a git history scan finds in each blob (matches encrypted under a key derived from
   * the id key), and answer from there next time without reading them (engine/scan-cache.ts): a folder, or `true` for `leakwatch/cache` in the
   * repository's git directory. Only histories read through the git command. Default: none.
   */
  cache?: string | boolean | undefined;
}

export const DEFAULT_CONFIDENCE: Confidence = 'medium';

/** Faults named in the summary; the rest are counted. */
const FAULT_EXAMPLES = 3;
/**
 * Whole histories of at least this many unique blobs get a full garbage collection where the source
 * says it lets go of much or is about to build on it (see heap.ts and SourceRun.released): git/git's
 * 262k blobs peaked 0.1-0.2 GB lower with it; express's 18k peak under 0.3 GB without it.
 */
export const COLLECT_AFTER_BLOBS = 50_000;

export interface ScanProgress {
  commits: number;
  blobs: number;
  totalBlobs: number;
  bytes: number;
}

export interface ScanResult {
  /** Raw findings: redact them (see redact/) before showing them anywhere. */
  findings: Finding[];
  summary: ScanSummary;
  /** The rules the scan ran, compiled: reporters list them, the redactor masks with them. */
  ruleSet: RuleSet;
  /** The detector the scan ran: finds secrets in other texts (commit subjects) for masking. */
  detector: Detector;
  /** What was scanned, as a summary names it ("the whole history", "standard input"). */
  scope: string;
  /** What was scanned, counted ("12 commits, 40 unique blobs"). */
  counted: string;
  /** Every rule the scan ran, content and path-only, as reports list them. */
  rules: RuleInfo[];
  /** Why the cache asked for was not used (a folder other users can write, no permission), if it was not. */
  cacheNote?: string;
  /** Set when the baseline's or fingerprint lists' ids look made under another id key (see keyMismatchDoubt). */
  keyDoubt?: KeyDoubt;
}

export interface KeyDoubt {
  /** Keyed ids and fingerprints given (baseline and configuration), none of which matched. */
  entries: number;
  /** How many of them name a rule (and path) that findings stand under. */
  nearMisses: number;
}

/** The folder a source's project is found from: its path, or the current folder for standard input. */
function sourceDirectory(source: SourceSpec): string {
  if ('path' in source) return source.path;
  if ('root' in source && source.root !== undefined) return source.root;
  return '.';
}

/** A detector for the effective rule set (built-in or `patternsDir` rules, configuration, category). */
export function createDetector(options: RuleSetOptions = {}): Detector {
  return new Detector(compileRuleSet(ruleSetSpec(options)));
}

export async function scan(options: ScanOptions): Promise<ScanResult> {
  const started = performance.now();
  const spec = options.ruleSet ?? ruleSetSpec(options);
  const detector = new Detector(compileRuleSet(spec));
  const summary: ScanSummary = {
    commits: 0, blobs: 0, bytes: 0, binarySkipped: 0, oversizedSkipped: 0, missingSkipped: 0, faults: 0, faultExamples: [], incomplete: [], ignoredPaths: 0, gitignoredPaths: 0, findings: 0, baselined: 0, belowConfidence: 0, durationMs: 0,
  };
  const collector = new FindingCollector((id) => detector.rule(id));
  const source = await openSource(options.source);
  // Looked up once, when first needed (naming a finding, or sealing the cache): finding a key may create one.
  let key: IdKey | undefined;
  const given = options.idKey;
  const idKeyOf = (): IdKey => (key ??= given === undefined ? resolveIdKey(sourceDirectory(options.source)).key : given instanceof IdKey ? given : given());
  // Whether asking for the key now creates none (one is given, stored, or already asked for).
  const idKeyReady = (): boolean => key !== undefined || given instanceof IdKey || idKeyStored(sourceDirectory(options.source));
  const run = new EngineRun(options, spec, detector, summary, collector, idKeyOf, idKeyReady);
  await source.run(run);

  const silenced = new Set([...(options.config?.fingerprints ?? []), ...(options.baseline ?? [])]);
  const floor = options.confidence ?? DEFAULT_CONFIDENCE;
  const atFloor = (confidence: Confidence): boolean => !moreSure(floor, confidence);
  // Without a baseline no id is compared, so only the findings at the floor are named.
  const all = silenced.size === 0 ? collector.findings(idKeyOf, atFloor) : collector.findings(idKeyOf);
  const gitleaksNames = gitleaksNamesOf(spec);
  const known = silenced.size === 0 ? all : all.filter((finding) => ![finding.id, finding.fingerprint, ...gitleaksFingerprintsOf(finding, gitleaksNames(finding.ruleId))].some((key) => silenced.has(key)));
  summary.baselined = all.length - known.length;
  const keyDoubt = keyMismatchDoubt(silenced, all);
  const findings = known.filter((finding) => atFloor(finding.confidence));
  summary.belowConfidence = (silenced.size === 0 ? collector.size : known.length) - findings.length;
  summary.findings = findings.length;
  summary.durationMs = Math.round(performance.now() - started);
  const rules = [...detector.ruleSet.rules, ...detector.ruleSet.fileRules].map(({ id, description, category }) => ({ id, description, category }));
  return { findings, summary, ruleSet: detector.ruleSet, detector, scope: source.scope, counted: source.counted(summary), rules, ...(keyDoubt === undefined ? {} : { keyDoubt }), ...(run.cacheNote === undefined ? {} : { cacheNote: run.cacheNote }) };
}

/** A rule's id and the gitleaks rule ids it stands in for: `.gitleaksignore` files written by gitleaks name those. */
function gitleaksNamesOf(spec: RuleSetSpec): (ruleId: string) => string[] {
  const names = new Map<string, string[]>();
  for (const [theirs, ours] of Object.entries(spec.gitleaksEquivalents ?? {})) for (const id of ours) names.set(id, [...(names.get(id) ?? [id]), theirs]);
  return (ruleId) => names.get(ruleId) ?? [ruleId];
}

const KEYED_ID = /^([\w.-]+):([0-9a-f]{16})$/;
const KEYED_FINGERPRINT = /^([\w.-]+):(.+):([0-9a-f]{16})$/;

/**
 * Ids and fingerprints hold a hash under the id key, so a baseline or fingerprint list made under
 * another key (another clone, CI without the team's key, a list from before ids were keyed) matches
 * nothing and every accepted finding comes back as new. A baseline file carries its key's check; a
 * report or a configuration's list does not, so this looks for the sign instead: not one keyed entry
 * matched, yet findings stand under the rules (and paths) they name.
 */
function keyMismatchDoubt(silenced: ReadonlySet<string>, all: readonly Finding[]): KeyDoubt | undefined {
  const keyed = [...silenced].filter((entry) => KEYED_ID.test(entry) || KEYED_FINGERPRINT.test(entry));
  if (keyed.length === 0 || all.length === 0) return undefined;
  const ids = new Set(all.flatMap((finding) => [finding.id, finding.fingerprint]));
  if (keyed.some((entry) => ids.has(entry))) return undefined;
  const rules = new Set(all.map((finding) => finding.ruleId));
  const places = new Set(all.map((finding) => `${finding.ruleId}:${finding.path}`));
  const near = keyed.filter((entry) => {
    const id = KEYED_ID.exec(entry);
    if (id !== null) return rules.has(id[1] as string);
    const fingerprint = KEYED_FINGERPRINT.exec(entry);
    return fingerprint !== null && places.has(`${fingerprint[1] as string}:${fingerprint[2] as string}`);
  });
  return near.length === 0 ? undefined : { entries: keyed.length, nearMisses: near.length };
}

/** The engine's side of the source seam (see sources/source.ts). */
class EngineRun implements SourceRun {
  readonly maxBytes: number;
  readonly summary: ScanSummary;
  cacheNote: string | undefined;
  readonly #options: ScanOptions;
  readonly #spec: RuleSetSpec;
  readonly #detector: Detector;
  readonly #collector: FindingCollector;
  readonly #idKeyOf: () => IdKey;
  readonly #cacheBytes: number;
  #reusing: BlobScanner | undefined;
  readonly #fileRules = new Map<string, readonly FileRule[]>();
  /** Whether some path-only rule may name a path (see rules/path-gate.ts). */
  #fileRuleGate: ((path: string) => boolean) | undefined;
  #single: BlobScanner | undefined;

  readonly #idKeyReady: () => boolean;

  constructor(options: ScanOptions, spec: RuleSetSpec, detector: Detector, summary: ScanSummary, collector: FindingCollector, idKeyOf: () => IdKey, idKeyReady: () => boolean) {
    this.#options = options;
    this.#idKeyOf = idKeyOf;
    this.#idKeyReady = idKeyReady;
    this.#spec = spec;
    this.#detector = detector;
    this.#collector = collector;
    this.summary = summary;
    this.maxBytes = options.maxBlobBytes ?? DEFAULT_MAX_BLOB_BYTES;
    this.#cacheBytes = options.reuse === false ? 0 : REUSE_CACHE_BYTES;
  }

  /** Versions of a file (a hint names it) are searched where they changed; unrelated files whole. */
  search(blob: BlobRead, hint?: BlobRequest): ScannedBlob {
    if (hint === undefined) {
      this.#single ??= new BlobScanner(this.#detector, 0, this.#options.scanBinary);
      return scanBlob(this.#single, blob, undefined);
    }
    return scanBlob(this.#reuseScanner(), blob, hint);
  }

  gitReader(backend: GitBackend, take: (result: ScannedBlob) => void, whole: boolean): BlobReader {
    const cache = this.memory(backend);
    if (cache === undefined) return this.#uncachedReader(backend, take, whole);
    const taking = CachedReader.taking(cache, take);
    this.summary.cached = 0;
    // A few blobs the cache does not know are read as a range's are: here, with no thread or workers to start.
    return new CachedReader((size) => this.#uncachedReader(backend, taking, whole, size), cache, take, () => {
      this.summary.cached = (this.summary.cached ?? 0) + 1;
    });
  }

  #uncachedReader(backend: GitBackend, take: (result: ScannedBlob) => void, whole: boolean, size: ReadSize = 'many'): BlobReader {
    if (size === 'few') return new LocalReader(backend, this.#reuseScanner(), this.maxBytes, take, false);
    const threads = this.#options.threads ?? (whole ? defaultThreads(backend.storedObjects?.()) : 1);
    const gitDir = backend.gitCommandDir;
    if (threads > 1 && gitDir !== undefined) {
      // Each worker sees only its own files' versions (lanes go by file): a share of the cache serves them as the whole would.
      const setup = { ruleSet: this.#spec, cacheBytes: Math.floor(this.#cacheBytes / threads), gitDir, maxBytes: this.maxBytes, scanBinary: this.#options.scanBinary === true };
      return new LaneReader(new ScanLanes(threads, setup, take));
    }
    // A whole history is read on a thread of its own; a range (a push) is too small to repay starting one.
    return new LocalReader(backend, this.#reuseScanner(), this.maxBytes, take, whole);
  }

  fileReader(take: (result: DiskResult) => void): FileReader | undefined {
    // One thread searches on this one; more are workers, each reading its own files. No git process
    // needs a core here, so by default every core searches (defaultFileThreads).
    const threads = this.#options.threads ?? defaultFileThreads();
    if (threads <= 1) return undefined;
    return new FileLanes(threads, { ruleSet: this.#spec, maxBytes: this.maxBytes, scanBinary: this.#options.scanBinary === true }, take);
  }

  readonly #caches = new Map<string, ScanCache | undefined>();

  /** The cache asked for, for a repository read through the git command: opened once per repository. */
  memory(backend: GitBackend): ScanCache | undefined {
    const gitDir = backend.gitCommandDir;
    if (gitDir === undefined) return undefined;
    if (!this.#caches.has(gitDir)) this.#caches.set(gitDir, this.#openCache(gitDir));
    return this.#caches.get(gitDir);
  }

  /** The cache asked for, for the repository whose git directory is `gitDir`. */
  #openCache(gitDir: string): ScanCache | undefined {
    const wanted = this.#options.cache;
    if (wanted === undefined || wanted === false) return undefined;
    const dir = typeof wanted === 'string' ? wanted : join(gitCommonDir(resolve(gitDir)) ?? gitDir, 'leakwatch', 'cache');
    // Matches are stored encrypted under a key derived from the id key (see scan-cache.ts).
    const opened = ScanCache.open(dir, { ruleSet: this.#spec, scanBinary: this.#options.scanBinary === true, maxBytes: this.maxBytes }, { secretKey: () => Buffer.from(this.#idKeyOf().reveal(), 'utf8'), keyReady: this.#idKeyReady }, resolve(gitDir));
    if (opened instanceof ScanCache) return opened;
    this.cacheNote = opened.unusable;
    return undefined;
  }

  count(result: ScannedBlob): void {
    const summary = this.summary;
    summary.blobs += 1;
    summary.bytes += result.bytes;
    if (result.skipped === 'binary') summary.binarySkipped += 1;
    if (result.skipped === 'oversized') summary.oversizedSkipped += 1;
    if (result.skipped === 'missing') summary.missingSkipped += 1;
    if (result.skipped === 'fault') this.fault(`object ${result.oid}: ${result.fault ?? 'unreadable'}`);
  }

  incomplete(what: string): void {
    this.summary.incomplete.push(what);
  }

  fault(what: string): void {
    this.summary.faults += 1;
    if (this.summary.faultExamples.length < FAULT_EXAMPLES) this.summary.faultExamples.push(what);
  }

  found(matches: readonly Match[], places: readonly Place[]): void {
    this.#collector.add(matches, places);
  }

  introduced(places: readonly Place[]): void {
    if (this.#detector.ruleSet.fileRules.length === 0) return;
    for (const place of places) for (const rule of this.#fileRulesFor(place.path)) this.#collector.addFile(rule, place);
  }

  /** The path-only rules naming `path`: a history names each path many times, so each is looked at once. */
  #fileRulesFor(path: string): readonly FileRule[] {
    let rules = this.#fileRules.get(path);
    if (rules === undefined) {
      this.#fileRuleGate ??= pathGate(this.#detector.ruleSet.fileRules.map((rule) => rule.pathFilter));
      const named = this.#fileRuleGate(path) ? this.#detector.ruleSet.fileRules.filter((rule) => rule.pathFilter.test(path)) : [];
      // A rule naming the file exactly (config/master.key) outranks one naming its kind (*.key).
      rules = named.some((rule) => !rule.generic) ? named.filter((rule) => !rule.generic) : named;
      this.#fileRules.set(path, rules);
    }
    return rules;
  }

  released(blobs: number): void {
    // A small history's heap never nears the memory bound, and a full collection would cost it more
    // than it gives back (tens of ms of start-up-sized work on every scan or re-audit).
    if (blobs >= COLLECT_AFTER_BLOBS) collectGarbage();
  }

  progress(total: number): void {
    const { commits, blobs, bytes } = this.summary;
    this.#options.onProgress?.({ commits, blobs, totalBlobs: total, bytes });
  }

  #reuseScanner(): BlobScanner {
    this.#reusing ??= new BlobScanner(this.#detector, this.#cacheBytes, this.#options.scanBinary);
    return this.#reusing;
  }
}
