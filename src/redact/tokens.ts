// What looks sensitive in shown text even when no rule reported it: a report
// shows a line around a finding, and the rest of that line may hold what no
// rule knows — a password beside a detected email, a card number beside a CPF,
// `user:pw@host`. These are masked too, by shape alone: URL userinfo, values
// after secret-named keys, email addresses, long digit runs, high-entropy runs.
// Over-masking a harmless token is the safe way to be wrong here.
import { shannonEntropy } from '../detect/entropy.js';
import { MASK, maskDigits, maskEmail } from './mask.js';

/** `scheme://user:password@` — the password goes. */
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/[^\s/:@*]+:)([^\s/@*]+)@/gi;
/** A value after a key that names a secret: `pwd=…`, `"token": "…"`, `api-key: …`. */
const AFTER_SECRET_KEY = /\b([\w.-]*(?:pass(?:word|wd)?|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?|auth)[\w.-]*["']?[ \t]*(?:=>|:=|=|:)[ \t]*["']?)([^\s"',;<>*]{3,})/gi;
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
