// Where to mask a line of free text (a log line, a commit subject): the spans
// the rules found, values masked by shape (tokens.ts: URL passwords, values
// after secret-named keys), each quoted value widened to its closing quote,
// overlapping spans joined. Shared by `leakwatch redact` (bytes, through a
// latin1 string: offsets are byte offsets) and Redactor.maskText (a string).
import type { RuleSpan, Span } from '../model/types.js';
import { shapeSpans } from './tokens.js';

export interface MaskPlan {
  /** In order, none overlapping. */
  spans: Span[];
  /** What each masked value counts under (`--summary`): rule ids, then shape names for values no rule found. */
  counted: string[];
}

/**
 * `found`: the rules' spans in `text`. Shape spans (unless `shapes` is false: `--only pii`) a rule span
 * already covers are not added (nor counted twice), nor those whose key lies inside a rule's span (base64
 * holding `pwd` and ending in `=` is no key).
 */
export function planMasks(text: string, found: readonly RuleSpan[], shapes = true): MaskPlan {
  const spans: Span[] = [...found];
  const counted = found.map((span) => span.ruleId);
  for (const shape of shapes ? shapeSpans(text) : []) {
    const overlapping = found.filter((span) => span.start < shape.end && shape.keyStart < span.end);
    if (overlapping.some((span) => span.start < shape.start || (span.start <= shape.start && shape.end <= span.end))) continue;
    spans.push(shape);
    if (overlapping.length === 0) counted.push(shape.ruleId);
  }
  return { spans: mergeOverlaps(spans.map((span) => toClosingQuote(text, span))), counted };
}

/**
 * A value that opens right after a quote is masked up to that string's closing quote (an escaped one,
 * `\"`, does not close it): a rule's pattern stops at the first quote, and a value holding `\"` would
 * otherwise show its tail and break the quoting (a JSON log line would no longer parse). Never shrinks.
 */
export function toClosingQuote(text: string, span: Span): Span {
  const quote = text[span.start - 1];
  if (quote !== '"' && quote !== "'") return span;
  for (let at = span.start; at < text.length; at += 1) {
    const char = text[at];
    if (char === '\\') at += 1;
    else if (char === quote) return at > span.end ? { start: span.start, end: at, mask: 'secret', keepPrefix: 0 } : span;
    else if (char === '\n') break;
  }
  return span;
}

/** Spans in order, overlapping ones joined into one masked whole (half a value cannot keep its own mask style). */
export function mergeOverlaps(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && span.start < last.end) {
      merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, span.end), mask: 'secret', keepPrefix: 0 };
    } else {
      merged.push({ start: span.start, end: span.end, mask: span.mask, keepPrefix: span.keepPrefix });
    }
  }
  return merged;
}
