// A SourceRun that records what a source hands the engine, for testing sources without engine/scan.ts:
// texts are searched by a real BlobScanner, git blobs read by the engine's LocalReader.
import { BlobScanner, REUSE_CACHE_BYTES, scanBlob, type BlobRequest, type ScannedBlob } from '../../src/detect/blob-scanner.js';
import { Detector } from '../../src/detect/detector.js';
import { LocalReader } from '../../src/engine/readers.js';
import type { BlobRead, Match, ScanSummary } from '../../src/model/types.js';
import { loadRuleSet } from '../../src/rules/compile.js';
import type { GitBackend } from '../../src/sources/git/backend.js';
import type { BlobReader, FileReader, Place, SourceRun } from '../../src/sources/source.js';

export const detector = new Detector(loadRuleSet());

export class RecordingRun implements SourceRun {
  readonly maxBytes: number;
  readonly summary: ScanSummary = { commits: 0, blobs: 0, bytes: 0, binarySkipped: 0, oversizedSkipped: 0, missingSkipped: 0, faults: 0, faultExamples: [], incomplete: [], ignoredPaths: 0, gitignoredPaths: 0, findings: 0, baselined: 0, belowConfidence: 0, durationMs: 0 };
  /** Each `found` call: rule and raw secret of each match, and the paths of the places. */
  readonly found_: Array<{ secrets: string[]; places: Place[] }> = [];
  readonly searched: string[] = [];
  progressCalls = 0;
  /** Each `released` call's count of listed blobs. */
  readonly releasedAfter: number[] = [];

  released(blobs: number): void {
    this.releasedAfter.push(blobs);
  }
  readonly #scanner = new BlobScanner(detector, REUSE_CACHE_BYTES);

  constructor(maxBytes = 1 << 20) {
    this.maxBytes = maxBytes;
  }

  search(blob: BlobRead, hint?: BlobRequest): ScannedBlob {
    this.searched.push(blob.oid);
    return scanBlob(this.#scanner, blob, hint);
  }

  gitReader(backend: GitBackend, take: (result: ScannedBlob) => void): BlobReader {
    return new LocalReader(backend, this.#scanner, this.maxBytes, (result) => {
      this.searched.push(result.oid);
      take(result);
    }, false);
  }

  /** Files are searched on this thread, as with --threads 1. */
  fileReader(): FileReader | undefined {
    return undefined;
  }

  count(result: ScannedBlob): void {
    this.summary.blobs += 1;
    this.summary.bytes += result.bytes;
    if (result.skipped === 'binary') this.summary.binarySkipped += 1;
    if (result.skipped === 'oversized') this.summary.oversizedSkipped += 1;
    if (result.skipped === 'missing') this.summary.missingSkipped += 1;
    if (result.skipped === 'fault') this.fault(`object ${result.oid}: ${result.fault ?? ''}`);
  }

  /** Every fault reported, in order. */
  readonly faults: string[] = [];

  incomplete(what: string): void {
    this.summary.incomplete.push(what);
  }

  fault(what: string): void {
    this.faults.push(what);
    this.summary.faults += 1;
  }

  found(matches: readonly Match[], places: readonly Place[]): void {
    this.found_.push({ secrets: matches.map((m) => `${m.ruleId}=${m.secret.reveal()}`), places: [...places] });
  }

  /** Every place handed to `introduced`. */
  readonly introducedAt: Place[] = [];

  introduced(places: readonly Place[]): void {
    this.introducedAt.push(...places);
  }

  progress(): void {
    this.progressCalls += 1;
  }

  /** Every (path, rule=secret) found, sorted. */
  foundAt(): string[] {
    return this.found_.flatMap(({ secrets, places }) => places.flatMap((place) => secrets.map((secret) => `${place.path} ${secret}`))).sort();
  }
}
