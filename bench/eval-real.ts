// `npm run eval` (second part): scores this build on real public repositories whose findings
// were labelled by hand (test/eval/real-world/OWNER+NAME.tsv). Each repository present as a
// git directory at DIR/OWNER+NAME/repo is scanned whole and its findings are matched to the
// labels by (commit, path, line, rule). DIR: the first argument, else LEAKWATCH_REAL_REPOS,
// else /work/.mirror. Repositories not present are listed as skipped.
// Prints counts and precision only, never the values found.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { scan } from '../src/engine/scan.js';
import { addScores, mirrorName, parseRealWorldLabels, scoreRealWorld, type RealWorldScore } from '../fixtures/eval/real-world.js';

// dist/bench/eval-real.js -> the labels in the source tree, test/eval/real-world/
const labelsDir = fileURLToPath(new URL('../../test/eval/real-world/', import.meta.url));
const reposDir = process.argv[2] ?? process.env['LEAKWATCH_REAL_REPOS'] ?? '/work/.mirror';

const headOf = (gitDir: string): string | undefined => {
  try {
    return execFileSync('git', ['--git-dir', gitDir, 'rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
};

const files = existsSync(labelsDir) ? readdirSync(labelsDir).filter((name) => name.endsWith('.tsv')).sort() : [];
if (files.length === 0) {
  console.log(`real-world evaluation: no label files in ${labelsDir}`);
} else {
  const fmt = (n: number): string => (Number.isNaN(n) ? '-' : n.toFixed(3));
  const line = (name: string, s: RealWorldScore, secret: RealWorldScore): string =>
    `${name.padEnd(50)} ${String(s.findings).padStart(8)} ${String(s.tp).padStart(4)} ${String(s.fp).padStart(4)} ${String(s.unsure).padStart(6)} ${String(s.unlabelled).padStart(10)} ${fmt(s.precision).padStart(9)} ${fmt(secret.precision).padStart(16)}`;
  console.log(`\nreal-world evaluation (repositories under ${reposDir})`);
  console.log(`${'repository'.padEnd(50)} ${'findings'.padStart(8)} ${'tp'.padStart(4)} ${'fp'.padStart(4)} ${'unsure'.padStart(6)} ${'unlabelled'.padStart(10)} ${'precision'.padStart(9)} ${'secret precision'.padStart(16)}`);
  const all: RealWorldScore[] = [];
  const allSecret: RealWorldScore[] = [];
  const skipped: string[] = [];
  const notes: string[] = [];
  let failed = 0;
  for (const file of files) {
    const set = parseRealWorldLabels(readFileSync(join(labelsDir, file), 'utf8'), file);
    const gitDir = join(reposDir, mirrorName(set.repository), 'repo');
    if (!existsSync(gitDir)) {
      skipped.push(set.repository);
      continue;
    }
    try {
      const result = await scan({ source: { kind: 'history', path: gitDir } });
      const score = scoreRealWorld(set.labels, result.findings);
      const secret = scoreRealWorld(set.labels, result.findings, 'secret');
      all.push(score);
      allSecret.push(secret);
      console.log(line(set.repository, score, secret));
      const head = headOf(gitDir);
      if (head !== undefined && head !== set.commit) notes.push(`${set.repository}: HEAD is ${head.slice(0, 12)}, labels were made at ${set.commit.slice(0, 12)}`);
      if (score.gone > 0) notes.push(`${set.repository}: ${score.gone} labelled finding(s) no longer reported`);
    } catch (error) {
      failed += 1;
      console.log(`${set.repository.padEnd(50)} scan failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (all.length > 0) console.log(line('total', addScores(all), addScores(allSecret)));
  for (const note of notes) console.log(`note: ${note}`);
  if (skipped.length > 0) console.log(`skipped (not present under ${reposDir}): ${skipped.join(', ')}`);
  if (failed > 0) process.exitCode = 1;
}
