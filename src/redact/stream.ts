// A Transform that masks a stream line by line (`tail -f app.log | leakwatch
// redact`, a logger's destination): each line goes out as soon as its `\n`
// has come in, masked as `redact` masks it, every other byte unchanged.
// Memory stays flat: what is held back is only the unfinished last line, and
// at most `maxLineBytes` of it (see RedactStream).
import { Transform, type TransformCallback } from 'node:stream';
import type { Detector } from '../detect/detector.js';
import { createDetector } from '../engine/scan.js';
import type { RuleSetOptions } from '../rules/rule-set.js';
import { LineMasker } from './lines.js';

/** A line longer than this is masked in pieces of about this size. */
export const MAX_LINE_BYTES = 1024 * 1024;
/** How far back from the limit a piece may end at whitespace instead (no secret holds a space or tab). */
const CUT_WINDOW = 4096;
const NEWLINE = 10;

export interface RedactStreamOptions extends RuleSetOptions {
  /** A detector built already (`createDetector`), shared by many streams: building the rules costs tens of milliseconds. */
  detector?: Detector | undefined;
  /** Bytes of an unfinished line held back at most (default MAX_LINE_BYTES). */
  maxLineBytes?: number | undefined;
}

/**
 * Masks what flows through it, line by line. A line longer than `maxLineBytes` is cut: its first piece
 * (ending at the last space or tab within 4 KiB of the limit, else at the limit, never inside a UTF-8
 * character) is masked and passed on, the rest carried on; a secret astride the cut may then go
 * unmasked. Private-key blocks are masked across lines (see pem.ts).
 */
export class RedactStream extends Transform {
  readonly #masker: LineMasker;
  readonly #maxLine: number;
  /** The unfinished last line, in the pieces it came in. */
  #carry: Buffer[] = [];
  #carried = 0;

  constructor(options: RedactStreamOptions = {}) {
    super();
    this.#masker = new LineMasker(options.detector ?? createDetector(options));
    this.#maxLine = options.maxLineBytes ?? MAX_LINE_BYTES;
  }

  /** Spans masked so far, per rule id. */
  get counts(): ReadonlyMap<string, number> {
    return this.#masker.counts;
  }

  /** Bytes held back now: the unfinished last line, never more than `maxLineBytes`. */
  get carried(): number {
    return this.#carried;
  }

  override _transform(chunk: Buffer | string, encoding: BufferEncoding, done: TransformCallback): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk;
    const last = bytes.lastIndexOf(NEWLINE);
    if (last === -1) {
      this.#hold(bytes);
    } else {
      const lines = this.#carried === 0 ? bytes.subarray(0, last + 1) : Buffer.concat([...this.#carry, bytes.subarray(0, last + 1)]);
      this.#carry = [];
      this.#carried = 0;
      // Pushed now, not at the end: a reader sees each line as soon as it is complete.
      this.push(this.#masker.mask(lines));
      // A copy: the rest of a large chunk must not keep the whole chunk alive.
      this.#hold(Buffer.from(bytes.subarray(last + 1)));
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    if (this.#carried > 0) this.push(this.#masker.mask(Buffer.concat(this.#carry)));
    this.#carry = [];
    this.#carried = 0;
    done();
  }

  /** Keeps `bytes` of the unfinished line; past the limit, masks and passes on pieces of it. */
  #hold(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.#carry.push(bytes);
    this.#carried += bytes.length;
    if (this.#carried <= this.#maxLine) return;
    let rest = Buffer.concat(this.#carry);
    while (rest.length > this.#maxLine) {
      const cut = cutPoint(rest, this.#maxLine);
      this.push(this.#masker.mask(rest.subarray(0, cut)));
      rest = rest.subarray(cut);
    }
    this.#carry = [Buffer.from(rest)];
    this.#carried = rest.length;
  }
}

/** Where to end the first piece of an overlong line: after the last space or tab near `limit`, else at a character boundary. */
function cutPoint(text: Buffer, limit: number): number {
  for (let at = limit; at > limit - CUT_WINDOW && at > 0; at -= 1) {
    const byte = text[at - 1];
    if (byte === 0x20 || byte === 0x09) return at;
  }
  let at = limit;
  while (at > 1 && ((text[at] as number) & 0xc0) === 0x80) at -= 1;
  return at;
}

/** A stream that masks every secret and piece of personal data the rules find, line by line; see RedactStream. */
export function createRedactStream(options: RedactStreamOptions = {}): RedactStream {
  return new RedactStream(options);
}
