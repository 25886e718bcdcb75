// What is staged in the index, against HEAD (a pre-commit hook's input): each
// staged blob is searched (through the version it replaces, searched first),
// and only secrets that version, and HEAD's other files, did not already hold count.
import type { BlobRequest } from '../detect/blob-scanner.js';
import { LeakwatchError } from '../model/errors.js';
import type { Match, Oid, ScanSummary } from '../model/types.js';
import { openBackend } from './git/open.js';
import { loadIgnoreFile } from './ignored-paths.js';
import { broughtAt, heldInTrees, notInBase, report } from './new-secrets.js';
import { plural } from '../model/words.js';
import type { Source, SourceRun, SourceType } from './source.js';

export interface StagedSpec {
  kind: 'staged';
  /** The repository, or a folder inside its work tree. */
  path: string;
}

export const stagedSource: SourceType<StagedSpec> = {
  kind: 'staged',
  open: (spec) => new StagedSource(spec.path),
};

class StagedSource implements Source {
  readonly scope = 'the staged changes';
  readonly #path: string;

  constructor(path: string) {
    this.#path = path;
  }

  counted(summary: ScanSummary): string {
    return plural(summary.blobs, 'staged file');
  }

  async run(run: SourceRun): Promise<void> {
    const ignored = loadIgnoreFile(this.#path);
    const backend = await openBackend(this.#path, 'cli');
    if (backend.stagedChanges === undefined) throw new LeakwatchError('git-missing', 'scanning the staged changes needs the git command');
    const { changes, removed } = backend.stagedChanges();
    const staged = changes.filter((change) => {
      const skip = ignored.ignores(change.path);
      if (skip) run.summary.ignoredPaths += 1;
      return !skip;
    });
    const hints = new Map<Oid, BlobRequest>();
    // Files the index removed are compared with too: a file renamed or moved keeps its old secrets.
    for (const oid of removed) hints.set(oid, { oid, family: oid, neighbours: [] });
    for (const change of staged) {
      if (change.previousBlob !== undefined && !hints.has(change.previousBlob)) hints.set(change.previousBlob, { oid: change.previousBlob, family: change.path, neighbours: [] });
      hints.set(change.blob, { oid: change.blob, family: change.path, neighbours: change.previousBlob === undefined ? [] : [change.previousBlob] });
    }
    const stagedBlobs = new Set(staged.map((change) => change.blob));
    const known = new Map<Oid, Match[]>();
    for await (const blob of backend.readBlobs([...hints.keys()], run.maxBytes)) {
      const result = run.search(blob, hints.get(blob.oid));
      if (stagedBlobs.has(blob.oid)) run.count(result);
      if (result.matches.length > 0) known.set(blob.oid, result.matches);
    }
    // A file staged where none was (added, or moved here) is brought in; a changed one was there already.
    run.introduced(staged.filter((change) => change.previousBlob === undefined).map((change) => ({ commit: undefined, age: 0, path: change.path, replaced: [] })));
    const brought = staged.flatMap((change) => broughtAt(known, change.blob, [{ commit: undefined, age: 0, path: change.path, replaced: [...(change.previousBlob === undefined ? [] : [change.previousBlob]), ...removed] }]));
    // Nor is a secret new that HEAD already holds in another file (none before the first commit).
    report(run, await notInBase(brought, () => ['HEAD'], heldInTrees(backend, run)));
  }
}
