// Scans blobs one after another, remembering recent ones so that a blob is
// searched only where it differs from one of them (see regions.ts). Any
// scanned text can serve as the reference — the lines it shares carry their
// results over exactly — so the one leaving the smallest changed region is
// taken among the versions git names as this blob's neighbours, the last
// versions scanned of the same file, and the last few blobs read.
// Runs the same way on the main thread and inside a worker thread.
import type { BlobRead, Match, Oid } from '../model/types.js';
import type { DetectResult, Detector, Reference, ReferenceMatch } from './detector.js';
import { changedLines, sharedRuns, type Region } from './regions.js';
import { prepareText } from './text.js';

/** A blob to read and search, with what makes it cheap: the file it is a version of, and its neighbours. */
export interface BlobRequest {
  oid: Oid;
  family: string;
  neighbours: Oid[];
}

/** A scanned blob: its size, why it was not searched if it was not, and its matches. */
export interface ScannedBlob {
  oid: Oid;
  bytes: number;
  skipped: 'binary' | 'oversized' | 'missing' | 'fault' | undefined;
  /** Why a `fault` could not be read. */
  fault?: string;
  matches: Match[];
}

/** Searches one read blob (on whichever thread holds the scanner). */
export function scanBlob(scanner: BlobScanner, blob: BlobRead, hint: BlobRequest | undefined): ScannedBlob {
  if (blob.bytes === undefined) {
    if (blob.fault !== undefined) return { oid: blob.oid, bytes: 0, skipped: 'fault', fault: blob.fault, matches: [] };
    return { oid: blob.oid, bytes: blob.size, skipped: blob.missing === true ? 'missing' : 'oversized', matches: [] };
  }
  const result = scanner.scan({ oid: blob.oid, bytes: blob.bytes, family: hint?.family ?? '', neighbours: hint?.neighbours ?? [] });
  if (result.kind === 'binary') return { oid: blob.oid, bytes: blob.bytes.length, skipped: 'binary', matches: [] };
  return { oid: blob.oid, bytes: blob.bytes.length, skipped: undefined, matches: result.matches };
}

export interface BlobJob {
  oid: Oid;
  bytes: Buffer;
  /** The file this blob is a version of (its first path, through renames); versions of one family share most lines. */
  family: string;
  /** The versions git shows this blob replacing or replaced by: tried first as references. */
  neighbours: readonly Oid[];
}

/** Bytes each scanner keeps for reuse: enough for the recent versions of the files being scanned. */
export const REUSE_CACHE_BYTES = 48 * 1024 * 1024;

/** How many of the most recently scanned texts are tried as references, and how many versions per family. */
const RECENT_TRIES = 2;
const FAMILY_TRIES = 3;
/** A changed region this small (bytes, or share of the text) is not worth comparing more references to shrink. */
const GOOD_ENOUGH_BYTES = 512;
const GOOD_ENOUGH_SHARE = 0.05;
/** A changed middle larger than this is searched for further shared lines (see sharedRuns). */
export const REFINE_BYTES = 4096;

export class BlobScanner {
  readonly #detector: Detector;
  readonly #cacheBytes: number;
  /** Recently scanned texts, oldest first (a Map keeps insertion order). */
  readonly #recent = new Map<Oid, Reference>();
  /** The last few blobs scanned of each family, newest last. */
  readonly #families = new Map<string, Oid[]>();
  /** The last few texts scanned, newest last. */
  readonly #lastScanned: Reference[] = [];
  #held = 0;

  readonly #scanBinary: boolean;

  /** `cacheBytes` 0 turns reuse off: every blob is searched whole. `scanBinary` reads binary blobs' printable runs. */
  constructor(detector: Detector, cacheBytes: number, scanBinary = false) {
    this.#detector = detector;
    this.#cacheBytes = cacheBytes;
    this.#scanBinary = scanBinary;
  }

  scan(job: BlobJob): DetectResult {
    const prepared = prepareText(job.bytes, this.#scanBinary);
    if (prepared.kind === 'binary') return prepared;
    const result = this.#detector.scanText(prepared.text, this.#bestReference(prepared.text, job));
    if (result.kind === 'text' && this.#cacheBytes > 0) this.#remember(job, { text: result.text, memo: result.memo });
    return result;
  }

  #bestReference(text: Buffer, job: BlobJob): ReferenceMatch | undefined {
    if (this.#recent.size === 0) return undefined;
    const tried = new Set<Reference>();
    for (const oid of [...job.neighbours, ...(this.#families.get(job.family) ?? [])]) {
      const found = this.#recent.get(oid);
      if (found !== undefined) tried.add(found);
    }
    for (const reference of this.#lastScanned) tried.add(reference);
    // Tried in order of promise; a reference that leaves little to search ends the search for a better one.
    const goodEnough = Math.max(GOOD_ENOUGH_BYTES, text.length * GOOD_ENOUGH_SHARE);
    let best: { reference: Reference; region: Region } | undefined;
    for (const reference of tried) {
      const region = changedLines(reference.text, text);
      if (best === undefined || region.end - region.start < best.region.end - best.region.start) best = { reference, region };
      if (best.region.end - best.region.start <= goodEnough) break;
    }
    if (best === undefined) return undefined;
    // Only a large changed middle is worth looking into for more shared lines.
    const { reference, region } = best;
    const shared = region.end - region.start > REFINE_BYTES
      ? sharedRuns(reference.text, text, region)
      : sharedRuns(reference.text, text, region, false);
    return { reference, shared };
  }

  #remember(job: BlobJob, reference: Reference): void {
    if (reference.text.length > this.#cacheBytes / 4) return;
    const versions = this.#families.get(job.family) ?? [];
    versions.push(job.oid);
    if (versions.length > FAMILY_TRIES) versions.shift();
    this.#families.set(job.family, versions);
    this.#recent.set(job.oid, reference);
    this.#held += reference.text.length;
    this.#lastScanned.push(reference);
    if (this.#lastScanned.length > RECENT_TRIES) this.#lastScanned.shift();
    for (const [old, held] of this.#recent) {
      if (this.#held <= this.#cacheBytes) break;
      this.#recent.delete(old);
      this.#held -= held.text.length;
    }
    // Family lists only point into the cache; drop the lists whose blobs are all gone.
    if (this.#families.size > 4 * this.#recent.size + 1000) {
      for (const [family, oids] of this.#families) if (!oids.some((oid) => this.#recent.has(oid))) this.#families.delete(family);
    }
  }
}
