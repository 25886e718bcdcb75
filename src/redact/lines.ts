// Masks lines in place, byte for byte: every secret span the rules find in a
// line, searched alone, is replaced by its masked form; every other byte —
// line endings, the bytes of other lines, bytes that are not valid UTF-8 —
// stays as it was. The unit `leakwatch redact` and createRedactStream build on.
//
// A line is the bytes between two `\n` (a `\r` before the `\n` is part of the
// line, as rules see it: their patterns stop at it). Searching each line alone
// makes the result independent of how the input was cut into chunks; most
// lines are never searched at all, since the detector's line gate finds, in
// one pass over a whole batch, the few lines that mention a rule's keyword.
import type { Detector } from '../detect/detector.js';
import type { RuleSpan, Span } from '../model/types.js';
import { MASK, maskValue } from './mask.js';
import { PEM_RULE, PemTracker } from './pem.js';

const NEWLINE = 10;

export class LineMasker {
  readonly #detector: Detector;
  /** Masked spans per rule id, for `--summary`. */
  readonly #counts = new Map<string, number>();
  /** Undefined when the rule set has no private-key rule (`--only pii`): key bodies are not masked then. */
  readonly #pem: PemTracker | undefined;

  constructor(detector: Detector) {
    this.#detector = detector;
    this.#pem = detector.rule(PEM_RULE) === undefined ? undefined : new PemTracker();
  }

  /** How many spans each rule's matches masked so far. */
  get counts(): ReadonlyMap<string, number> {
    return this.#counts;
  }

  /**
   * `batch` masked: whole lines, each ending in `\n` but perhaps the last (the end of the input, or a
   * piece of an overlong line). Lines are independent but for private-key blocks (see pem.ts), whose
   * state carries over to the next batch. Returns `batch` itself when nothing in it is masked.
   */
  mask(batch: Buffer): Buffer {
    const out: Buffer[] = [];
    let copied = 0;
    const replace = (start: number, end: number, masked: string): void => {
      out.push(batch.subarray(copied, start), Buffer.from(masked, 'utf8'));
      copied = end;
    };
    const cursor = this.#detector.lineGate().lines(batch);
    const pem = this.#pem;
    let at = 0;
    while (at < batch.length) {
      let line: { start: number; end: number } | undefined;
      if (pem?.open === true) {
        // Inside a key block every line is looked at, whatever the gate says.
        const end = lineEnd(batch, at);
        const body = pem.bodyOf(batch.toString('latin1', at, end));
        if (body !== undefined) {
          if (body !== null) {
            replace(at + body.start, at + body.end, MASK);
            if (body.first) this.#count(PEM_RULE);
          }
          at = end + 1;
          continue;
        }
        line = { start: at, end };
      } else {
        line = cursor.next(at);
        if (line === undefined) break;
      }
      const text = batch.subarray(line.start, line.end);
      for (const span of this.#merge(this.#detector.findSpans(text))) {
        replace(line.start + span.start, line.start + span.end, maskValue(text.toString('utf8', span.start, span.end), span.mask, span.keepPrefix));
      }
      pem?.see(text.toString('latin1'));
      at = line.end + 1;
    }
    if (out.length === 0) return batch;
    out.push(batch.subarray(copied));
    return Buffer.concat(out);
  }

  #count(ruleId: string): void {
    this.#counts.set(ruleId, (this.#counts.get(ruleId) ?? 0) + 1);
  }

  /** Counts each span under its rule, then joins overlapping spans into one fully masked span. */
  #merge(spans: readonly RuleSpan[]): Span[] {
    for (const span of spans) this.#count(span.ruleId);
    return mergeOverlaps(spans);
  }
}

function lineEnd(text: Buffer, from: number): number {
  const newline = text.indexOf(NEWLINE, from);
  return newline === -1 ? text.length : newline;
}

/** Spans in order, overlapping ones joined into one masked whole (half a value cannot keep its own mask style). */
function mergeOverlaps(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && span.start < last.end) {
      merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, span.end), mask: 'secret', keepPrefix: 0 };
    } else {
      merged.push(span);
    }
  }
  return merged;
}
