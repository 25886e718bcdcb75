// The line gate may only ever save work: a line it passes over must be one where the detector,
// searching that line alone, finds nothing. Checked against the detector itself as the oracle,
// line by line, on a generated log and on lines made to sit at the gate's edges.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Detector } from '../../src/detect/detector.js';
import { LineGate, type LineRange } from '../../src/detect/line-gate.js';
import { createDetector } from '../../src/engine/scan.js';
import { generateLog, LOG_SECRET_LINES } from '../../fixtures/logs.js';
import { fake } from '../../fixtures/secrets.js';

const detector = createDetector();

function gated(gate: LineGate, text: Buffer): LineRange[] {
  const cursor = gate.lines(text);
  const lines: LineRange[] = [];
  for (let line = cursor.next(0); line !== undefined; line = cursor.next(line.end + 1)) lines.push(line);
  return lines;
}

/** Every line (start, end) of `text`, split at `\n`. */
function allLines(text: Buffer): LineRange[] {
  const lines: LineRange[] = [];
  let start = 0;
  for (let newline = text.indexOf(10); newline !== -1; newline = text.indexOf(10, start)) {
    lines.push({ start, end: newline });
    start = newline + 1;
  }
  if (start < text.length) lines.push({ start, end: text.length });
  return lines;
}

function assertGateHoldsEveryFinding(text: Buffer, each: Detector = detector): number {
  const passed = new Set(gated(new LineGate(each.gatePatterns()), text).map((line) => line.start));
  let found = 0;
  for (const line of allLines(text)) {
    if (each.findSpans(text.subarray(line.start, line.end)).length === 0) continue;
    found += 1;
    assert.ok(passed.has(line.start), `the gate passed over a line with a finding: ${JSON.stringify(text.toString('utf8', line.start, line.end).slice(0, 80))}`);
  }
  return found;
}

describe('line gate', () => {
  it('passes every line of a generated log in which the detector finds something, and few others', () => {
    const log = generateLog(400_000, { secretEvery: 50 });
    const found = assertGateHoldsEveryFinding(log);
    const lineCount = allLines(log).length;
    assert.ok(found >= Math.floor(lineCount / 50), `only ${found} of ${lineCount} lines with findings`);
    const passed = gated(new LineGate(detector.gatePatterns()), log).length;
    assert.ok(passed < lineCount / 2, `the gate passed ${passed} of ${lineCount} lines`);
  });

  it('finds lines at the edges: first and last byte, without a final newline, CRLF, empty lines, a gate anchored at ^ and $', () => {
    const lines = [
      fake.githubToken, '', `x\r`, `card 4111 1111 1111 1111`, `cpf ${fake.cpfValid}\r`, 'nothing here', `${fake.email}`,
      `4111111111111111`, ...LOG_SECRET_LINES.map((each) => each.line), `ends with token ${fake.githubToken}`,
    ];
    assertGateHoldsEveryFinding(Buffer.from(lines.join('\n')));
    assertGateHoldsEveryFinding(Buffer.from(`${lines.join('\r\n')}\r\n`));
  });

  it('a gate anchored at the very start or end of a text makes every line a candidate', () => {
    const gate = new LineGate({ keywords: [], gates: ['\\Asecret'] });
    assert.deepEqual(gated(gate, Buffer.from('a\n\nsecret\n')), [{ start: 0, end: 1 }, { start: 3, end: 9 }]);
  });

  it('a gate match starting at a newline is no line\'s: the search goes on from the next line', () => {
    const gate = new LineGate({ keywords: [], gates: ['\\s+word'] });
    assert.deepEqual(gated(gate, Buffer.from('abc\n  word\nzzz')), [{ start: 4, end: 10 }]);
  });
});

describe('detector spans', () => {
  it('gives byte offsets into the bytes given, with the rule and its mask, also after bytes that are not UTF-8', () => {
    const text = Buffer.concat([Buffer.from([0xff, 0xc3, 0x20]), Buffer.from(`é ${fake.email} ${fake.githubToken}`)]);
    const spans = detector.findSpans(text);
    assert.deepEqual(spans.map((span) => [span.ruleId, span.mask, text.toString('utf8', span.start, span.end)]), [
      ['email', 'email', fake.email],
      ['github-token', 'secret', fake.githubToken],
    ]);
  });
});
