// The layout of a scan cache file (scan-cache.ts): after the magic, frames,
// each one write of the records a scan made meanwhile. A frame is its records
// in the clear (object id, size, why it was skipped, and for an object with
// matches the index of its list), then the frame's match lists as one sealed
// payload whose associated data is the records themselves: a record cannot be
// moved to another frame or given another's matches. One seal per frame, not
// per object: on git/git, where most blobs hold an address, sealing each
// blob's matches apart cost ~4 s of cipher set-up in a re-audit of ~20 s.
//
//   frame   := u32 recordsLength, records, u32 sealedLength, sealed
//   record  := u8 idLength, id, u8 kind, u48 size [, u32 listIndex when kind >= WITH_MATCHES]
//   sealed  := empty, or seal(JSON array of match lists)
//
// Pure: bytes in, bytes out; sealing is handed in.
import type { ScannedBlob } from '../detect/blob-scanner.js';
import { freezeMatches, thawMatches } from '../model/frozen-matches.js';
import type { Oid } from '../model/types.js';

export { thawMatches };

/** Kind byte of a record whose object has matches (after the SKIPPED indices). */
const WITH_MATCHES = 3;
export const SKIPPED: ReadonlyArray<ScannedBlob['skipped']> = [undefined, 'binary', 'oversized'];

/** One object as a frame holds it; `list` indexes the frame's match lists. */
export interface FrameRecord {
  oid: Oid;
  bytes: number;
  skipped: ScannedBlob['skipped'];
  list?: number;
}

/** A frame read back: its records, and its lists still sealed (`bound` is what they are bound to). */
export interface ParsedFrame {
  records: FrameRecord[];
  sealed: Buffer | undefined;
  bound: Buffer;
}

/** Whether a result can be cached: read (or skipped as binary or oversized), never missing or unreadable, with a whole object id. */
export function cacheable(result: ScannedBlob): boolean {
  return SKIPPED.includes(result.skipped) && /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(result.oid);
}

/** A frame of `results` (each `cacheable`); `seal` seals the lists bound to the records' bytes. */
export function encodeFrame(results: readonly ScannedBlob[], seal: (plain: Buffer, bound: Buffer) => Buffer): Buffer {
  const lists: unknown[] = [];
  const records = Buffer.concat(results.map((result) => {
    const oid = Buffer.from(result.oid, 'hex');
    const withMatches = result.matches.length > 0;
    const record = Buffer.alloc(1 + oid.length + 1 + 6 + (withMatches ? 4 : 0));
    record[0] = oid.length;
    oid.copy(record, 1);
    record[1 + oid.length] = (withMatches ? WITH_MATCHES : 0) + SKIPPED.indexOf(result.skipped);
    record.writeUIntBE(Math.min(result.bytes, 2 ** 48 - 1), 2 + oid.length, 6);
    if (withMatches) {
      record.writeUInt32BE(lists.length, 8 + oid.length);
      lists.push(freezeMatches(result.matches));
    }
    return record;
  }));
  const sealed = lists.length === 0 ? Buffer.alloc(0) : seal(Buffer.from(JSON.stringify(lists)), records);
  const frame = Buffer.alloc(8 + records.length + sealed.length);
  frame.writeUInt32BE(records.length, 0);
  records.copy(frame, 4);
  frame.writeUInt32BE(sealed.length, 4 + records.length);
  sealed.copy(frame, 8 + records.length);
  return frame;
}

/** The whole frames of `data` from `start`, and where they end (a frame cut short, by a killed scan, is left out). */
export function parseFrames(data: Buffer, start: number): { frames: ParsedFrame[]; end: number } | undefined {
  const frames: ParsedFrame[] = [];
  let at = start;
  while (at + 4 <= data.length) {
    const recordsEnd = at + 4 + data.readUInt32BE(at);
    if (recordsEnd + 4 > data.length) break;
    const sealedEnd = recordsEnd + 4 + data.readUInt32BE(recordsEnd);
    if (sealedEnd > data.length) break;
    const records = parseRecords(data, at + 4, recordsEnd);
    if (records === undefined) return undefined;
    frames.push({ records, sealed: sealedEnd > recordsEnd + 4 ? data.subarray(recordsEnd + 4, sealedEnd) : undefined, bound: data.subarray(at + 4, recordsEnd) });
    at = sealedEnd;
  }
  return { frames, end: at };
}

function parseRecords(data: Buffer, start: number, end: number): FrameRecord[] | undefined {
  const records: FrameRecord[] = [];
  let at = start;
  while (at < end) {
    const length = data[at] as number;
    if (length !== 20 && length !== 32) return undefined;
    const kind = data[at + 1 + length];
    if (kind === undefined || kind >= WITH_MATCHES * 2 || kind % WITH_MATCHES >= SKIPPED.length) return undefined;
    const record: FrameRecord = { oid: data.toString('hex', at + 1, at + 1 + length), bytes: data.readUIntBE(at + 2 + length, 6), skipped: SKIPPED[kind % WITH_MATCHES] };
    at += 8 + length;
    if (kind >= WITH_MATCHES) {
      record.list = data.readUInt32BE(at);
      at += 4;
    }
    if (at > end) return undefined;
    records.push(record);
  }
  return records;
}

/** A frame's match lists, opened. */
export function thawLists(plain: Buffer): unknown[] {
  const lists = JSON.parse(plain.toString('utf8')) as unknown;
  if (!Array.isArray(lists)) throw new TypeError('not a list of match lists');
  return lists;
}
