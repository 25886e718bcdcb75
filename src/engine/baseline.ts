// Baselines: findings accepted as known. A baseline written with `--write-baseline` holds, per
// finding, only its id (rule + keyed hash of the secret), rule, path, line and commit — no secret,
// masked or not, no excerpt, no author name or address, no commit subject — and the check value of
// the id key it was made with, so a scan under another key says so instead of reporting every
// accepted finding as new. An earlier JSON report is still read as one (its ids, or from older
// reports its fingerprints); it carries personal data, which is why a baseline is its own format.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LeakwatchError } from '../model/errors.js';
import { idKeyCheck, type IdKey } from '../model/fingerprint.js';
import type { Finding } from '../model/types.js';

export interface Baseline {
  fingerprints: Set<string>;
  /** Set when the file holds unmasked secrets (made with --no-redact): worth a warning. */
  unmasked: boolean;
  /** A baseline file's key check (model/fingerprint.ts); undefined for a report used as a baseline. */
  idKeyCheck: string | undefined;
  /** What the file is: a baseline, or a JSON report read as one. */
  kind: 'baseline' | 'report';
}

/** Where scans and hooks find a repository's baseline without being told: its root. */
export const DEFAULT_BASELINE = '.leakwatch-baseline.json';

/** The default baseline of the repository (or folder) at `root`, when there is one. */
export function defaultBaseline(root: string): string | undefined {
  const file = join(root, DEFAULT_BASELINE);
  return existsSync(file) ? file : undefined;
}

/** What marks a baseline file, and the version of its layout. */
const MARK = 'leakwatch baseline';
const VERSION = 1;

/** The baseline file's text for `findings`, made under `key`. */
export function baselineText(findings: readonly Finding[], key: IdKey): string {
  const entries = findings.map((finding) => `    ${JSON.stringify({ id: finding.id, ruleId: finding.ruleId, path: finding.path, line: finding.line, commit: finding.commit?.oid ?? '' })}`);
  const list = entries.length === 0 ? '[]' : `[\n${entries.join(',\n')}\n  ]`;
  return `{\n  "format": ${JSON.stringify(MARK)},\n  "version": ${VERSION},\n  "idKeyCheck": ${JSON.stringify(idKeyCheck(key))},\n  "findings": ${list}\n}\n`;
}

export function readBaseline(file: string): Baseline {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new LeakwatchError('baseline', `${file}: cannot read the baseline (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new LeakwatchError('baseline', `${file}: not JSON: a baseline is written with --write-baseline (or is a report written with --format json)`);
  }
  if (Array.isArray(parsed)) return { ...entriesOf(file, parsed), idKeyCheck: undefined, kind: 'report' };
  const { format, version, idKeyCheck: check, findings } = (parsed ?? {}) as Record<string, unknown>;
  if (format !== MARK) throw new LeakwatchError('baseline', `${file}: neither a baseline (written with --write-baseline) nor a JSON report`);
  if (version !== VERSION) throw new LeakwatchError('baseline', `${file}: baseline version ${String(version)}; this leakwatch reads version ${VERSION}`);
  if (typeof check !== 'string' || check === '') throw new LeakwatchError('baseline', `${file}: no "idKeyCheck"`);
  if (!Array.isArray(findings)) throw new LeakwatchError('baseline', `${file}: "findings" is not a list`);
  return { ...entriesOf(file, findings), idKeyCheck: check, kind: 'baseline' };
}

/** Refuses a baseline made under another key: its ids could never match, and every accepted finding would come back as new. */
export function checkBaselineKey(file: string, baseline: Baseline, key: IdKey, keyFrom: string): void {
  if (baseline.idKeyCheck === undefined || baseline.idKeyCheck === idKeyCheck(key)) return;
  throw new LeakwatchError('baseline', `${file}: written under another id key (key check ${baseline.idKeyCheck}; this scan's key, from ${keyFrom}, has ${idKeyCheck(key)}). Use the key it was written with: \`leakwatch id-key\` prints it where the baseline was made; give it as LEAKWATCH_ID_KEY (in GitHub Actions, the id-key input from a repository secret)`);
}

function entriesOf(file: string, entries: readonly unknown[]): Pick<Baseline, 'fingerprints' | 'unmasked'> {
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
