// `leakwatch scan [path]`: full-history (or directory) scan, report, exit code.
import { closeSync, fchmodSync, openSync, writeSync } from 'node:fs';
import { createProgressLine } from '../progress.js';
import { Redactor } from '../redact/redactor.js';
import { formatReport, type ReportFormat } from '../report/index.js';
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
  threads: number | undefined;
  reuse: boolean;
  scanBinary: boolean;
}

export async function runScan(args: ScanArguments, io: CliIo): Promise<number> {
  if (!(args.maxBlobMb > 0)) throw new UserError('usage', '--max-blob-mb must be a positive number');
  if (args.threads !== undefined && !(Number.isInteger(args.threads) && args.threads >= 1)) throw new UserError('usage', '--threads must be a whole number >= 1');
  const detector = createDetector(args.patterns, args.only);
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
        range: args.range,
        threads: args.threads,
        reuse: args.reuse,
        patternsDir: args.patterns,
        only: args.only,
        scanBinary: args.scanBinary,
        onProgress: progress?.update,
      },
      detector,
    );
  } finally {
    progress?.done();
  }

  const redactor = new Redactor(args.redact ? 'mask' : 'none', detector);
  const report = formatReport(args.format, result.findings.map((finding) => redactor.redact(finding)), detector.ruleSet.rules);
  if (args.output === undefined) io.stdout.write(report);
  else writePrivateFile(args.output, report);
  io.stderr.write(`${summaryLine(result.summary, args.git, args.maxBlobMb)}\n`);
  return result.findings.length > 0 ? 1 : 0;
}

/** Reports can hold masked secrets and personal data: owner-only, also when the file existed before. */
function writePrivateFile(path: string, text: string): void {
  let fd: number;
  try {
    fd = openSync(path, 'w', 0o600);
  } catch (error) {
    throw new UserError('output', `${path}: cannot write the report (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    fchmodSync(fd, 0o600);
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

function summaryLine(summary: ScanSummary, git: boolean, maxBlobMb: number): string {
  const what = git ? `${count(summary.commits, 'commit')}, ${count(summary.blobs, 'unique blob')}` : count(summary.blobs, 'file');
  const skipped = [
    summary.binarySkipped > 0 ? `${summary.binarySkipped} binary` : '',
    summary.oversizedSkipped > 0 ? `${summary.oversizedSkipped} over ${maxBlobMb} MB` : '',
    summary.missingSkipped > 0 ? `${summary.missingSkipped} missing from this partial clone (not fetched)` : '',
    summary.ignoredPaths > 0 ? `${summary.ignoredPaths} ignored by .leakwatchignore` : '',
  ].filter((part) => part !== '');
  const findings = count(summary.findings, 'finding');
  return `leakwatch: scanned ${what} (${(summary.bytes / 1e6).toFixed(1)} MB) in ${(summary.durationMs / 1000).toFixed(2)} s: ${findings}${
    skipped.length > 0 ? `; not scanned: ${skipped.join(', ')}` : ''
  }`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
