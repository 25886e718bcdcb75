// Where a commit's or an annotated tag's message is, as a finding's path names
// it: a path no tracked file can have (git refuses `.git` as a component of a
// path in a tree). The finding's commit says which commit (or tag object).

/** A commit's message. */
export const COMMIT_MESSAGE_PATH = '.git/COMMIT_MSG';
/** An annotated tag's message: this, then the tag's name. */
export const TAG_MESSAGE_PREFIX = '.git/TAG_MSG/';

/** Whether a finding's path is a commit's or a tag's message rather than a file. */
export function isMessagePath(path: string): boolean {
  return path === COMMIT_MESSAGE_PATH || path.startsWith(TAG_MESSAGE_PREFIX);
}

/** A message's place in words: "the message of commit a1b2c3d4e5", "the message of tag v1.0". */
export function messagePlace(path: string, commit: string): string {
  return path === COMMIT_MESSAGE_PATH ? `the message of commit ${commit.slice(0, 10)}` : `the message of tag ${path.slice(TAG_MESSAGE_PREFIX.length)}`;
}
