// Baselines: an earlier JSON report whose findings are accepted as known. Only
// the ids are read (rule + keyed hash of the secret; older reports: fingerprints), so a
// finding whose line moved stays known, and the file needs no raw secret.
import { readFileSync } from 'node:fs';
import { LeakwatchError } from '../model/errors.js';

export interface Baseline {
  fingerprints: Set<string>;
  /** Set when the file holds unmasked secrets (made with --no-redact): worth a warning. */
  unmasked: boolean;
}

export function readBaseline(file: string): Baseline {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new LeakwatchError('baseline', `${file}: cannot read the baseline (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let entries: unknown;
  try {
    entries = JSON.parse(text);
  } catch {
    throw new LeakwatchError('baseline', `${file}: not JSON: a baseline is a report written with --format json`);
  }
  if (!Array.isArray(entries)) throw new LeakwatchError('baseline', `${file}: expected a JSON array of findings (a report written with --format json)`);
  const fingerprints = new Set<string>();
  let unmasked = false;
  entries.forEach((entry: unknown, index) => {
    // A finding's id (rule + hash of the secret) is its identity; reports from before ids carry only a fingerprint.
    const { id, fingerprint } = (entry ?? {}) as { id?: unknown; fingerprint?: unknown };
    const key = typeof id === 'string' && id !== '' ? id : fingerprint;
    if (typeof key !== 'string' || key === '') throw new LeakwatchError('baseline', `${file}: finding ${index + 1} has no "id" or "fingerprint"`);
    fingerprints.add(key);
    const secret = (entry as { secret?: unknown }).secret;
    if (typeof secret === 'string' && secret !== '' && !secret.includes('*')) unmasked = true;
  });
  return { fingerprints, unmasked };
}
