// Embedded fallback backend, for machines without a git binary. Pure
// JavaScript via isomorphic-git: it walks every ref's commits and diffs trees
// itself, producing the same HistoryLog the CLI backend gets from `git log`.
// About 20x slower at reading blobs, so it is never the default when git exists.
import * as fs from 'node:fs';
import { join, resolve } from 'node:path';
import git from 'isomorphic-git';
import type { BlobChange, BlobDeletion, CommitInfo, Oid } from '../../model/types.js';
import { LeakwatchError } from '../../model/errors.js';
import { checkedRange, notARepository } from './cli.js';
import { findGitDir } from './git-dir.js';
import type { RawObject } from './objects.js';
import { MAX_HOLDING_FILES, oidsIn, type BlobRead, type GitBackend, type HistoryLog, type HistorySelection, type OidSource } from './backend.js';

const TREE_MODE = '040000';
const BLOB_MODES = new Set(['100644', '100755', '100664', '120000']);

interface Entry {
  mode: string;
  oid: Oid;
}

type Tree = Map<string, Entry>;

export class IsomorphicBackend implements GitBackend {
  readonly name = 'isomorphic' as const;
  /** isomorphic-git reads the object files itself: no git children, so no readers on other threads. */
  readonly gitCommandDir = undefined;
  readonly #gitdir: string;
  readonly #cache: object = {};
  readonly #trees = new Map<Oid, Tree>();

  private constructor(gitdir: string) {
    this.#gitdir = gitdir;
  }

  static open(path: string): IsomorphicBackend {
    const gitdir = findGitDir(resolve(path));
    if (gitdir === undefined) throw notARepository(path);
    return new IsomorphicBackend(gitdir);
  }

  async readHistory(selection?: HistorySelection, onChange?: (change: BlobChange) => void): Promise<HistoryLog> {
    if (typeof selection === 'object') throw new LeakwatchError('git-missing', `scanning ${selection.description} needs the git command (--git-backend cli)`);
    const range = selection;
    const commits = new Map<Oid, CommitInfo>();
    const trees = new Map<Oid, Oid>();
    // What cannot be read (a ref to a missing commit, a missing parent or tree) is a fault; the rest is listed.
    const faults: string[] = [];
    const { tips, excluded } = range === undefined ? { tips: await this.#tips(faults), excluded: new Set<Oid>() } : await this.#range(range);
    const stack = tips;
    while (stack.length > 0) {
      const oid = stack.pop() as Oid;
      if (commits.has(oid) || excluded.has(oid)) continue;
      let commit: Awaited<ReturnType<typeof git.readCommit>>['commit'];
      try {
        ({ commit } = await git.readCommit({ fs, gitdir: this.#gitdir, oid, cache: this.#cache }));
      } catch (error) {
        faults.push(`commit ${oid} cannot be read (${firstLine(error)}): it and its ancestors through it were not listed`);
        continue;
      }
      commits.set(oid, {
        oid,
        parents: commit.parent,
        committerTime: commit.committer.timestamp,
        author: commit.author.name,
        email: commit.author.email,
        date: formatGitDate(commit.author.timestamp, -commit.author.timezoneOffset),
        subject: subjectOf(commit.message),
      });
      trees.set(oid, commit.tree);
      for (const parent of commit.parent) if (!commits.has(parent)) stack.push(parent);
    }

    const changes: BlobChange[] = [];
    const deletions: BlobDeletion[] = [];
    for (const commit of commits.values()) {
      const tree = trees.get(commit.oid) as Oid;
      try {
        // Parents outside a range were not walked; their trees are read on demand.
        const bases = commit.parents.length === 0 ? [undefined] : await Promise.all(commit.parents.map(async (parent) => trees.get(parent) ?? (await this.#treeOf(parent))));
        if (bases.length <= 1) for (const base of bases) await this.#diff(base, tree, '', commit.oid, changes, deletions);
        else {
          // A merge, as git's combined diff lists it: only the paths where it differs from every parent.
          const perParent: Array<{ changes: BlobChange[]; deletions: BlobDeletion[] }> = [];
          for (const base of bases) {
            const diff = { changes: [] as BlobChange[], deletions: [] as BlobDeletion[] };
            await this.#diff(base, tree, '', commit.oid, diff.changes, diff.deletions);
            perParent.push(diff);
          }
          const inEvery = (paths: Array<Set<string>>, path: string): boolean => paths.every((set) => set.has(path));
          const changed = perParent.map((diff) => new Set(diff.changes.map((change) => change.path)));
          const deleted = perParent.map((diff) => new Set(diff.deletions.map((deletion) => deletion.path)));
          for (const diff of perParent) {
            changes.push(...diff.changes.filter((change) => inEvery(changed, change.path)));
            deletions.push(...diff.deletions.filter((deletion) => inEvery(deleted, deletion.path)));
          }
        }
      } catch (error) {
        faults.push(`the changes of commit ${commit.oid} cannot be read (${firstLine(error)})`);
      }
    }
    if (onChange !== undefined) for (const change of changes) onChange(change);
    return { commits: [...commits.values()], changes, deletions, faults };
  }

  isShallow(): boolean {
    return fs.existsSync(join(this.#gitdir, 'shallow'));
  }

  async *readBlobs(oids: OidSource, maxBytes: number): AsyncIterable<BlobRead> {
    for await (const item of oids) for (const oid of oidsIn(item)) {
      let blob: Uint8Array;
      try {
        ({ blob } = await git.readBlob({ fs, gitdir: this.#gitdir, oid, cache: this.#cache }));
      } catch (error) {
        // Missing or unreadable: a fault to count, not the end of the scan.
        yield { oid, bytes: undefined, size: 0, fault: `cannot be read (${(error as Error).message.split('\n')[0] ?? 'error'})` };
        continue;
      }
      const bytes = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
      yield bytes.length > maxBytes ? { oid, bytes: undefined, size: bytes.length } : { oid, bytes };
    }
  }

  async *readObjects(oids: readonly Oid[]): AsyncIterable<RawObject> {
    for (const oid of oids) {
      let object: Awaited<ReturnType<typeof git.readObject>>;
      try {
        object = await git.readObject({ fs, gitdir: this.#gitdir, oid, format: 'content', cache: this.#cache });
      } catch {
        continue; // not held: the history listing has named it as a fault already
      }
      const bytes = object.object as Uint8Array;
      yield { oid, type: object.type, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
    }
  }

  async annotatedTags(): Promise<Oid[]> {
    const tags = new Set<Oid>();
    for (const name of await git.listRefs({ fs, gitdir: this.#gitdir, filepath: 'refs/tags' })) {
      try {
        const oid = await git.resolveRef({ fs, gitdir: this.#gitdir, ref: `refs/tags/${name}` });
        if ((await git.readObject({ fs, gitdir: this.#gitdir, oid, format: 'content', cache: this.#cache })).type === 'tag') tags.add(oid);
      } catch {
        continue; // a ref to a missing object: a fault of the history listing
      }
    }
    return [...tags];
  }

  /** Walks each commit's tree and reads its files (slowly: asked only about the few secrets a range would report). */
  async filesHolding(commits: readonly string[], values: readonly string[]): Promise<Array<{ commit: string; blob: Oid }>> {
    const files: Array<{ commit: string; blob: Oid }> = [];
    const needles = values.map((value) => Buffer.from(value, 'utf8'));
    for (const commit of commits) {
      let root: Oid;
      try {
        root = await this.#treeOf(commit);
      } catch {
        continue; // not in this repository: holds nothing
      }
      const trees = [root];
      const seen = new Set<Oid>();
      while (trees.length > 0 && files.length < MAX_HOLDING_FILES) {
        for (const entry of (await this.#tree(trees.pop())).values()) {
          if (entry.mode === TREE_MODE) trees.push(entry.oid);
          if (!BLOB_MODES.has(entry.mode) || seen.has(entry.oid)) continue;
          seen.add(entry.oid);
          const { blob } = await git.readBlob({ fs, gitdir: this.#gitdir, oid: entry.oid, cache: this.#cache });
          const bytes = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
          if (needles.some((needle) => bytes.includes(needle))) files.push({ commit, blob: entry.oid });
        }
      }
    }
    return files.slice(0, MAX_HOLDING_FILES);
  }

  /** `A..B`: commits reachable from B and not from A; `B`: all reachable from B. */
  async #range(range: string): Promise<{ tips: Oid[]; excluded: Set<Oid> }> {
    const spec = checkedRange(range);
    const [from, to] = spec.includes('..') ? spec.split('..', 2) : [undefined, spec];
    const excluded = new Set<Oid>();
    if (from !== undefined && from !== '') {
      const stack = [await this.#resolve(from, range)];
      while (stack.length > 0) {
        const oid = stack.pop() as Oid;
        if (excluded.has(oid)) continue;
        excluded.add(oid);
        stack.push(...(await git.readCommit({ fs, gitdir: this.#gitdir, oid, cache: this.#cache })).commit.parent);
      }
    }
    return { tips: [await this.#resolve(to === undefined || to === '' ? 'HEAD' : to, range)], excluded };
  }

  async #resolve(ref: string, range: string): Promise<Oid> {
    try {
      const oid = await git.resolveRef({ fs, gitdir: this.#gitdir, ref }).catch(() => git.expandOid({ fs, gitdir: this.#gitdir, oid: ref, cache: this.#cache }));
      const commit = await this.#peel(oid);
      if (commit !== undefined) return commit;
    } catch {
      // reported below
    }
    throw new LeakwatchError('range', `unknown revision ${JSON.stringify(ref)} in range ${JSON.stringify(range)}`);
  }

  async #treeOf(commit: Oid): Promise<Oid> {
    return (await git.readCommit({ fs, gitdir: this.#gitdir, oid: commit, cache: this.#cache })).commit.tree;
  }

  /** Commits named by every ref and by HEAD, tags peeled; refs to trees or blobs are not history. */
  async #tips(faults: string[]): Promise<Oid[]> {
    const names = ['HEAD', ...(await git.listRefs({ fs, gitdir: this.#gitdir, filepath: 'refs' })).map((name) => `refs/${name}`)];
    const tips: Oid[] = [];
    for (const ref of names) {
      let oid: Oid;
      try {
        oid = await git.resolveRef({ fs, gitdir: this.#gitdir, ref });
      } catch {
        continue; // an unborn HEAD
      }
      let commit: Oid | undefined;
      try {
        commit = await this.#peel(oid);
      } catch {
        faults.push(`${ref} points at ${oid}, which the repository does not hold`);
        continue;
      }
      if (commit !== undefined) tips.push(commit);
    }
    return tips;
  }

  /** The commit an object names, through annotated tags; undefined for trees and blobs. */
  async #peel(start: Oid): Promise<Oid | undefined> {
    let oid = start;
    for (let depth = 0; depth < 10; depth += 1) {
      const object = await git.readObject({ fs, gitdir: this.#gitdir, oid, cache: this.#cache });
      if (object.type === 'commit') return oid;
      if (object.type !== 'tag') return undefined;
      oid = (await git.readTag({ fs, gitdir: this.#gitdir, oid, cache: this.#cache })).tag.object;
    }
    return undefined;
  }

  async #tree(oid: Oid | undefined): Promise<Tree> {
    if (oid === undefined) return new Map();
    const cached = this.#trees.get(oid);
    if (cached !== undefined) return cached;
    // Read raw and parsed here: isomorphic-git's own parser refuses names git checks only on checkout
    // (`a\b.env`, `.git`), and a history holding one must still be scanned.
    const { object, type } = await git.readObject({ fs, gitdir: this.#gitdir, oid, format: 'content', cache: this.#cache });
    if (type !== 'tree' || !(object instanceof Uint8Array)) throw new LeakwatchError('git-output', `object ${oid} is not a tree`);
    const entries = parseTree(Buffer.from(object.buffer, object.byteOffset, object.byteLength), oid);
    this.#trees.set(oid, entries);
    return entries;
  }

  /** Blob-level diff of two trees, recursive, as `git diff-tree -r` reports it. */
  async #diff(before: Oid | undefined, after: Oid | undefined, prefix: string, commit: Oid, changes: BlobChange[], deletions: BlobDeletion[]): Promise<void> {
    if (before === after) return;
    const [old, now] = [await this.#tree(before), await this.#tree(after)];
    for (const name of new Set([...old.keys(), ...now.keys()])) {
      const a = old.get(name);
      const b = now.get(name);
      if (a !== undefined && b !== undefined && a.oid === b.oid && a.mode === b.mode) continue;
      const path = prefix + name;
      const aTree = a?.mode === TREE_MODE ? a.oid : undefined;
      const bTree = b?.mode === TREE_MODE ? b.oid : undefined;
      if (aTree !== undefined || bTree !== undefined) await this.#diff(aTree, bTree, `${path}/`, commit, changes, deletions);
      const aBlob = a !== undefined && BLOB_MODES.has(a.mode) ? a.oid : undefined;
      const bBlob = b !== undefined && BLOB_MODES.has(b.mode) ? b.oid : undefined;
      if (bBlob !== undefined) changes.push({ commit, path, blob: bBlob, previousBlob: aBlob });
      else if (aBlob !== undefined && b === undefined) deletions.push({ commit, path, blob: aBlob });
      else if (aBlob !== undefined && bTree !== undefined) deletions.push({ commit, path, blob: aBlob });
    }
  }
}

/**
 * A tree object's entries: `<mode> <name>NUL<20-byte id>` each. Names are decoded as UTF-8 (U+FFFD for
 * bytes that are not), as the git command backend reads them.
 */
export function parseTree(data: Buffer, oid: Oid): Tree {
  const entries: Tree = new Map();
  for (let at = 0; at < data.length;) {
    const space = data.indexOf(0x20, at);
    const nul = space === -1 ? -1 : data.indexOf(0, space);
    if (nul === -1 || nul + 21 > data.length) throw new LeakwatchError('git-output', `tree ${oid} is malformed`);
    entries.set(data.toString('utf8', space + 1, nul), { mode: normaliseMode(data.toString('latin1', at, space)), oid: data.toString('hex', nul + 1, nul + 21) });
    at = nul + 21;
  }
  return entries;
}

/** isomorphic-git may print tree modes without the leading zero. */
function normaliseMode(mode: string): string {
  return mode.padStart(6, '0');
}

/** `%aI`: `2024-05-01T10:00:00+02:00`, in the author's own offset. */
export function formatGitDate(seconds: number, offsetMinutes: number): string {
  const local = new Date((seconds + offsetMinutes * 60) * 1000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** `%s`: the first paragraph of the message, its lines joined by spaces. */
export function subjectOf(message: string): string {
  const lines = message.replace(/^\s*\n/, '').split('\n');
  const paragraph: string[] = [];
  for (const line of lines) {
    if (line.trim() === '') break;
    paragraph.push(line.trimEnd());
  }
  return paragraph.join(' ');
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'error';
}
