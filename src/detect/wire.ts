// What crosses the thread boundary: plain data only. Raw secrets travel
// inside the process between threads and are boxed again on arrival.
import { Sensitive } from '../sensitive.js';
import type { Match, Oid, RawExcerpt } from '../types.js';
import type { DetectResult } from './detector.js';

export interface WorkerSetup {
  patternsDir: string;
  cacheBytes: number;
}

export interface WorkerJob {
  id: number;
  oid: Oid;
  bytes: Uint8Array;
  family: string;
  neighbours: readonly Oid[];
}

interface WireMatch extends Omit<Match, 'secret' | 'excerpt'> {
  secret: string;
  excerpt: RawExcerpt;
}

export interface WorkerOutcome {
  id: number;
  binary: boolean;
  matches: WireMatch[];
}

export function toWire(id: number, result: DetectResult): WorkerOutcome {
  if (result.kind === 'binary') return { id, binary: true, matches: [] };
  const matches = result.matches.map((match) => ({ ...match, secret: match.secret.reveal(), excerpt: match.excerpt.reveal() }));
  return { id, binary: false, matches };
}

export function fromWire(outcome: WorkerOutcome): Match[] {
  return outcome.matches.map((match) => ({
    ...match,
    secret: new Sensitive(match.secret),
    excerpt: new Sensitive({ ...match.excerpt, bytes: Buffer.from(match.excerpt.bytes) }),
  }));
}
