// Several repositories in one report: `scan REPO...`, `scan --repos-from FILE`, `--shard K/N`, and
// what `merge` needs to put shards' reports back together. A repository is named in reports as it was
// given (the list's line, the argument), so reports made on different machines from the same list
// agree; the list is deduplicated and sorted, which fixes both the report's order and the shards.
import { readFileSync } from 'node:fs';
import { isLeakwatchError, LeakwatchError } from '../model/errors.js';
import { readAll } from '../model/streams.js';
import type { RedactedFinding, RuleInfo } from '../model/types.js';
import { plural } from '../model/words.js';
import { formatNamed, type FormatName } from '../report/registry.js';
import { terminalContext, type ColorChoice, type MaybeTerminal } from '../report/terminal.js';
import type { CliIo } from './io.js';
import { inPieces, writePrivateFile } from './output.js';

/** One shard: the `index`-th (from 0) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

/** `K/N`, K counted from 0 (as Kubernetes' JOB_COMPLETION_INDEX is): 0/3, 1/3 and 2/3 cover a list. */
export function parseShard(text: string): Shard {
  const parts = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(parts?.[1]);
  const count = Number(parts?.[2]);
  if (parts === null || !Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1) {
    throw new LeakwatchError('usage', `--shard ${text}: give K/N, share K of N, with K counted from 0 (0/3, 1/3, 2/3)`);
  }
  if (index >= count) throw new LeakwatchError('usage', `--shard ${text}: K counts from 0, so it is 0 to ${count - 1} for ${count} shards (as JOB_COMPLETION_INDEX)`);
  return { index, count };
}

/**
 * The repositories to scan, in report order: deduplicated and sorted by name (code point order, the
 * same on every machine), then, for a shard, every N-th from the K-th (round-robin: shards differ
 * in size by one repository at most). Every shard of the same list takes a disjoint share, and
 * together they take the whole list.
 */
export function repositoriesToScan(names: readonly string[], shard?: Shard): string[] {
  const sorted = sortedNames(names);
  return shard === undefined ? sorted : sorted.filter((_, at) => at % shard.count === shard.index);
}

export function sortedNames(names: Iterable<string>): string[] {
  return [...new Set(names)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A list of repositories: one per line; blank lines and lines starting with # are skipped; `-` is standard input. */
export async function readRepositoryList(from: string, stdin: NodeJS.ReadableStream): Promise<string[]> {
  let text: string;
  try {
    text = from === '-' ? (await readAll(stdin)).toString('utf8') : readFileSync(from, 'utf8');
  } catch (error) {
    throw new LeakwatchError('file-unreadable', `${from}: cannot read the list of repositories (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
}

/** What a scan of one repository hands over to the report of them all. */
export interface RepositoryReport {
  findings: RedactedFinding[];
  rules: readonly RuleInfo[];
}

/** Every rule of the reports, each once, in the order first seen (repositories in report order). */
export function unionOfRules(lists: Iterable<readonly RuleInfo[]>): RuleInfo[] {
  const seen = new Map<string, RuleInfo>();
  for (const list of lists) for (const rule of list) if (!seen.has(rule.id)) seen.set(rule.id, rule);
  return [...seen.values()];
}

/** A finding of a repository: the repository's name first, so a JSON report reads it first. */
export function inRepository(repository: string, finding: RedactedFinding): RedactedFinding {
  const { repository: _ignored, ...rest } = finding;
  return { repository, ...rest };
}

/** What a scan of several repositories needs of `scan`'s arguments. */
export interface ManyArguments {
  path: string;
  more?: string[] | undefined;
  reposFrom?: string | undefined;
  shard?: string | undefined;
  printRepos: boolean;
  format: FormatName;
  output?: string | undefined;
  redact: boolean;
  color: ColorChoice;
  debug: boolean;
  staged: boolean;
  files?: string[] | undefined;
  filesFrom?: string | undefined;
  writeBaseline?: string | undefined;
  baseline?: string | undefined;
}

type ScanOne<Args> = (args: Args, io: CliIo, collect: (report: RepositoryReport) => void) => Promise<number>;

/**
 * Scans each repository in turn with `scanOne` (scan's own run, with one repository), then writes one
 * report of them all. A repository that cannot be scanned is named and skipped; the others are still
 * reported, and the exit code is 2 at the end (fail closed), else 1 when anything was found, else 0.
 */
export async function scanMany<Args extends ManyArguments>(args: Args, io: CliIo, scanOne: ScanOne<Args>): Promise<number> {
  if (args.reposFrom !== undefined && ((args.more?.length ?? 0) > 0 || args.path !== '.')) {
    throw new LeakwatchError('usage', '--repos-from names the repositories: name none on the command line as well');
  }
  const excluded = [
    args.path === '-' ? 'scan -' : '', args.staged ? '--staged' : '', args.files === undefined ? '' : '--files', args.filesFrom === undefined ? '' : '--files-from',
    args.writeBaseline === undefined ? '' : '--write-baseline', args.baseline === undefined ? '' : '--baseline',
  ].filter((flag) => flag !== '');
  if (excluded.length > 0) throw new LeakwatchError('usage', `${excluded.join(' and ')} cannot be used with several repositories (each uses the baseline at its root)`);
  const shard = args.shard === undefined ? undefined : parseShard(args.shard);
  const listed = args.reposFrom === undefined ? [args.path, ...(args.more ?? [])] : await readRepositoryList(args.reposFrom, io.stdin ?? process.stdin);
  const repositories = repositoriesToScan(listed, shard);
  // What a shard's job clones before it scans: exactly the share the scan will take.
  if (args.printRepos) {
    for (const repository of repositories) io.stdout.write(`${repository}\n`);
    return 0;
  }
  if (shard !== undefined) io.stderr.write(`leakwatch: shard ${shard.index}/${shard.count}: ${countRepositories(repositories.length)} of ${sortedNames(listed).length}\n`);
  // GitHub Actions' event names the commits of the repository checked out, not of the others: each is scanned whole.
  const env = io.env ?? process.env;
  const oneIo: CliIo = { ...io, env: { ...env, GITHUB_ACTIONS: '' } };
  const reports: RepositoryReport[] = [];
  const failed: string[] = [];
  let code = 0;
  for (const [at, repository] of repositories.entries()) {
    io.stderr.write(`leakwatch: repository ${at + 1} of ${repositories.length}: ${repository}\n`);
    try {
      const one = { ...args, path: repository, more: [], reposFrom: undefined, shard: undefined, printRepos: false, output: undefined };
      let report: RepositoryReport | undefined;
      const exit = await scanOne(one, oneIo, (each) => {
        report = each;
      });
      if (report !== undefined) reports.push({ rules: report.rules, findings: report.findings.map((finding) => inRepository(repository, finding)) });
      if (exit === 2) failed.push(repository);
      code = Math.max(code, exit);
    } catch (error) {
      if (args.debug && error instanceof Error && error.stack !== undefined) io.stderr.write(`${error.stack}\n`);
      const message = isLeakwatchError(error) && error.code !== 'internal' ? error.message : `internal error: ${error instanceof Error ? error.message : String(error)}`;
      io.stderr.write(`leakwatch: ${message} (repository ${repository} not scanned; the others are)\n`);
      failed.push(repository);
      code = 2;
    }
  }
  const findings = reports.flatMap((report) => report.findings);
  writeReport(args, io, findings, unionOfRules(reports.map((report) => report.rules)), repositories);
  const withFindings = new Set(findings.map((finding) => finding.repository)).size;
  io.stderr.write(`leakwatch: ${countRepositories(repositories.length)}: ${plural(findings.length, 'finding')} in ${withFindings}${
    failed.length === 0 ? '' : `; not scanned as asked (exit 2): ${failed.join(', ')}`}\n`);
  return code;
}

/** The report of several repositories, to standard output or `--output` (mode 0600). */
export function writeReport(args: Pick<ManyArguments, 'format' | 'output' | 'redact' | 'color'>, io: CliIo, findings: readonly RedactedFinding[], rules: readonly RuleInfo[], repositories: readonly string[]): void {
  const terminal = terminalContext(args.output === undefined ? io.stdout as MaybeTerminal : undefined, io.env ?? process.env, args.color);
  const scope = `${countRepositories(repositories.length)}`;
  const report = inPieces(formatNamed(args.format).write(findings, rules, { scope, redacted: args.redact, repositories, ...terminal }));
  if (args.output === undefined) for (const chunk of report) io.stdout.write(chunk);
  else writePrivateFile(args.output, report);
}

function countRepositories(n: number): string {
  return `${n} ${n === 1 ? 'repository' : 'repositories'}`;
}
