// Shared runs between two versions of a text: what lets a later version be
// searched only where it changed. A run must be byte-equal and whole lines on
// both sides, or carrying results over would be wrong; the detector must find
// through any reference exactly what it finds in the whole text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Reference } from '../../src/detect/detector.js';
import { sharedRuns, unsharedBytes, unsharedRegions, type SharedRun } from '../../src/detect/regions.js';
import { createDetector } from '../../src/engine/scan.js';
import type { Match } from '../../src/model/types.js';
import { prng } from '../../fixtures/random.js';
import { fake } from '../../fixtures/secrets.js';

const detector = createDetector();

const SECRET_LINES = [
  `password = "${fake.password}"`,
  `token: ${fake.githubToken}`,
  `owner ${fake.email}`,
  `url: postgres://app:${fake.dbPassword}@db.internal/x`,
  fake.privateKey,
  `id;nome;cpf\n1;Ana;${fake.cpfValidBare}`,
  `aws_secret_access_key = ${fake.awsSecret}`,
];

/** A text of `count` lines: filler, a few repeated short lines, and now and then a secret. */
function randomLines(random: () => number, count: number): string[] {
  return Array.from({ length: count }, (_, index) => {
    const roll = random();
    if (roll < 0.04) return SECRET_LINES[Math.floor(random() * SECRET_LINES.length)] as string;
    if (roll < 0.15) return roll < 0.1 ? '}' : '';
    return `  setting_${index}_${Math.floor(random() * 1000)} = value ${Math.floor(random() * 1e6)} # nothing secret`;
  });
}

/** A few edits at random places: lines replaced, inserted (secrets too), deleted, a block moved. */
function edit(random: () => number, lines: readonly string[]): string[] {
  const next = [...lines];
  const edits = 1 + Math.floor(random() * 5);
  for (let done = 0; done < edits; done += 1) {
    const at = Math.floor(random() * (next.length + 1));
    const kind = random();
    if (kind < 0.3) next.splice(at, 1, `  edited_${done} = ${Math.floor(random() * 1e9)}`);
    else if (kind < 0.55) next.splice(at, 0, ...randomLines(random, 1 + Math.floor(random() * 30)));
    else if (kind < 0.75) next.splice(at, 1 + Math.floor(random() * 20));
    else if (kind < 0.85) next.splice(at, 0, SECRET_LINES[Math.floor(random() * SECRET_LINES.length)] as string);
    else {
      const block = next.splice(at, 1 + Math.floor(random() * 40));
      next.splice(Math.floor(random() * (next.length + 1)), 0, ...block);
    }
  }
  return next;
}

function assertValidRuns(before: Buffer, after: Buffer, runs: readonly SharedRun[]): void {
  const startsLine = (text: Buffer, at: number): boolean => at === 0 || text[at - 1] === 10;
  const endsLine = (text: Buffer, at: number): boolean => at === text.length || text[at - 1] === 10;
  let lastEnd = 0;
  let lastFrom = 0;
  for (const run of runs) {
    const length = run.end - run.start;
    assert.ok(length > 0 && run.start >= lastEnd && run.from >= lastFrom, `runs in order on both sides: ${JSON.stringify(run)}`);
    assert.ok(run.from + length <= before.length && run.end <= after.length);
    assert.ok(after.subarray(run.start, run.end).equals(before.subarray(run.from, run.from + length)), 'a run is byte-equal');
    assert.ok(startsLine(after, run.start) && startsLine(before, run.from), 'a run starts a line on both sides');
    assert.ok(endsLine(after, run.end) && endsLine(before, run.from + length), 'a run ends a line on both sides');
    if (after[run.end - 1] !== 10) assert.ok(run.end === after.length && run.from + length === before.length, 'a run ending without a newline ends both texts');
    lastEnd = run.end;
    lastFrom = run.from + length;
  }
}

const render = (matches: Match[]): string[] => matches.map((m) => `${m.ruleId} ${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.secret.reveal()}`);

describe('shared runs', () => {
  it('are byte-equal whole lines, in order, on random edits', () => {
    const random = prng(7);
    for (let round = 0; round < 300; round += 1) {
      const lines = randomLines(random, 20 + Math.floor(random() * 400));
      const before = Buffer.from(lines.join('\n') + (random() < 0.5 ? '\n' : ''));
      const after = Buffer.from(edit(random, lines).join('\n') + (random() < 0.5 ? '\n' : ''));
      const runs = sharedRuns(before, after);
      assertValidRuns(before, after, runs);
      const regions = unsharedRegions(runs, after.length);
      assert.equal(regions.reduce((sum, r) => sum + r.end - r.start, 0), unsharedBytes(runs, after.length));
    }
  });

  it('find the unchanged lines between two distant edits', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `line ${i} of a long file, unchanged`);
    const before = Buffer.from(`${lines.join('\n')}\n`);
    const edited = [...lines];
    edited[10] = 'first edit';
    edited[390] = 'second edit';
    const after = Buffer.from(`${edited.join('\n')}\n`);
    const runs = sharedRuns(before, after);
    assertValidRuns(before, after, runs);
    assert.deepEqual(unsharedRegions(runs, after.length).map((r) => after.toString('utf8', r.start, r.end)), ['first edit\n', 'second edit\n']);
  });

  it('let the detector find through a reference exactly what it finds in the whole text', () => {
    const random = prng(11);
    let lines = randomLines(random, 300);
    let previous: Reference | undefined;
    let previousText = Buffer.alloc(0);
    let compared = 0;
    for (let version = 0; version < 150; version += 1) {
      const text = Buffer.from(`${lines.join('\n')}\n`);
      const whole = detector.scanText(text, undefined);
      assert.equal(whole.kind, 'text');
      if (previous !== undefined && whole.kind === 'text') {
        const through = detector.scanText(text, { reference: previous, shared: sharedRuns(previousText, text) });
        assert.ok(through.kind === 'text');
        assert.deepEqual(render(through.matches), render(whole.matches), `version ${version}`);
        compared += whole.matches.length;
        previous = { text, memo: through.memo };
      } else if (whole.kind === 'text') previous = { text, memo: whole.memo };
      previousText = text;
      lines = edit(random, lines);
    }
    assert.ok(compared > 100, `the versions hold secrets to compare (${compared})`);
  });
});
