// Lines masked in place: secret spans replaced by their masks, every other byte as it was.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDetector } from '../../src/engine/scan.js';
import { LineMasker } from '../../src/redact/lines.js';
import { generateLog } from '../../fixtures/logs.js';
import { fake } from '../../fixtures/secrets.js';
import { assertNoRawValues } from '../helpers/cli.js';

const detector = createDetector();

describe('line masker', () => {
  it('keeps every line without a finding byte for byte, and the line count, on a generated log', () => {
    const log = generateLog(300_000, { secretEvery: 20 });
    const masked = new LineMasker(detector).mask(log);
    const before = log.toString('utf8').split('\n');
    const after = masked.toString('utf8').split('\n');
    assert.equal(after.length, before.length);
    assertNoRawValues(masked.toString('utf8'), 'the masked log');
    let changed = 0;
    for (const [index, line] of before.entries()) {
      if (detector.findSpans(Buffer.from(line)).length === 0) assert.equal(after[index], line, `line ${index + 1} changed`);
      else changed += 1;
    }
    assert.ok(changed > 0 && changed <= before.length / 10, `${changed} lines changed`);
  });

  it('keeps bytes that are not UTF-8, CRLF endings and a last line without a newline', () => {
    const text = Buffer.concat([
      Buffer.from('caf'), Buffer.from([0xe9, 0xff]), Buffer.from(` owner ${fake.email}\r\n`),
      Buffer.from([0xc3, 0x28]), Buffer.from(` token ${fake.githubToken}\r\nplain\r\nlast ${fake.cpfValid}`),
    ]);
    const masker = new LineMasker(detector);
    const masked = masker.mask(text);
    const expected = Buffer.concat([
      Buffer.from('caf'), Buffer.from([0xe9, 0xff]), Buffer.from(' owner j***a@provedor.com.br\r\n'),
      Buffer.from([0xc3, 0x28]), Buffer.from(' token ghp_****\r\nplain\r\nlast ***.***.***-94'),
    ]);
    assert.deepEqual(masked, expected);
    assert.deepEqual(Object.fromEntries(masker.counts), { email: 1, 'github-token': 1, cpf: 1 });
  });

  it('returns the very bytes when nothing is masked; empty stays empty', () => {
    const plain = Buffer.from('GET /health 200\nGET / 304\n');
    assert.equal(new LineMasker(detector).mask(plain), plain);
    assert.equal(new LineMasker(detector).mask(Buffer.alloc(0)).length, 0);
  });

  it('masks a private key\'s body lines, across batches, and counts the key once; not with --only pii', () => {
    const masker = new LineMasker(detector);
    const [begin, body1, body2, end] = fake.privateKey.split('\n') as [string, string, string, string];
    const first = masker.mask(Buffer.from(`key follows\n${begin}\n${body1}\n`)).toString('utf8');
    const second = masker.mask(Buffer.from(`${body2}\r\n${end}\nafter ${fake.githubToken}\n`)).toString('utf8');
    assert.equal(first, `key follows\n${begin}\n****\n`);
    assert.equal(second, `****\r\n${end}\nafter ghp_****\n`);
    assert.deepEqual(Object.fromEntries(masker.counts), { 'private-key': 1, 'github-token': 1 });
    const pii = new LineMasker(createDetector({ only: 'pii' }));
    assert.equal(pii.mask(Buffer.from(fake.privateKey)).toString('utf8'), fake.privateKey);
  });

  it('masks a private key logged with a per-line prefix, across a blank line, keeping the prefixes', () => {
    const [begin, body1, body2, end] = fake.privateKey.split('\n') as [string, string, string, string];
    const prefix = (second: number): string => `Dec  1 10:00:0${second} host app[123]: `;
    const log = [`${prefix(0)}${begin}`, `${prefix(1)}${body1}`, '', `${prefix(2)}${body2}`, `${prefix(3)}${end}`, `${prefix(4)}done`, ''].join('\n');
    const masker = new LineMasker(detector);
    const masked = masker.mask(Buffer.from(log)).toString('utf8');
    assert.equal(masked, [`${prefix(0)}${begin}`, `${prefix(1)}****`, '', `${prefix(2)}****`, `${prefix(3)}${end}`, `${prefix(4)}done`, ''].join('\n'));
    assert.deepEqual(Object.fromEntries(masker.counts), { 'private-key': 1 });
  });

  it('counts values masked by shape (after a secret-named key, URL passwords) under their own names', () => {
    const value = ['Xk9mQ2', 'vLp7wRz'].join('');
    const masker = new LineMasker(detector);
    const masked = masker.mask(Buffer.from(`a password=${value} b\nurl=https://u:Qx7@h/x ok\ntoken=${fake.githubToken} c\n`)).toString('utf8');
    assert.equal(masked, 'a password=**** b\nurl=https://u:****@h/x ok\ntoken=ghp_**** c\n');
    assert.deepEqual(Object.fromEntries(masker.counts), { 'secret-named-value': 1, 'url-userinfo': 1, 'github-token': 1 });
  });
});
