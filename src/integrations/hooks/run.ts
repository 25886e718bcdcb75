// Running as git runs a hook: a pre-push hook scans what the push sends, a
// pre-commit hook what is staged. A hook that finds something blocks with a
// masked table and what to do next; a clean run is silent; an error says how
// to bypass the hook once, so a bug never locks anyone out.
import { spawnSync } from 'node:child_process';
import { checkBaselineKey, DEFAULT_BASELINE, defaultBaseline, readBaseline } from '../../engine/baseline.js';
import { resolveIdKey } from '../../engine/id-key.js';
import { scan } from '../../engine/scan.js';
import { shortfalls } from '../../engine/shortfalls.js';
import { LeakwatchError } from '../../model/errors.js';
import { readAll } from '../../model/streams.js';
import { plural } from '../../model/words.js';
import type { Finding } from '../../model/types.js';
import type { MaybeTerminal } from '../../report/terminal.js';
import { loadConfig } from '../../rules/config.js';
import type { HistorySelection } from '../../sources/git/backend.js';
import { NO_NETWORK_ENV } from '../../sources/git/cli.js';
import type { SourceSpec } from '../../sources/registry.js';
import type { HookType } from './install.js';
import { parsePrePushInput, pushedRevisions } from './pre-push.js';

/** Where a hook reads git's input and writes what blocked it. */
export interface HookIo {
  stderr: NodeJS.WritableStream;
  stdin?: NodeJS.ReadableStream | undefined;
}

export interface HookRunArguments {
  type: HookType;
  /** pre-push: the remote's name (or its URL when pushed to directly) and its URL. */
  remote: string | undefined;
  path: string;
}

/** Runs inside git's hook; exit 1 blocks the push or commit. */
export async function runHook(args: HookRunArguments, io: HookIo): Promise<number> {
  const bypass = args.type === 'pre-push' ? 'git push --no-verify' : 'git commit --no-verify';
  try {
    let selection: HistorySelection | undefined;
    let tips = new Set<string>();
    if (args.type === 'pre-push') {
      const updates = parsePrePushInput((await readAll(io.stdin ?? process.stdin)).toString('utf8'));
      tips = new Set(updates.map((update) => update.localOid));
      selection = pushedRevisions(args.remote ?? '', updates, gitFacts(args.path));
      if (selection === undefined) return 0; // only deletions: nothing leaves this machine
    }
    const config = loadConfig(args.path, undefined);
    const source: SourceSpec = args.type === 'pre-push' ? { kind: 'history', path: args.path, backend: 'cli', range: selection } : { kind: 'staged', path: args.path };
    // The repository's baseline (what its block message tells people to write) counts here as in scans.
    const baselineFile = defaultBaseline(args.path);
    const idKey = baselineFile === undefined ? undefined : resolveIdKey(args.path);
    const baseline = baselineFile === undefined ? undefined : readBaseline(baselineFile);
    if (baselineFile !== undefined && baseline !== undefined && idKey !== undefined) checkBaselineKey(baselineFile, baseline, idKey.key, idKey.from);
    const result = await scan({ source, config, baseline: baseline?.fingerprints, ...(idKey === undefined ? {} : { idKey: idKey.key }) });
    // Hooks scan what is pushed or staged, which is all here: only faults (unreadable objects) fail closed.
    const failed = shortfalls(result.summary, true);
    for (const line of failed.lines) io.stderr.write(`leakwatch: ${line}\n`);
    if (result.findings.length === 0) {
      if (failed.error) io.stderr.write(`leakwatch: ${args.type === 'pre-push' ? 'push' : 'commit'} blocked: not everything could be read (to ${args.type === 'pre-push' ? 'push' : 'commit'} anyway, once: ${bypass})\n`);
      return failed.error ? 1 : 0;
    }
    // What only a blocked push or commit shows: a clean run (the usual one) does not load the table (cli-table3) or the redactor.
    const [{ Redactor }, { formatTable }, { terminalContext }] = await Promise.all([import('../../redact/redactor.js'), import('../../report/table.js'), import('../../report/terminal.js')]);
    const redactor = new Redactor('mask', result.detector.findSecrets);
    io.stderr.write(blockedMessage(args.type, result.findings.length));
    io.stderr.write(formatTable(result.findings.map((finding) => redactor.redact(finding)), terminalContext(io.stderr as MaybeTerminal, process.env)));
    io.stderr.write(remedies(args.type, result.findings, args.remote, tips));
    return 1;
  } catch (error) {
    if (error instanceof LeakwatchError) throw new LeakwatchError(error.code, `${error.message} (to ${args.type === 'pre-push' ? 'push' : 'commit'} anyway, once: ${bypass})`);
    throw error;
  }
}

function blockedMessage(type: HookType, count: number): string {
  const what = `${plural(count, 'secret')} or personal data`;
  return type === 'pre-push' ? `leakwatch: push blocked: the commits being pushed add ${what}:\n` : `leakwatch: commit blocked: the staged changes add ${what}:\n`;
}

/**
 * How to take a secret out of the pushed commits, for where it came in: the last commit is amended; an
 * older one is edited in an interactive rebase from its parent, or with --root when it has none (a
 * root commit has no parent to start from: `git rebase -i ROOT~1` would fail).
 */
export function rewriteSteps(findings: readonly Finding[], tips: ReadonlySet<string>): string[] {
  const commits = findings.map((finding) => finding.commit).filter((commit) => commit !== undefined);
  if (commits.length === 0) return [];
  if (commits.every((commit) => tips.has(commit.oid))) return ['       it came in with the last commit: edit the file, `git add` it, then `git commit --amend`'];
  // The report lists findings oldest first: rewriting from the oldest covers every later one.
  const oldest = commits[0] as NonNullable<Finding['commit']>;
  const start = oldest.parents.length === 0 ? 'git rebase -i --root' : `git rebase -i ${oldest.oid.slice(0, 10)}~1`;
  return [
    `       it came in with commit ${oldest.oid.slice(0, 10)}${oldest.parents.length === 0 ? ' (the first commit)' : ''}: \`${start}\`, mark that commit (and any later one holding the secret) "edit",`,
    '       take the secret out, `git add` the file, `git commit --amend`, `git rebase --continue`',
  ];
}

function remedies(type: HookType, findings: readonly Finding[], remote: string | undefined, tips: ReadonlySet<string>): string {
  const lines = ['', 'What to do:'];
  if (type === 'pre-push') {
    lines.push('  1. Take the secret out of the commits being pushed, not only out of the latest one:', ...rewriteSteps(findings, tips));
  } else {
    lines.push('  1. Take the secret out of the staged file (edit it, then `git add` it again), or unstage the file: `git restore --staged FILE`');
  }
  lines.push(
    '  2. If the secret was ever shared or pushed anywhere, treat it as compromised: revoke it and issue a new one.',
    `  3. A false alarm, or old findings already dealt with? List the path in .leakwatchignore, or mark the line with a \`leakwatch:allow\` comment, or accept every current finding in a baseline: \`leakwatch scan --write-baseline ${DEFAULT_BASELINE}\` (scans and hooks read it from the repository's root).`,
    `  4. To ${type === 'pre-push' ? `push to ${remote ?? 'the remote'}` : 'commit'} anyway, once: \`git ${type === 'pre-push' ? 'push' : 'commit'} --no-verify\``,
    '',
  );
  return lines.join('\n');
}

function gitFacts(path: string): { hasCommit(oid: string): boolean; isRemote(name: string): boolean } {
  const git = (args: string[]): boolean => spawnSync('git', ['-C', path, ...args], { env: NO_NETWORK_ENV, stdio: 'ignore' }).status === 0;
  return {
    hasCommit: (oid) => git(['cat-file', '-e', `${oid}^{commit}`]),
    isRemote: (name) => git(['config', '--get', `remote.${name}.url`]),
  };
}
