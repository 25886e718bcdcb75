// Shannon entropy in bits per character: how unpredictable a candidate secret looks.
import type { Charset, EntropyThreshold } from '../rules/schema.js';

/** Counts of ASCII characters, reused between calls: the hot path allocates nothing. */
const asciiCounts = new Int32Array(128);

export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  asciiCounts.fill(0);
  let others: Map<string, number> | undefined;
  let length = 0;
  for (let at = 0; at < value.length; at += 1) {
    const code = value.charCodeAt(at);
    length += 1;
    if (code < 128) {
      asciiCounts[code] = (asciiCounts[code] as number) + 1;
      continue;
    }
    // A character outside ASCII counts once, surrogate pairs included.
    const width = code >= 0xd800 && code <= 0xdbff && at + 1 < value.length ? 2 : 1;
    const char = value.slice(at, at + width);
    at += width - 1;
    others ??= new Map();
    others.set(char, (others.get(char) ?? 0) + 1);
  }
  let entropy = 0;
  const add = (count: number): void => {
    const p = count / length;
    entropy -= p * Math.log2(p);
  };
  for (const count of asciiCounts) if (count > 0) add(count);
  for (const count of others?.values() ?? []) add(count);
  return entropy;
}


export function charsetOf(value: string): Charset {
  if (/^[0-9a-fA-F]+$/.test(value)) return 'hex';
  if (/^[A-Za-z0-9]+$/.test(value)) return 'alnum';
  if (/^[A-Za-z0-9+/_-]+=*$/.test(value)) return 'base64';
  return 'other';
}


export function meetsEntropy(value: string, threshold: EntropyThreshold): boolean {
  const minimum = typeof threshold === 'number' ? threshold : threshold[charsetOf(value)];
  return minimum === undefined || shannonEntropy(value) >= minimum;
}
