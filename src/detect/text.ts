// Turns a blob's bytes into UTF-8 text for the rules, or says it is binary.
// UTF-16 is transcoded, with a byte-order mark or without one (every other
// byte NUL); otherwise a NUL byte in the first 8000 bytes marks a binary blob,
// the same test git uses for diffs. With --scan-binary a binary blob is read
// as its printable runs: every other byte becomes a space, so positions stay.
const BINARY_SNIFF_BYTES = 8000;
/** Share of the NUL-side bytes that must be NUL (and of the other side that must not) to call a text UTF-16. */
const UTF16_NUL_SHARE = 0.9;

export type PreparedText = { kind: 'text'; text: Buffer } | { kind: 'binary' };

export function prepareText(bytes: Buffer, scanBinary = false): PreparedText {
  const kind = kindOf(bytes);
  if (kind === 'utf-8') return { kind: 'text', text: bytes };
  if (kind === 'binary') return scanBinary ? { kind: 'text', text: printableRuns(bytes) } : { kind: 'binary' };
  return { kind: 'text', text: transcode(hasByteOrderMark(bytes) ? bytes.subarray(2) : bytes, kind) };
}

/**
 * Bytes enough to tell a text from a binary file: `prepareText` looks no further. A file read from
 * disk is read this far first, so the bulk of a binary file (a compiled module, an image) is never read.
 */
export const SNIFF_BYTES = BINARY_SNIFF_BYTES;

/** Whether `prepareText` calls a blob starting with `head` binary (`head`: its first SNIFF_BYTES bytes, or all of it). */
export function isBinaryHead(head: Buffer): boolean {
  return kindOf(head) === 'binary';
}

/** What the first bytes say a blob is; decided on the first BINARY_SNIFF_BYTES bytes alone. */
function kindOf(bytes: Buffer): 'utf-8' | 'utf-16le' | 'utf-16be' | 'binary' {
  if (hasByteOrderMark(bytes)) return bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
  const sniff = bytes.subarray(0, BINARY_SNIFF_BYTES);
  if (!sniff.includes(0)) return 'utf-8';
  return utf16WithoutMark(sniff) ?? 'binary';
}

/** A UTF-16 byte-order mark, little-endian (FF FE) or big-endian (FE FF). */
function hasByteOrderMark(bytes: Buffer): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
}

function transcode(bytes: Buffer, encoding: 'utf-16le' | 'utf-16be'): Buffer {
  return Buffer.from(new TextDecoder(encoding).decode(bytes), 'utf8');
}

/** `utf-16le` when nearly every odd byte is NUL and even bytes are not (ASCII-range text), `utf-16be` the other way round. */
function utf16WithoutMark(sniff: Buffer): 'utf-16le' | 'utf-16be' | undefined {
  const pairs = Math.floor(sniff.length / 2);
  if (pairs < 2) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i + 1 < sniff.length; i += 2) {
    if (sniff[i] === 0) evenNul += 1;
    if (sniff[i + 1] === 0) oddNul += 1;
  }
  if (oddNul >= pairs * UTF16_NUL_SHARE && evenNul <= pairs * (1 - UTF16_NUL_SHARE)) return 'utf-16le';
  if (evenNul >= pairs * UTF16_NUL_SHARE && oddNul <= pairs * (1 - UTF16_NUL_SHARE)) return 'utf-16be';
  return undefined;
}

/** Printable ASCII, tabs and newlines kept; every other byte a space. */
function printableRuns(bytes: Buffer): Buffer {
  const out = Buffer.allocUnsafe(bytes.length);
  for (let i = 0; i < bytes.length; i += 1) {
    const byte = bytes[i] as number;
    out[i] = (byte >= 0x20 && byte < 0x7f) || byte === 0x09 || byte === 0x0a ? byte : 0x20;
  }
  return out;
}

/** Byte offsets where each line starts, built on demand: only texts with matches pay for it. */
export class LineIndex {
  readonly #text: Buffer;
  #starts: number[] | undefined;

  constructor(text: Buffer) {
    this.#text = text;
  }

  /** 1-based line and column of a byte offset; columns count Unicode code points. */
  position(offset: number): { line: number; column: number; lineStart: number } {
    const starts = this.#lineStarts();
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    const lineStart = starts[low] as number;
    return { line: low + 1, column: countCodePoints(this.#text, lineStart, offset) + 1, lineStart };
  }

  /** End of the line holding `offset`, excluding the newline and a carriage return before it. */
  lineEnd(offset: number): number {
    let end = this.#text.indexOf(10, offset);
    if (end === -1) end = this.#text.length;
    if (end > offset && this.#text[end - 1] === 13) end -= 1;
    return end;
  }

  #lineStarts(): number[] {
    if (this.#starts === undefined) {
      const starts = [0];
      let at = this.#text.indexOf(10);
      while (at !== -1) {
        starts.push(at + 1);
        at = this.#text.indexOf(10, at + 1);
      }
      this.#starts = starts;
    }
    return this.#starts;
  }
}

/** Code points in bytes[from, to): every byte that is not a UTF-8 continuation byte starts one. */
export function countCodePoints(bytes: Buffer, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i += 1) if (((bytes[i] as number) & 0xc0) !== 0x80) count += 1;
  return count;
}
