// Shannon entropy in bits per character: how unpredictable a candidate secret looks.

export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  const length = [...value].length;
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/** The character set a secret is drawn from: random strings of a smaller set have less entropy per character. */
export type Charset = 'hex' | 'alnum' | 'base64' | 'other';
export const CHARSETS: readonly Charset[] = ['hex', 'alnum', 'base64', 'other'];

export function charsetOf(value: string): Charset {
  if (/^[0-9a-fA-F]+$/.test(value)) return 'hex';
  if (/^[A-Za-z0-9]+$/.test(value)) return 'alnum';
  if (/^[A-Za-z0-9+/_-]+=*$/.test(value)) return 'base64';
  return 'other';
}

/** A minimum entropy per character set, or one for all. */
export type EntropyThreshold = number | Partial<Record<Charset, number>>;

export function meetsEntropy(value: string, threshold: EntropyThreshold): boolean {
  const minimum = typeof threshold === 'number' ? threshold : threshold[charsetOf(value)];
  return minimum === undefined || shannonEntropy(value) >= minimum;
}
