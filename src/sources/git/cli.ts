// Default backend: git's own plumbing, one long-lived child per job, streamed.
// `git log --raw` lists every commit's blob changes; `git cat-file --batch`
// reads blobs. Never one process per object.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RawObject } from './objects.js';
import { alternatesIn, packedObjectsIn } from './pack-count.js';
import { annotatedTagsOf, headBeyond, missingObjects, readRefs, replacesObjects, type GitRun, type Ref } from './refs.js';
import { LeakwatchError } from '../../model/errors.js';
import type { BlobChange, BlobDeletion, CommitInfo, Oid } from '../../model/types.js';
import { MAX_HOLDING_FILES, oidsIn, type BlobRead, type GitBackend, type HistoryLog, type HistorySelection, type OidSource, type StagedChange } from './backend.js';

const NULL_OID = /^0+$/;
/** Modes of entries that hold blob content: regular, executable, symlink. Gitlinks (160000) are commits. */
const BLOB_MODES = new Set(['100644', '100755', '100664', '120000']);
const COMMIT_MARK = '\x01';
const COMMIT_MARK_BYTE = 0x01;
const NEWLINE = 0x0a;
const COLON = 0x3a;
const SPACE = 0x20;
// Seven NUL-separated fields after the mark; see parseLog.
const LOG_FORMAT = `${COMMIT_MARK}%H%x00%P%x00%ct%x00%an%x00%ae%x00%aI%x00%s`;

/**
 * Environment of every git child: no prompts, and no network — a partial
 * clone would otherwise fetch missing blobs from its promisor remote.
 */
export const NO_NETWORK_ENV = { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_NO_LAZY_FETCH: '1', GIT_ALLOW_PROTOCOL: 'none', LC_ALL: 'C' };


export class GitCliBackend implements GitBackend {
  readonly name = 'cli' as const;
  readonly #gitDir: string;

  private constructor(gitDir: string) {
    this.#gitDir = gitDir;
  }

  /** The repository's git directory, as found by `open`: lets a worker thread open the same repository. */
  get gitCommandDir(): string {
    return this.#gitDir;
  }

  static fromGitDir(gitDir: string): GitCliBackend {
    return new GitCliBackend(gitDir);
  }

  /** Opens the repository at or above `path`, normal or bare. */
  static open(path: string): GitCliBackend {
    const result = spawnSync('git', ['-C', path, 'rev-parse', '--absolute-git-dir'], { encoding: 'utf8' });
    if (result.error !== undefined) throw new LeakwatchError('git-missing', `cannot run git: ${result.error.message}`);
    if (result.status !== 0) throw notARepository(path);
    return new GitCliBackend(result.stdout.trim());
  }

  async readHistory(selection?: HistorySelection, onChange?: (change: BlobChange) => void): Promise<HistoryLog> {
    const faults: string[] = [];
    // Every ref, as `--all` names them, unless some ref points at an object the repository lacks:
    // git would refuse the whole listing, so those refs are faults and the others are listed.
    const tips = selection === undefined ? this.#liveTips(faults) : undefined;
    const revisions = selection === undefined ? (tips === undefined ? ['--all'] : ['--stdin']) : typeof selection === 'string' ? [checkedRange(selection), '--'] : [...selection.revisions, '--'];
    const listed = await this.#list(revisions, tips ?? [], onChange);
    if (listed.stopped !== undefined) {
      // Stopped part way (a missing tree or parent deep in the history): what was listed is scanned, the
      // rest is a fault. Stopped before the first commit, it is an error (a bad range, a broken repository).
      if (listed.parser.commitCount === 0) {
        // A range whose base lies beyond a shallow clone's boundary: say so, with the fix.
        if (selection !== undefined && this.isShallow()) {
          throw new LeakwatchError('shallow', `${listed.stopped.message}: this clone is shallow, so the range's commits may lie beyond its boundary (git fetch --unshallow; in GitHub Actions, fetch-depth: 0)`);
        }
        throw listed.stopped;
      }
      faults.push(`the history listing stopped after ${listed.parser.commitCount} commits: ${listed.stopped.message}`);
      return { ...listed.parser.finishPartial(), faults };
    }
    return { ...listed.parser.finish(), faults, ...(selection === undefined && this.#listingsExtend() ? { extensible: true } : {}) };
  }

  /**
   * The commits every ref reaches now that `heads` (the heads of an earlier whole-history listing) do
   * not, listed as `readHistory` lists them; undefined when that would not give the whole history
   * together with the earlier listing: a commit it held is no longer reachable (a branch deleted or
   * force-pushed), parents are rewritten (grafts, replace refs, a shallow boundary), or the listing
   * stopped part way. The caller then lists everything.
   */
  async readHistorySince(heads: readonly Oid[], onChange?: (change: BlobChange) => void): Promise<HistoryLog | undefined> {
    if (!this.#parentsAsStored()) return undefined; // before reading refs: the full listing reads them again
    const faults: string[] = [];
    const tips = this.#liveTips(faults);
    if (!this.#listingsExtend()) return undefined;
    const everyRef = tips === undefined ? ['--all'] : [];
    // Every earlier commit is still listed when every earlier head is reachable from a ref. Checked
    // beside the listing, not before it (a git walk of its own: ~45 ms on express's 3,890 refs); if
    // the check fails, the changes listed meanwhile were handed on for nothing, which costs nothing
    // (the planner requests each blob once, and the whole history is listed next).
    const reachable = this.#allReachable(heads, tips);
    const listed = await this.#list(['--stdin', ...everyRef], [...(tips ?? []), ...heads.map((head) => `^${head}`)], onChange);
    if (!(await reachable) || listed.stopped !== undefined) return undefined;
    return { ...listed.parser.finish(), faults, extensible: true };
  }

  /** Whether `git rev-list` finds every one of `heads` reachable from the refs (or from `tips`, when some refs are broken). */
  async #allReachable(heads: readonly Oid[], tips: readonly Oid[] | undefined): Promise<boolean> {
    const child = this.#spawn(['rev-list', '-n1', '--stdin', ...(tips === undefined ? ['--not', '--all'] : [])]);
    child.stdin.on('error', () => undefined);
    child.stdin.end(lines([...heads, ...(tips ?? []).map((tip) => `^${tip}`)]));
    let printed = 0;
    child.stdout.on('data', (data: Buffer) => {
      printed += data.length;
    });
    child.stderr.resume();
    try {
      // Only a clean exit that printed nothing says yes: git refusing a head (gone from the repository),
      // or a git killed part way (a signal), says no, and the whole history is listed.
      const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
      return code === 0 && signal === null && printed === 0;
    } catch {
      return false; // git could not be started
    }
  }

  /** `git log --raw` of `revisions` (and `stdin`'s revision lines), parsed as it streams. */
  async #list(revisions: readonly string[], stdin: readonly string[], onChange: ((change: BlobChange) => void) | undefined): Promise<{ parser: LogParser; stopped?: Error }> {
    const child = this.#spawn([
      // A merge's combined diff (-c): only the paths where it differs from every parent, one entry each,
      // never its diff against each parent (-m), which lists a whole branch's changes again per merge.
      'log', '--root', '--diff-merges=combined', '--raw', '--no-abbrev', '--no-renames', '-z',
      '--no-color', '--no-show-signature', `--format=${LOG_FORMAT}`, ...revisions,
    ]);
    child.stdin.on('error', () => undefined);
    child.stdin.end(lines(stdin));
    const parser = new LogParser(onChange);
    const [listed, finished] = await Promise.allSettled([splitNul(child.stdout, (data, start, end) => parser.push(data, start, end)), this.#finished(child, 'git log')]);
    if (listed.status === 'rejected') throw listed.reason;
    return finished.status === 'rejected' ? { parser, stopped: finished.reason as Error } : { parser };
  }

  /** No shallow boundary and no grafts file: nothing outside the refs rewrites parents. */
  #parentsAsStored(): boolean {
    return !this.isShallow() && !existsSync(join(this.#gitDir, 'info', 'grafts'));
  }

  /**
   * Whether a commit is listed the same way whenever it is listed: not so when grafts, replace refs or
   * a shallow boundary rewrite parents (adding one changes how old commits list). Asked after
   * `#liveTips` read the refs of this listing; before that, no.
   */
  #listingsExtend(): boolean {
    return this.#parentsAsStored() && this.#refs !== undefined && !replacesObjects(this.#refs);
  }

  /**
   * The refs of the listing being made (refs.ts): read once by `#liveTips`, then asked for replace refs
   * and annotated tags instead of running git again. Undefined until a whole history is listed.
   */
  #refs: Ref[] | undefined;

  /** The tips `--all` would list, when some ref points at a missing object (each a fault); undefined when all are sound. */
  #liveTips(faults: string[]): Oid[] | undefined {
    const git: GitRun = (args, mayFail, input) => this.#run(args, mayFail, input);
    const listed = readRefs(git);
    this.#refs = listed;
    const head = headBeyond(listed, this.#gitDir, git);
    const refs = head === undefined ? listed : [...listed, head];
    if (refs.length === 0) return undefined;
    const missing = missingObjects(refs, git);
    if (missing.size === 0) return undefined;
    for (const ref of refs) if (missing.has(ref.oid)) faults.push(`${ref.name} points at ${ref.oid}, which the repository does not hold`);
    return [...new Set(refs.filter((ref) => !missing.has(ref.oid)).map((ref) => ref.oid))];
  }

  /**
   * What the index holds that HEAD does not (everything, before the first commit): each staged blob
   * and the one it replaces, and the blobs of files the index no longer has (removed or renamed away).
   */
  readonly stagedChanges = (): { changes: StagedChange[]; removed: Oid[] } => {
    const head = this.#run(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], true);
    const base = head.status === 0 ? head.stdout.toString('latin1').trim() : this.#run(['hash-object', '-t', 'tree', '--stdin'], false, '').stdout.toString('latin1').trim();
    const listing = this.#run(['diff-index', '--cached', '--raw', '-z', '--no-renames', '--no-abbrev', base], false).stdout;
    const staged: StagedChange[] = [];
    const removed: Oid[] = [];
    let entry: RawEntry | undefined;
    let from = 0;
    for (let at = listing.indexOf(0); at !== -1; from = at + 1, at = listing.indexOf(0, from)) {
      if (entry === undefined) {
        entry = readEntry(listing, from, at);
        continue;
      }
      const path = listing.toString('utf8', from, at);
      const { srcMode, dstMode, srcOid, dstOid, status } = entry;
      entry = undefined;
      if (status === 'D' && BLOB_MODES.has(srcMode)) removed.push(srcOid);
      if (status === 'D' || !BLOB_MODES.has(dstMode) || NULL_OID.test(dstOid)) continue;
      staged.push({ path, blob: dstOid, previousBlob: BLOB_MODES.has(srcMode) && !NULL_OID.test(srcOid) ? srcOid : undefined });
    }
    return { changes: staged, removed };
  };

  #run(args: string[], mayFail: boolean, input?: string): { status: number | null; stdout: Buffer } {
    const result = spawnSync('git', ['--git-dir', this.#gitDir, ...args], { env: NO_NETWORK_ENV, input, maxBuffer: 1 << 30 });
    if (result.error !== undefined) throw new LeakwatchError('git-missing', `cannot run git: ${result.error.message}`);
    if (result.status !== 0 && !mayFail) {
      throw new LeakwatchError('git-failed', `git ${args[0] ?? ''} failed in ${this.#gitDir}: ${result.stderr.toString('utf8').split('\n')[0] ?? ''}`);
    }
    return { status: result.status, stdout: result.stdout };
  }

  /**
   * `git count-objects -v`: loose `count` plus `in-pack` (it reads pack indexes' headers, not the objects),
   * plus the packed objects of its alternates; 0 when git cannot tell.
   */
  storedObjects(): number {
    // Alternate paths quoted by git (octal escapes for non-ASCII bytes) whatever the user's
    // core.quotePath, and read as UTF-8: a path is bytes, and Node opens it by its UTF-8 name.
    const result = this.#run(['-c', 'core.quotePath=true', 'count-objects', '-v'], true);
    if (result.status !== 0) return 0;
    const text = result.stdout.toString('utf8');
    const field = (name: string): number => Number(new RegExp(`^${name}: (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
    // A `--shared` or `--reference` clone's own count leaves out the history it borrows.
    const borrowed = alternatesIn(text).reduce((sum, dir) => sum + packedObjectsIn(dir), 0);
    return field('count') + field('in-pack') + borrowed;
  }

  /** git keeps a shallow clone's boundary commits in `shallow` in the git directory. */
  isShallow(): boolean {
    return existsSync(join(this.#gitDir, 'shallow'));
  }

  /**
   * `git grep -l` over the commits' trees, the values as fixed strings read from standard input (never
   * arguments: other users of the machine could read them in the process list), binary files too;
   * then each file's blob id. A commit git cannot read (a shallow clone's boundary) holds nothing.
   */
  async filesHolding(commits: readonly string[], values: readonly string[]): Promise<Array<{ commit: string; blob: Oid }>> {
    if (commits.length === 0 || values.length === 0) return [];
    const listed = spawnSync('git', [
      '--git-dir', this.#gitDir, 'grep', '--no-color', '--full-name', '--text', '--fixed-strings', '--files-with-matches', '--null', '-f', '-', ...commits, '--',
    ], { env: NO_NETWORK_ENV, input: `${values.join('\n')}\n`, maxBuffer: 1 << 30 });
    if (listed.error !== undefined || listed.status !== 0) return [];
    // `<commit>:<path>` each, NUL-ended: a commit id holds no colon.
    const names = listed.stdout.toString('utf8').split('\0').filter((name) => name !== '').slice(0, MAX_HOLDING_FILES);
    if (names.length === 0) return [];
    const resolved = spawnSync('git', ['--git-dir', this.#gitDir, 'rev-parse', ...names], { env: NO_NETWORK_ENV, encoding: 'latin1', maxBuffer: 1 << 30 });
    if (resolved.error !== undefined || resolved.status !== 0) return [];
    const blobs = resolved.stdout.split('\n');
    return names.map((name, index) => ({ commit: name.slice(0, name.indexOf(':')), blob: blobs[index] as Oid })).filter((file) => /^[0-9a-f]{40,64}$/.test(file.blob));
  }

  /**
   * `git cat-file --batch` over the ids: each object's type and bytes; a missing one is left out. One
   * child: the types come with the objects (a first `--batch-check` pass cost a spawn of its own).
   */
  async *readObjects(oids: readonly Oid[]): AsyncIterable<RawObject> {
    if (oids.length === 0) return;
    const child = this.#spawn(['cat-file', '--batch', '--buffer']);
    const finished = this.#finished(child, 'git cat-file');
    finished.catch(() => undefined); // surfaced below, after the stream ends
    child.stdin.on('error', () => undefined);
    child.stdin.end(`${oids.join('\n')}\n`);
    try {
      yield* batchObjects(child.stdout, () => true, ({ oid, type, bytes }) => (bytes === undefined ? undefined : { oid, type, bytes }));
    } finally {
      if (child.exitCode === null) child.kill();
    }
    await finished;
  }

  async annotatedTags(): Promise<Oid[]> {
    const known = this.#refs === undefined ? undefined : annotatedTagsOf(this.#refs);
    if (known !== undefined) return known;
    const listing = this.#run(['for-each-ref', '--format=%(objectname) %(objecttype)', 'refs/tags'], true).stdout.toString('latin1');
    return [...new Set(listing.split('\n').filter((line) => line.endsWith(' tag')).map((line) => line.slice(0, line.indexOf(' '))))];
  }

  readBlobs(oids: OidSource, maxBytes: number): AsyncIterable<BlobRead> {
    return this.#isPartialClone() ? this.#readPresentBlobs(oids, maxBytes) : this.#stream(oids, maxBytes);
  }

  async *#stream(oids: OidSource, maxBytes: number): AsyncIterable<BlobRead> {
    // Lookups in log order (newest first) beat streaming the whole store in pack order
    // (--batch-all-objects): they skip trees and commits, and git's delta cache follows the history.
    const child = this.#spawn(['cat-file', '--batch', '--buffer']);
    const finished = this.#finished(child, 'git cat-file');
    finished.catch(() => undefined); // surfaced below, after the stream ends
    const feeding = feedLines(child, oids);
    try {
      yield* parseBatch(child.stdout, maxBytes);
    } finally {
      child.stdin.destroy();
      if (child.exitCode === null) child.kill();
    }
    await feeding;
    await finished;
  }

  #partial: boolean | undefined;

  /** A partial clone (`--filter=blob:none`) lacks blobs it would fetch on demand; we never fetch. */
  #isPartialClone(): boolean {
    if (this.#partial === undefined) {
      // `extensions.partialClone`, or a promisor remote (how git 2.39 records a --filter clone).
      const result = spawnSync('git', ['--git-dir', this.#gitDir, 'config', '--get-regexp', '^(extensions\\.partialclone|remote\\..*\\.promisor)$'], { encoding: 'utf8', env: NO_NETWORK_ENV });
      this.#partial = result.status === 0 && result.stdout.split('\n').some((line) => /^extensions\.partialclone \S|\.promisor true$/i.test(line));
    }
    return this.#partial;
  }

  /** Reads only the blobs the clone holds; the others are reported missing, not fetched. */
  async *#readPresentBlobs(oids: OidSource, maxBytes: number): AsyncIterable<BlobRead> {
    const listing = spawnSync('git', ['--git-dir', this.#gitDir, 'cat-file', '--batch-all-objects', '--batch-check=%(objectname) %(objecttype)'], {
      encoding: 'utf8', env: NO_NETWORK_ENV, maxBuffer: 1 << 30,
    });
    if (listing.status !== 0) throw new LeakwatchError('git-failed', `git cat-file failed in ${this.#gitDir}: ${listing.stderr.split('\n')[0] ?? ''}`);
    const present = new Set(listing.stdout.split('\n').filter((line) => line.endsWith(' blob')).map((line) => line.slice(0, line.indexOf(' '))));
    const missing: Oid[] = [];
    const held = (async function* (): AsyncIterable<Oid | readonly Oid[]> {
      for await (const item of oids) {
        const batch = oidsIn(item).filter((oid) => present.has(oid) || (missing.push(oid), false));
        if (batch.length > 0) yield batch;
      }
    })();
    for await (const blob of this.#stream(held, maxBytes)) {
      yield blob;
      for (const oid of missing.splice(0)) yield { oid, bytes: undefined, size: 0, missing: true };
    }
    for (const oid of missing.splice(0)) yield { oid, bytes: undefined, size: 0, missing: true };
  }

  #spawn(args: string[]): ChildProcessWithoutNullStreams {
    return spawn('git', ['--git-dir', this.#gitDir, '-c', 'log.showSignature=false', '-c', 'core.quotePath=false', ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: NO_NETWORK_ENV,
    });
  }

  async #finished(child: ChildProcessWithoutNullStreams, what: string): Promise<void> {
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      if (stderr.length < 4096) stderr += text;
    });
    const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
    if (code !== 0 && signal === null) {
      const reason = stderr.split('\n').find((line) => line.trim() !== '') ?? `exit code ${code}`;
      throw new LeakwatchError('git-failed', `${what} failed in ${this.#gitDir}: ${reason.trim()}`);
    }
  }
}

/** A revision range for `git log`: `A..B` or `B`, never something git would read as an option. */
export function checkedRange(range: string): string {
  if (range === '' || range.startsWith('-') || /\s/.test(range)) throw new LeakwatchError('range', `invalid revision range ${JSON.stringify(range)}: expected A..B or a single revision`);
  return range;
}

export function notARepository(path: string): LeakwatchError {
  return new LeakwatchError('not-a-repository', `${path} is not a git repository (use --no-git to scan its files)`);
}

async function feedLines(child: ChildProcessWithoutNullStreams, oids: OidSource): Promise<void> {
  const stdin = child.stdin;
  stdin.on('error', () => undefined); // git exiting early closes the pipe; its exit status tells why
  // Not events.once: it rejects on the pipe's error (EPIPE), which would then pass for the cause.
  const when = (event: 'close' | 'drain'): Promise<void> => new Promise((resolve) => stdin.once(event, () => resolve()));
  const closed = when('close');
  for await (const item of oids) {
    if (stdin.destroyed) return;
    // A batch is one write: one system call for many requests.
    const text = `${oidsIn(item).join('\n')}\n`;
    if (!stdin.write(text)) await Promise.race([when('drain'), closed]);
  }
  stdin.end();
}

/** Revision lines for a git child's standard input (empty when there are none). */
function lines(items: readonly string[]): string {
  return items.length === 0 ? '' : `${items.join('\n')}\n`;
}

/** Splits a byte stream on NUL and hands each token, as a byte range, to `onToken`, synchronously per chunk. */
async function splitNul(stream: AsyncIterable<Buffer>, onToken: (data: Buffer, start: number, end: number) => void): Promise<void> {
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of stream) {
    const data = rest.length === 0 ? chunk : Buffer.concat([rest, chunk]);
    let from = 0;
    for (let at = data.indexOf(0); at !== -1; at = data.indexOf(0, from)) {
      onToken(data, from, at);
      from = at + 1;
    }
    rest = Buffer.from(data.subarray(from));
  }
  if (rest.length > 0) onToken(rest, 0, rest.length);
}

/**
 * Parses `git log -z --raw --format=LOG_FORMAT`, one NUL-separated token at a
 * time. A commit is the mark and seven fields; each raw entry is
 * `:srcmode dstmode srcoid dstoid status` then a path. A merge's entries are
 * combined (`::` per parent: each parent's mode and oid, then the merge's, then
 * one status per parent), listed only where it differs from every parent: a
 * blob that matches one parent was introduced by that parent's history.
 */
export class LogParser {
  readonly #commits = new Map<Oid, CommitInfo>();
  readonly #changes: BlobChange[] = [];
  readonly #deletions: BlobDeletion[] = [];
  /** Fields of the commit header being read. */
  #fields: string[] | undefined;
  /** The raw entry waiting for its path (a merge's: one per parent). */
  #entry: RawEntry | RawEntry[] | undefined;
  #commit: Oid | undefined;
  readonly #onChange: ((change: BlobChange) => void) | undefined;

  constructor(onChange?: (change: BlobChange) => void) {
    this.#onChange = onChange;
  }

  /** Takes one NUL-terminated token, as bytes: entries are read in place, only the fields kept become strings. */
  push(data: Buffer, start: number, end: number): void {
    if (this.#fields !== undefined) {
      this.#fields.push(data.toString('utf8', start, end));
      if (this.#fields.length === 7) this.#endHeader(this.#fields);
      return;
    }
    if (this.#entry !== undefined) {
      this.#endEntry(this.#entry, data.toString('utf8', start, end));
      return;
    }
    const at = data[start] === NEWLINE ? start + 1 : start;
    if (data[at] === COMMIT_MARK_BYTE) this.#fields = [data.toString('latin1', at + 1, end)];
    else if (data[at] === COLON && this.#commit !== undefined) this.#entry = data[at + 1] === COLON ? readCombinedEntry(data, at, end) : readEntry(data, at, end);
    else if (at < end) throw new LeakwatchError('git-output', 'unexpected git log output');
  }

  finish(): Omit<HistoryLog, 'faults'> {
    if (this.#fields !== undefined || this.#entry !== undefined) throw new LeakwatchError('git-output', 'git log output ended in the middle of a commit');
    return this.finishPartial();
  }

  /** What was read, when the listing stopped early: a commit cut short keeps the entries read so far. */
  finishPartial(): Omit<HistoryLog, 'faults'> {
    this.#strings.clear();
    return { commits: [...this.#commits.values()], changes: this.#changes, deletions: this.#deletions };
  }

  get commitCount(): number {
    return this.#commits.size;
  }

  #endHeader(fields: string[]): void {
    const [oid, parents, time, author, email, date, subject] = fields as [Oid, string, string, string, string, string, string];
    this.#fields = undefined;
    this.#commit = this.#intern(oid);
    if (this.#commits.has(oid)) return;
    this.#commits.set(oid, {
      oid: this.#intern(oid),
      parents: parents === '' ? [] : parents.split(' ').map((parent) => this.#intern(parent)),
      committerTime: Number(time),
      author: this.#intern(author),
      email: this.#intern(email),
      date,
      subject,
    });
  }

  /**
   * One string per distinct path and blob id: a path changed in a thousand commits, or a blob listed
   * as one commit's new version and the next one's old, is held once, not once per entry.
   */
  readonly #strings = new Map<string, string>();

  #intern(text: string): string {
    const held = this.#strings.get(text);
    if (held !== undefined) return held;
    this.#strings.set(text, text);
    return text;
  }

  #endEntry(entry: RawEntry | RawEntry[], path: string): void {
    this.#entry = undefined;
    // A combined entry: the merge against each parent, as -m would have listed it there.
    if (Array.isArray(entry)) {
      for (const one of entry) this.#endEntry(one, path);
      return;
    }
    const commit = this.#commit as Oid;
    const { srcMode, dstMode, srcOid, dstOid, status } = entry;
    const added = BLOB_MODES.has(dstMode) && !NULL_OID.test(dstOid);
    const removed = BLOB_MODES.has(srcMode) && !NULL_OID.test(srcOid);
    if (!added && !removed) return;
    path = this.#intern(path);
    if (added && status !== 'D') {
      const change = { commit, path, blob: this.#intern(dstOid), previousBlob: removed ? this.#intern(srcOid) : undefined };
      this.#changes.push(change);
      this.#onChange?.(change);
    }
    else if (removed && status === 'D') this.#deletions.push({ commit, path, blob: this.#intern(srcOid) });
  }
}


interface RawEntry {
  srcMode: string;
  dstMode: string;
  srcOid: Oid;
  dstOid: Oid;
  status: string;
}

/** `:srcmode dstmode srcoid dstoid status`, fields separated by single spaces (oids of any hash length). */
function readEntry(data: Buffer, start: number, end: number): RawEntry {
  const fields: string[] = [];
  let from = start + 1;
  for (let space = data.indexOf(SPACE, from); space !== -1 && space < end && fields.length < 4; space = data.indexOf(SPACE, from)) {
    fields.push(data.toString('latin1', from, space));
    from = space + 1;
  }
  if (fields.length < 4) throw new LeakwatchError('git-output', 'unexpected git log --raw entry');
  const [srcMode, dstMode, srcOid, dstOid] = fields as [string, string, Oid, Oid];
  return { srcMode, dstMode, srcOid, dstOid, status: data.toString('latin1', from, from + 1) };
}

/** `::mode1 mode2 modeM oid1 oid2 oidM SS` (one colon, mode, oid and status letter per parent): one entry per parent. */
function readCombinedEntry(data: Buffer, start: number, end: number): RawEntry[] {
  let parents = 0;
  while (data[start + parents] === COLON) parents += 1;
  const fields = data.toString('latin1', start + parents, end).split(' ');
  const status = fields[2 * parents + 2];
  if (fields.length !== 2 * parents + 3 || status === undefined || status.length < parents) throw new LeakwatchError('git-output', 'unexpected git log combined --raw entry');
  const dstMode = fields[parents] as string;
  const dstOid = fields[2 * parents + 1] as Oid;
  const entries: RawEntry[] = [];
  for (let i = 0; i < parents; i += 1) {
    entries.push({ srcMode: fields[i] as string, dstMode, srcOid: fields[parents + 1 + i] as Oid, dstOid, status: status[i] as string });
  }
  return entries;
}

/** One object of `git cat-file --batch` output: its header, and its bytes unless they were left unread. */
interface BatchObject {
  oid: Oid;
  /** `missing` for an object git could not give (missing or corrupt: it says `missing` for both). */
  type: string;
  size: number;
  bytes: Buffer | undefined;
}

/**
 * Parses `git cat-file --batch` output as it arrives: `<oid> <type> <size>\n<bytes>\n`, or
 * `<oid> missing\n`. `wanted` says, from the header, whether an object's bytes are kept; each kept
 * object gets a buffer of its own, so it can be handed to a worker thread without a copy.
 */
class BatchParser {
  readonly #wanted: (type: string, size: number) => boolean;
  readonly #done: (object: BatchObject) => void;
  #pending: Buffer = Buffer.alloc(0);
  /** The object being read, and bytes of its body read so far (its LF included). */
  #body: { object: BatchObject; filled: number } | undefined;

  constructor(wanted: (type: string, size: number) => boolean, done: (object: BatchObject) => void) {
    this.#wanted = wanted;
    this.#done = done;
  }

  push(chunk: Buffer): void {
    let data = this.#pending.length === 0 ? chunk : Buffer.concat([this.#pending, chunk]);
    this.#pending = Buffer.alloc(0);
    while (data.length > 0) {
      if (this.#body === undefined) {
        const newline = data.indexOf(10);
        if (newline === -1) {
          this.#pending = Buffer.from(data);
          break;
        }
        const header = data.toString('latin1', 0, newline).split(' ');
        data = data.subarray(newline + 1);
        const [oid, type, sizeText] = header as [Oid, string, string | undefined];
        if (type === 'missing') {
          this.#done({ oid, type, size: 0, bytes: undefined });
          continue;
        }
        if (sizeText === undefined) throw new LeakwatchError('git-output', `unexpected git cat-file output for ${oid}`);
        const size = Number(sizeText);
        this.#body = { object: { oid, type, size, bytes: this.#wanted(type, size) ? Buffer.allocUnsafeSlow(size) : undefined }, filled: 0 };
      }
      const body = this.#body;
      const { size, bytes } = body.object;
      const take = Math.min(size + 1 - body.filled, data.length);
      if (bytes !== undefined) {
        const copyable = Math.min(take, size - body.filled);
        if (copyable > 0) data.copy(bytes, body.filled, 0, copyable);
      }
      body.filled += take;
      data = data.subarray(take);
      if (body.filled === size + 1) {
        this.#body = undefined;
        this.#done(body.object);
      }
    }
  }

  end(): void {
    if (this.#body !== undefined || this.#pending.length > 0) throw new LeakwatchError('git-output', 'git cat-file output ended in the middle of an object');
  }
}

/** Objects of `git cat-file --batch` output as they are parsed, chunk by chunk, each made into what the caller wants (or passed over: undefined). */
async function* batchObjects<T>(stream: AsyncIterable<Buffer>, wanted: (type: string, size: number) => boolean, as: (object: BatchObject) => T | undefined): AsyncIterable<T> {
  const ready: T[] = [];
  const parser = new BatchParser(wanted, (object) => {
    const made = as(object);
    if (made !== undefined) ready.push(made);
  });
  for await (const chunk of stream) {
    parser.push(chunk);
    for (const made of ready) yield made;
    ready.length = 0;
  }
  parser.end();
}

/** Blobs of `git cat-file --batch` output; one over `maxBytes` is left unread, only its size given. */
export function parseBatch(stream: AsyncIterable<Buffer>, maxBytes: number): AsyncIterable<BlobRead> {
  return batchObjects(stream, (_type, size) => size <= maxBytes, ({ oid, type, size, bytes }): BlobRead => {
    // A missing or corrupt object is a fault, not the end of the scan.
    if (type === 'missing') return { oid, bytes: undefined, size: 0, fault: 'missing or corrupt in the repository' };
    return bytes === undefined ? { oid, bytes: undefined, size } : { oid, bytes };
  });
}
