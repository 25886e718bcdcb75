// The scan cache's file layout (engine/cache-frames.ts) and its sealing (engine/scan-cache.ts): matches
// come back as they went in; a batch cut short is left out; a batch sealed under another id key, or
// whose records were altered, is a miss (the blobs are read again), never wrong matches.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from '../../fixtures/repo.js';
import { fake } from '../../fixtures/secrets.js';
import type { ScannedBlob } from '../../src/detect/blob-scanner.js';
import { encodeFrame, parseFrames, thawLists, thawMatches } from '../../src/engine/cache-frames.js';
import { ScanCache } from '../../src/engine/scan-cache.js';
import { Sensitive } from '../../src/model/sensitive.js';
import type { Match } from '../../src/model/types.js';
import { ruleSetSpec } from '../../src/rules/rule-set.js';

const oid = (digit: string): string => digit.repeat(40);
const match = (secret: string, line: number, decoded?: 'base64'): Match => ({
  ruleId: 'github-token', line, column: 3, endLine: line, endColumn: 3 + secret.length, secret: new Sensitive(secret), entropy: 4.25,
  excerpt: new Sensitive({ bytes: Buffer.from(`x ${secret} \u00e9\n`), spans: [{ start: 2, end: 2 + secret.length, mask: 'secret', keepPrefix: 4 }], cutStart: true, cutEnd: false }),
  ...(decoded === undefined ? {} : { decoded }),
});
const plain = (matches: readonly Match[]): unknown => matches.map((each) => ({ ...each, secret: each.secret.reveal(), excerpt: each.excerpt.reveal() }));
const results: ScannedBlob[] = [
  { oid: oid('a'), bytes: 120, skipped: undefined, matches: [match(fake.githubToken, 4), match(fake.otherGithubToken, 9, 'base64')] },
  { oid: oid('b'), bytes: 7, skipped: undefined, matches: [] },
  { oid: oid('c'), bytes: 3 * 2 ** 33, skipped: 'oversized', matches: [] },
  { oid: oid('d'), bytes: 40, skipped: 'binary', matches: [] },
  { oid: 'e'.repeat(64), bytes: 9, skipped: undefined, matches: [match(fake.password, 1)] },
];

describe('scan cache frames', () => {
  it('give back every record and every match as it was written', () => {
    const frame = encodeFrame(results, (sealedPlain) => sealedPlain);
    const parsed = parseFrames(Buffer.concat([frame, frame]), 0);
    assert.ok(parsed !== undefined);
    assert.equal(parsed.frames.length, 2);
    const [first] = parsed.frames;
    assert.ok(first?.sealed !== undefined);
    assert.deepEqual(first.records.map(({ oid: id, bytes, skipped }) => ({ oid: id, bytes, skipped })), results.map(({ oid: id, bytes, skipped }) => ({ oid: id, bytes, skipped })));
    const lists = thawLists(first.sealed);
    for (const [at, record] of first.records.entries()) {
      const expected = (results[at] as ScannedBlob).matches;
      assert.deepEqual(plain(record.list === undefined ? [] : thawMatches(lists[record.list])), plain(expected));
    }
  });

  it('leave out a batch cut short, and refuse what is not records', () => {
    const frame = encodeFrame(results, (sealedPlain) => sealedPlain);
    for (const cut of [1, 5, frame.length - 1]) {
      const parsed = parseFrames(Buffer.concat([frame, frame.subarray(0, cut)]), 0);
      assert.equal(parsed?.frames.length, 1);
      assert.equal(parsed?.end, frame.length);
    }
    const bent = Buffer.from(frame);
    bent[4] = 7; // an object id of 7 bytes
    assert.equal(parseFrames(bent, 0), undefined);
  });
});

describe('scan cache sealing', () => {
  const key = { ruleSet: ruleSetSpec(), scanBinary: false, maxBytes: 1 << 20 };
  const written = (): { dir: string; file: string } => {
    const dir = tempDir('leakwatch-cache-seal-');
    const cache = ScanCache.open(dir, key, () => Buffer.from('one key'));
    assert.ok(cache instanceof ScanCache);
    for (const result of results) cache.record(result);
    cache.close();
    return { dir, file: cache.file };
  };

  it('reads matches back only under the key they were sealed with', () => {
    const { dir } = written();
    const same = ScanCache.open(dir, key, () => Buffer.from('one key'));
    assert.ok(same instanceof ScanCache);
    assert.deepEqual(plain(same.lookup(oid('a'))?.matches ?? []), plain((results[0] as ScannedBlob).matches));
    assert.equal(same.lookup(oid('c'))?.skipped, 'oversized');
    same.close();
    const other = ScanCache.open(dir, key, () => Buffer.from('another key'));
    assert.ok(other instanceof ScanCache);
    assert.equal(other.lookup(oid('a')), undefined, 'a miss: read again');
    assert.equal(other.lookup('e'.repeat(64)), undefined);
    assert.equal(other.lookup(oid('b'))?.matches.length, 0, 'clean records need no key');
    other.close();
  });

  it('opens a saved listing only for its repository and under its key', () => {
    const dir = tempDir('leakwatch-cache-listing-');
    const open = (secret: string, repository: string): ScanCache => {
      const cache = ScanCache.open(dir, key, () => Buffer.from(secret), repository);
      assert.ok(cache instanceof ScanCache);
      return cache;
    };
    const writer = open('one key', '/repos/a/.git');
    writer.saveListing(Buffer.from('listing of a'));
    writer.close();
    const reader = open('one key', '/repos/a/.git');
    assert.equal(reader.savedListing()?.toString(), 'listing of a');
    reader.close();
    const elsewhere = open('one key', '/repos/b/.git');
    assert.equal(elsewhere.savedListing(), undefined);
    elsewhere.close();
    const otherKey = open('another key', '/repos/a/.git');
    assert.equal(otherKey.savedListing(), undefined);
    otherKey.close();
    const listing = readdirSync(dir).find((name) => name.startsWith('listing-'));
    assert.ok(listing !== undefined && !readFileSync(join(dir, listing)).includes('listing of a'), 'sealed');
  });

  it('treats a batch whose records were altered as a miss', () => {
    const { dir, file } = written();
    const data = readFileSync(file);
    // The first record's size (after magic, frame length, id length and id, kind): bound in the seal.
    const sizeAt = 8 + 4 + 1 + 20 + 1 + 5;
    data[sizeAt] = (data[sizeAt] as number) ^ 1;
    writeFileSync(file, data);
    const cache = ScanCache.open(dir, key, () => Buffer.from('one key'));
    assert.ok(cache instanceof ScanCache);
    assert.equal(cache.lookup(oid('a')), undefined);
    cache.close();
    assert.deepEqual(readdirSync(dir).filter((name) => name.endsWith('.cache')), [file.slice(join(dir, '/').length)]);
  });
});
