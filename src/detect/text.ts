// Turns a blob's bytes into UTF-8 text for the rules, or says it is binary.
// UTF-16 with a byte-order mark is transcoded; a NUL byte in the first 8000
// bytes marks a binary blob, the same test git uses for diffs.
const BINARY_SNIFF_BYTES = 8000;

export type PreparedText = { kind: 'text'; text: Buffer } | { kind: 'binary' };

export function prepareText(bytes: Buffer): PreparedText {
  if (bytes.length >= 2) {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return { kind: 'text', text: Buffer.from(new TextDecoder('utf-16le').decode(bytes.subarray(2)), 'utf8') };
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return { kind: 'text', text: Buffer.from(new TextDecoder('utf-16be').decode(bytes.subarray(2)), 'utf8') };
  }
  const sniff = bytes.subarray(0, BINARY_SNIFF_BYTES);
  if (sniff.includes(0)) return { kind: 'binary' };
  return { kind: 'text', text: bytes };
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
