// A cache of what a history scan found in each blob (and each commit's or
// tag's message), so that a second audit reads only what is new. A file holds,
// for one effective rule set and the options that change what a blob gives (a
// hash of them names the file), one record per object: its id, its size,
// whether it was skipped as binary or oversized (so the summary's counts stay
// those of a cold scan), and, for objects with matches, the matches encrypted
// (AES-256-GCM, one seal per written batch with a fresh nonce, the records
// and rule-set hash as associated data; see cache-frames.ts) under a key
// derived from the project's id key (engine/id-key.ts): the cache file alone,
// copied or backed up, reveals no secret or excerpt; with LEAKWATCH_ID_KEY
// set, the key is on no disk at all. A batch that does not decrypt (another id
// key) is a miss: its blobs are read and searched again.
//
// Storing only the clean blobs would need no key, but is not enough: a history
// carries its low-confidence matches (addresses in a changelog, a package
// manifest's author) through thousands of versions — express has ~4,000 such
// blobs of ~11,800 — and reading those again left a re-audit at ~70 % of a
// cold scan.
//
// The file is append-only: records are written as blobs are scanned (in
// batches, each one write), so a scan killed half way leaves what it finished
// for the next one; a truncated last batch is cut off when the file is next
// opened. Owner-only: the folder 0700, the files 0600; a folder or file another
// user could write is not used (a planted record could hide a secret). The
// last whole-history listing of each repository is kept beside it (see
// sources/git/listing-reuse.ts), encrypted whole.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { closeSync, fstatSync, ftruncateSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { ScannedBlob } from '../detect/blob-scanner.js';
import type { Oid } from '../model/types.js';
import { cacheable, encodeFrame, parseFrames, thawLists, thawMatches } from './cache-frames.js';
import { TOOL_VERSION } from '../model/version.js';
import type { RuleSetSpec } from '../rules/schema.js';

/** Bumped whenever what a blob gives may change without the tool's version changing (detection code, this format). */
const CACHE_FORMAT = 2;
const MAGIC = Buffer.from('LWCACHE2');
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** Records waiting in memory are written once there are this many bytes, or this long after the first. */
const FLUSH_BYTES = 64 * 1024;
const FLUSH_MS = 200;
/** Files of other rule sets kept (most recently used first): switching configurations does not start over. */
const KEEP_FILES = 8;
/** Test hook: after this many blob records are written (messages' not counted), the process kills itself (SIGKILL), as an interrupted scan. */
const KILL_AFTER_VARIABLE = 'LEAKWATCH_TEST_CACHE_KILL_AFTER';

/** A saved history listing (sources/git/listing-codec.ts), encrypted whole: it names paths, authors and subjects. */
const LISTING_MAGIC = Buffer.from('LWLISTC1');
/**
 * Bound into each saved listing: another version of leakwatch (which may list or parse history
 * otherwise) finds the listing does not open, and lists the whole history again.
 */
const LISTING_FORMAT = `1:${TOOL_VERSION}`;

/** The key matches and listings are sealed with, and whether asking for it now would create none. */
export interface CacheSealing {
  secretKey: () => Buffer;
  keyReady: () => boolean;
}

/** What changes the matches a blob gives: the rule set, binary search, the size limit, the tool itself. */
export interface ScanCacheKey {
  ruleSet: RuleSetSpec;
  scanBinary: boolean;
  maxBytes: number;
}

/** A cached object: its size, why it was skipped if it was, and where its matches are (sealed until asked for). */
interface CachedBlob {
  bytes: number;
  skipped: ScannedBlob['skipped'];
  frame?: Frame;
  list?: number;
}

/** A batch's sealed match lists, opened at the first lookup that needs them and let go once each was asked for. */
interface Frame {
  sealed: Buffer;
  bound: Buffer;
  lists?: unknown[] | undefined;
  /** Records with matches not asked for yet. */
  waiting: number;
  /** Did not open (another id key, damaged): its records are misses. */
  failed?: boolean;
}

export function cacheKeyHash(key: ScanCacheKey): string {
  const material = JSON.stringify({ format: CACHE_FORMAT, tool: TOOL_VERSION, scanBinary: key.scanBinary, maxBytes: key.maxBytes, ruleSet: key.ruleSet });
  return createHash('sha256').update(material).digest('hex').slice(0, 32);
}

export class ScanCache {
  readonly file: string;
  readonly #known: Map<Oid, CachedBlob>;
  readonly #keyHash: string;
  readonly #secretKey: () => Buffer;
  #cipherKey: Buffer | undefined;
  #fd: number | undefined;
  #pending: ScannedBlob[] = [];
  #pendingBytes = 0;
  /** Objects recorded by this scan: each once. Their matches are not kept in memory. */
  readonly #recorded = new Set<Oid>();
  #firstPending = 0;
  /** Blob records written (the test hook's count). */
  #written = 0;
  #pendingBlobs = 0;
  readonly #killAfter: number | undefined;
  /** Where this repository's last whole-history listing is kept, and what binds it to the repository. */
  readonly #listing: { file: string; bound: string } | undefined;

  readonly #keyReady: () => boolean;
  /** A listing to save once a key exists (see saveListing). */
  #unsavedListing: Buffer | undefined;

  private constructor(file: string, keyHash: string, known: Map<Oid, CachedBlob>, fd: number | undefined, secretKey: () => Buffer, keyReady: () => boolean, listing: { file: string; bound: string } | undefined) {
    this.file = file;
    this.#keyReady = keyReady;
    this.#listing = listing;
    this.#keyHash = keyHash;
    this.#secretKey = secretKey;
    this.#known = known;
    this.#fd = fd;
    const kill = Number(process.env[KILL_AFTER_VARIABLE] ?? '');
    this.#killAfter = Number.isInteger(kill) && kill > 0 ? kill : undefined;
  }

  /**
   * The cache in `dir` for `key`, or undefined with the reason when it cannot be used (a folder or
   * file someone else could write, no permission): the scan then runs without one. `secretKey` gives
   * the key matches are encrypted with (asked for only when a blob with matches is written or read).
   * `repository` (its git directory) names the file its history listing is kept in: one per
   * repository, whatever the rule set, since a listing does not depend on it.
   */
  static open(dir: string, key: ScanCacheKey, sealing: (() => Buffer) | CacheSealing, repository?: string): ScanCache | { unusable: string } {
    const { secretKey, keyReady } = typeof sealing === 'function' ? { secretKey: sealing, keyReady: () => true } : sealing;
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const folder = lstatSync(dir);
      const unsafe = unsafeEntry(folder, dir);
      if (unsafe !== undefined) return { unusable: unsafe };
      const keyHash = cacheKeyHash(key);
      const file = join(dir, `${keyHash}.cache`);
      const fd = openSync(file, 'a+', 0o600);
      const stats = fstatSync(fd);
      const unsafeFile = unsafeEntry(stats, file);
      if (unsafeFile !== undefined) {
        closeSync(fd);
        return { unusable: unsafeFile };
      }
      if (stats.size === 0) writeSync(fd, MAGIC);
      const parsed = stats.size === 0 ? { known: new Map<Oid, CachedBlob>(), end: MAGIC.length } : parse(readFileSync(file));
      if (parsed === undefined) {
        closeSync(fd);
        return { unusable: `${file} is not a leakwatch cache file (delete it, or use --no-cache)` };
      }
      // A record cut short by a killed scan is dropped, so that what is appended next lines up.
      if (stats.size > parsed.end) ftruncateSync(fd, parsed.end);
      const known = parsed.known;
      pruneOthers(dir, file);
      const bound = repository === undefined ? undefined : createHash('sha256').update(repository).digest('hex').slice(0, 24);
      return new ScanCache(file, keyHash, known, fd, secretKey, keyReady, bound === undefined ? undefined : { file: join(dir, `listing-${bound}.bin`), bound });
    } catch (error) {
      return { unusable: `${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
    }
  }

  /** Whether the cache holds a record of the object (whose matches may still fail to open: see lookup). */
  knows(oid: Oid): boolean {
    return this.#known.has(oid);
  }

  /** What scanning the blob gave, as a scan would give it; undefined when unknown (or sealed under another key). */
  lookup(oid: Oid): ScannedBlob | undefined {
    const known = this.#known.get(oid);
    if (known === undefined) return undefined;
    const frame = known.frame;
    if (frame === undefined) return { oid, bytes: known.bytes, skipped: known.skipped, matches: [] };
    try {
      if (frame.failed === true) throw new Error('unopened');
      frame.lists ??= thawLists(unseal(this.#key(), this.#bound(frame.bound), frame.sealed));
      const matches = thawMatches(frame.lists[known.list ?? -1]);
      this.#known.delete(oid);
      frame.waiting -= 1;
      if (frame.waiting <= 0) frame.lists = undefined;
      return { oid, bytes: known.bytes, skipped: known.skipped, matches };
    } catch {
      // Sealed under another id key, or damaged: read again, and recorded anew.
      frame.failed = true;
      this.#known.delete(oid);
      return undefined;
    }
  }

  /**
   * Remembers a scanned blob (read, or skipped as binary or oversized: not missing or unreadable), or
   * what a commit's or tag's message gave (`what`).
   */
  record(result: ScannedBlob, what: 'blob' | 'message' = 'blob'): void {
    if (this.#fd === undefined || this.#known.has(result.oid) || this.#recorded.has(result.oid) || !cacheable(result)) return;
    this.#recorded.add(result.oid);
    if (this.#pending.length === 0) this.#firstPending = Date.now();
    this.#pending.push(result);
    if (what === 'blob') this.#pendingBlobs += 1;
    this.#pendingBytes += 64 + result.matches.length * 256;
    if (this.#pendingBytes >= FLUSH_BYTES || Date.now() - this.#firstPending >= FLUSH_MS || this.#killAfter !== undefined) this.flush();
  }

  /** Writes what waits in one write (appends from two scans at once then interleave whole batches). */
  flush(): void {
    if (this.#fd === undefined || this.#pending.length === 0) return;
    let batch: Buffer;
    try {
      batch = encodeFrame(this.#pending, (plain, bound) => seal(this.#key(), this.#bound(bound), plain));
    } catch {
      // No key to seal with: nothing more is recorded.
      this.#pending = [];
      this.close();
      return;
    }
    const records = this.#pendingBlobs;
    this.#pendingBlobs = 0;
    this.#pending = [];
    this.#pendingBytes = 0;
    try {
      writeSync(this.#fd, batch);
    } catch {
      // A full disk or a vanished folder: the scan goes on without recording more.
      this.close();
      return;
    }
    this.#written += records;
    if (this.#killAfter !== undefined && this.#written >= this.#killAfter) process.kill(process.pid, 'SIGKILL');
  }

  /**
   * The listing the last whole-history scan of this repository saved (see listing-reuse.ts), or
   * undefined: none, another id key, damaged, or a file that cannot be trusted.
   */
  savedListing(): Buffer | undefined {
    const listing = this.#listing;
    if (listing === undefined) return undefined;
    try {
      const stats = lstatSync(listing.file, { throwIfNoEntry: false });
      if (stats === undefined || unsafeEntry(stats, listing.file) !== undefined || !stats.isFile()) return undefined;
      const data = readFileSync(listing.file);
      if (!data.subarray(0, LISTING_MAGIC.length).equals(LISTING_MAGIC)) return undefined;
      return unseal(this.#listingKey(), `listing:${listing.bound}:${LISTING_FORMAT}`, data.subarray(LISTING_MAGIC.length));
    } catch {
      return undefined;
    }
  }

  /**
   * Keeps this scan's listing for the next one: written whole beside, then renamed over the old one.
   * Sealing it must not be what creates the id key (a repository with no match at all gets none), so
   * without a key yet it waits for the end of the scan, and is kept only if matches made one by then.
   */
  saveListing(plain: Buffer): void {
    if (this.#keyReady()) this.#writeListing(plain);
    else this.#unsavedListing = plain;
  }

  #writeListing(plain: Buffer): void {
    const listing = this.#listing;
    if (listing === undefined || this.#fd === undefined) return;
    const staged = `${listing.file}.${process.pid}.tmp`;
    try {
      writeFileSync(staged, Buffer.concat([LISTING_MAGIC, seal(this.#listingKey(), `listing:${listing.bound}:${LISTING_FORMAT}`, plain)]), { mode: 0o600, flag: 'wx' });
      renameSync(staged, listing.file);
    } catch {
      // A full disk, a read-only folder: the next scan lists the whole history again.
      rmSync(staged, { force: true });
    }
  }

  #listingKey(): Buffer {
    return createHmac('sha256', this.#secretKey()).update('leakwatch scan cache: listing').digest();
  }

  #key(): Buffer {
    this.#cipherKey ??= createHmac('sha256', this.#secretKey()).update('leakwatch scan cache: matches').digest();
    return this.#cipherKey;
  }

  /** A batch's records and the rule set's hash are bound in, so a record cannot stand for another. */
  #bound(records: Buffer): Buffer {
    return Buffer.concat([Buffer.from(`${this.#keyHash}:`), records]);
  }

  close(): void {
    const fd = this.#fd;
    if (fd === undefined) return;
    this.flush();
    const unsaved = this.#unsavedListing;
    this.#unsavedListing = undefined;
    if (unsaved !== undefined && this.#keyReady()) this.#writeListing(unsaved);
    this.#fd = undefined;
    closeSync(fd);
  }
}

/** Nonce, ciphertext, tag (AES-256-GCM); `bound` is authenticated, not stored. */
function seal(key: Buffer, bound: string | Buffer, plain: Buffer): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(typeof bound === 'string' ? Buffer.from(bound) : bound);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]);
}

/** What `seal` sealed; throws when the key, the binding or the bytes differ. */
function unseal(key: Buffer, bound: string | Buffer, sealed: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, NONCE_BYTES));
  decipher.setAAD(typeof bound === 'string' ? Buffer.from(bound) : bound);
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(NONCE_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
}

/** Why an entry cannot be trusted: a link, another owner, or writable by group or others. */
function unsafeEntry(stats: { uid: number; mode: number; isSymbolicLink(): boolean }, path: string): string | undefined {
  if (stats.isSymbolicLink()) return `${path} is a symbolic link`;
  const uid = process.getuid?.();
  if (uid !== undefined && stats.uid !== uid) return `${path} belongs to another user`;
  if ((stats.mode & 0o022) !== 0) return `${path} can be written by other users (mode ${(stats.mode & 0o777).toString(8)})`;
  return undefined;
}

/** The records of a cache file; a batch cut short (a scan killed while writing) is left out. */
function parse(data: Buffer): { known: Map<Oid, CachedBlob>; end: number } | undefined {
  if (data.length < MAGIC.length || !data.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const parsed = parseFrames(data, MAGIC.length);
  if (parsed === undefined) return undefined;
  const known = new Map<Oid, CachedBlob>();
  for (const { records, sealed, bound } of parsed.frames) {
    const frame: Frame | undefined = sealed === undefined ? undefined : { sealed, bound, waiting: records.filter((record) => record.list !== undefined).length };
    for (const record of records) {
      known.set(record.oid, record.list === undefined || frame === undefined ? { bytes: record.bytes, skipped: record.skipped } : { bytes: record.bytes, skipped: record.skipped, frame, list: record.list });
    }
  }
  return { known, end: parsed.end };
}

/** Marks this file used and removes the least recently used files of other keys beyond KEEP_FILES. */
function pruneOthers(dir: string, file: string): void {
  const now = new Date();
  utimesSync(file, now, now);
  const others = readdirSync(dir).filter((name) => name.endsWith('.cache')).map((name) => join(dir, name)).filter((path) => path !== file)
    .map((path) => ({ path, used: statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
    .sort((a, b) => b.used - a.used);
  for (const { path } of others.slice(KEEP_FILES - 1)) rmSync(path, { force: true });
}
