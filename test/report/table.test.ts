// The table for people: rule, confidence, masked secret, place, short commit, author, day, and where else.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatTable, tableFormat } from '../../src/report/table.js';
import { occurrence, redactedFinding } from '../helpers/findings.js';

/** The cells of the table's body rows (cli-table3 draws │ between cells). */
function rows(text: string): string[][] {
  return text.split('\n').filter((line) => line.startsWith('│')).map((line) => line.split('│').slice(1, -1).map((cell) => cell.trim()));
}

describe('table report', () => {
  it('says so when there is nothing to show', () => {
    assert.equal(formatTable([]), 'No leaks found.\n');
  });

  it('shows rule, confidence, masked secret, path:line:column, short commit, author and day', () => {
    const [head, row] = rows(formatTable([redactedFinding({ secret: 'ghp_****', path: 'a/b.py', line: 4, column: 9 })]));
    assert.deepEqual(head, ['Rule', 'Confidence', 'Secret', 'Location', 'Commit', 'Author', 'Date', 'Also in']);
    assert.deepEqual(row, ['github-token', 'high', 'ghp_****', 'a/b.py:4:9', 'a'.repeat(10), 'Ana Lima', '2023-11-14', '-']);
  });

  it('shows a dash where a finding has no commit (files on disk, staged)', () => {
    const [, row] = rows(formatTable([redactedFinding({ commit: '', author: '', date: '' })]));
    assert.deepEqual(row?.slice(4, 7), ['-', '-', '-']);
  });

  it('counts the other places, and the other files among them', () => {
    const sameFile = redactedFinding({ occurrences: [occurrence('config/settings.py', 9)] });
    const others = redactedFinding({ occurrences: [occurrence('config/settings.py', 9), occurrence('b.env', 1), occurrence('c.env', 1)] });
    const oneOther = redactedFinding({ occurrences: [occurrence('b.env', 1), occurrence('b.env', 5)] });
    assert.deepEqual(rows(formatTable([sameFile, others, oneOther])).slice(1).map((row) => row.at(-1)), ['1 place', '3 places, 2 other files', '2 places, 1 other file']);
  });

  it('opens with a summary, then puts secrets before personal data and the surest first', () => {
    const text = formatTable([
      redactedFinding({ ruleId: 'email', category: 'pii', confidence: 'medium', date: '2021-02-03T10:00:00+00:00' }),
      redactedFinding({ ruleId: 'generic-password', confidence: 'medium', date: '2020-01-02T10:00:00+00:00' }),
      redactedFinding({ ruleId: 'github-token', confidence: 'high', date: '2022-05-06T10:00:00+00:00' }),
    ]);
    const [first, second, third] = text.split('\n');
    assert.equal(first, '3 findings: 1 high, 2 medium; 2 secrets, 1 personal data');
    assert.equal(second, 'top rules: email (1), generic-password (1), github-token (1)');
    assert.equal(third, 'introduced from 2020-01-02 to 2022-05-06');
    assert.deepEqual(rows(text).slice(1).map((row) => row[0]), ['github-token', 'generic-password', 'email']);
  });

  it('writes the same table through the format seam', () => {
    const findings = [redactedFinding()];
    assert.equal([...tableFormat.write(findings)].join(''), formatTable(findings));
  });
});
