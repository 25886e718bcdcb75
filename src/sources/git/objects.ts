// Commit and tag objects as git stores them (headers, a blank line, the
// message), read for the message pass: commit messages and annotated tags'
// messages are searched like files (sources/messages.ts). Pure: both backends
// hand raw objects here, so they cannot disagree on what a message is.
import type { Oid } from '../../model/types.js';

/** A commit or tag object as stored: its type and its bytes (headers and message). */
export interface RawObject {
  oid: Oid;
  type: string;
  bytes: Buffer;
}

/** An annotated tag: its name, the object it tags, who tagged it and when, and its message. */
export interface TagObject {
  oid: Oid;
  name: string;
  target: Oid;
  tagger: string;
  email: string;
  /** Seconds since the epoch. */
  time: number;
  /** ISO 8601 with the tagger's offset, as `git log --format=%aI` prints an author date. */
  date: string;
  message: Buffer;
}

const SIGNATURE = /^-----BEGIN (?:PGP|SSH) SIGNATURE-----$/m;

/** The headers (latin1 text) and the message after the first blank line. */
function split(bytes: Buffer): { headers: string; message: Buffer } {
  const blank = bytes.indexOf('\n\n');
  if (blank === -1) return { headers: bytes.toString('latin1'), message: Buffer.alloc(0) };
  return { headers: bytes.toString('latin1', 0, blank), message: bytes.subarray(blank + 2) };
}

/** A commit's message: everything after its headers (a signature is a header of a commit, not part of it). */
export function commitMessage(bytes: Buffer): Buffer {
  return split(bytes).message;
}

/** An annotated tag, its signature (appended to the message) cut off; undefined when the object is not a well-formed tag. */
export function parseTag(oid: Oid, bytes: Buffer): TagObject | undefined {
  const { headers, message } = split(bytes);
  const field = (name: string): string | undefined => headers.split('\n').find((line) => line.startsWith(`${name} `))?.slice(name.length + 1);
  const target = field('object');
  const name = field('tag');
  if (target === undefined || name === undefined) return undefined;
  // `tagger Name <email> 1700000000 +0200`; very old tags have none.
  const who = /^(.*?) <([^>]*)> (\d+) ([+-]\d{4})$/.exec(field('tagger') ?? '');
  const time = who === null ? 0 : Number(who[3]);
  const text = message.toString('latin1');
  const signed = SIGNATURE.exec(text);
  return {
    oid,
    name: Buffer.from(name, 'latin1').toString('utf8'),
    target,
    tagger: who === null ? '' : Buffer.from(who[1] ?? '', 'latin1').toString('utf8'),
    email: who === null ? '' : Buffer.from(who[2] ?? '', 'latin1').toString('utf8'),
    time,
    date: formatDate(time, who?.[4] ?? '+0000'),
    message: signed === null ? message : message.subarray(0, signed.index),
  };
}

/** `2024-01-02T03:04:05+02:00` for a time and a `+0200` offset. */
function formatDate(seconds: number, offset: string): string {
  const sign = offset.startsWith('-') ? -1 : 1;
  const minutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(3, 5)));
  const local = new Date((seconds + minutes * 60) * 1000).toISOString().slice(0, 19);
  return `${local}${offset.slice(0, 3)}:${offset.slice(3, 5)}`;
}

/** `%s`: a message's first paragraph, its lines joined by spaces. */
export function subjectOf(message: string): string {
  const paragraph = message.replace(/^\s*\n/, '').split(/\n[ \t]*\n/)[0] ?? '';
  return paragraph.split('\n').map((line) => line.trim()).filter((line) => line !== '').join(' ');
}
