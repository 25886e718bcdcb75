// The lines of a text that hold one of a rule's keywords, as runs of whole
// lines. A line-scope rule finds only on lines holding one of its keywords
// (the detector checks each match's line for one), and a line's matches depend
// on that line alone, so its regex need only run over these runs: on most
// source files they are a small share of the text (an email rule's `@` is on
// under 1 % of git's lines), and a keyword scan is far cheaper than a rule's
// regex. Keywords without letters are found with the buffer's own search
// (case folding cannot change them); others with one case-insensitive regex,
// the same one the detector's line check uses, so both agree on every line.
import RE2 from 're2';
import { escapeRegex } from './prefilter.js';
import { NEWLINE, startOfLine } from './line-bounds.js';

/** Bytes [start, end) of consecutive whole lines of a text (end: after a newline, or the text's end). */
export interface LineRun {
  start: number;
  end: number;
}

/** ASCII without letters: RE2's case folding (which also maps k and s to non-ASCII letters) leaves such a keyword as it is. */
const FOLD_FREE = /^[\x00-\x40\x5b-\x60\x7b-\x7f]+$/;

/** Finds the lines holding any of one list of keywords. */
export class KeywordLines {
  readonly #literals: Buffer[] | undefined;
  readonly #pattern: RE2 | undefined;

  /** `keywords` lower-case, none spanning lines (the rule schema enforces both), at least one. */
  constructor(keywords: readonly string[]) {
    if (keywords.every((keyword) => FOLD_FREE.test(keyword))) this.#literals = keywords.map((keyword) => Buffer.from(keyword, 'latin1'));
    else this.#pattern = new RE2(keywords.map(escapeRegex).join('|'), 'gi');
  }

  /** The runs of whole lines of `text` holding a keyword, in order, adjacent lines joined. */
  in(text: Buffer): LineRun[] {
    if (this.#pattern !== undefined) return this.#byPattern(this.#pattern, text);
    const literals = this.#literals as Buffer[];
    if (literals.length === 1) return byLiteral(literals[0] as Buffer, text);
    return union(literals.map((literal) => byLiteral(literal, text)));
  }

  #byPattern(pattern: RE2, text: Buffer): LineRun[] {
    const runs: LineRun[] = [];
    pattern.lastIndex = 0;
    // `test` only moves lastIndex to the keyword's end (no match object, no copy of its bytes): the
    // keyword's last byte is on the same line as its first, since no keyword holds a newline.
    while (pattern.test(text)) {
      const end = addLine(runs, text, pattern.lastIndex - 1);
      // The rest of this line need not be looked at: the search goes on at the next line.
      if (end >= text.length) break;
      pattern.lastIndex = end;
    }
    pattern.lastIndex = 0;
    return runs;
  }
}

function byLiteral(literal: Buffer, text: Buffer): LineRun[] {
  const runs: LineRun[] = [];
  for (let at = text.indexOf(literal); at !== -1;) {
    const next = addLine(runs, text, at);
    if (next >= text.length) break;
    at = text.indexOf(literal, next);
  }
  return runs;
}

/** Adds the line holding `at` to `runs` (joining it to the last run when adjacent); returns where the next line starts. */
function addLine(runs: LineRun[], text: Buffer, at: number): number {
  const start = startOfLine(text, at);
  const newline = text.indexOf(NEWLINE, at);
  const end = newline === -1 ? text.length : newline + 1;
  const last = runs[runs.length - 1];
  if (last !== undefined && last.end === start) last.end = end;
  else runs.push({ start, end });
  return end;
}

/** The union of several ordered lists of line runs: runs that meet or overlap become one. */
function union(lists: LineRun[][]): LineRun[] {
  const all = lists.flat().sort((a, b) => a.start - b.start);
  const runs: LineRun[] = [];
  for (const run of all) {
    const last = runs[runs.length - 1];
    if (last !== undefined && run.start <= last.end) last.end = Math.max(last.end, run.end);
    else runs.push({ ...run });
  }
  return runs;
}
