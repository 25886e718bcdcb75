// The wire form of a scanned blob: a scan worker turns its matches into plain
// data to post; the main thread boxes the raw values again on arrival.
import type { ScannedBlob } from '../../detect/blob-scanner.js';
import { Sensitive } from '../../model/sensitive.js';
import type { Match } from '../../model/types.js';
import type { BlobResult, WireMatch } from './protocol.js';

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
