// The refs a whole-history listing starts from, read with as few git children as
// a sound repository allows. One `for-each-ref` that names each object's type:
// git refuses it (exit 128) when a ref points at an object the repository lacks,
// and only then are the refs read again without types and their objects checked.
// HEAD is read from its file when it names a listed ref or object, which adds no
// tip; anything else (detached at an unlisted commit, unborn, another ref
// storage) is left to git.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Oid } from '../../model/types.js';

export interface Ref {
  oid: Oid;
  name: string;
  /** The object's type as git read it; undefined when the refs were read without (the object may be missing). */
  type?: string;
}

/** Runs git in the repository: exit status and standard output. */
export type GitRun = (args: string[], mayFail: boolean, input?: string) => { status: number | null; stdout: Buffer };

/** Every ref (not HEAD), with types when git could read every object. */
export function readRefs(git: GitRun): Ref[] {
  const typed = git(['for-each-ref', '--format=%(objectname) %(objecttype) %(refname)'], true);
  if (typed.status === 0) {
    return rows(typed.stdout).map((line) => {
      const [oid, type] = line.split(' ', 2) as [Oid, string];
      return { oid, type, name: line.slice(oid.length + type.length + 2) };
    });
  }
  return rows(git(['for-each-ref', '--format=%(objectname) %(refname)'], false).stdout).map((line) => ({ oid: line.slice(0, line.indexOf(' ')), name: line.slice(line.indexOf(' ') + 1) }));
}

/**
 * HEAD as a tip of its own, when it is one beyond `refs`: undefined when it names a listed ref or a
 * listed object, or is unborn (a repository before its first commit).
 */
export function headBeyond(refs: readonly Ref[], gitDir: string, git: GitRun): Ref | undefined {
  // A listed ref's object exists once typed; an untyped one is checked, and so is HEAD pointing at it.
  const named = headFile(gitDir);
  if (named !== undefined && refs.some((ref) => ref.type !== undefined && (named.ref !== undefined ? ref.name === named.ref : ref.oid === named.oid))) return undefined;
  const head = git(['rev-parse', '--verify', '--quiet', 'HEAD'], true);
  if (head.status !== 0) return undefined;
  const oid = head.stdout.toString('latin1').trim();
  return refs.some((ref) => ref.oid === oid && ref.type !== undefined) ? undefined : { oid, name: 'HEAD' };
}

/** What the HEAD file says: a ref (`ref: refs/heads/main`) or an object id (detached); undefined when unreadable. */
function headFile(gitDir: string): { ref?: string; oid?: Oid } | undefined {
  let text: string;
  try {
    text = readFileSync(join(gitDir, 'HEAD'), 'latin1').trim();
  } catch {
    return undefined;
  }
  if (text.startsWith('ref: ')) return { ref: text.slice(5) };
  return /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(text) ? { oid: text } : undefined;
}

/** The object ids of `refs` the repository does not hold; those git already typed exist. */
export function missingObjects(refs: readonly Ref[], git: GitRun): Set<Oid> {
  const unchecked = [...new Set(refs.filter((ref) => ref.type === undefined).map((ref) => ref.oid))];
  if (unchecked.length === 0) return new Set();
  const checked = rows(git(['cat-file', '--batch-check=%(objectname) %(objecttype)'], true, `${unchecked.join('\n')}\n`).stdout);
  return new Set(checked.filter((line) => line.endsWith(' missing')).map((line) => line.slice(0, line.indexOf(' '))));
}

/** Tags that are tag objects (annotated), from typed refs; undefined when the refs were read without types. */
export function annotatedTagsOf(refs: readonly Ref[]): Oid[] | undefined {
  if (refs.some((ref) => ref.type === undefined)) return undefined;
  return [...new Set(refs.filter((ref) => ref.type === 'tag' && ref.name.startsWith('refs/tags/')).map((ref) => ref.oid))];
}

/** Whether any ref replaces an object (`git replace`), which rewrites how old commits list. */
export function replacesObjects(refs: readonly Ref[]): boolean {
  return refs.some((ref) => ref.name.startsWith('refs/replace/'));
}

function rows(output: Buffer): string[] {
  return output.toString('utf8').split('\n').filter((line) => line !== '');
}
