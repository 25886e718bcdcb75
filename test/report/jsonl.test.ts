// JSON Lines: one finding per line, each line a whole JSON document.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsonlFormat } from '../../src/report/jsonl.js';
import type { RedactedFinding } from '../../src/model/types.js';
import { OneShot, occurrence, redactedFinding } from '../helpers/findings.js';

/** The whole report, as the CLI writes it piece by piece. */
const formatJsonl = (findings: readonly RedactedFinding[]): string => [...jsonlFormat.write(findings)].join('');

describe('jsonl report', () => {
  it('writes one parseable line per finding, occurrences included, even when fields hold line breaks', () => {
    const findings = [
      redactedFinding({ message: 'first\nsecond\r\nthird', occurrences: [occurrence('x.txt', 4)] }),
      redactedFinding({ ruleId: 'email', path: 'docs/a b.md' }),
      redactedFinding({ decoded: 'percent' }),
    ];
    const text = formatJsonl(findings);
    assert.ok(text.endsWith('\n'));
    const lines = text.slice(0, -1).split('\n');
    assert.equal(lines.length, 3);
    assert.deepEqual(lines.map((line) => JSON.parse(line) as unknown), JSON.parse(JSON.stringify(findings)));
  });

  it('writes nothing for no findings', () => {
    assert.equal(formatJsonl([]), '');
  });

  it('yields a line per finding as it takes it', () => {
    const findings = [redactedFinding({ line: 1 }), redactedFinding({ line: 2 })];
    const source = new OneShot(findings);
    const pieces = jsonlFormat.write(source)[Symbol.iterator]();
    const first = pieces.next();
    assert.equal(source.taken, 1);
    assert.equal(first.done === true ? '' : first.value, `${JSON.stringify(findings[0])}\n`);
  });
});
