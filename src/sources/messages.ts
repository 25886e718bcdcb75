// Commit messages and annotated tags' messages are searched like files: a
// token pasted into a commit message is a finding whose place is that commit,
// at `.git/COMMIT_MSG` (model/messages.ts), or `.git/TAG_MSG/<tag name>` for a
// tag, whose `commit` is then the tag object (tagger, date and subject its
// own). A separate
// pass over the commits the history listing named (one `git cat-file --batch`),
// so the listing itself stays as it is. Part of a history: every commit it
// lists is new, so its message is too (a message never moves); a push's tags
// are the annotated tags it sends.
import type { ScannedBlob } from '../detect/blob-scanner.js';
import { COMMIT_MESSAGE_PATH, TAG_MESSAGE_PREFIX } from '../model/messages.js';
import type { CommitInfo, Oid } from '../model/types.js';
import type { GitBackend, HistoryLog, HistorySelection } from './git/backend.js';
import { ageOf, commitAges, type CommitAges } from './git/history-index.js';
import { commitMessage, parseTag, subjectOf } from './git/objects.js';
import type { Place, RepositoryMemory, SourceRun } from './source.js';

/** The tags a scan reads: every annotated tag for a whole history, the object ids a push sends (those that are tags), none for a typed range. */
export async function tagsOf(backend: GitBackend, selection: HistorySelection | undefined): Promise<Oid[]> {
  if (selection === undefined) return (await backend.annotatedTags?.()) ?? [];
  if (typeof selection === 'string') return [];
  const end = selection.revisions.indexOf('--not');
  return (end === -1 ? selection.revisions : selection.revisions.slice(0, end)).filter((revision) => /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(revision));
}

/**
 * Searches the message of every commit in `log` and of every tag in `tags` (ids that are not
 * annotated tags are passed over); `keep` says whether a message path is scanned (the ignore file).
 * With a cache (`memory`), a commit whose message was searched before is answered from it, unread.
 * One read for the rest: the unknown commits' objects first, then the tags' (a pushed tip that is a
 * commit is read once, as a commit).
 */
export async function scanMessages(run: SourceRun, backend: GitBackend, log: HistoryLog, tags: readonly Oid[], keep: (path: string) => boolean, memory?: RepositoryMemory, ages: CommitAges = commitAges(log.commits)): Promise<void> {
  const readObjects = backend.readObjects?.bind(backend);
  if (readObjects === undefined) return;
  const commits = new Map(log.commits.map((commit) => [commit.oid, commit]));
  const commitMessages = keep(COMMIT_MESSAGE_PATH);
  const place = (oid: Oid, commit: CommitInfo): Place => ({ commit, age: ageOf(ages, oid) ?? 0, path: COMMIT_MESSAGE_PATH, replaced: [] });
  const unread: Oid[] = [];
  if (commitMessages) {
    for (const [oid, commit] of commits) {
      const known = memory?.lookup(oid);
      if (known === undefined) unread.push(oid);
      else if (known.matches.length > 0) run.found(known.matches, [place(oid, commit)]);
    }
  }
  // Tags are few, and each must be read for its name anyway.
  const wanted = [...unread, ...tags.filter((oid) => !commits.has(oid))];
  if (wanted.length === 0) return;
  for await (const object of readObjects(wanted)) {
    const commit = commits.get(object.oid);
    if (object.type === 'commit') {
      // Read because the cache did not know it (first loop above).
      if (commitMessages && commit !== undefined) search(run, object.oid, commitMessage(object.bytes), place(object.oid, commit), memory, undefined);
      continue;
    }
    const tag = object.type === 'tag' ? parseTag(object.oid, object.bytes) : undefined;
    if (tag === undefined) continue;
    const path = `${TAG_MESSAGE_PREFIX}${tag.name}`;
    if (!keep(path)) continue;
    const info: CommitInfo = { oid: tag.oid, parents: [], committerTime: tag.time, author: tag.tagger, email: tag.email, date: tag.date, subject: subjectOf(tag.message.toString('utf8')) };
    // Just after the commit it tags (or after everything, when that commit is not in the listing).
    search(run, tag.oid, tag.message, { commit: info, age: (ageOf(ages, tag.target) ?? ages.position.size) + 0.5, path, replaced: [] }, memory, memory?.lookup(tag.oid));
  }
}

/** Searches a message unless the cache answered it (`known`), and keeps what it gave there, an empty message too. */
function search(run: SourceRun, oid: Oid, bytes: Buffer, place: Place, memory: RepositoryMemory | undefined, known: ScannedBlob | undefined): void {
  const result = known ?? (bytes.length === 0 ? { oid, bytes: 0, skipped: undefined, matches: [] } : run.search({ oid, bytes }));
  if (known === undefined) memory?.record(result, 'message');
  if (result.matches.length > 0) run.found(result.matches, [place]);
}
