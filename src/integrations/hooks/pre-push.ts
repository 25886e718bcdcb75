// git's pre-push protocol: one line per ref being pushed on stdin,
// `<local ref> <local oid> <remote ref> <remote oid>`, and the remote's name
// and URL as arguments. Turns them into the revisions to scan: what the push
// sends and the remote does not have yet.
import { LeakwatchError } from '../../model/errors.js';
import type { HistorySelection } from '../../sources/git/backend.js';

export interface RefUpdate {
  localRef: string;
  localOid: string;
  remoteRef: string;
  remoteOid: string;
}

const OID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const ZERO = /^0+$/;

/** Parses git's stdin; a line that is not four fields with object ids is an error naming it. */
export function parsePrePushInput(text: string): RefUpdate[] {
  const updates: RefUpdate[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') return;
    const fields = line.split(' ');
    const [localRef, localOid, remoteRef, remoteOid] = fields as [string, string, string, string];
    if (fields.length !== 4 || !OID.test(localOid) || !OID.test(remoteOid) || localOid.length !== remoteOid.length) {
      throw new LeakwatchError('pre-push-input', `pre-push input line ${index + 1} is not "<local ref> <local oid> <remote ref> <remote oid>"`);
    }
    updates.push({ localRef, localOid, remoteRef, remoteOid });
  });
  return updates;
}

export interface PushContext {
  /** Whether the repository has this commit (a remote oid someone else pushed may be unknown here). */
  hasCommit(oid: string): boolean;
  /** Whether `name` is a configured remote (git passes a URL instead when pushing to one directly). */
  isRemote(name: string): boolean;
}

/**
 * The commits a push sends: every new local tip, minus what the remote already has — the old
 * remote tips we know, and the remote's tracking refs (which also covers a new branch: its commits
 * not on any branch of that remote). A deletion sends nothing. Undefined when nothing is sent.
 */
export function pushedRevisions(remote: string, updates: readonly RefUpdate[], context: PushContext): HistorySelection | undefined {
  const tips = [...new Set(updates.filter((u) => !ZERO.test(u.localOid)).map((u) => u.localOid))];
  if (tips.length === 0) return undefined;
  const known = [...new Set(updates.filter((u) => !ZERO.test(u.remoteOid) && context.hasCommit(u.remoteOid)).map((u) => u.remoteOid))];
  const remoteRefs = remote !== '' && !remote.startsWith('-') && !/\s/.test(remote) && context.isRemote(remote) ? `--remotes=${remote}` : '--remotes';
  return { revisions: [...tips, '--not', ...known, remoteRefs], description: 'the commits being pushed' };
}
