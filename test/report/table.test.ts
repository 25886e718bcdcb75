// The table for people: rule, confidence, masked secret, place, short commit, author, day, and where else.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatTable, length, tableFormat } from '../../src/report/table.js';
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

  it('fits a terminal\'s width: the least useful columns go first, then long paths keep their end', () => {
    const findings = [
      redactedFinding({ path: 'services/billing/internal/config/production/settings.local.yaml', line: 12, column: 5, author: 'Maria Aparecida dos Santos' }),
      redactedFinding({ ruleId: 'generic-password', secret: '****', occurrences: [occurrence('b.env', 1)] }),
    ];
    const whole = formatTable(findings);
    assert.equal(formatTable(findings, {}), whole, 'no width: the whole table');
    const widest = Math.max(...whole.split('\n').map((line) => [...line].length));
    assert.equal(formatTable(findings, { columns: widest + 5 }), whole, 'it fits: unchanged');
    for (const columns of [120, 100, 80, 60]) {
      const text = formatTable(findings, { columns });
      const table = text.split('\n').filter((line) => /^[┌│├└]/.test(line));
      for (const line of table) assert.ok([...line].length <= columns, `${columns}: ${line}`);
      const [head, first] = rows(text);
      assert.deepEqual(head?.slice(0, 4), ['Rule', 'Confidence', 'Secret', 'Location'], `${columns}: the essential columns stay`);
      assert.match(first?.[3] ?? '', /\.yaml:12:5$/, `${columns}: a cut path keeps its end`);
    }
    assert.deepEqual(rows(formatTable(findings, { columns: 100 }))[0], ['Rule', 'Confidence', 'Secret', 'Location', 'Commit']);
    assert.match(rows(formatTable(findings, { columns: 60 }))[1]?.[3] ?? '', /^…/);
  });

  it('counts wide characters as two columns, and the summary lines fit too', () => {
    const findings = [redactedFinding({ path: '設定/本番環境/データベース/接続設定ファイル.yaml', author: '山田太郎' }), redactedFinding({ ruleId: 'a-rather-long-custom-rule-name-from-config' })];
    const text = formatTable(findings, { columns: 80 });
    for (const line of text.trimEnd().split('\n')) assert.ok(length(line) <= 80, `${length(line)}: ${line}`);
    assert.equal(length('接続'), 4);
    assert.equal(length('e\u0301'), 1);
  });

  it('shows control characters in cells as \\xNN, never raw (they would drive the terminal)', () => {
    const text = formatTable([redactedFinding({ path: 'evil\u001b[8mhidden\u001b]0;pwned\u0007.sh', author: 'A\u009bB' })]);
    assert.equal(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.test(text), false);
    assert.match(text, /evil\\x1b\[8mhidden\\x1b\]0;pwned\\x07\.sh/);
  });

  it('colours confidence and the heads only when asked, and the cells keep their text', () => {
    const findings = [redactedFinding({ confidence: 'high' }), redactedFinding({ ruleId: 'email', category: 'pii', confidence: 'low' })];
    const plain = formatTable(findings);
    assert.equal(/\u001b\[/.test(plain), false);
    const coloured = formatTable(findings, { colour: true });
    assert.match(coloured, /\u001b\[1;31mhigh\u001b\[0m/);
    assert.match(coloured, /\u001b\[2mlow\u001b\[0m/);
    assert.equal(coloured.replace(/\u001b\[[0-9;]*m/g, ''), plain, 'the same table without its colours');
  });

  it('writes the same table through the format seam', () => {
    const findings = [redactedFinding()];
    assert.equal([...tableFormat.write(findings)].join(''), formatTable(findings));
  });
});
