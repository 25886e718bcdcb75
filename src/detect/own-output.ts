// Values in leakwatch's own outputs that are shaped like secrets and are not: the hash of a
// finding's id (`rule:` and 16 hex digits of an HMAC under the project's key), of its fingerprint
// (`rule:path:` and the same hash), a baseline's `idKeyCheck` and SARIF's `partialFingerprints`.
// A rule whose keyword is part of a rule id takes the hash for a key: `vonage-api-secret:1f0c…`
// reads as a Vonage secret. Teams commit baselines and reports, so these are told apart by their
// shape and by what stands right before them, never by the file they are in: a real secret pasted
// into a committed report or baseline is still found.

import { startOfLine } from './line-bounds.js';

/** An id's or fingerprint's hash (src/model/fingerprint.ts). */
const ID_HASH = /^[0-9a-f]{16}$/;

/** Hashes under a key of their own: the baseline's key check, SARIF's partialFingerprints. */
const KEYED_HASHES: ReadonlyArray<{ hex: RegExp; before: RegExp }> = [
  { hex: /^[0-9a-f]{12}$/, before: /"idKeyCheck"\s*:\s*"$/ },
  { hex: /^[0-9a-f]{32}$/, before: /"leakwatch\/v\d+"\s*:\s*"$/ },
];

/** A token and a colon where an id or fingerprint may begin: at the start of a line, or after a quote, comma, space or bracket. */
const TOKEN_COLON = /(?:^|[\s"'`,;=([{<>|])([\w.-]+):/g;

/**
 * What may lie between `rule:` and the hash: nothing (an id) or a path and a colon (a fingerprint).
 * A path does not start with a space, so `vonage-api-secret: …` written as a YAML key is not taken for one.
 */
const AFTER_RULE = /^(?:[^\s"',][^"\n]*:)?$/;

/** How far back on its line an id's rule may stand (a fingerprint's path lies between). */
const LOOK_BACK = 4096;


/**
 * Whether `secret`, found at `secretStart` in `text`, is one of leakwatch's own hashes: an id's or
 * fingerprint's (after the id of a rule in `ruleIds`), or one under its own key in a baseline or SARIF report.
 */
export function isOwnOutputHash(text: Buffer, secretStart: number, secret: string, ruleIds: ReadonlySet<string>): boolean {
  const isIdHash = ID_HASH.test(secret);
  const keyed = KEYED_HASHES.filter((each) => each.hex.test(secret));
  if (!isIdHash && keyed.length === 0) return false;
  const lineStart = startOfLine(text, secretStart);
  const before = text.toString('utf8', Math.max(lineStart, secretStart - LOOK_BACK), secretStart);
  if (keyed.some((each) => each.before.test(before))) return true;
  return isIdHash && followsRuleId(before, ruleIds);
}

/** Whether `before` ends with `rule:` or `rule:path:` for a known rule. */
function followsRuleId(before: string, ruleIds: ReadonlySet<string>): boolean {
  if (!before.endsWith(':')) return false;
  for (const found of before.matchAll(TOKEN_COLON)) {
    const rule = found[1] as string;
    if (ruleIds.has(rule) && AFTER_RULE.test(before.slice((found.index ?? 0) + found[0].length))) return true;
  }
  return false;
}
