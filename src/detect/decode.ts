// Finds encoded runs in a text — base64 and percent-encoding — and decodes
// those that turn out to be text, so the rules can look inside them. Bounded:
// runs over MAX_SEGMENT bytes are left alone, and a text gets at most
// MAX_DECODED bytes of decoded output, so a crafted file cannot blow up a scan.
import { isUtf8 } from 'node:buffer';
import RE2 from 're2';

export type Encoding = 'base64' | 'percent';

export interface EncodedSegment {
  kind: Encoding;
  /** Byte range of the encoded run in the text it was found in. */
  start: number;
  end: number;
  decoded: Buffer;
}

const MIN_BASE64 = 32;
const MAX_SEGMENT = 64 * 1024;
const MAX_DECODED = 1024 * 1024;
/** Share of decoded characters that must be printable for the run to count as encoded text. */
const PRINTABLE_SHARE = 0.95;

const BASE64_RUN = new RE2(`[A-Za-z0-9+/_-]{${MIN_BASE64},}={0,2}`, 'g');
const PERCENT_RUN = new RE2(`(?:[^\\s%"'<>]*%[0-9A-Fa-f]{2}){3,}[^\\s%"'<>]*`, 'g');

/** Gate patterns for the keyword prefilter set: extraction runs only where one of these occurs. */
export const ENCODED_GATES: Record<Encoding, string> = {
  base64: `[A-Za-z0-9+/_-]{${MIN_BASE64}}`,
  percent: '%[0-9A-Fa-f]{2}[^\\s%]*%[0-9A-Fa-f]{2}[^\\s%]*%[0-9A-Fa-f]{2}',
};

export function findEncoded(text: Buffer, kinds: ReadonlySet<Encoding>): EncodedSegment[] {
  const found: EncodedSegment[] = [];
  let budget = MAX_DECODED;
  const collect = (pattern: RE2, kind: Encoding, decode: (run: string) => Buffer | undefined): void => {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match !== null && budget > 0; match = pattern.exec(text)) {
      const run = match[0] as unknown as Buffer;
      if (run.length > MAX_SEGMENT) continue;
      const decoded = decode(run.toString('latin1'));
      if (decoded === undefined || decoded.length < 8 || !isMostlyPrintable(decoded)) continue;
      budget -= decoded.length;
      found.push({ kind, start: match.index, end: match.index + run.length, decoded });
    }
  };
  if (kinds.has('base64')) collect(BASE64_RUN, 'base64', decodeBase64);
  if (kinds.has('percent')) collect(PERCENT_RUN, 'percent', decodePercent);
  return found;
}

function decodeBase64(run: string): Buffer | undefined {
  const body = run.replace(/=+$/, '');
  if (body.length % 4 === 1) return undefined;
  return Buffer.from(body, 'base64');
}

function decodePercent(run: string): Buffer | undefined {
  const bytes: number[] = [];
  for (let i = 0; i < run.length; i += 1) {
    if (run[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(run.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(run.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(run.charCodeAt(i));
    }
  }
  return Buffer.from(bytes);
}

/**
 * Whether at least PRINTABLE_SHARE of the decoded characters are printable, and none is U+FFFD. Most
 * runs tried are not encoded text (hashes, identifiers), and decode to bytes that are not UTF-8: those
 * are refused without building a string, since decoding would have put U+FFFD in it. ASCII is counted
 * on the bytes (one byte, one character); only other UTF-8 is decoded to count characters.
 */
function isMostlyPrintable(bytes: Buffer): boolean {
  if (!isUtf8(bytes)) return false;
  let printable = 0;
  for (let i = 0; i < bytes.length; i += 1) {
    const byte = bytes[i] as number;
    if (byte >= 0x80) return mostlyPrintableText(bytes);
    if (isPrintable(byte)) printable += 1;
  }
  return enoughPrintable(printable, bytes.length);
}

function mostlyPrintableText(bytes: Buffer): boolean {
  const text = bytes.toString('utf8');
  let printable = 0;
  let total = 0;
  for (const char of text) {
    total += 1;
    const code = char.codePointAt(0) as number;
    if (code === 0xfffd) return false;
    if (isPrintable(code)) printable += 1;
  }
  return enoughPrintable(printable, total);
}

/** A character that shows, or a tab or line break (a code point, or an ASCII byte). */
function isPrintable(code: number): boolean {
  return code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function enoughPrintable(printable: number, total: number): boolean {
  return total > 0 && printable / total >= PRINTABLE_SHARE;
}
