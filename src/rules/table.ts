// Reading parsed TOML: tables and lists of strings, checked.
export type Table = Record<string, unknown>;

export function isTable(value: unknown): value is Table {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A list of non-empty strings; `fail` explains otherwise. */
export function stringList(value: unknown, fail: () => never): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item === '')) return fail();
  return value as string[];
}
