// A view of a repository that `git log -p --all` can read to the end: the same
// objects (borrowed through an alternate, nothing copied) and every ref except
// those whose history reaches a missing blob. A mirror that lacks a few objects
// (git/git's does, under refs/pull/*) makes git stop at the first; timing that
// stop says nothing. In the view both git and leakwatch read every ref's
// history, so their times compare.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface CompleteView {
  /** The view's git directory (bare). */
  gitDir: string;
  /** Refs left out, each reaching a missing blob. */
  leftOut: string[];
  /** Refs kept. */
  kept: number;
  remove(): void;
}

const run = (gitDir: string, args: string[], input?: string): string =>
  execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, ...(input === undefined ? {} : { input }) });

/**
 * The view of `repo` (a work tree or a git directory), or undefined when nothing is missing. Throws when
 * an object other than a blob is missing: which refs reach it is not worked out here.
 */
export function completeView(repo: string): CompleteView | undefined {
  // The common directory: a linked worktree's own git directory holds no objects.
  const gitDir = resolve(repo, execFileSync('git', ['-C', repo, 'rev-parse', '--git-common-dir'], { encoding: 'utf8' }).trim());
  const missing = new Set(run(gitDir, ['rev-list', '--objects', '--all', '--missing=print']).split('\n').filter((line) => line.startsWith('?')).map((line) => line.slice(1)));
  if (missing.size === 0) return undefined;
  // The commits whose changes name a missing blob (on either side). A plain listing shows no merge's
  // changes; only when it leaves a blob unplaced is every merge listed against each parent (slow: -m).
  const introducing = new Set<string>();
  const seen = new Set<string>();
  for (const extra of [[], ['-m']]) {
    if (seen.size === missing.size) break;
    let commit = '';
    // --no-renames: finding renames reads the blobs of deleted and added files, a missing one among them.
    for (const line of run(gitDir, ['log', '--all', '--raw', '--no-renames', '--no-abbrev', '--root', '--format=C %H', ...extra]).split('\n')) {
      if (line.startsWith('C ')) commit = line.slice(2);
      else if (line.startsWith(':')) {
        const [, , before, after] = line.split(' ');
        for (const oid of [before, after]) {
          if (oid === undefined || !missing.has(oid)) continue;
          introducing.add(commit);
          seen.add(oid);
        }
      }
    }
  }
  const unplaced = [...missing].filter((oid) => !seen.has(oid));
  if (unplaced.length > 0) throw new Error(`${repo}: ${unplaced.length} missing object(s) that are not blobs named by a commit's changes, e.g. ${unplaced[0]}`);
  const leftOut = new Set<string>();
  for (const oid of introducing) for (const ref of run(gitDir, ['for-each-ref', '--format=%(refname)', '--contains', oid]).split('\n')) if (ref !== '') leftOut.add(ref);
  const refs = run(gitDir, ['for-each-ref', '--format=%(objectname) %(refname)']).split('\n').filter((line) => line !== '').map((line) => line.split(' ') as [string, string]);
  const kept = refs.filter(([, name]) => !leftOut.has(name));

  const dir = mkdtempSync(join(tmpdir(), 'leakwatch-bench-complete-'));
  const view = join(dir, 'view.git');
  execFileSync('git', ['init', '-q', '--bare', view]);
  writeFileSync(join(view, 'objects', 'info', 'alternates'), `${join(gitDir, 'objects')}\n`);
  run(view, ['update-ref', '--stdin'], kept.map(([oid, name]) => `create ${name} ${oid}\n`).join(''));
  const head = spawnSync('git', ['--git-dir', gitDir, 'symbolic-ref', '-q', 'HEAD'], { encoding: 'utf8' });
  if (head.status === 0 && !leftOut.has(head.stdout.trim())) run(view, ['symbolic-ref', 'HEAD', head.stdout.trim()]);
  return { gitDir: view, leftOut: [...leftOut].sort(), kept: kept.length, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
