// How many terminal columns a string takes, for yargs' help and usage layout (it and its cliui and
// wrap-ansi ask `string-width`). The build puts this in their place in the bundle
// (scripts/bundle.ts): string-width compiles Unicode property regexes as soon as it is loaded (an
// emoji set among them), about 25 ms of every command's start-up, though only `--help` and usage
// errors lay anything out. Here nothing is compiled until a width is asked for. Exact for what
// leakwatch prints (English text, ANSI colours); East Asian wide characters and emoji count two
// columns, marks and zero-width characters none.

/** CSI (`ESC [` … final byte, or the 8-bit CSI) and OSC (`ESC ]` … BEL or ST) sequences: no columns. */
const ANSI = /\u001B\[[0-?]*[ -/]*[@-~]|\u009B[0-?]*[ -/]*[@-~]|\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)/g;

let zeroWidth: RegExp | undefined;

/** Code point ranges shown two columns wide: East Asian wide and fullwidth forms, and emoji. */
const WIDE: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f], [0x231a, 0x231b], [0x2329, 0x232a], [0x23e9, 0x23ec], [0x23f0, 0x23f0], [0x23f3, 0x23f3],
  [0x25fd, 0x25fe], [0x2614, 0x2615], [0x2648, 0x2653], [0x267f, 0x267f], [0x2693, 0x2693], [0x26a1, 0x26a1],
  [0x26aa, 0x26ab], [0x26bd, 0x26be], [0x26c4, 0x26c5], [0x26ce, 0x26ce], [0x26d4, 0x26d4], [0x26ea, 0x26ea],
  [0x26f2, 0x26f5], [0x26fa, 0x26fd], [0x2705, 0x2705], [0x270a, 0x270b], [0x2728, 0x2728], [0x274c, 0x274c],
  [0x2753, 0x2755], [0x2757, 0x2757], [0x2795, 0x2797], [0x27b0, 0x27b0], [0x27bf, 0x27bf], [0x2b1b, 0x2b1c],
  [0x2b50, 0x2b50], [0x2b55, 0x2b55], [0x2e80, 0x303e], [0x3041, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff],
  [0xa000, 0xa4cf], [0xa960, 0xa97f], [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe10, 0xfe19], [0xfe30, 0xfe6f],
  [0xff00, 0xff60], [0xffe0, 0xffe6], [0x16fe0, 0x18cff], [0x1b000, 0x1b2ff], [0x1f004, 0x1f004], [0x1f0cf, 0x1f0cf],
  [0x1f18e, 0x1f18e], [0x1f191, 0x1f19a], [0x1f200, 0x1f251], [0x1f300, 0x1f64f], [0x1f680, 0x1f6ff], [0x1f7e0, 0x1f7eb],
  [0x1f90c, 0x1f9ff], [0x1fa70, 0x1faff], [0x20000, 0x2fffd], [0x30000, 0x3fffd],
];

function isWide(codePoint: number): boolean {
  let low = 0;
  let high = WIDE.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const [start, end] = WIDE[mid] as readonly [number, number];
    if (codePoint < start) high = mid - 1;
    else if (codePoint > end) low = mid + 1;
    else return true;
  }
  return false;
}

export default function stringWidth(text: string): number {
  if (typeof text !== 'string' || text.length === 0) return 0;
  const plain = text.includes('\u001B') || text.includes('\u009B') ? text.replace(ANSI, '') : text;
  let width = 0;
  for (const char of plain) {
    const codePoint = char.codePointAt(0) as number;
    // Printable ASCII, nearly all of what is laid out: one column, no regex.
    if (codePoint >= 0x20 && codePoint < 0x7f) {
      width += 1;
      continue;
    }
    if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0)) continue;
    zeroWidth ??= /^[\p{Mn}\p{Me}\p{Cf}\u200B\uFE00-\uFE0F]$/u;
    if (zeroWidth.test(char)) continue;
    width += isWide(codePoint) ? 2 : 1;
  }
  return width;
}
