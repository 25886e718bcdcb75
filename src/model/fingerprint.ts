// A finding's identity, for baselines, ignore lists and code-scanning alerts: rule + path + a keyed
// hash of the secret. No line number, so a finding whose line moved keeps it; no raw secret, so a
// baseline file can be committed.
//
// The key is what keeps an id from giving its value back. A CPF, a phone number or a short password
// has few enough candidates that anyone holding a report could hash them all and compare, as long as
// the hash is computable from what the report and the tool contain: with the public key leakwatch
// once used, a masked phone number came back from its id in 0.2 s. So the key is the project's own
// (engine/id-key.ts: an environment variable, or a random key created on first use inside the
// repository's git directory) and never enters a report; a baseline records only `idKeyCheck`, which
// tells whether two runs used the same key without helping to find it.
import { createHmac } from 'node:crypto';
import { inspect } from 'node:util';
import type { Finding } from './types.js';

const HIDDEN = '[id key]';

/** The key ids are made with. Printing, logging or JSON-encoding it shows a placeholder. */
export class IdKey {
  readonly #key: string;

  constructor(key: string) {
    this.#key = key;
  }

  /** The HMAC of a text under this key, in hex. */
  hmac(text: string): string {
    return createHmac('sha256', this.#key).update(text, 'utf8').digest('hex');
  }

  /** The key itself, for `leakwatch id-key` (which prints it so a team can store it as a CI secret). */
  reveal(): string {
    return this.#key;
  }

  toString(): string {
    return HIDDEN;
  }

  toJSON(): string {
    return HIDDEN;
  }

  [inspect.custom](): string {
    return HIDDEN;
  }
}

/** 16 hex digits of the secret's HMAC under the key. */
export function secretHash(secret: string, key: IdKey): string {
  return key.hmac(secret).slice(0, 16);
}

/**
 * A short check value of the key, stored in baselines: two runs with the same check used the same key.
 * It is an HMAC of a fixed text, so it confirms a guessed key but never yields one; keys are random or
 * at least 32 characters (id-key.ts), too many to guess.
 */
export function idKeyCheck(key: IdKey): string {
  return key.hmac('leakwatch id key check').slice(0, 12);
}

/** `rule:hash` — a finding's identity: one secret under one rule, wherever and however often it appears. Baselines key on it. */
export function findingId(finding: Pick<Finding, 'ruleId' | 'secret'>, key: IdKey): string {
  return `${finding.ruleId}:${secretHash(finding.secret.reveal(), key)}`;
}

/** `rule:path:hash` — the finding at its first path; fingerprint lists may name it to silence one path only. */
export function fingerprintOf(finding: Pick<Finding, 'ruleId' | 'path' | 'secret'>, key: IdKey): string {
  return `${finding.ruleId}:${finding.path}:${secretHash(finding.secret.reveal(), key)}`;
}

/** gitleaks' own fingerprint, `commit:path:rule:line`, as .gitleaksignore lists them. */
export function gitleaksFingerprintOf(finding: Pick<Finding, 'ruleId' | 'path' | 'line' | 'commit'>): string {
  return `${finding.commit === undefined ? '' : `${finding.commit.oid}:`}${finding.path}:${finding.ruleId}:${finding.line}`;
}

/**
 * Every key a `.gitleaksignore` entry may use for a finding: for each place the secret was introduced
 * (the first and every other occurrence), `commit:path:rule:line` and gitleaks' commit-less
 * `path:rule:line`, under the finding's rule and each gitleaks rule id it stands in for (`ruleNames`).
 * A finding groups every occurrence of one secret, so naming any one of them silences the finding:
 * the entry was written to suppress that leak, which is the same leak wherever else it was copied.
 */
export function gitleaksFingerprintsOf(finding: Pick<Finding, 'ruleId' | 'path' | 'line' | 'commit' | 'occurrences'>, ruleNames: readonly string[] = [finding.ruleId]): string[] {
  const keys: string[] = [];
  for (const place of [finding, ...finding.occurrences]) {
    for (const rule of ruleNames) {
      const global = `${place.path}:${rule}:${place.line}`;
      keys.push(global);
      if (place.commit !== undefined) keys.push(`${place.commit.oid}:${global}`);
    }
  }
  return keys;
}
