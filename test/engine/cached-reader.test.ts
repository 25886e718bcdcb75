// The cache's reader (engine/readers.ts CachedReader): known blobs are answered without a reader,
// after the listing; a few unknown ones are read by a small reader (no thread, no workers), many by
// a full one, made as soon as there are many; records that do not open are read after all.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tempDir } from '../../fixtures/repo.js';
import type { BlobRequest, ScannedBlob } from '../../src/detect/blob-scanner.js';
import { CachedReader, type ReadSize } from '../../src/engine/readers.js';
import { ScanCache } from '../../src/engine/scan-cache.js';
import { Sensitive } from '../../src/model/sensitive.js';
import { ruleSetSpec } from '../../src/rules/rule-set.js';
import type { BlobReader } from '../../src/sources/source.js';

const oid = (n: number): string => n.toString(16).padStart(40, '0');
const request = (n: number): BlobRequest => ({ oid: oid(n), family: `f${n}`, neighbours: [] });
const clean = (n: number): ScannedBlob => ({ oid: oid(n), bytes: n, skipped: undefined, matches: [] });

/** A reader that answers every request as clean, and says which size it was made for and when. */
class FakeReader implements BlobReader {
  readonly requested: string[] = [];
  constructor(readonly size: ReadSize, readonly take: (result: ScannedBlob) => void, readonly madeAt: number) {}
  request(blob: BlobRequest): void {
    this.requested.push(blob.oid);
  }
  async run(listed: Promise<void>): Promise<void> {
    await listed;
    for (const id of this.requested) this.take(clean(parseInt(id, 16)));
  }
  async close(): Promise<void> {}
}

function setup(known: number[], key = 'k'): { made: FakeReader[]; taken: string[]; reader: CachedReader } {
  const dir = tempDir('leakwatch-cached-reader-');
  const spec = { ruleSet: ruleSetSpec(), scanBinary: false, maxBytes: 1 << 20 };
  const writer = ScanCache.open(dir, spec, () => Buffer.from('k'));
  assert.ok(writer instanceof ScanCache);
  for (const n of known) writer.record(n % 2 === 0 ? clean(n) : { ...clean(n), matches: [{ ruleId: 'email', line: 1, column: 1, endLine: 1, endColumn: 2, entropy: 1, secret: new Sensitive('x'), excerpt: new Sensitive({ bytes: Buffer.from('x'), spans: [], cutStart: false, cutEnd: false }) }] });
  writer.close();
  const cache = ScanCache.open(dir, spec, () => Buffer.from(key));
  assert.ok(cache instanceof ScanCache);
  const made: FakeReader[] = [];
  const taken: string[] = [];
  let count = 0;
  const take = (result: ScannedBlob): void => {
    taken.push(result.oid);
  };
  const reader = new CachedReader((size) => {
    const inner = new FakeReader(size, take, count);
    made.push(inner);
    return inner;
  }, cache, take, () => undefined);
  const requestOf = reader.request.bind(reader);
  const wrapped = { request: (blob: BlobRequest) => { count += 1; requestOf(blob); } };
  return { made, taken, reader: Object.assign(reader, wrapped) };
}

describe('cached reader', () => {
  it('answers known blobs after the listing, and reads a few unknown ones with a small reader', async () => {
    const { made, taken, reader } = setup([1, 2, 3, 4]);
    let settle = (): void => undefined;
    const listed = new Promise<void>((resolve) => { settle = resolve; });
    const running = reader.run(listed);
    for (const n of [1, 2, 3, 4, 5, 6]) reader.request(request(n));
    await Promise.resolve();
    assert.deepEqual(taken, [], 'nothing answered while the history is listed');
    assert.equal(made.length, 0, 'no reader made for two unknown blobs before the listing ends');
    settle();
    await running;
    assert.deepEqual(made.map((inner) => inner.size), ['few']);
    assert.deepEqual(made[0]?.requested, [oid(5), oid(6)]);
    assert.deepEqual([...taken].sort(), [1, 2, 3, 4, 5, 6].map(oid));
  });

  it('makes a full reader as soon as many blobs are unknown', async () => {
    const { made, reader } = setup([]);
    const running = reader.run(new Promise<void>((resolve) => setTimeout(resolve, 20)));
    for (let n = 1; n <= 1500; n += 1) reader.request(request(n));
    assert.deepEqual(made.map((inner) => [inner.size, inner.madeAt]), [['many', 1000]]);
    await running;
    assert.equal(made[0]?.requested.length, 1500);
  });

  it('reads what was sealed under another key after all', async () => {
    const { made, taken, reader } = setup([1, 2, 3], 'another key');
    const running = reader.run(Promise.resolve());
    for (const n of [1, 2, 3]) reader.request(request(n));
    await running;
    // 2 holds no match (no seal, answered); 1 and 3 were sealed under the other key.
    assert.deepEqual(made.map((inner) => [inner.size, inner.requested]), [['few', [oid(1), oid(3)]]]);
    assert.deepEqual([...taken].sort(), [1, 2, 3].map(oid));
  });
});
