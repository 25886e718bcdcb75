// Scanning one read blob into a BlobResult, and turning results back into
// matches: shared by the main-thread reader and the scan workers.
import type { BlobScanner } from '../detect/blob-scanner.js';
import { Sensitive } from '../sensitive.js';
import type { BlobRead } from '../sources/types.js';
import type { Match } from '../types.js';
import type { BlobRequest, BlobResult, WireMatch } from './protocol.js';

export function scanBlob(scanner: BlobScanner, blob: BlobRead, hint: BlobRequest | undefined): BlobResult {
  if (blob.bytes === undefined) return { oid: blob.oid, bytes: blob.size, skipped: blob.missing === true ? 'missing' : 'oversized', matches: [] };
  const result = scanner.scan({ oid: blob.oid, bytes: blob.bytes, family: hint?.family ?? '', neighbours: hint?.neighbours ?? [] });
  if (result.kind === 'binary') return { oid: blob.oid, bytes: blob.bytes.length, skipped: 'binary', matches: [] };
  const matches = result.matches.map((match) => ({ ...match, secret: match.secret.reveal(), excerpt: match.excerpt.reveal() }));
  return { oid: blob.oid, bytes: blob.bytes.length, skipped: undefined, matches };
}

export function fromWire(match: WireMatch): Match {
  return {
    ...match,
    secret: new Sensitive(match.secret),
    excerpt: new Sensitive({ ...match.excerpt, bytes: Buffer.from(match.excerpt.bytes) }),
  };
}
