// What looks sensitive in shown text even when no rule reported it: a report
// shows a line around a finding, and the rest of that line may hold what no
// rule knows — a password beside a detected email, a card number beside a CPF,
// `user:pw@host`. These are masked too, by shape alone: URL userinfo, values
// after secret-named keys, email addresses, long digit runs, high-entropy runs.
// Over-masking a harmless token is the safe way to be wrong here.
import { shannonEntropy } from '../detect/entropy.js';
import type { RuleSpan } from '../model/types.js';
import { MASK, maskDigits, maskEmail } from './mask.js';

/** Words that make a key name a secret (`db_password`, `X-Api-Key`, `sessionid`, `Cookie`). */
const SECRET_KEY_WORDS = String.raw`pass(?:word|wd)?|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?|auth|session|cookie`;

/** `scheme://user:password@` — the password goes. */
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/[^\s/:@*]+:)([^\s/@*]+)@/gi;
/** A value after a key that names a secret: `pwd=…`, `"token": "…"`, `api-key: …`. */
const AFTER_SECRET_KEY = new RegExp(String.raw`\b([\w.-]*(?:${SECRET_KEY_WORDS})[\w.-]*["']?[ \t]*(?:=>|:=|=|:)[ \t]*["']?)([^\s"',;<>*]{3,})`, 'gi');
const EMAIL = /(?<![\w.*%+-])([a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,24})\b/gi;
/** Nine digits or more, separators allowed between them (cards, documents, phones, accounts). */
const DIGIT_RUN = /(?<![\w*])\d(?:[ .\-/]?\d){8,}(?![\w*])/g;
/** Long runs of key-like characters. */
const RUN = /(?<![\w+/=*-])[A-Za-z0-9+/_=-]{16,}(?![\w+/=*-])/g;
const HIGH_ENTROPY = 3.5;

export function maskSensitiveTokens(text: string): string {
  return text
    .replace(USERINFO, (_all, head: string) => `${head}${MASK}@`)
    .replace(AFTER_SECRET_KEY, (_all, head: string) => `${head}${MASK}`)
    .replace(EMAIL, (address: string) => maskEmail(address))
    .replace(DIGIT_RUN, (digits: string) => maskDigits(digits, 2))
    .replace(RUN, (run: string) => (/\d/.test(run) && /[A-Za-z]/.test(run) && shannonEntropy(run) >= HIGH_ENTROPY ? MASK : run));
}

/** What `--summary` counts values masked by shape under, beside rule ids. */
export const SECRET_NAMED_VALUE = 'secret-named-value';
export const URL_USERINFO = 'url-userinfo';

/**
 * The two shapes free-text masking (`redact`, `redactText`) applies, as spans: a URL's password and a
 * value after a secret-named key, wherever they sit in the line (a rule's unquoted `key=value` branch
 * must end the line). The digit-run and entropy shapes are left to excerpts: in a log they would mask
 * every request id and hash. Offsets are the string's: on a latin1 string of bytes they are byte offsets,
 * which is why whitespace is spelled out (`\s` would take bytes 0x85 and 0xA0 inside UTF-8 characters).
 * Names and schemes are bounded so that a long run of word characters costs linear time.
 */
const USERINFO_SPAN = /\b[a-z][a-z0-9+.-]{0,30}:\/\/[^ \t\n\r\f\v/:@*]+:([^ \t\n\r\f\v/@*]+)@/dgi;
const SECRET_KEY_SPAN = new RegExp(String.raw`\b[\w.-]{0,64}(?:${SECRET_KEY_WORDS})[\w.-]{0,64}["']?[ \t]{0,16}(?:=>|:=|=|:)[ \t]{0,16}["']?([^ \t\n\r\f\v"',;<>*]{3,})`, 'dgi');

/**
 * RE2 patterns one of which matches, within its line, wherever `shapeSpans` finds something (each is a
 * looser form of a shape): a line gate adds them. A key word alone would also pass every line that says
 * `authenticated` or `session started`, and searching those costs a tenth of `redact`'s speed.
 */
export const SHAPE_GATES: readonly string[] = [
  String.raw`://[^\s/@]+@`,
  String.raw`(?i:${SECRET_KEY_WORDS})[\w.-]{0,64}["']?[ \t]{0,16}[=:]`,
];

/** A value masked by shape; `keyStart`: where the key (or URL) naming it begins. */
export interface ShapeSpan extends RuleSpan {
  keyStart: number;
}

export function shapeSpans(text: string): ShapeSpan[] {
  const spans: ShapeSpan[] = [];
  const collect = (pattern: RegExp, ruleId: string): void => {
    pattern.lastIndex = 0;
    for (let found = pattern.exec(text); found !== null; found = pattern.exec(text)) {
      const [start, end] = found.indices?.[1] ?? [0, 0];
      const trimmed = start + trimUnbalancedClosers(text.slice(start, end)).length;
      if (trimmed - start >= 3) spans.push({ start, end: trimmed, mask: 'secret', keepPrefix: 0, ruleId, keyStart: found.index });
    }
  };
  collect(USERINFO_SPAN, URL_USERINFO);
  collect(SECRET_KEY_SPAN, SECRET_NAMED_VALUE);
  return spans;
}

/** `Xk9…z)` of `User(password=Xk9…z)` without the `)`: a closing bracket the value never opened belongs to the text around it. */
function trimUnbalancedClosers(value: string): string {
  let end = value.length;
  while (end > 0) {
    const closer = value[end - 1] as string;
    const opener = closer === ')' ? '(' : closer === ']' ? '[' : closer === '}' ? '{' : undefined;
    if (opener === undefined) break;
    const inside = value.slice(0, end);
    if (inside.split(opener).length >= inside.split(closer).length) break;
    end -= 1;
  }
  return value.slice(0, end);
}
