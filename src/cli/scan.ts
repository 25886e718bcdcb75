// `leakwatch scan [path]`: full-history (or directory) scan, report, exit code.
import { spawnSync } from 'node:child_process';
import { appendFileSync, closeSync, fchmodSync, openSync, writeSync } from 'node:fs';
import { annotations, eventScope, readEventPayload, stepSummary, type EventScope, type RepositoryFacts } from '../ci/github.js';
import { NO_NETWORK_ENV } from '../sources/git-cli.js';
import { readBaseline } from '../config/baseline.js';
import { loadScanConfig } from '../config/load.js';
import { createProgressLine } from '../progress.js';
import { Redactor } from '../redact/redactor.js';
import { reportChunks, type ReportFormat } from '../report/index.js';
import { UserError } from '../errors.js';
import { createDetector, scan } from '../scan.js';
import type { GitBackendName } from '../sources/types.js';
import type { Category, ScanSummary } from '../types.js';
import type { CliIo } from './main.js';

export interface ScanArguments {
  path: string;
  format: ReportFormat;
  output: string | undefined;
  redact: boolean;
  git: boolean;
  gitBackend: GitBackendName | undefined;
  patterns: string | undefined;
  only: Category | undefined;
  maxBlobMb: number;
  progress: boolean;
  range: string | undefined;
  since: string | undefined;
  staged: boolean;
  config: string | undefined;
  baseline: string | undefined;
  threads: number | undefined;
  reuse: boolean;
  scanBinary: boolean;
}

export async function runScan(args: ScanArguments, io: CliIo): Promise<number> {
  if (!(args.maxBlobMb > 0)) throw new UserError('usage', '--max-blob-mb must be a positive number');
  if (args.threads !== undefined && !(Number.isInteger(args.threads) && args.threads >= 1)) throw new UserError('usage', '--threads must be a whole number >= 1');
  const chosen = [args.range === undefined ? '' : '--range', args.since === undefined ? '' : '--since', args.staged ? '--staged' : '', args.git ? '' : '--no-git'].filter((flag) => flag !== '');
  if (chosen.length > 1) throw new UserError('usage', `${chosen.join(' and ')} cannot be used together`);
  const env = io.env ?? process.env;
  // In GitHub Actions, a scan without an explicit choice covers exactly the event's commits.
  const inActions = env.GITHUB_ACTIONS === 'true';
  const actions = inActions && chosen.length === 0 ? githubScope(args.path, env) : undefined;
  // Workflow commands go to stdout, unless a machine-read report is printed there.
  const commands = args.output === undefined && args.format !== 'table' ? io.stderr : io.stdout;
  if (actions !== undefined) {
    for (const warning of actions.warnings) commands.write(`::warning title=leakwatch::${warning}\n`);
    io.stderr.write(`leakwatch: GitHub Actions ${env.GITHUB_EVENT_NAME ?? ''} event: scanning ${actions.description}\n`);
    if (actions.empty) return 0;
  }
  const range = actions !== undefined ? actions.selection : args.since !== undefined ? `${args.since}..HEAD` : args.range;
  const config = loadScanConfig(args.path, args.config);
  const detector = createDetector(args.patterns, args.only, config);
  for (const note of config.notes) io.stderr.write(`leakwatch: note: ${note}\n`);
  const baseline = args.baseline === undefined ? undefined : readBaseline(args.baseline);
  if (baseline?.unmasked === true) io.stderr.write(`leakwatch: warning: ${args.baseline ?? ''} holds unmasked secrets (written with --no-redact?): only its fingerprints are used; keep it out of the repository\n`);
  const stderr = io.stderr as NodeJS.WriteStream;
  const progress = args.progress && stderr.isTTY === true ? createProgressLine(stderr) : undefined;
  let result;
  try {
    result = await scan(
      {
        path: args.path,
        git: args.git,
        backend: args.gitBackend,
        maxBlobBytes: Math.floor(args.maxBlobMb * 1024 * 1024),
        range,
        staged: args.staged,
        threads: args.threads,
        reuse: args.reuse,
        patternsDir: args.patterns,
        only: args.only,
        scanBinary: args.scanBinary,
        onProgress: progress?.update,
        config,
        baseline: baseline?.fingerprints,
      },
      detector,
    );
  } finally {
    progress?.done();
  }

  const redactor = new Redactor(args.redact ? 'mask' : 'none', detector);
  const findings = result.findings;
  const redacted = (function* redactEach() {
    for (const finding of findings) yield redactor.redact(finding);
  })();
  const report = inPieces(reportChunks(args.format, redacted, detector.ruleSet.rules));
  if (args.output === undefined) for (const chunk of report) io.stdout.write(chunk);
  else writePrivateFile(args.output, report);
  const summary = summaryLine(result.summary, args.git, args.maxBlobMb, args.staged);
  io.stderr.write(`${summary}\n`);
  if (inActions) {
    // Annotations and the step summary are logs: always masked, whatever --redact says.
    const masker = new Redactor('mask', detector);
    const masked = findings.map((finding) => masker.redact(finding));
    commands.write(annotations(masked));
    const summaryFile = env.GITHUB_STEP_SUMMARY;
    const scope = actions?.description ?? (range !== undefined ? `range ${typeof range === 'string' ? range : range.description}` : args.staged ? 'the staged changes' : args.git ? 'the whole history' : `the files of ${args.path}`);
    if (summaryFile !== undefined && summaryFile !== '') appendFileSync(summaryFile, stepSummary(masked, scope, summary));
  }
  return result.findings.length > 0 ? 1 : 0;
}

/** The commits of the GitHub event this run is for (see ci/github.ts). */
function githubScope(path: string, env: NodeJS.ProcessEnv): EventScope {
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const repoFacts = repositoryFacts(path);
  if (eventName !== 'push' && eventName !== 'pull_request' && eventName !== 'pull_request_target') return eventScope(eventName, {}, '', repoFacts);
  const eventPath = env.GITHUB_EVENT_PATH;
  return eventScope(eventName, readEventPayload(eventPath), eventPath ?? '', repoFacts);
}

function repositoryFacts(path: string): RepositoryFacts {
  const git = (args: string[]): { ok: boolean; out: string } => {
    const result = spawnSync('git', ['-C', path, ...args], { encoding: 'utf8', env: NO_NETWORK_ENV });
    return { ok: result.status === 0, out: (result.stdout ?? '').trim() };
  };
  return {
    hasCommit: (oid) => git(['cat-file', '-e', `${oid}^{commit}`]).ok,
    ref: (name) => (git(['rev-parse', '--verify', '--quiet', `${name}^{commit}`]).ok ? name : undefined),
    isShallow: () => git(['rev-parse', '--is-shallow-repository']).out === 'true',
  };
}

/** Joins small report chunks into writes of about 64 KB: one system call per finding would be slow on big reports. */
function* inPieces(chunks: Iterable<string>): Iterable<string> {
  let piece = '';
  for (const chunk of chunks) {
    piece += chunk;
    if (piece.length >= 65536) {
      yield piece;
      piece = '';
    }
  }
  if (piece !== '') yield piece;
}

/** Reports can hold masked secrets and personal data: owner-only, also when the file existed before. */
function writePrivateFile(path: string, chunks: Iterable<string>): void {
  let fd: number;
  try {
    fd = openSync(path, 'w', 0o600);
  } catch (error) {
    throw new UserError('output', `${path}: cannot write the report (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    fchmodSync(fd, 0o600);
    for (const chunk of chunks) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}

function summaryLine(summary: ScanSummary, git: boolean, maxBlobMb: number, staged: boolean): string {
  const what = staged ? count(summary.blobs, 'staged file') : git ? `${count(summary.commits, 'commit')}, ${count(summary.blobs, 'unique blob')}` : count(summary.blobs, 'file');
  const skipped = [
    summary.binarySkipped > 0 ? `${summary.binarySkipped} binary` : '',
    summary.oversizedSkipped > 0 ? `${summary.oversizedSkipped} over ${maxBlobMb} MB` : '',
    summary.missingSkipped > 0 ? `${summary.missingSkipped} missing from this partial clone (not fetched)` : '',
    summary.ignoredPaths > 0 ? `${summary.ignoredPaths} ignored by .leakwatchignore` : '',
  ].filter((part) => part !== '');
  const findings = `${count(summary.findings, 'finding')}${summary.baselined > 0 ? ` (and ${summary.baselined} already in the baseline or fingerprint lists)` : ''}`;
  return `leakwatch: scanned ${what} (${(summary.bytes / 1e6).toFixed(1)} MB) in ${(summary.durationMs / 1000).toFixed(2)} s: ${findings}${
    skipped.length > 0 ? `; not scanned: ${skipped.join(', ')}` : ''
  }`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
