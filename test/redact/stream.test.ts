// The redact stream: masks line by line, passes each line on as soon as it is complete, holds
// back at most the unfinished line (cut past the cap), and gives the same bytes however the
// input is cut into chunks.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { createDetector } from '../../src/engine/scan.js';
import { createRedactStream, MAX_LINE_BYTES, type RedactStream } from '../../src/redact/stream.js';
import { LineMasker } from '../../src/redact/lines.js';
import { generateLog } from '../../fixtures/logs.js';
import { prng } from '../../fixtures/random.js';
import { fake } from '../../fixtures/secrets.js';

const detector = createDetector();

async function through(stream: RedactStream, chunks: readonly Buffer[]): Promise<Buffer> {
  const out: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = once(stream, 'end');
  for (const chunk of chunks) stream.write(chunk);
  stream.end();
  await ended;
  return Buffer.concat(out);
}

describe('redact stream', () => {
  it('passes a masked line on before the input ends (a line is never held for the next one)', async () => {
    const stream = createRedactStream({ detector });
    const reader = stream[Symbol.asyncIterator]();
    stream.write(`login ${fake.email}\n`);
    const first = await reader.next();
    assert.equal((first.value as Buffer).toString('utf8'), 'login j***a@provedor.com.br\n');
    assert.equal(stream.writableEnded, false);
    stream.write('half a li');
    stream.end('ne\n');
    const rest: Buffer[] = [];
    for (let next = await reader.next(); next.done !== true; next = await reader.next()) rest.push(next.value as Buffer);
    assert.equal(Buffer.concat(rest).toString('utf8'), 'half a line\n');
  });

  it('gives the same bytes as the whole log masked at once, whatever the chunks', async () => {
    const log = generateLog(200_000, { secretEvery: 10 });
    const whole = new LineMasker(detector).mask(log);
    const random = prng(7);
    const chunks: Buffer[] = [];
    for (let at = 0; at < log.length;) {
      const size = 1 + Math.floor(random() * 300);
      chunks.push(log.subarray(at, at + size));
      at += size;
    }
    assert.deepEqual(await through(createRedactStream({ detector }), chunks), whole);
    assert.deepEqual(await through(createRedactStream({ detector }), [log]), whole);
  });

  it('empty input gives empty output; a last line without a newline is masked at the end', async () => {
    assert.equal((await through(createRedactStream({ detector }), [])).length, 0);
    const out = await through(createRedactStream({ detector }), [Buffer.from(`token ${fake.githubToken.slice(0, 10)}`), Buffer.from(fake.githubToken.slice(10))]);
    assert.equal(out.toString('utf8'), 'token ghp_****');
  });

  it('never holds back more than the cap: an endless line is cut, at a space near the cap, and passed on', async () => {
    const stream = createRedactStream({ detector, maxLineBytes: 1000 });
    const out: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => out.push(chunk));
    let most = 0;
    let written = 0;
    const word = 'lorem ipsum ';
    for (let i = 0; i < 2000; i += 1) {
      stream.write(word);
      written += word.length;
      most = Math.max(most, stream.carried);
    }
    assert.ok(most <= 1000, `held ${most} bytes`);
    assert.ok(out.length > 0 && Buffer.concat(out).length >= written - 1000);
    for (const piece of out) assert.ok(piece.toString('latin1').endsWith(' '), 'a piece ends inside a word');
    stream.end(`${fake.email}\n`);
    const tail: Buffer[] = [];
    for await (const piece of stream) tail.push(piece as Buffer);
    const all = Buffer.concat([...out, ...tail]).toString('utf8');
    assert.equal(all, `${word.repeat(2000)}j***a@provedor.com.br\n`);
    assert.equal(MAX_LINE_BYTES, 1024 * 1024);
  });

  it('counts what it masked per rule', async () => {
    const stream = createRedactStream({ detector });
    await through(stream, [Buffer.from(`${fake.email} ${fake.email}\ncpf ${fake.cpfValid}\n`)]);
    assert.deepEqual(Object.fromEntries(stream.counts), { email: 2, cpf: 1 });
  });
});
