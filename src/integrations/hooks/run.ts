// Running as git runs a hook: a pre-push hook scans what the push sends, a
// pre-commit hook what is staged. A hook that finds something blocks with a
// masked table and what to do next; a clean run is silent; an error says how
// to bypass the hook once, so a bug never locks anyone out.
import { spawnSync } from 'node:child_process';
import { scan } from '../../engine/scan.js';
import { LeakwatchError } from '../../model/errors.js';
import { readAll } from '../../model/streams.js';
import { plural } from '../../model/words.js';
import type { Finding } from '../../model/types.js';
import { Redactor } from '../../redact/redactor.js';
import { formatTable } from '../../report/table.js';
import { terminalContext, type MaybeTerminal } from '../../report/terminal.js';
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
    if (args.type === 'pre-push') {
      selection = pushedRevisions(args.remote ?? '', parsePrePushInput((await readAll(io.stdin ?? process.stdin)).toString('utf8')), gitFacts(args.path));
      if (selection === undefined) return 0; // only deletions: nothing leaves this machine
    }
    const config = loadConfig(args.path, undefined);
    const source: SourceSpec = args.type === 'pre-push' ? { kind: 'history', path: args.path, backend: 'cli', range: selection } : { kind: 'staged', path: args.path };
    const result = await scan({ source, config });
    if (result.findings.length === 0) return 0;
    const redactor = new Redactor('mask', result.detector.findSecrets);
    io.stderr.write(blockedMessage(args.type, result.findings.length));
    io.stderr.write(formatTable(result.findings.map((finding) => redactor.redact(finding)), terminalContext(io.stderr as MaybeTerminal, process.env)));
    io.stderr.write(remedies(args.type, result.findings, args.remote));
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

function remedies(type: HookType, findings: readonly Finding[], remote: string | undefined): string {
  const lines = ['', 'What to do:'];
  if (type === 'pre-push') {
    const oldest = findings.map((finding) => finding.commit?.oid).find((oid) => oid !== undefined);
    lines.push(
      '  1. Take the secret out of the commits being pushed, not only out of the latest one:',
      '       in the last commit:   edit the file, `git add` it, then `git commit --amend`',
      `       in an older commit:   \`git rebase -i ${oldest === undefined ? 'COMMIT' : oldest.slice(0, 10)}~1\`, mark that commit "edit", fix it, \`git commit --amend\`, \`git rebase --continue\``,
    );
  } else {
    lines.push('  1. Take the secret out of the staged file (edit it, then `git add` it again), or unstage the file: `git restore --staged FILE`');
  }
  lines.push(
    '  2. If the secret was ever shared or pushed anywhere, treat it as compromised: revoke it and issue a new one.',
    '  3. A false alarm? List the path in .leakwatchignore, or mark the line with a `leakwatch:allow` comment, or record the finding in a baseline (`leakwatch scan --baseline FILE`).',
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
