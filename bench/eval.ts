// `npm run eval`: builds the labelled evaluation set (test/eval/eval-set.ts),
// scans it and prints recall and precision per rule family and category.
import { Redactor } from '../src/redact/redactor.js';
import { scan } from '../src/engine/scan.js';
import { buildEvalSet, REAL_WORLD_PATHS } from '../fixtures/eval/eval-set.js';
import { scoreFindings } from '../fixtures/eval/score.js';

const { repo, labels } = buildEvalSet();
try {
  const result = await scan({ source: { kind: 'history', path: repo.dir } });
  const { rows, missed, falseAlarms } = scoreFindings(labels, result.findings, result.detector, { groupOfPath: (path) => (REAL_WORLD_PATHS.has(path) ? 'real-world family' : undefined) });
  console.log(`${'group'.padEnd(22)} ${'planted'.padStart(7)} ${'found'.padStart(5)} ${'findings'.padStart(8)} ${'recall'.padStart(7)} ${'precision'.padStart(9)}`);
  for (const row of rows) {
    console.log(`${row.group.padEnd(22)} ${String(row.planted).padStart(7)} ${String(row.found).padStart(5)} ${String(row.findings).padStart(8)} ${row.recall.toFixed(3).padStart(7)} ${row.precision.toFixed(3).padStart(9)}`);
  }
  const redactor = new Redactor('mask', result.detector.findSecrets);
  for (const label of missed) console.log(`missed: ${label.rules[0]} at ${label.path}:${label.line}`);
  for (const finding of falseAlarms) {
    const shown = redactor.redact(finding);
    console.log(`false alarm: ${shown.ruleId} at ${shown.path}:${shown.line}: ${shown.match}`);
  }
} finally {
  repo.remove();
}
