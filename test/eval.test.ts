// The quality targets, checked on the labelled evaluation set: recall and
// precision of at least 0.97 overall and per category.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDetector, scan } from '../src/scan.js';
import { buildEvalSet } from './eval/eval-set.js';
import { scoreFindings } from './eval/score.js';

describe('evaluation set', () => {
  it('reaches recall and precision of 0.97, overall and per category', async () => {
    const { repo, labels } = buildEvalSet();
    try {
      const detector = createDetector();
      const result = await scan({ path: repo.dir, git: true }, detector);
      const { rows, missed, falseAlarms } = scoreFindings(labels, result.findings, detector);
      assert.ok(labels.length >= 60, `only ${labels.length} planted values`);
      for (const row of rows.filter((r) => r.group === 'all' || r.group.startsWith('category'))) {
        const detail = `missed ${missed.map((l) => `${l.rules[0]}@${l.path}:${l.line}`).join(', ')}; false alarms ${falseAlarms.map((f) => `${f.ruleId}@${f.path}:${f.line}`).join(', ')}`;
        assert.ok(row.recall >= 0.97, `${row.group}: recall ${row.recall.toFixed(3)} (${detail})`);
        assert.ok(row.precision >= 0.97, `${row.group}: precision ${row.precision.toFixed(3)} (${detail})`);
      }
    } finally {
      repo.remove();
    }
  });
});
