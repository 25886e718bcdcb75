// `npm run bench [-- REPO] [--runs N]`: how leakwatch's full-history scan
// compares with the time git needs to read the same history, and how fast a
// pre-push scan of a few commits is (with merges too). `--large [REPO...]`: the large case alone
// (git/git), the full scan's time, peak RSS and MB/s per repository. Medians of several runs; the machines
// are shared and noisy, so single timings mean little.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { createProgressLine } from '../src/cli/progress.js';
import { scan, type ScanProgress } from '../src/engine/scan.js';
import { defaultPatternsDir } from '../src/rules/catalog.js';
import { readSnapshot } from '../src/rules/catalog-snapshot.js';
import { buildSyntheticRepository, SYNTHETIC_COMMITS } from './synthetic.js';
import { benchRedact, describeRedactBench } from './redact.js';
import { checkFastPath } from './exactness.js';
import { completeView } from './complete-refs.js';
import { generateLog } from '../fixtures/logs.js';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const RUN_SCAN = join(ROOT, 'dist', 'bench', 'run-scan.js');

interface Timing {
  seconds: number;
  rssKb?: number;
  /** A scan with a cache: how many blobs it answered from there. */
  answered?: string;
  /** The command exited with an error (timed all the same). */
  failed?: boolean;
  /** CPU time of the scan's process (user + system, worker threads included). */
  cpuSeconds?: number;
  /** Bytes the scan's summary line counts (`scanned N files (X MB)`). */
  scannedBytes?: number;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const runsAt = args.indexOf('--runs');
  const runs = runsAt === -1 ? 5 : Number(args[runsAt + 1]);
  // `--redact`: only the redact measurements (no repository needed).
  if (args.includes('--redact')) {
    redactRows(runs);
    return;
  }
  const repoArgs = args.filter((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--runs');
  // `--dir [DIR]`: only the directory-scan rows (scan --no-git, node_modules by default).
  if (args.includes('--dir')) {
    dirRows(repoArgs[0] ?? join(ROOT, 'node_modules'), runs);
    return;
  }
  // `--reaudit`: only the re-audit rows (the scan cache, issue 15); with --large, git/git's too.
  if (args.includes('--reaudit')) {
    const first = repoArgs[0] ?? (await syntheticRepository());
    const rows = [reaudit(first, runs), ...(args.includes('--large') ? [reaudit(LARGE_REPOSITORY, 1)] : [])];
    for (const row of rows) console.log(`re-audit of ${row.name} after one new commit: warm ${seconds(row.warm)}, cold ${seconds(row.cold)}: ${ratio(row.warm, row.cold)} of the cold scan (target 0.10x); ${row.answered}`);
    return;
  }
  // `--large [REPO]`: the large case alone (git/git by default), one run unless --runs says more.
  if (args.includes('--large')) {
    const repos = repoArgs.length > 0 ? repoArgs : [LARGE_REPOSITORY];
    const rates = repos.map((repo) => largeRows(repo, runsAt === -1 ? 1 : runs));
    if (rates.length > 1) for (const [repo, rate] of rates) console.log(`${rate.toFixed(0).padStart(5)} MB/s  ${repo}`);
    return;
  }
  const repo = repoArgs[0] ?? (await syntheticRepository());
  const blobBytes = totalBlobBytes(repo);
  const commits = Number(git(repo, ['rev-list', '--all', '--count']).trim());
  console.log(`repository: ${repo}\n  ${commits} commits, ${(blobBytes / 1e6).toFixed(1)} MB of blob data; ${runs} runs each, medians\n`);

  const floor = median(runs, () => timeCommand('git', ['-C', repo, 'cat-file', '--batch-all-objects', '--batch', '--unordered']));
  const logP = median(runs, () => timeCommand('git', ['-C', repo, 'log', '-p', '--all']));
  // The same stream read by another process through a pipe: what any reader pays before it searches a byte.
  const piped = median(runs, () => timeCommand('sh', ['-c', 'git -C "$1" cat-file --batch-all-objects --batch --unordered | cat', 'sh', repo]));
  const full = median(runs, () => timeScan([repo]));
  const single = median(runs, () => timeScan([repo, '--threads', '1']));
  const whole = median(runs, () => timeScan([repo, '--threads', '1', '--no-reuse']));
  const range = prePushRange(repo);
  const prePush = range === undefined ? undefined : median(runs, () => timeScan([repo, '--range', range]));
  const hook = range === undefined ? undefined : median(runs, () => timeHook(repo));
  const merges = mergePush(repo);
  const mergeHook = merges === undefined ? undefined : median(runs, () => timeHook(repo, merges));
  const progress = await progressCost(repo, runs);
  const reaudits = [reaudit(repo, runs)];
  // git/git (8 GB of blobs, minutes per scan) only when asked for.
  const large = '/work/.mirror/git+git/repo';
  if (args.includes('--large') && existsSync(large) && large !== repo) reaudits.push(reaudit(large, 1));

  const rows: Array<[string, string, string]> = [
    ['git cat-file --batch-all-objects --batch --unordered (floor)', seconds(floor), ''],
    ['  ... read through a pipe (| cat)', seconds(piped), `${ratio(piped, floor)} of the floor`],
    ['git log -p --all', seconds(logP), ''],
    ['leakwatch scan (full history)', seconds(full), `peak RSS ${mb(full.rssKb)}`],
    ['  ... one thread', seconds(single), `peak RSS ${mb(single.rssKb)}`],
    ['  ... one thread, every blob searched whole', seconds(whole), `peak RSS ${mb(whole.rssKb)}`],
    ['scan / floor', ratio(full, floor), ''],
    ['scan / git log -p', ratio(full, logP), ''],
    ['blob data scanned per second', `${(blobBytes / 1e6 / full.seconds).toFixed(0)} MB/s`, ''],
    [`pre-push: scan --range ${range ?? '(repository too short)'}`, prePush === undefined ? '-' : seconds(prePush), 'start-up included'],
    ['pre-push: hook run pre-push, git\'s line for HEAD~3 -> HEAD', hook === undefined ? '-' : seconds(hook), 'bin/leakwatch.js, as the installed hook runs it'],
    [`pre-push with merges: hook, ${merges === undefined ? 'no such range' : describePush(merges)}`, mergeHook === undefined ? '-' : seconds(mergeHook), catalogNote()],
    ['progress line: time inside its callback / scan time', `${(progress.inside * 100).toFixed(2)} %`, 'measured directly'],
    ['progress line: scans with vs without it (noisy)', `${((progress.ratio - 1) * 100).toFixed(1)} %`, ''],
    ...reaudits.flatMap((row): Array<[string, string, string]> => [
      [`re-audit of ${row.name} after one new commit (warm cache)`, seconds(row.warm), `${ratio(row.warm, row.cold)} of the cold scan (target 0.10x); ${row.answered}`],
      ['  ... the cold scan that filled the cache', seconds(row.cold), ''],
    ]),
  ];
  const width = Math.max(...rows.map((row) => row[0].length));
  for (const [name, value, note] of rows) console.log(`${name.padEnd(width)}  ${value.padStart(9)}  ${note}`);
  console.log('');
  // The default report must be --no-reuse's, byte for byte: else the bench fails.
  const exactness = checkFastPath(join(ROOT, 'bin', 'leakwatch.js'), repo);
  for (const line of exactness.lines) console.log(line);
  if (!exactness.identical) process.exitCode = 1;
  console.log('');
  dirRows(join(ROOT, 'node_modules'), runs);
  console.log('');
  redactRows(runs);
}

/**
 * `scan --no-git DIR` (node_modules by default: many files, large bundles, binaries): MB/s of the bytes
 * the scan counts (its summary line) over the wall time, start-up included, with the default threads
 * and with one and two; and the process's CPU time (user + system), steadier on a shared machine.
 * Target: 100 MB/s on node_modules.
 */
function dirRows(dir: string, runs: number): void {
  const row = (label: string, extra: string[]): void => {
    let counted = 0;
    const timings = Array.from({ length: runs }, () => {
      const timing = timeScan([dir, '--no-git', ...extra]);
      counted = timing.scannedBytes ?? counted;
      return timing;
    });
    const wall = timings.sort((a, b) => a.seconds - b.seconds)[Math.floor(timings.length / 2)] as Timing;
    const cpu = middle(timings.map((timing) => timing.cpuSeconds ?? Number.NaN));
    console.log(`${label.padEnd(44)}  ${seconds(wall).padStart(9)}  ${(counted / 1e6 / wall.seconds).toFixed(0).padStart(4)} MB/s (target 100)  CPU ${cpu.toFixed(2)} s  peak RSS ${mb(wall.rssKb)}`);
  };
  console.log(`directory: ${dir}; ${runs} runs each, medians`);
  row('scan --no-git (default threads)', []);
  row('  ... --threads 1', ['--threads', '1']);
  row('  ... --threads 2', ['--threads', '2']);
}

/**
 * `leakwatch redact` on a generated ~100 MB log (one line in 200 with a secret): in-process through
 * createRedactStream, and the CLI on a file, start-up included (target 50 MB/s).
 */
function redactRows(runs: number): void {
  const inProcess = benchRedact(100, runs);
  console.log(describeRedactBench(inProcess));
  const file = join(tmpdir(), 'leakwatch-bench-app.log');
  const log = generateLog(100e6);
  writeFileSync(file, log);
  const cli = median(runs, () => timeCommand(process.execPath, [join(ROOT, 'bin', 'leakwatch.js'), 'redact', file]));
  console.log(`redact: leakwatch redact FILE > /dev/null, start-up included: ${seconds(cli)}, ${(log.length / 1e6 / cli.seconds).toFixed(1)} MB/s (median of ${runs})`);
}

async function syntheticRepository(): Promise<string> {
  const dir = join(tmpdir(), `leakwatch-bench-synthetic-${SYNTHETIC_COMMITS}`);
  const done = join(dir, '.leakwatch-bench-complete');
  if (!existsSync(done)) {
    console.log(`building the synthetic repository in ${dir} (once; cached)...`);
    mkdirSync(dir, { recursive: true });
    await buildSyntheticRepository(dir);
    writeFileSync(done, '');
  }
  return dir;
}

function git(repo: string, args: string[]): string {
  return execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
}

function totalBlobBytes(repo: string): number {
  const lines = git(repo, ['cat-file', '--batch-all-objects', '--unordered', '--batch-check=%(objecttype) %(objectsize)']).split('\n');
  return lines.filter((line) => line.startsWith('blob ')).reduce((sum, line) => sum + Number(line.slice(5)), 0);
}

function prePushRange(repo: string): string | undefined {
  const result = spawnSync('git', ['-C', repo, 'rev-parse', '--verify', '-q', 'HEAD~3'], { encoding: 'utf8' });
  return result.status === 0 ? 'HEAD~3..HEAD' : undefined;
}

/**
 * A full-history scan that fills the cache (cold), then, in each run, one new commit and a scan
 * answered from the cache (warm), on a clone sharing the repository's objects (git clone --shared).
 */
function reaudit(repo: string, runs: number): { name: string; cold: Timing; warm: Timing; answered: string } {
  const clone = mkdtempSync(join(tmpdir(), 'leakwatch-bench-reaudit-'));
  try {
    execFileSync('git', ['clone', '-q', '--shared', '--no-checkout', repo, clone]);
    const cache = join(clone, 'cache-under-test');
    const cold = median(runs, () => {
      rmSync(cache, { recursive: true, force: true });
      return timeScan([clone, '--cache', cache]);
    });
    let last = '';
    const warm = median(runs, () => {
      const tree = git(clone, ['rev-parse', 'HEAD^{tree}']).trim();
      // The new commit changes one file: a blob no scan has seen.
      const blob = execFileSync('git', ['-C', clone, 'hash-object', '-w', '--stdin'], { input: `bench ${Date.now()} ${Math.random()}\n`, encoding: 'utf8' }).trim();
      const withFile = execFileSync('git', ['-C', clone, 'mktree'], { input: `${git(clone, ['ls-tree', tree])}100644 blob ${blob}\tLEAKWATCH-BENCH\n`, encoding: 'utf8' }).trim();
      const changed = execFileSync('git', ['-C', clone, 'commit-tree', withFile, '-p', 'HEAD', '-m', 'bench: one new commit'], {
        encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b.test', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b.test' },
      }).trim();
      git(clone, ['update-ref', 'HEAD', changed]);
      const timing = timeScan([clone, '--cache', cache]);
      last = timing.answered ?? '';
      return timing;
    });
    return { name: repo.replace(/\/repo$/, '').split('/').pop() ?? repo, cold, warm, answered: last };
  } finally {
    rmSync(clone, { recursive: true, force: true });
  }
}

function timeCommand(command: string, args: string[], mayFail = false): Timing {
  const started = performance.now();
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', mayFail ? 'ignore' : 'inherit'], maxBuffer: 0 });
  if (result.status !== 0 && !mayFail) throw new Error(`${command} ${args.join(' ')} failed`);
  return { seconds: (performance.now() - started) / 1000, ...(result.status === 0 ? {} : { failed: true }) };
}

/** The large case: git/git, fetched as a bare mirror (its commit is named in the README). */
const LARGE_REPOSITORY = process.env.LEAKWATCH_BENCH_LARGE ?? '/work/.mirror/git+git/repo';

/**
 * The rows that matter for a large history, without the slow ones (floors, one thread, --no-reuse):
 * `git log -p --all`, the full scan (time, peak RSS, MB/s) and a pre-push with merges. Where git stops at
 * a missing object, both are also timed on the complete view (complete-refs.ts). Returns MB/s.
 */
function largeRows(repo: string, runs: number): [string, number] {
  const blobBytes = totalBlobBytes(repo);
  const commits = Number(git(repo, ['rev-list', '--all', '--count']).trim());
  const head = git(repo, ['rev-parse', 'HEAD']).trim();
  console.log(`repository: ${repo} (HEAD ${head})\n  ${commits} commits, ${(blobBytes / 1e6).toFixed(1)} MB of blob data; ${runs} run(s) each, medians\n`);
  // A mirror may lack a few objects (git/git's refs/pull/* do): `git log -p` then stops at the first,
  // so the row says so, and the history of branches, tags and HEAD is timed as well.
  const logP = median(runs, () => timeCommand('git', ['-C', repo, 'log', '-p', '--all'], true));
  const logBranches = logP.failed === true ? median(runs, () => timeCommand('git', ['-C', repo, 'log', '-p', '--branches', '--tags', 'HEAD'], true)) : undefined;
  const full = median(runs, () => timeScan([repo]));
  // Where git stops, both read the complete view instead (every ref but those reaching a missing
  // blob), alternated, so the ratio compares the same history read the same hour.
  const complete = logP.failed === true ? completeRows(repo, runs) : undefined;
  const merges = mergePush(repo);
  const mergeScan = merges === undefined ? undefined : median(Math.max(runs, 3), () => timeScan([repo, '--range', `${merges.base}..${merges.head}`]));
  const mergeHook = merges === undefined ? undefined : median(Math.max(runs, 3), () => timeHook(repo, merges));
  const rate = blobBytes / 1e6 / full.seconds;
  const rows: Array<[string, string, string]> = [
    ['git log -p --all', seconds(logP), logP.failed === true ? 'git stopped: an object is missing' : ''],
    ...(logBranches === undefined ? [] : [['git log -p --branches --tags HEAD', seconds(logBranches), logBranches.failed === true ? 'git stopped: an object is missing' : ''] as [string, string, string]]),
    ['leakwatch scan (full history)', seconds(full), `peak RSS ${mb(full.rssKb)}`],
    ['scan / git log -p', logP.failed === true ? '-' : ratio(full, logP), ''],
    ...(complete?.rows ?? []),
    ['blob data scanned per second', `${rate.toFixed(0)} MB/s`, ''],
    [`pre-push with merges: scan --range, ${merges === undefined ? 'no such range' : describePush(merges)}`, mergeScan === undefined ? '-' : seconds(mergeScan), 'start-up included'],
    ['pre-push with merges: hook run pre-push', mergeHook === undefined ? '-' : seconds(mergeHook), `as the installed hook runs it; ${catalogNote()}`],
  ];
  const width = Math.max(...rows.map((row) => row[0].length));
  for (const [name, value, note] of rows) console.log(`${name.padEnd(width)}  ${value.padStart(9)}  ${note}`);
  console.log('');
  return [repo, rate];
}

interface Push {
  base: string;
  head: string;
  commits: number;
  merges: number;
}

const describePush = (push: Push): string => `${push.commits} commits, ${push.merges} merges (${push.base.slice(0, 12)}..${push.head.slice(0, 12)})`;

/**
 * A push that holds merges: two merges in a row on HEAD's first-parent line, pushed onto the commit
 * before them — the newest such pair whose push is 10 to 30 commits with exactly those two merges.
 */
function mergePush(repo: string): Push | undefined {
  const line = git(repo, ['rev-list', '--first-parent', '--parents', '-n', '2000', 'HEAD']).trim().split('\n').map((row) => row.split(' '));
  for (let i = 0; i + 1 < line.length; i += 1) {
    const [head, first, second] = line[i] as string[];
    const [, base, other] = line[i + 1] as string[];
    if (head === undefined || first === undefined || second === undefined || base === undefined || other === undefined) continue;
    const counts = (flag: string[]): number => Number(git(repo, ['rev-list', '--count', ...flag, `${base}..${head}`]).trim());
    const commits = counts([]);
    if (commits < 10 || commits > 30) continue;
    const merges = counts(['--merges']);
    if (merges === 2) return { base, head, commits, merges };
  }
  return undefined;
}

/** Whether the hook rows ran with the build's catalog snapshot (without it every run parses and checks the rule files). */
const catalogNote = (): string => (readSnapshot(defaultPatternsDir()) === undefined ? 'NO catalog snapshot: rule files parsed and checked' : 'rule catalog from the build snapshot');

/** The pre-push hook as git runs it: bin/leakwatch.js in the repository, git's ref line on stdin (HEAD~3 -> HEAD unless a push is given). */
function timeHook(repo: string, push?: Push): Timing {
  const [head, base] = push === undefined ? (git(repo, ['rev-parse', 'HEAD', 'HEAD~3']).trim().split('\n') as [string, string]) : [push.head, push.base];
  const started = performance.now();
  const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'leakwatch.js'), 'hook', 'run', 'pre-push', 'origin', 'file:///dev/null'], {
    cwd: repo, input: `refs/heads/main ${head} refs/heads/main ${base}\n`, encoding: 'utf8', env: { ...process.env, GITHUB_ACTIONS: '' },
  });
  if (result.status !== 0 && result.status !== 1) throw new Error(`leakwatch hook run failed: ${result.stderr}`);
  return { seconds: (performance.now() - started) / 1000 };
}

/**
 * `git log -p --all` and the scan on the complete view of a repository git cannot read to the end
 * (complete-refs.ts), in alternated pairs; the ratio is the median of each pair's.
 */
function completeRows(repo: string, runs: number): { rows: Array<[string, string, string]> } {
  const view = completeView(repo);
  if (view === undefined) return { rows: [] };
  try {
    const pairs = Array.from({ length: runs }, () => ({
      log: timeCommand('git', ['--git-dir', view.gitDir, 'log', '-p', '--all']),
      scan: timeScan([view.gitDir]),
    }));
    const log = middle(pairs.map((pair) => pair.log.seconds));
    const scanned = pairs.map((pair) => pair.scan).sort((a, b) => a.seconds - b.seconds)[Math.floor(runs / 2)] as Timing;
    const ratios = middle(pairs.map((pair) => pair.scan.seconds / pair.log.seconds));
    const where = `${view.kept} refs; ${view.leftOut.length} left out that reach a missing blob`;
    return {
      rows: [
        ['git log -p --all, complete view', `${log.toFixed(3)} s`, where],
        ['leakwatch scan, complete view', seconds(scanned), `peak RSS ${mb(scanned.rssKb)}; alternated with git log -p`],
        ['scan / git log -p --all, complete view', `${ratios.toFixed(2)}x`, `median of ${runs} pair(s) (target 1.0x)`],
      ],
    };
  } finally {
    view.remove();
  }
}

/** Runs the CLI in a child process (start-up included); the child reports its own peak RSS. */
function timeScan(args: string[]): Timing {
  const started = performance.now();
  const result = spawnSync(process.execPath, [RUN_SCAN, 'scan', ...args, '--format', 'jsonl', '--no-progress', ...(args.some((arg) => arg.startsWith('--cache')) ? [] : ['--no-cache'])], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const seconds = (performance.now() - started) / 1000;
  // Exit 2 after a summary: some objects could not be read (named), the rest was scanned and timed.
  const completed = result.status === 2 && /^leakwatch: scanned /m.test(result.stderr);
  if (result.status !== 0 && result.status !== 1 && !completed) throw new Error(`leakwatch scan failed: ${result.stderr}`);
  const rss = /maxrss=(\d+)/.exec(result.stderr);
  const answered = /(\d+ unique blobs)[^;]*; (\d+) answered from the cache/.exec(result.stderr);
  const cpu = /cpu=(\d+)/.exec(result.stderr);
  const scanned = /scanned [^(]*\(([\d.]+) MB\)/.exec(result.stderr);
  return {
    seconds, rssKb: rss === null ? undefined : Number(rss[1]), ...(answered === null ? {} : { answered: `${answered[2]} of ${answered[1]} from the cache` }),
    ...(cpu === null ? {} : { cpuSeconds: Number(cpu[1]) / 1e6 }), ...(scanned === null ? {} : { scannedBytes: Number(scanned[1]) * 1e6 }),
  };
}

/** Ratio of in-process scan time with a progress line drawn on a (discarding) terminal to without. */
/** The progress line's cost: the time spent inside its callback (exact), and scans with it vs without (noisy). */
async function progressCost(repo: string, runs: number): Promise<{ inside: number; ratio: number }> {
  const screen = Object.assign(new Writable({ write: (_chunk, _encoding, done) => done() }), { isTTY: true });
  const shares: number[] = [];
  const once = async (withProgress: boolean): Promise<number> => {
    const line = withProgress ? createProgressLine(screen as unknown as NodeJS.WriteStream, () => performance.now() + 10_000) : undefined;
    let inside = 0;
    const onProgress = line === undefined ? undefined : (progress: ScanProgress): void => {
      const entered = performance.now();
      line.update(progress);
      inside += performance.now() - entered;
    };
    const started = performance.now();
    await scan({ source: { kind: 'history', path: repo }, onProgress });
    line?.done();
    const elapsed = performance.now() - started;
    if (withProgress) shares.push(inside / elapsed);
    return elapsed;
  };
  const without: number[] = [];
  const withLine: number[] = [];
  // Alternate which goes first: a scan right after another runs on a warmer heap.
  for (let i = 0; i < runs; i += 1) {
    if (i % 2 === 0) {
      without.push(await once(false));
      withLine.push(await once(true));
    } else {
      withLine.push(await once(true));
      without.push(await once(false));
    }
  }
  return { inside: middle(shares), ratio: middle(withLine) / middle(without) };
}

function median(runs: number, measure: () => Timing): Timing {
  const timings = Array.from({ length: runs }, measure).sort((a, b) => a.seconds - b.seconds);
  return timings[Math.floor(timings.length / 2)] as Timing;
}

function middle(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
}

const seconds = (timing: Timing): string => `${timing.seconds.toFixed(3)} s`;
const ratio = (a: Timing, b: Timing): string => `${(a.seconds / b.seconds).toFixed(2)}x`;
const mb = (kb: number | undefined): string => (kb === undefined ? '?' : `${(kb / 1024).toFixed(0)} MB`);

await main();
