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
import { LineGate } from '../detect/line-gate.js';
import { planMasks } from './free-text.js';
import type { Span } from '../model/types.js';
import { maskValue } from './mask.js';
import { PEM_RULE, PemTracker } from './pem.js';
import { SHAPE_GATES } from './tokens.js';
import { endOfLine } from '../detect/line-bounds.js';


/** Per detector, its line gate widened to the lines masking by shape may change (built once: compiling costs). */
const gates = new WeakMap<Detector, LineGate>();

function maskingGate(detector: Detector): LineGate {
  let gate = gates.get(detector);
  if (gate === undefined) {
    const { keywords, gates: patterns } = detector.gatePatterns();
    gate = new LineGate({ keywords, gates: [...patterns, ...SHAPE_GATES] });
    gates.set(detector, gate);
  }
  return gate;
}

export class LineMasker {
  readonly #detector: Detector;
  readonly #gate: LineGate;
  /** Masked spans per rule id (and shape name, see tokens.ts), for `--summary`. */
  readonly #counts = new Map<string, number>();
  /** Undefined when the rule set has no private-key rule (`--only pii`): key bodies are not masked then. */
  readonly #pem: PemTracker | undefined;
  /** Whether to mask by shape: shapes find secrets (passwords), not wanted when only the PII rules are (`--only pii`). */
  readonly #shapes: boolean;

  constructor(detector: Detector) {
    this.#detector = detector;
    this.#shapes = detector.ruleSet.rules.some((rule) => rule.category === 'secret');
    this.#gate = maskingGate(detector);
    this.#pem = detector.rule(PEM_RULE) === undefined ? undefined : new PemTracker();
  }

  /** How many spans each rule's matches (and each shape) masked so far. */
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
    const cursor = this.#gate.lines(batch);
    const pem = this.#pem;
    let at = 0;
    while (at < batch.length) {
      let line: { start: number; end: number } | undefined;
      let body: { start: number; end: number } | undefined;
      if (pem?.open === true) {
        // Inside a key block every line is looked at, whatever the gate says, and searched too: a line
        // that does not close the block may be any line of the log.
        const end = endOfLine(batch, at);
        const found = pem.bodyOf(batch.toString('latin1', at, end));
        if (found) {
          body = { start: found.start, end: found.end };
          if (found.first) this.#count(PEM_RULE);
        }
        line = { start: at, end };
      } else {
        line = cursor.next(at);
        if (line === undefined) break;
      }
      const text = batch.subarray(line.start, line.end);
      const latin1 = text.toString('latin1');
      const plan = planMasks(latin1, this.#detector.findSpans(text), this.#shapes);
      for (const id of plan.counted) this.#count(id);
      const spans = body === undefined ? plan.spans : joinBody(plan.spans, body);
      for (const span of spans) {
        replace(line.start + span.start, line.start + span.end, maskValue(text.toString('utf8', span.start, span.end), span.mask, span.keepPrefix));
      }
      pem?.see(latin1);
      at = line.end + 1;
    }
    if (out.length === 0) return batch;
    out.push(batch.subarray(copied));
    return Buffer.concat(out);
  }

  #count(id: string): void {
    this.#counts.set(id, (this.#counts.get(id) ?? 0) + 1);
  }
}

/** A key body's span among a line's other spans (it is the line's last word: spans over it are joined into it). */
function joinBody(spans: readonly Span[], body: { start: number; end: number }): Span[] {
  let whole: Span = { start: body.start, end: body.end, mask: 'secret', keepPrefix: 0 };
  const others: Span[] = [];
  for (const span of spans) {
    if (span.start < whole.end && whole.start < span.end) whole = { ...whole, start: Math.min(whole.start, span.start), end: Math.max(whole.end, span.end) };
    else others.push(span);
  }
  return [...others, whole].sort((a, b) => a.start - b.start);
}

