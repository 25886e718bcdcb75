// The only place raw findings become printable. Reporters accept nothing but
// RedactedFinding, so a raw secret cannot reach an output without passing here.
// `--no-redact` is the `none` policy, not a way around this module.
import type { Finding, MaskedText, RawExcerpt, RedactedFinding, SecretFinder } from '../model/types.js';
import { MASK, maskEmail, maskValue } from './mask.js';
import { mergeOverlaps, planMasks, toClosingQuote } from './free-text.js';
import { maskSensitiveTokens } from './tokens.js';

export type RedactionPolicy = 'mask' | 'none';

const ELLIPSIS = '…';

export class Redactor {
  readonly policy: RedactionPolicy;
  readonly #findSecrets: SecretFinder;
  readonly #showAuthors: boolean;

  /**
   * `findSecrets` finds what the rules report in free text: commit subjects shown beside a finding are
   * masked with it. Commit authors' addresses are personal data: masked unless `showAuthors`.
   */
  constructor(policy: RedactionPolicy, findSecrets: SecretFinder, options: { showAuthors?: boolean } = {}) {
    this.policy = policy;
    this.#findSecrets = findSecrets;
    this.#showAuthors = options.showAuthors === true;
  }

  #authorEmail(email: string): string {
    return email === '' ? '' : maskEmail(email);
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
      // Some authors' names are their addresses (`git config user.name you@example.com`): masked like any.
      author: this.policy === 'none' || this.#showAuthors ? commit?.author ?? '' : maskSensitiveTokens(commit?.author ?? ''),
      email: this.policy === 'none' || this.#showAuthors ? commit?.email ?? '' : this.#authorEmail(commit?.email ?? ''),
      date: commit?.date ?? '',
      message: this.maskText(commit?.subject ?? '', [secret]),
      secret: this.#masked(this.policy === 'none' ? secret : maskValue(secret, finding.mask, finding.keepPrefix)),
      match: this.maskExcerpt(finding.excerpt.reveal(), secret),
      entropy: Math.round(finding.entropy * 1000) / 1000,
      ...(finding.decoded === undefined ? {} : { decoded: finding.decoded }),
      fingerprint: finding.fingerprint,
      id: finding.id,
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

  /**
   * A window of the line around the secret (`…` where cut), with every secret span masked in its
   * rule's style and, between them, whatever looks sensitive by shape (see tokens.ts).
   */
  maskExcerpt(whole: RawExcerpt, secret: string): MaskedText {
    const excerpt = windowAround(whole, secret);
    const { bytes } = excerpt;
    if (this.policy === 'none') return this.#masked(decorate(bytes.toString('utf8'), excerpt));
    let text = '';
    let at = 0;
    // Read as latin1, the text's offsets are the bytes' offsets; quotes and backslashes are ASCII.
    const byByte = bytes.toString('latin1');
    for (const span of mergeOverlaps(excerpt.spans.map((each) => toClosingQuote(byByte, each)))) {
      text += maskSensitiveTokens(bytes.toString('utf8', at, span.start));
      text += maskValue(bytes.toString('utf8', span.start, span.end), span.mask, span.keepPrefix);
      at = span.end;
    }
    text += maskSensitiveTokens(bytes.toString('utf8', at));
    return this.#masked(decorate(hideRemaining(text, [secret]), excerpt));
  }

  /**
   * Free text (a commit subject, a log): masks, in place, whatever the rules find in it (an encoded secret
   * at its encoded run: its decoded value is not in the text), values masked by shape (see free-text.ts),
   * and any copy left of the given secrets. `shapes: false` leaves out masking by shape (rules of PII only).
   */
  maskText(text: string, secrets: readonly string[], options: { shapes?: boolean } = {}): MaskedText {
    if (this.policy === 'none' || text === '') return this.#masked(text);
    const found = this.#findSecrets(text).map((secret) => ({ start: secret.start, end: secret.end, mask: secret.mask, keepPrefix: secret.keepPrefix, ruleId: '' }));
    let masked = '';
    let at = 0;
    for (const span of planMasks(text, found, options.shapes !== false).spans) {
      masked += text.slice(at, span.start) + maskValue(text.slice(span.start, span.end), span.mask, span.keepPrefix);
      at = span.end;
    }
    masked += text.slice(at);
    return this.#masked(hideRemaining(masked, secrets));
  }

  #masked(text: string): MaskedText {
    return text as MaskedText;
  }
}

/** Safety net: a secret that also sits elsewhere in the text, outside any matched span, is hidden too. */
function hideRemaining(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) if (secret.length >= 4) result = result.replaceAll(secret, MASK);
  return result;
}

/** Bytes of the line shown on each side of the secret. */
const WINDOW = 60;

/**
 * The part of the excerpt within WINDOW bytes of the secret (the whole excerpt when the secret is not
 * in it, as for an encoded run), cut on character boundaries; spans are moved with it, and one cut
 * by the window is masked whole.
 */
function windowAround(excerpt: RawExcerpt, secret: string): RawExcerpt {
  const { bytes } = excerpt;
  const at = secret === '' ? -1 : bytes.indexOf(Buffer.from(secret, 'utf8'));
  if (at < 0) return excerpt;
  let start = Math.max(0, at - WINDOW);
  let end = Math.min(bytes.length, at + Buffer.byteLength(secret, 'utf8') + WINDOW);
  const continuation = (index: number): boolean => index < bytes.length && ((bytes[index] as number) & 0xc0) === 0x80;
  while (start > 0 && continuation(start)) start -= 1;
  while (continuation(end)) end += 1;
  if (start === 0 && end === bytes.length) return excerpt;
  const spans = excerpt.spans
    .filter((span) => span.end > start && span.start < end)
    .map((span) => (span.start >= start && span.end <= end
      ? { ...span, start: span.start - start, end: span.end - start }
      : { start: Math.max(span.start, start) - start, end: Math.min(span.end, end) - start, mask: 'secret' as const, keepPrefix: 0 }));
  return { bytes: bytes.subarray(start, end), spans, cutStart: excerpt.cutStart || start > 0, cutEnd: excerpt.cutEnd || end < bytes.length };
}

function decorate(text: string, excerpt: RawExcerpt): string {
  return `${excerpt.cutStart ? ELLIPSIS : ''}${text}${excerpt.cutEnd ? ELLIPSIS : ''}`;
}
