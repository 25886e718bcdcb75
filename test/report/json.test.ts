// The JSON report is an array of findings that reads back to exactly what was written,
// each occurrence on a line of its own, written a finding at a time.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsonFormat } from '../../src/report/json.js';
import type { RedactedFinding } from '../../src/model/types.js';
import { OneShot, occurrence, redactedFinding } from '../helpers/findings.js';

/** The whole report, as the CLI writes it piece by piece. */
const formatJson = (findings: readonly RedactedFinding[]): string => [...jsonFormat.write(findings)].join('');

describe('json report', () => {
  it('reads back to the findings, fields and occurrences included', () => {
    const findings = [
      redactedFinding({ decoded: 'base64', occurrences: [occurrence('a.txt', 1), occurrence('b "quoted".txt', 2)] }),
      redactedFinding({ ruleId: 'email', message: 'line one\nline two "x"' }),
    ];
    assert.deepEqual(JSON.parse(formatJson(findings)), JSON.parse(JSON.stringify(findings)));
  });

  it('writes an empty array for no findings', () => {
    assert.equal(formatJson([]), '[]\n');
    assert.deepEqual(JSON.parse(formatJson([])), []);
  });

  it('puts each occurrence on one line', () => {
    const occurrences = Array.from({ length: 50 }, (_, i) => occurrence(`f${i}.txt`, i + 1));
    const text = formatJson([redactedFinding({ occurrences })]);
    const lines = text.split('\n').filter((line) => line.includes('"path":"f'));
    assert.equal(lines.length, 50);
    for (const line of lines) assert.deepEqual(Object.keys(JSON.parse(line.trim().replace(/,$/, '')) as object), ['commit', 'date', 'path', 'line', 'column']);
  });

  it('takes findings one at a time; its pieces join to the whole report', () => {
    const findings = Array.from({ length: 4 }, (_, i) => redactedFinding({ line: i + 1 }));
    const source = new OneShot(findings);
    const pieces = jsonFormat.write(source)[Symbol.iterator]();
    const first = pieces.next();
    assert.equal(source.taken, 1);
    const rest: string[] = [];
    for (let next = pieces.next(); next.done !== true; next = pieces.next()) rest.push(next.value);
    assert.equal([first.done === true ? '' : first.value, ...rest].join(''), formatJson(findings));
  });
});
