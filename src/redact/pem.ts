// Private keys in a stream of lines. A PEM block spans lines, and `redact`
// searches each line alone, so the `private-key` rule (which needs BEGIN, the
// body and END together) never matches one. Instead this remembers that a
// line opened a private-key block and masks the body that follows: of each
// line, its last word when that is base64, so that a per-line prefix (syslog's
// `Dec  1 10:00:00 host app[123]: `, `kubectl logs --timestamps`, `docker logs
// -t`; different on every line) stays and the key goes. Other lines (blank
// ones, headers, a prefix alone) leave the block open: only its END line closes
// it, or PEM_MAX_LINES lines when the END never comes. Only the body is
// secret: the BEGIN and END lines and the encryption headers of the old
// OpenSSL format (`Proc-Type:`, `DEK-Info:`) stay as they were.

/** Opens a block when no END follows on the same line (a one-line key, JSON-escaped, is the rule's to find). */
const BEGIN = /-----BEGIN[ A-Z0-9]{0,20}PRIVATE KEY(?: BLOCK)?-----(?![\s\S]*-----END)/;
const END = /-----END[ A-Z0-9]{0,20}PRIVATE KEY(?: BLOCK)?-----/;
/** A body line: its last word base64, a carriage return allowed after it. */
const BODY = /(?:^|[ \t])([A-Za-z0-9+/=]+)[ \t]*\r?$/;

/** Lines a block may run to without its END: an 8192-bit RSA key is about 100 lines of 64 characters. */
export const PEM_MAX_LINES = 200;

/** The rule a masked key body is counted under, as a scan would report the block. */
export const PEM_RULE = 'private-key';

export class PemTracker {
  #open = false;
  #bodySeen = false;
  #lines = 0;

  /** Whether a block is open: the next line must be shown to `bodyOf` before anything else. */
  get open(): boolean {
    return this.#open;
  }

  /**
   * For a line while a block is open (latin1: one character a byte, so offsets are byte offsets): the
   * byte range of the base64 to mask, `null` for a line that leaves the block open but holds no body,
   * `undefined` when the line closes the block (its END line, or the cap reached).
   */
  bodyOf(line: string): { start: number; end: number; first: boolean } | null | undefined {
    this.#lines += 1;
    if (this.#lines > PEM_MAX_LINES || (line.includes('-----END') && END.test(line))) {
      this.#open = false;
      return undefined;
    }
    const body = BODY.exec(line);
    if (body === null) return null;
    const token = body[1] as string;
    const start = body.index + body[0].indexOf(token);
    const first = !this.#bodySeen;
    this.#bodySeen = true;
    return { start, end: start + token.length, first };
  }

  /** After a searched line: does it open a block? */
  see(line: string): void {
    if (line.includes('PRIVATE KEY') && BEGIN.test(line)) {
      this.#open = true;
      this.#bodySeen = false;
      this.#lines = 0;
    }
  }
}
