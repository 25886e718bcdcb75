// A cache of what a history scan found in each blob, so that a second audit
// reads only what is new. A file holds, for one effective rule set and the
// options that change what a blob gives (a hash of them names the file), one
// record per blob: its id, its size, whether it was skipped as binary or
// oversized (so the summary's counts stay those of a cold scan), and, for the
// few blobs with matches, the matches encrypted (AES-256-GCM, a fresh nonce per
// record, the blob id and rule-set hash as associated data) under a key derived
// from the project's id key (engine/id-key.ts): the cache file alone, copied
// or backed up, reveals no secret or excerpt; with LEAKWATCH_ID_KEY set, the key
// is on no disk at all. A record that does not decrypt (another id key) is a
// miss: the blob is read and searched again.
//
// Storing only the clean blobs would need no key, but is not enough: a history
// carries its low-confidence matches (addresses in a changelog, a package
// manifest's author) through thousands of versions — express has ~4,000 such
// blobs of ~11,800 — and reading those again left a re-audit at ~70 % of a
// cold scan.
//
// The file is append-only: records are written as blobs are scanned (in
// batches, each one write), so a scan killed half way leaves what it finished
// for the next one; a truncated last record is cut off when the file is next
// opened. Owner-only: the folder 0700, the files 0600; a folder or file another
// user could write is not used (a planted record could hide a secret).
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { closeSync, fstatSync, ftruncateSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { ScannedBlob } from '../detect/blob-scanner.js';
import { Sensitive } from '../model/sensitive.js';
import type { Match, Oid, RawExcerpt } from '../model/types.js';
import { TOOL_VERSION } from '../model/version.js';
import type { RuleSetSpec } from '../rules/schema.js';

/** Bumped whenever what a blob gives may change without the tool's version changing (detection code, this format). */
const CACHE_FORMAT = 1;
const MAGIC = Buffer.from('LWCACHE1');
/** Kind byte of a record holding encrypted matches (after the SKIPPED indices). */
const WITH_MATCHES = 3;
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

const SKIPPED: ReadonlyArray<ScannedBlob['skipped']> = [undefined, 'binary', 'oversized'];

/** What changes the matches a blob gives: the rule set, binary search, the size limit, the tool itself. */
export interface ScanCacheKey {
  ruleSet: RuleSetSpec;
  scanBinary: boolean;
  maxBytes: number;
}

/** A cached blob: its size, why it was skipped if it was, and its matches (still encrypted until asked for). */
interface CachedBlob {
  bytes: number;
  skipped: ScannedBlob['skipped'];
  sealed?: Buffer;
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
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #firstPending = 0;
  /** Blob records written (the test hook's count). */
  #written = 0;
  #pendingBlobs = 0;
  readonly #killAfter: number | undefined;
  /** Where this repository's last whole-history listing is kept, and what binds it to the repository. */
  readonly #listing: { file: string; bound: string } | undefined;

  private constructor(file: string, keyHash: string, known: Map<Oid, CachedBlob>, fd: number | undefined, secretKey: () => Buffer, listing: { file: string; bound: string } | undefined) {
    this.file = file;
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
  static open(dir: string, key: ScanCacheKey, secretKey: () => Buffer, repository?: string): ScanCache | { unusable: string } {
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
      return new ScanCache(file, keyHash, known, fd, secretKey, bound === undefined ? undefined : { file: join(dir, `listing-${bound}.bin`), bound });
    } catch (error) {
      return { unusable: `${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
    }
  }

  get size(): number {
    return this.#known.size;
  }

  /** What scanning the blob gave, as a scan would give it; undefined when unknown (or sealed under another key). */
  lookup(oid: Oid): ScannedBlob | undefined {
    const known = this.#known.get(oid);
    if (known === undefined) return undefined;
    if (known.sealed === undefined) return { oid, bytes: known.bytes, skipped: known.skipped, matches: [] };
    try {
      return { oid, bytes: known.bytes, skipped: known.skipped, matches: thaw(this.#open(known.sealed, oid)) };
    } catch {
      // Sealed under another id key, or damaged: read again, and recorded anew.
      this.#known.delete(oid);
      return undefined;
    }
  }

  /**
   * Remembers a scanned blob (read, or skipped as binary or oversized: not missing or unreadable), or
   * what a commit's or tag's message gave (`what`).
   */
  record(result: ScannedBlob, what: 'blob' | 'message' = 'blob'): void {
    if (this.#fd === undefined || !SKIPPED.includes(result.skipped) || this.#known.has(result.oid)) return;
    const oid = Buffer.from(result.oid, 'hex');
    if (oid.length * 2 !== result.oid.length || (oid.length !== 20 && oid.length !== 32)) return;
    let sealed: Buffer | undefined;
    try {
      sealed = result.matches.length === 0 ? undefined : this.#seal(freeze(result.matches), result.oid);
    } catch {
      return;
    }
    this.#known.set(result.oid, { bytes: result.bytes, skipped: result.skipped, ...(sealed === undefined ? {} : { sealed }) });
    const record = Buffer.alloc(1 + oid.length + 1 + 6 + (sealed === undefined ? 0 : 4 + sealed.length));
    record[0] = oid.length;
    oid.copy(record, 1);
    record[1 + oid.length] = sealed === undefined ? SKIPPED.indexOf(result.skipped) : WITH_MATCHES + SKIPPED.indexOf(result.skipped);
    record.writeUIntBE(Math.min(result.bytes, 2 ** 48 - 1), 2 + oid.length, 6);
    if (sealed !== undefined) {
      record.writeUInt32BE(sealed.length, 8 + oid.length);
      sealed.copy(record, 12 + oid.length);
    }
    if (this.#pending.length === 0) this.#firstPending = Date.now();
    this.#pending.push(record);
    if (what === 'blob') this.#pendingBlobs += 1;
    this.#pendingBytes += record.length;
    if (this.#pendingBytes >= FLUSH_BYTES || Date.now() - this.#firstPending >= FLUSH_MS || this.#killAfter !== undefined) this.flush();
  }

  /** Writes what waits in one write (appends from two scans at once then interleave whole batches). */
  flush(): void {
    if (this.#fd === undefined || this.#pending.length === 0) return;
    const batch = Buffer.concat(this.#pending);
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
      return unseal(this.#listingKey(), `listing:${listing.bound}`, data.subarray(LISTING_MAGIC.length));
    } catch {
      return undefined;
    }
  }

  /** Keeps this scan's listing for the next one: written whole beside, then renamed over the old one. */
  saveListing(plain: Buffer): void {
    const listing = this.#listing;
    if (listing === undefined || this.#fd === undefined) return;
    const staged = `${listing.file}.${process.pid}.tmp`;
    try {
      writeFileSync(staged, Buffer.concat([LISTING_MAGIC, seal(this.#listingKey(), `listing:${listing.bound}`, plain)]), { mode: 0o600, flag: 'wx' });
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

  /** The blob id and the rule set's hash are bound in, so a record cannot stand for another. */
  #seal(plain: Buffer, oid: Oid): Buffer {
    return seal(this.#key(), `${this.#keyHash}:${oid}`, plain);
  }

  #open(sealed: Buffer, oid: Oid): Buffer {
    return unseal(this.#key(), `${this.#keyHash}:${oid}`, sealed);
  }

  close(): void {
    const fd = this.#fd;
    if (fd === undefined) return;
    this.flush();
    this.#fd = undefined;
    closeSync(fd);
  }
}

/** Nonce, ciphertext, tag (AES-256-GCM); `bound` is authenticated, not stored. */
function seal(key: Buffer, bound: string, plain: Buffer): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(bound));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]);
}

/** What `seal` sealed; throws when the key, the binding or the bytes differ. */
function unseal(key: Buffer, bound: string, sealed: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, NONCE_BYTES));
  decipher.setAAD(Buffer.from(bound));
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

/** The records of a cache file; a truncated last one (a scan killed while writing) is left out. */
function parse(data: Buffer): { known: Map<Oid, CachedBlob>; end: number } | undefined {
  if (data.length < MAGIC.length || !data.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const known = new Map<Oid, CachedBlob>();
  let at = MAGIC.length;
  while (at < data.length) {
    const length = data[at] as number;
    if (length !== 20 && length !== 32) break;
    const end = at + 1 + length + 1 + 6;
    if (end > data.length) break;
    const oid = data.toString('hex', at + 1, at + 1 + length);
    const kind = data[at + 1 + length] as number;
    if (kind >= WITH_MATCHES * 2) break;
    const skipped = SKIPPED[kind % WITH_MATCHES];
    const bytes = data.readUIntBE(at + 2 + length, 6);
    if (kind < WITH_MATCHES) {
      known.set(oid, { bytes, skipped });
      at = end;
      continue;
    }
    if (end + 4 > data.length) break;
    const sealedEnd = end + 4 + data.readUInt32BE(end);
    if (sealedEnd > data.length) break;
    known.set(oid, { bytes, skipped, sealed: data.subarray(end + 4, sealedEnd) });
    at = sealedEnd;
  }
  return { known, end: at };
}

/** Matches as plain data (the raw values out of their Sensitive wrappers): only ever encrypted. */
function freeze(matches: readonly Match[]): Buffer {
  return Buffer.from(JSON.stringify(matches.map((match) => {
    const excerpt = match.excerpt.reveal();
    return {
      ...match,
      secret: match.secret.reveal(),
      excerpt: { bytes: excerpt.bytes.toString('base64'), spans: excerpt.spans, cutStart: excerpt.cutStart, cutEnd: excerpt.cutEnd },
    };
  })));
}

function thaw(plain: Buffer): Match[] {
  const frozen = JSON.parse(plain.toString('utf8')) as Array<Omit<Match, 'secret' | 'excerpt'> & { secret: string; excerpt: Omit<RawExcerpt, 'bytes'> & { bytes: string } }>;
  return frozen.map((match) => ({
    ...match,
    secret: new Sensitive(match.secret),
    excerpt: new Sensitive({ ...match.excerpt, bytes: Buffer.from(match.excerpt.bytes, 'base64') }),
  }));
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
