// Finds, in a text of many lines, the lines where the detector may find
// something when it searches that line alone. A line holding none of the
// prefilter's keywords and matching none of its gate patterns makes the
// prefilter select no rule, no blob rule and no decoding: the detector finds
// nothing there. One pass of two regexes over a batch of lines costs far less
// than one prefilter call per line, and most lines of a log mention nothing.
//
// Exact, not a heuristic: the gate regexes are the prefilter's own patterns,
// compiled multi-line so that `^` and `$` match at each line's ends, as they do
// in the line searched alone; a match is only ever taken as a hint that its
// line is worth searching, and the search resumes at the next line.
import RE2 from 're2';
import { escapeRegex } from './prefilter.js';
import { NEWLINE, startOfLine } from './line-bounds.js';


/** A line of a batch: its first byte and the byte after its last (before the newline). */
export interface LineRange {
  start: number;
  end: number;
}

export class LineGate {
  readonly #keywords: RE2 | undefined;
  readonly #gates: RE2 | undefined;
  /** A gate anchored at the text's very start or end cannot be searched across a batch: every line is searched then. */
  readonly #everyLine: boolean;

  constructor(patterns: { keywords: readonly string[]; gates: readonly string[] }) {
    const { keywords, gates } = patterns;
    // Keywords and gates apart, as in the prefilter: case-insensitive literals stay a fast automaton.
    this.#keywords = keywords.length === 0 ? undefined : new RE2(keywords.map(escapeRegex).join('|'), 'gi');
    this.#gates = gates.length === 0 ? undefined : new RE2(gates.map((gate) => `(?:${gate})`).join('|'), 'gm');
    this.#everyLine = gates.some((gate) => /\\[Az]/.test(gate));
  }

  /** A cursor over the lines of `text` worth searching: `text` is split at each `\n`, its last line may lack one. */
  lines(text: Buffer): LineCursor {
    return new LineCursor(text, this.#everyLine ? undefined : { keywords: this.#keywords, gates: this.#gates });
  }
}

export class LineCursor {
  readonly #text: Buffer;
  readonly #patterns: { keywords: RE2 | undefined; gates: RE2 | undefined } | undefined;
  /** Where each regex matched last: still the next match while the caller has not passed it. */
  #keywordAt = -1;
  #gateAt = -1;

  constructor(text: Buffer, patterns: { keywords: RE2 | undefined; gates: RE2 | undefined } | undefined) {
    this.#text = text;
    this.#patterns = patterns;
  }

  /** The first line worth searching that starts at or after `from` (a line's start; calls must not go back). */
  next(from: number): LineRange | undefined {
    const text = this.#text;
    while (from < text.length) {
      let hit = from;
      if (this.#patterns !== undefined) {
        if (this.#keywordAt < from) this.#keywordAt = nextKeyword(this.#patterns.keywords, text, from);
        if (this.#gateAt < from) this.#gateAt = nextMatch(this.#patterns.gates, text, from);
        hit = Math.min(this.#keywordAt, this.#gateAt);
        if (hit === Infinity) return undefined;
      }
      const newline = text.indexOf(NEWLINE, hit);
      const end = newline === -1 ? text.length : newline;
      // A match beginning at the newline itself (a gate taking `\s`) is no line's: search on from the next line.
      if (hit < end) return { start: startOfLine(text, hit), end };
      from = end + 1;
    }
    return undefined;
  }
}

/**
 * Where the first keyword at or after `from` ends, less one: a byte of the keyword, so of its line (a keyword
 * holds no newline). `test` sets only lastIndex, which makes it twice as fast as `exec` building a match.
 */
function nextKeyword(pattern: RE2 | undefined, text: Buffer, from: number): number {
  if (pattern === undefined) return Infinity;
  pattern.lastIndex = from;
  return pattern.test(text) ? pattern.lastIndex - 1 : Infinity;
}

/** Where `pattern`'s first match at or after `from` begins; Infinity when there is none. */
function nextMatch(pattern: RE2 | undefined, text: Buffer, from: number): number {
  if (pattern === undefined) return Infinity;
  pattern.lastIndex = from;
  const found = pattern.exec(text);
  return found === null ? Infinity : found.index;
}
