// The only place raw findings become printable. Reporters accept nothing but
// RedactedFinding, so a raw secret cannot reach an output without passing here.
// `--no-redact` is the `none` policy, not a way around this module.
import type { Finding, MaskedText, RawExcerpt, RedactedFinding, SecretFinder, Span } from '../model/types.js';
import { MASK, maskValue } from './mask.js';
import { findingId, fingerprintOf } from '../model/fingerprint.js';

export type RedactionPolicy = 'mask' | 'none';

const ELLIPSIS = '…';

export class Redactor {
  readonly policy: RedactionPolicy;
  readonly #findSecrets: SecretFinder;

  /** `findSecrets` finds what the rules report in free text: commit subjects shown beside a finding are masked with it. */
  constructor(policy: RedactionPolicy, findSecrets: SecretFinder) {
    this.policy = policy;
    this.#findSecrets = findSecrets;
  }

  redact(finding: Finding): RedactedFinding {
    const secret = finding.secret.reveal();
    const commit = finding.commit;
    return {
      ruleId: finding.ruleId,
      category: finding.category,
      description: finding.description,
      confidence: finding.confidence,
      reasons: finding.reasons,
      path: finding.path,
      line: finding.line,
      column: finding.column,
      endLine: finding.endLine,
      endColumn: finding.endColumn,
      commit: commit?.oid ?? '',
      author: commit?.author ?? '',
      email: commit?.email ?? '',
      date: commit?.date ?? '',
      message: this.maskText(commit?.subject ?? '', [secret]),
      secret: this.#masked(this.policy === 'none' ? secret : maskValue(secret, finding.mask, finding.keepPrefix)),
      match: this.maskExcerpt(finding.excerpt.reveal(), secret),
      entropy: Math.round(finding.entropy * 1000) / 1000,
      ...(finding.decoded === undefined ? {} : { decoded: finding.decoded }),
      fingerprint: fingerprintOf(finding),
      id: findingId(finding),
      occurrenceCount: finding.occurrences.length,
      occurrences: finding.occurrences.map((occurrence) => ({
        commit: occurrence.commit?.oid ?? '',
        date: occurrence.commit?.date ?? '',
        path: occurrence.path,
        line: occurrence.line,
        column: occurrence.column,
      })),
    };
  }

  /** The excerpt with every secret span masked in its rule's style; `…` marks a cut line. */
  maskExcerpt(excerpt: RawExcerpt, secret: string): MaskedText {
    const { bytes } = excerpt;
    if (this.policy === 'none') return this.#masked(decorate(bytes.toString('utf8'), excerpt));
    let text = '';
    let at = 0;
    for (const span of mergeOverlaps(excerpt.spans)) {
      text += bytes.toString('utf8', at, span.start);
      text += maskValue(bytes.toString('utf8', span.start, span.end), span.mask, span.keepPrefix);
      at = span.end;
    }
    text += bytes.toString('utf8', at);
    return this.#masked(decorate(hideRemaining(text, [secret]), excerpt));
  }

  /** Free text (a commit subject): masks whatever the rules find in it, and the given secrets. */
  maskText(text: string, secrets: readonly string[]): MaskedText {
    if (this.policy === 'none' || text === '') return this.#masked(text);
    let masked = text;
    for (const found of this.#findSecrets(text)) {
      const secret = found.secret.reveal();
      masked = masked.replaceAll(secret, maskValue(secret, found.mask, found.keepPrefix));
    }
    return this.#masked(hideRemaining(masked, secrets));
  }

  #masked(text: string): MaskedText {
    return text as MaskedText;
  }
}

/** Overlapping spans become one fully masked span. */
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

/** Safety net: a secret that also sits elsewhere in the text, outside any matched span, is hidden too. */
function hideRemaining(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) if (secret.length >= 4) result = result.replaceAll(secret, MASK);
  return result;
}

function decorate(text: string, excerpt: RawExcerpt): string {
  return `${excerpt.cutStart ? ELLIPSIS : ''}${text}${excerpt.cutEnd ? ELLIPSIS : ''}`;
}
