// A finding's identity, for baselines and ignore lists: rule + path + a keyed
// hash of the secret. No line number, so a finding whose line moved keeps it;
// no raw secret, so a baseline file can be committed. The key makes the hash
// useless for guessing short secrets offline without it; teams that commit
// baselines to public repositories can set their own (LEAKWATCH_HASH_KEY).
import { createHmac } from 'node:crypto';
import type { Finding } from './types.js';

const DEFAULT_KEY = 'leakwatch fingerprint v1';

export function secretHash(secret: string, key: string = process.env.LEAKWATCH_HASH_KEY ?? DEFAULT_KEY): string {
  return createHmac('sha256', key).update(secret, 'utf8').digest('hex').slice(0, 16);
}

/** `rule:hash` — a finding's identity: one secret under one rule, wherever and however often it appears. Baselines key on it. */
export function findingId(finding: Pick<Finding, 'ruleId' | 'secret'>): string {
  return `${finding.ruleId}:${secretHash(finding.secret.reveal())}`;
}

/** `rule:path:hash` — the finding at its first path; fingerprint lists may name it to silence one path only. */
export function fingerprintOf(finding: Pick<Finding, 'ruleId' | 'path' | 'secret'>): string {
  return `${finding.ruleId}:${finding.path}:${secretHash(finding.secret.reveal())}`;
}

/** gitleaks' own fingerprint, `commit:path:rule:line`, as .gitleaksignore lists them. */
export function gitleaksFingerprintOf(finding: Pick<Finding, 'ruleId' | 'path' | 'line' | 'commit'>): string {
  return `${finding.commit === undefined ? '' : `${finding.commit.oid}:`}${finding.path}:${finding.ruleId}:${finding.line}`;
}
