// How many objects an object directory holds in its packs, read from the pack
// indexes' fan-out tables (the last entry is the count) without starting git.
// `git count-objects -v` counts only the repository's own objects: a clone made
// with `--shared` or `--reference` (CI caches do this) names its alternates but
// counts none of their objects, so a large history looked small.
import { closeSync, openSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';

/** Version-2 pack indexes start with these four bytes, then a version word, then the fan-out table. */
const IDX_V2_MAGIC = Buffer.from([0xff, 0x74, 0x4f, 0x63]);
const FANOUT_ENTRIES = 256;

/** Objects in the packs under `objectsDir/pack`; 0 for a directory that cannot be read, an index too short to hold a table. */
export function packedObjectsIn(objectsDir: string): number {
  let names: string[];
  try {
    names = readdirSync(join(objectsDir, 'pack'));
  } catch {
    return 0;
  }
  let total = 0;
  for (const name of names) if (name.endsWith('.idx')) total += indexCount(join(objectsDir, 'pack', name));
  return total;
}

/** The object count a pack index's fan-out table ends with (version 1 or 2). */
function indexCount(path: string): number {
  const head = Buffer.alloc(8 + FANOUT_ENTRIES * 4);
  let read = 0;
  try {
    const fd = openSync(path, 'r');
    try {
      read = readSync(fd, head, 0, head.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    return 0;
  }
  const tableAt = head.subarray(0, 4).equals(IDX_V2_MAGIC) ? 8 : 0;
  const last = tableAt + (FANOUT_ENTRIES - 1) * 4;
  return read >= last + 4 ? head.readUInt32BE(last) : 0;
}

/**
 * The alternate object directories `git count-objects -v` names (`alternate: PATH`, C-quoted by git when
 * the path holds unusual bytes).
 */
export function alternatesIn(countObjects: string): string[] {
  const paths: string[] = [];
  for (const line of countObjects.split('\n')) {
    if (!line.startsWith('alternate: ')) continue;
    const value = line.slice('alternate: '.length);
    paths.push(value.startsWith('"') ? unquoteC(value) : value);
  }
  return paths;
}

/** git's C-style quoting undone: `\\`, `\"`, `\t`, `\n` and three-digit octal bytes. */
function unquoteC(quoted: string): string {
  const inner = quoted.slice(1, quoted.endsWith('"') ? -1 : undefined);
  const bytes: number[] = [];
  const named: Record<string, number> = { '\\': 0x5c, '"': 0x22, t: 0x09, n: 0x0a, r: 0x0d, a: 0x07, b: 0x08, f: 0x0c, v: 0x0b };
  for (let i = 0; i < inner.length; i += 1) {
    const char = inner[i] as string;
    if (char !== '\\') {
      bytes.push(...Buffer.from(char, 'utf8'));
      continue;
    }
    const next = inner[i + 1] ?? '';
    const octal = /^[0-7]{3}/.exec(inner.slice(i + 1));
    if (octal !== null) {
      bytes.push(parseInt(octal[0], 8));
      i += 3;
    } else {
      bytes.push(named[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
