// The fast path is exact: the default scan (changed lines only, carried results, threads) must
// write the very report `--no-reuse` writes (every version of every file searched whole). The
// bench runs both on its repository and compares the JSON byte for byte; a difference names the
// findings that differ by rule, path and line, never by value.
import { spawnSync } from 'node:child_process';

/** The id key both scans use, so the two reports' ids can be compared (and nothing is written to the repository). */
const BENCH_ID_KEY = 'b3ec4f1a5e7d2c9086f1b2a3c4d5e6f708192a3b';

export interface Exactness {
  identical: boolean;
  /** What the bench prints: one line when identical, else a heading and one line per differing finding. */
  lines: string[];
}

/** Scans `repo` with `bin` by default and with `--no-reuse` (all findings, `--confidence low`), and compares the reports. */
export function checkFastPath(bin: string, repo: string): Exactness {
  const report = (extra: string[]): Buffer => {
    const result = spawnSync(process.execPath, [bin, 'scan', repo, '-f', 'json', '--confidence', 'low', '--no-progress', '--no-cache', ...extra], {
      env: { ...process.env, LEAKWATCH_ID_KEY: BENCH_ID_KEY, GITHUB_ACTIONS: '' }, maxBuffer: 1 << 30,
    });
    if (result.status !== 0 && result.status !== 1) throw new Error(`leakwatch scan ${extra.join(' ')} failed: ${result.stderr.toString('utf8')}`);
    return result.stdout;
  };
  return compareReports(report([]), report(['--no-reuse']));
}

interface ReportedFinding {
  ruleId: string;
  path: string;
  line: number;
  commit?: string;
  occurrenceCount?: number;
}

/** Compares two JSON reports: identical bytes, or the findings only one of them has (each finding whole, occurrences included). */
export function compareReports(fast: Buffer, whole: Buffer): Exactness {
  const fastFindings = JSON.parse(fast.toString('utf8')) as ReportedFinding[];
  if (fast.equals(whole)) return { identical: true, lines: [`fast path exact: identical (${fastFindings.length} findings)`] };
  const wholeFindings = JSON.parse(whole.toString('utf8')) as ReportedFinding[];
  const keyed = (findings: ReportedFinding[]): Map<string, ReportedFinding> => new Map(findings.map((finding) => [JSON.stringify(finding), finding]));
  const [a, b] = [keyed(fastFindings), keyed(wholeFindings)];
  const describe = (finding: ReportedFinding): string =>
    `${finding.ruleId} ${finding.path}:${finding.line} (commit ${(finding.commit ?? '').slice(0, 10)}, ${finding.occurrenceCount ?? 0} other places)`;
  const lines = [`fast path NOT exact: the default scan reports ${fastFindings.length} findings, --no-reuse ${wholeFindings.length}; differing:`];
  for (const [key, finding] of a) if (!b.has(key)) lines.push(`  only by default:     ${describe(finding)}`);
  for (const [key, finding] of b) if (!a.has(key)) lines.push(`  only with --no-reuse: ${describe(finding)}`);
  if (lines.length === 1) lines.push('  the same findings, in another order or form');
  return { identical: false, lines };
}
