// Matches as plain data: arrays of their fields, the raw secret and the
// excerpt (base64) out of their Sensitive wrappers. A match as objects (the
// match, two wrappers, the excerpt, its Buffer, its spans) takes several times
// the memory of its frozen form. Used for what is kept a while: the scan
// cache's sealed records (engine/cache-frames.ts), and a history's results
// that must wait for the listing's index (sources/history.ts).
import { Sensitive } from './sensitive.js';
import type { MaskStyle, Match } from './types.js';

/** One frozen match, as arrays are cheaper to parse than objects with named fields. */
type Frozen = [ruleId: string, line: number, column: number, endLine: number, endColumn: number, secret: string, excerpt: string, spans: Array<[start: number, end: number, mask: MaskStyle, keepPrefix: number]>, cut: number, entropy: number, decoded?: 'base64' | 'percent'];

/** The matches frozen: raw values inside, so only ever kept sealed or inside a Sensitive. */
export function freezeMatches(matches: readonly Match[]): Frozen[] {
  return matches.map((match) => {
    const excerpt = match.excerpt.reveal();
    const frozen: Frozen = [match.ruleId, match.line, match.column, match.endLine, match.endColumn, match.secret.reveal(), excerpt.bytes.toString('base64'), excerpt.spans.map((span) => [span.start, span.end, span.mask, span.keepPrefix]), (excerpt.cutStart ? 1 : 0) + (excerpt.cutEnd ? 2 : 0), match.entropy];
    if (match.decoded !== undefined) frozen.push(match.decoded);
    return frozen;
  });
}

/** The matches `freezeMatches` froze (as parsed from JSON). */
export function thawMatches(list: unknown): Match[] {
  if (!Array.isArray(list)) throw new TypeError('not a match list');
  return (list as Frozen[]).map(([ruleId, line, column, endLine, endColumn, secret, excerpt, spans, cut, entropy, decoded]) => ({
    ruleId, line, column, endLine, endColumn,
    secret: new Sensitive(secret),
    excerpt: new Sensitive({ bytes: Buffer.from(excerpt, 'base64'), spans: spans.map(([start, end, mask, keepPrefix]) => ({ start, end, mask, keepPrefix })), cutStart: (cut & 1) !== 0, cutEnd: (cut & 2) !== 0 }),
    entropy,
    ...(decoded === undefined ? {} : { decoded }),
  }));
}

/** The matches as one JSON string, in a Sensitive: one string instead of a few objects per match. */
export function packMatches(matches: readonly Match[]): Sensitive<string> {
  return new Sensitive(JSON.stringify(freezeMatches(matches)));
}

export function unpackMatches(packed: Sensitive<string>): Match[] {
  return thawMatches(JSON.parse(packed.reveal()) as unknown);
}
