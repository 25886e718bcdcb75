// A full garbage collection on request, at the moments a source says it let go
// of much or is about to build on it (a whole history's listing, before and
// after its index is built). V8 sizes its heap by what was live at its last
// full collection; right after the index of git/git is built, most of the heap
// is the listing's garbage, and the heap then kept growing from there: peak RSS
// 1.23-1.28 GB. One collection there (~0.35 s on git/git) brought the peak to
// 0.97 GiB; one more before the index, another ~35 MB (three runs each). Node
// exposes `gc` only with --expose-gc, which a CLI cannot count on; the flag can
// be set at run time and the function taken from a fresh context.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null | undefined;

/** Collects garbage now (a full collection); does nothing where the runtime does not allow it. */
export function collectGarbage(): void {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const gc: unknown = runInNewContext('gc');
      collect = typeof gc === 'function' ? (gc as () => void) : null;
    } catch {
      collect = null;
    }
  }
  collect?.();
}
