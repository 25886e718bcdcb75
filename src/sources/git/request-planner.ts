// Decides, as the history listing names blob changes, which blobs to read and
// what to compare each with: every unique blob once (unless only under ignored
// paths), the version it replaced and the one that replaced it as likely
// references. Runs wherever the listing is parsed: main thread or reader thread.
import type { BlobChange, Oid } from '../../model/types.js';
import type { BlobRequest } from '../../detect/blob-scanner.js';
import type { IgnoredPaths } from '../ignored-paths.js';

export class RequestPlanner {
  readonly requested = new Set<Oid>();
  /** For each blob, the newer version that replaced it, as seen so far. */
  readonly #newer = new Map<Oid, Oid>();
  readonly #ignored: IgnoredPaths;
  /** Part of a history: the replaced version of each change is read too, to tell new secrets from old. */
  readonly #partial: boolean;
  readonly #send: (blob: BlobRequest) => void;

  constructor(ignored: IgnoredPaths, partial: boolean, send: (blob: BlobRequest) => void) {
    this.#ignored = ignored;
    this.#partial = partial;
    this.#send = send;
  }

  #count: number | undefined;

  /** Requests made so far. */
  get count(): number {
    return this.#count ?? this.requested.size;
  }

  /**
   * Every request is made (the listing is done and indexed): what was kept to plan them is let go
   * (on git/git, two maps of 260k ids each), and only their count stays.
   */
  done(): void {
    this.#count = this.requested.size;
    this.requested.clear();
    this.#newer.clear();
  }

  request(blob: BlobRequest): void {
    this.requested.add(blob.oid);
    this.#send(blob);
  }

  onChange(change: BlobChange): void {
    if (change.previousBlob !== undefined && !this.#newer.has(change.previousBlob)) this.#newer.set(change.previousBlob, change.blob);
    if (this.#ignored.ignores(change.path)) return;
    // The replaced version is what the new one is compared with (and, read first, its reference);
    // needed even when the new one was already requested as another commit's replaced version.
    if (this.#partial && change.previousBlob !== undefined && !this.requested.has(change.previousBlob)) {
      this.request({ oid: change.previousBlob, family: change.path, neighbours: [] });
    }
    if (this.requested.has(change.blob)) return;
    const neighbours = [this.#newer.get(change.blob), change.previousBlob].filter((oid): oid is Oid => oid !== undefined);
    this.request({ oid: change.blob, family: change.path, neighbours });
  }
}
