// `node dist/bench/compare-reports.js --before OTHER/bin/leakwatch.js [--after BIN] [REPO ...]`: proves that a change
// moved nothing. Runs two builds of leakwatch (another checkout's, and this one's) over the same
// inputs — the fixture repositories of the tests, built afresh, and any real repositories named —
// in several configurations, and compares their reports byte for byte. Exit 0 when every report
// is identical, 1 when one differs (the differing reports are kept and named), 2 on bad arguments.
import { spawnSync } from 'node:child_process';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildEvalSet } from '../fixtures/eval/eval-set.js';
import { buildHistoryFixture } from '../fixtures/history-fixture.js';

const THIS_BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'leakwatch.js');

interface Target {
  name: string;
  path: string;
  /** Small inputs also run through the slower variants (embedded git, every format). */
  small: boolean;
}

interface Variant {
  name: string;
  args: string[];
  smallOnly: boolean;
}

const VARIANTS: Variant[] = [
  { name: 'json', args: ['-f', 'json'], smallOnly: false },
  { name: 'json-threads-1', args: ['-f', 'json', '--threads', '1'], smallOnly: false },
  { name: 'json-threads-2', args: ['-f', 'json', '--threads', '2'], smallOnly: false },
  { name: 'json-no-reuse', args: ['-f', 'json', '--threads', '1', '--no-reuse'], smallOnly: false },
  { name: 'json-range', args: ['-f', 'json', '--range', 'HEAD~5..HEAD'], smallOnly: false },
  { name: 'json-isomorphic', args: ['-f', 'json', '--git-backend', 'isomorphic'], smallOnly: true },
  { name: 'json-only-pii', args: ['-f', 'json', '--only', 'pii'], smallOnly: true },
  { name: 'jsonl', args: ['-f', 'jsonl'], smallOnly: true },
  { name: 'csv', args: ['-f', 'csv'], smallOnly: true },
  { name: 'sarif', args: ['-f', 'sarif'], smallOnly: true },
  { name: 'table', args: ['-f', 'table'], smallOnly: true },
  { name: 'no-redact', args: ['-f', 'json', '--no-redact'], smallOnly: true },
];

function main(): number {
  const args = process.argv.slice(2);
  const at = args.indexOf('--before');
  const before = at === -1 ? undefined : args[at + 1];
  const afterAt = args.indexOf('--after');
  const after = afterAt === -1 ? THIS_BIN : resolve(args[afterAt + 1] ?? THIS_BIN);
  if (before === undefined) {
    process.stderr.write('usage: node dist/bench/compare-reports.js --before OTHER/bin/leakwatch.js [--after BIN] [REPO ...]\n');
    return 2;
  }
  const repos = args.filter((arg, i) => !arg.startsWith('--') && i !== at + 1 && (afterAt === -1 || i !== afterAt + 1));
  const history = buildHistoryFixture();
  const evalSet = buildEvalSet();
  const targets: Target[] = [
    { name: 'history-fixture', path: history.repo.dir, small: true },
    { name: 'eval-set', path: evalSet.repo.dir, small: true },
    ...repos.map((repo) => ({ name: targetName(resolve(repo)), path: resolve(repo), small: false })),
  ];
  let differing = 0;
  try {
    for (const target of targets) {
      const variants = [...VARIANTS.filter((variant) => target.small || !variant.smallOnly)];
      if (target.small) variants.push({ name: 'json-no-git', args: ['-f', 'json', '--no-git'], smallOnly: true });
      for (const variant of variants) {
        const [a, b] = [run(resolve(before), target, variant), run(after, target, variant)];
        const same = a.code === b.code && a.report.equals(b.report) && a.stderr === b.stderr;
        if (!same) differing += 1;
        const detail = same ? `${a.report.length} bytes, exit ${a.code}` : `DIFFERENT: exit ${a.code} vs ${b.code}, ${a.report.length} vs ${b.report.length} bytes${a.stderr === b.stderr ? '' : ', messages differ'}`;
        process.stdout.write(`${same ? 'same     ' : 'DIFFERENT'}  ${target.name.padEnd(16)} ${variant.name.padEnd(16)} ${detail}\n`);
      }
    }
  } finally {
    history.repo.remove();
    evalSet.repo.remove();
  }
  process.stdout.write(differing === 0 ? 'every report is byte-identical\n' : `${differing} report(s) differ\n`);
  return differing === 0 ? 0 : 1;
}

/** A repository's name: its folder, or the folder above a bare `repo` or `.git` one. */
function targetName(path: string): string {
  const name = basename(path);
  return name === 'repo' || name === '.git' ? basename(dirname(path)) : name.replace(/\.git$/, '');
}

/** One scan; the summary line's timing is taken out of the messages compared. */
function run(bin: string, target: Target, variant: Variant): { code: number; report: Buffer; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.GITHUB_ACTIONS;
  const result = spawnSync(process.execPath, [bin, 'scan', target.path, '--no-progress', ...variant.args], { env, maxBuffer: 1 << 30 });
  const stderr = result.stderr.toString('utf8').replace(/ in [0-9.]+ s:/, ' in … s:');
  return { code: result.status ?? -1, report: result.stdout, stderr };
}

process.exitCode = main();
