// Private keys in a stream of lines. A PEM block spans lines, and `redact`
// searches each line alone, so the `private-key` rule (which needs BEGIN, the
// body and END together) never matches one. Instead this remembers that a
// line opened a private-key block and masks the base64 body lines that follow,
// until a line that is not body (the END line, or anything else) closes it.
// Only the body is secret: the BEGIN and END lines and the encryption headers
// of the old OpenSSL format (`Proc-Type:`, `DEK-Info:`) stay as they were.

/** Opens a block when no END follows on the same line (a one-line key, JSON-escaped, is the rule's to find). */
const BEGIN = /-----BEGIN[ A-Z0-9]{0,20}PRIVATE KEY(?: BLOCK)?-----(?![\s\S]*-----END)/;
/** A body line: base64 only, whitespace around it and a carriage return allowed. */
const BODY = /^[ \t]*([A-Za-z0-9+/=]+)[ \t]*\r?$/;
/** Lines that may sit between BEGIN and the body without ending the block: headers, blank lines. */
const BETWEEN = /^(?:[ \t]*\r?|[A-Za-z-]{2,30}:.*)$/;

/** The rule a masked key body is counted under, as a scan would report the block. */
export const PEM_RULE = 'private-key';

export class PemTracker {
  #open = false;
  #bodySeen = false;

  /** Whether a block is open: the next line must be shown to `bodyOf` before anything else. */
  get open(): boolean {
    return this.#open;
  }

  /**
   * For a line while a block is open (latin1: one character a byte, so offsets are byte offsets): the
   * byte range of the base64 to mask, `null` for a line that leaves the block open but holds no body,
   * `undefined` when the line closes the block (it is then searched like any other).
   */
  bodyOf(line: string): { start: number; end: number; first: boolean } | null | undefined {
    const body = BODY.exec(line);
    if (body !== null) {
      const start = line.indexOf(body[1] as string);
      const first = !this.#bodySeen;
      this.#bodySeen = true;
      return { start, end: start + (body[1] as string).length, first };
    }
    if (!this.#bodySeen && BETWEEN.test(line)) return null;
    this.#open = false;
    return undefined;
  }

  /** After a searched line: does it open a block? */
  see(line: string): void {
    if (line.includes('PRIVATE KEY') && BEGIN.test(line)) {
      this.#open = true;
      this.#bodySeen = false;
    }
  }
}
