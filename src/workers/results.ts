// Scanning one read blob, and the wire form of its result: the main thread
// keeps matches as they are; a scan worker turns them into plain data to post.
import type { BlobScanner } from '../detect/blob-scanner.js';
import { Sensitive } from '../sensitive.js';
import type { BlobRead } from '../sources/types.js';
import type { Match, Oid } from '../types.js';
import type { BlobRequest, BlobResult, WireMatch } from './protocol.js';

/** A scanned blob: its size, why it was not searched if it was not, and its matches. */
export interface ScannedBlob {
  oid: Oid;
  bytes: number;
  skipped: BlobResult['skipped'];
  matches: Match[];
}

export function scanBlob(scanner: BlobScanner, blob: BlobRead, hint: BlobRequest | undefined): ScannedBlob {
  if (blob.bytes === undefined) return { oid: blob.oid, bytes: blob.size, skipped: blob.missing === true ? 'missing' : 'oversized', matches: [] };
  const result = scanner.scan({ oid: blob.oid, bytes: blob.bytes, family: hint?.family ?? '', neighbours: hint?.neighbours ?? [] });
  if (result.kind === 'binary') return { oid: blob.oid, bytes: blob.bytes.length, skipped: 'binary', matches: [] };
  return { oid: blob.oid, bytes: blob.bytes.length, skipped: undefined, matches: result.matches };
}

export function toWire(scanned: ScannedBlob): BlobResult {
  return { ...scanned, matches: scanned.matches.map((match) => ({ ...match, secret: match.secret.reveal(), excerpt: match.excerpt.reveal() })) };
}

export function fromWire(result: BlobResult): ScannedBlob {
  return { ...result, matches: result.matches.map(matchFromWire) };
}

function matchFromWire(match: WireMatch): Match {
  return {
    ...match,
    secret: new Sensitive(match.secret),
    excerpt: new Sensitive({ ...match.excerpt, bytes: Buffer.from(match.excerpt.bytes) }),
  };
}
