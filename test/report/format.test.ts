// The format seam: every registered format writes the same report whether findings come as an
// array or as a one-shot stream (the CLI hands them over as they are redacted), and the ones
// that can write a finding at a time do not gather them first.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ReportFormat } from '../../src/report/format.js';
import { FORMATS, formatReport, type FormatName } from '../../src/report/registry.js';
import { OneShot, occurrence, redactedFinding, RULES } from '../helpers/findings.js';

const STREAMING = new Set(['json', 'jsonl', 'csv']);
const findings = Array.from({ length: 6 }, (_, i) => redactedFinding({ line: i + 1, occurrences: i % 2 === 0 ? [] : [occurrence('other.txt', i)] }));

/** Every registered format, as the seam declares a format (this assignment checks they all fit it). */
const formats: ReadonlyArray<ReportFormat<FormatName>> = FORMATS;

describe('report formats', () => {
  for (const format of formats) {
    it(`${format.name}: a one-shot stream of findings gives the report an array gives`, () => {
      const streamed = [...format.write(new OneShot(findings), RULES)].join('');
      assert.equal(streamed, [...format.write(findings, RULES)].join(''));
      assert.ok(streamed.length > 0);
      assert.equal(formatReport(format.name, findings, RULES), streamed);
    });
    it(`${format.name}: has a one-line description`, () => {
      assert.match(format.description, /^[^\n]{10,}$/);
    });
    if (STREAMING.has(format.name)) {
      it(`${format.name}: takes findings one at a time`, () => {
        const source = new OneShot(findings);
        const pieces = format.write(source, RULES)[Symbol.iterator]();
        pieces.next();
        pieces.next();
        assert.ok(source.taken < findings.length, `took ${source.taken} of ${findings.length} for its first two pieces`);
      });
    }
  }
});
