// The quality targets, checked on the labelled evaluation set: recall and
// precision of at least 0.97 overall and per category.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scan } from '../../src/engine/scan.js';
import { buildEvalSet } from '../../fixtures/eval/eval-set.js';
import { scoreFindings } from '../../fixtures/eval/score.js';

describe('evaluation set', () => {
  it('reaches recall and precision of 0.97, overall and per category', async () => {
    const { repo, labels } = buildEvalSet();
    try {
      const result = await scan({ source: { kind: 'history', path: repo.dir } });
      const { rows, missed, falseAlarms } = scoreFindings(labels, result.findings, result.detector);
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
