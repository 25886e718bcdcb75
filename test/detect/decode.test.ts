// Encoded runs: base64 (standard and URL-safe) and percent-encoding are found where they are, in
// bytes, and decoded when they hold text; runs over 64 KiB are left alone and a text yields at
// most about 1 MiB of decoded output.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import RE2 from 're2';
import { ENCODED_GATES, findEncoded, type Encoding } from '../../src/detect/decode.js';
import { prng } from '../../fixtures/random.js';
import { fake } from '../../fixtures/secrets.js';

const BOTH: ReadonlySet<Encoding> = new Set(['base64', 'percent']);
const b64 = (text: string | Buffer): string => Buffer.from(text).toString('base64');
const find = (text: string, kinds: ReadonlySet<Encoding> = BOTH) => findEncoded(Buffer.from(text), kinds);
/** Printable text of `length` bytes, different each time. */
const textOf = (length: number, seed: number): string => {
  const random = prng(seed);
  return Array.from({ length }, () => String.fromCharCode(0x61 + Math.floor(random() * 26))).join('');
};

describe('finding encoded runs', () => {
  it('finds a base64 run at its byte offsets and decodes it', () => {
    const inner = `[default]\ntoken = ${fake.githubToken}\n`;
    const run = b64(inner);
    const text = `çé blob: ${run} end`; // two 2-byte characters before it: offsets count bytes
    const [segment, ...rest] = find(text);
    assert.deepEqual(rest, []);
    assert.equal(segment?.kind, 'base64');
    assert.equal(segment?.start, Buffer.byteLength('çé blob: '));
    assert.equal(segment?.end, (segment?.start ?? 0) + run.length);
    assert.equal(Buffer.from(text).subarray(segment?.start, segment?.end).toString(), run);
    assert.equal(segment?.decoded.toString(), inner);
  });

  it('reads URL-safe base64 and unpadded runs', () => {
    const inner = `{"user":"ci","pass":"${fake.password}??>>"}`;
    const urlSafe = Buffer.from(inner).toString('base64url');
    assert.ok(/[-_]/.test(urlSafe), 'the fixture must use the URL-safe letters');
    assert.equal(find(`x=${urlSafe}`)[0]?.decoded.toString(), inner);
  });

  it('finds a percent-encoded run of three escapes or more, and decodes it', () => {
    const inner = `{"token":"${fake.githubToken}"}`;
    const text = `url = https://x.io/cb?state=${encodeURIComponent(inner)}&x=1`;
    const segments = find(text, new Set(['percent']));
    assert.equal(segments.length, 1);
    assert.ok(segments[0]?.decoded.toString().includes(inner));
    assert.deepEqual(find('a%20b%20c only two', new Set(['percent'])), []);
  });

  it('ends a percent-encoded run at a percent sign that is not an escape', () => {
    const text = 'q=a%20b%2Cc%3Dd%zz tail';
    const [segment, ...rest] = find(text, new Set(['percent']));
    assert.deepEqual(rest, []);
    assert.equal(segment?.decoded.toString(), 'q=a b,c=d');
    assert.equal(Buffer.from(text).subarray(segment?.start, segment?.end).toString(), 'q=a%20b%2Cc%3Dd');
  });

  it('looks only for the kinds asked for', () => {
    const text = `${b64('a long enough line of plain text here')} and a%20b%20c%20d%20e`;
    assert.deepEqual(find(text, new Set(['base64'])).map((s) => s.kind), ['base64']);
    assert.deepEqual(find(text, new Set(['percent'])).map((s) => s.kind), ['percent']);
    assert.deepEqual(find(text, new Set()), []);
  });

  it('ignores short runs, and runs that decode to binary', () => {
    assert.deepEqual(find(b64('short text')), [], 'under 32 characters');
    const random = prng(7);
    const binary = Buffer.from(Array.from({ length: 96 }, () => Math.floor(random() * 256)));
    assert.deepEqual(find(`sha512-${b64(binary)}`), []);
  });

  it('leaves runs over 64 KiB alone', () => {
    const fits = b64(textOf(49_152, 1)); // exactly 65,536 characters
    const over = b64(textOf(49_155, 2)); // 65,540
    assert.equal(fits.length, 64 * 1024);
    assert.deepEqual(find(`a ${fits} b`).map((s) => s.end - s.start), [65_536]);
    assert.deepEqual(find(`a ${over} b`), []);
  });

  it('stops once about 1 MiB has been decoded from one text', () => {
    const runs = Array.from({ length: 30 }, (_, i) => b64(textOf(49_152, 10 + i)));
    const segments = find(runs.join('\n'));
    const decoded = segments.map((s) => s.decoded.length);
    const total = decoded.reduce((a, b) => a + b, 0);
    assert.ok(segments.length < runs.length, `all ${runs.length} runs were decoded`);
    assert.ok(total >= 1024 * 1024, 'it stops only once the budget is spent');
    assert.ok(total - (decoded.at(-1) ?? 0) < 1024 * 1024, 'no run is started once the budget is spent');
  });

  it('the prefilter gates hold wherever a run is found', () => {
    const texts = [`k: ${b64(`token = ${fake.githubToken}`)}`, `u=${encodeURIComponent(`{"a":"${fake.password}"}`)}`, `p=${Buffer.from(`{"user":"ci","password":"${fake.password}"}`).toString('base64url')}`];
    for (const text of texts) {
      const kinds = new Set(find(text).map((s) => s.kind));
      assert.ok(kinds.size > 0, text);
      for (const kind of kinds) assert.ok(new RE2(ENCODED_GATES[kind]).test(text), `${kind} gate misses ${text}`);
    }
  });
});

describe('which decoded runs count as text', () => {
  /** The rule as first written: decode to a string, refuse U+FFFD, 95 % of characters printable. */
  const reference = (bytes: Buffer): boolean => {
    const text = bytes.toString('utf8');
    let printable = 0;
    let total = 0;
    for (const char of text) {
      total += 1;
      const code = char.codePointAt(0) as number;
      if (code === 0xfffd) return false;
      if (code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) printable += 1;
    }
    return total > 0 && printable / total >= 0.95;
  };

  it('keeps exactly the runs the plain decode-and-count rule keeps, on bytes of every kind', () => {
    const random = prng(20261202);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const byteOf: Array<() => number[]> = [
      () => [0x20 + Math.floor(random() * 95)], // printable ASCII
      () => [Math.floor(random() * 0x20)], // control characters, tab and newlines among them
      () => [0x7f],
      () => [...Buffer.from(pick(['é', 'ç', '€', '中', '😀', '\ufffd']))], // UTF-8, U+FFFD itself too
      () => [0x80 + Math.floor(random() * 0x80)], // a byte that cannot start UTF-8 or a cut sequence
      () => [0xed, 0xa0, 0x80], // an encoded surrogate: not UTF-8
      () => [0xc0, 0xaf], // overlong
    ];
    let kept = 0;
    let refused = 0;
    for (let round = 0; round < 3000; round += 1) {
      // Mostly printable ASCII, so the 95 % boundary is crossed both ways; sometimes anything.
      const weights = round % 3 === 0 ? [1, 1, 1, 1, 1, 1, 1] : [60, random() * 4, 0.2, random() * 3, random() * 0.5, 0.05, 0.05];
      const total = weights.reduce((a, b) => a + b, 0);
      const bytes: number[] = [];
      const length = 8 + Math.floor(random() * 80);
      while (bytes.length < length) {
        let roll = random() * total;
        let kind = 0;
        while (kind < weights.length - 1 && roll >= (weights[kind] as number)) roll -= weights[kind++] as number;
        bytes.push(...(byteOf[kind] as () => number[])());
      }
      const decoded = Buffer.from(bytes);
      const run = decoded.toString('base64');
      // Shorter runs (padding aside) are no base64 run at all.
      if (run.replace(/=+$/, '').length < 32) continue;
      const found = findEncoded(Buffer.from(` ${run} `), new Set<Encoding>(['base64']));
      const expected = reference(decoded);
      assert.equal(found.length === 1, expected, `bytes ${decoded.toString('hex')}`);
      if (expected) kept += 1;
      else refused += 1;
    }
    // Both answers must be common, or the comparison proves little.
    assert.ok(kept > 500 && refused > 500, `kept ${kept}, refused ${refused}`);
  });
});
