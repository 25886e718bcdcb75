// The bench's exactness check: identical reports say so with their count; differing ones name the
// findings that differ by rule, path and line, never by value.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareReports } from '../../bench/exactness.js';

const finding = (ruleId: string, line: number, occurrenceCount: number): object => ({
  ruleId, path: 'settings.py', line, commit: 'c0ffee0123456789', secret: '****', occurrenceCount, occurrences: [],
});
const report = (...findings: object[]): Buffer => Buffer.from(JSON.stringify(findings, null, 2));

describe('bench: fast path exactness', () => {
  it('says identical, with the number of findings', () => {
    const same = report(finding('django-secret-key', 4, 2));
    assert.deepEqual(compareReports(same, Buffer.from(same)), { identical: true, lines: ['fast path exact: identical (1 findings)'] });
  });

  it('names the findings only one report has, without values', () => {
    const result = compareReports(report(finding('django-secret-key', 4, 1), finding('generic-secret', 4, 0)), report(finding('django-secret-key', 4, 2)));
    assert.equal(result.identical, false);
    assert.deepEqual(result.lines, [
      'fast path NOT exact: the default scan reports 2 findings, --no-reuse 1; differing:',
      '  only by default:     django-secret-key settings.py:4 (commit c0ffee0123, 1 other places)',
      '  only by default:     generic-secret settings.py:4 (commit c0ffee0123, 0 other places)',
      '  only with --no-reuse: django-secret-key settings.py:4 (commit c0ffee0123, 2 other places)',
    ]);
  });
});
