// Where the line holding a byte begins and ends, in a text of many lines. One place for it: the
// detector, the line gate, the own-output check and the redact stream all ask, and an offset of 0
// needs care (`lastIndexOf(…, -1)` searches from the end of the buffer, not from its start).
export const NEWLINE = 10;

/** The offset of the first byte of the line holding `at`. */
export function startOfLine(text: Buffer, at: number): number {
  return at === 0 ? 0 : text.lastIndexOf(NEWLINE, at - 1) + 1;
}

/** The offset of the newline ending the line holding `from`, or the text's length for a last line without one. */
export function endOfLine(text: Buffer, from: number): number {
  const newline = text.indexOf(NEWLINE, from);
  return newline === -1 ? text.length : newline;
}
