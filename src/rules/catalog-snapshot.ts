// The built-in catalog, checked once at build time: parsing patterns/*.toml and
// compiling every regex to check it costs a hook run ~90 ms each time, for the
// same answer. The build writes that answer (the rule-set spec, plain data) to
// a JSON file beside this module; a run reads it back when it still fits, that
// is when the rule files and the code that reads them are byte for byte those
// it was made from. Anything else (an edited rule file, a rebuilt loader, a
// missing or damaged file) falls back to reading the rule files.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packagePath } from '../model/package-root.js';
import type { RuleSetSpec } from './schema.js';

/**
 * The compiled modules of the rules folder (the catalog loader, the schema, allowlists...): what a spec
 * depends on besides the rule files. Named from the package's root, not from this module: the bundle
 * (dist/bundle/, what bin/ runs) is built from these very modules by the same build.
 */
const LOADER_DIR = packagePath('dist', 'src', 'rules');

/** Where the build writes the snapshot: beside the compiled loader it depends on. */
export const SNAPSHOT_FILE = join(LOADER_DIR, 'catalog-snapshot.json');

interface Snapshot {
  key: string;
  spec: RuleSetSpec;
}

/**
 * What the catalog in `dir` is made from, hashed: each rule file's name and bytes, and the code that
 * turns them into a spec. Two equal keys give equal specs.
 */
export function catalogKey(dir: string): string {
  const hash = createHash('sha256');
  const add = (folder: string, suffix: string): void => {
    for (const name of readdirSync(folder).filter((each) => each.endsWith(suffix)).sort()) hash.update(`${name}\0`).update(readFileSync(join(folder, name))).update('\0');
  };
  add(dir, '.toml');
  hash.update('\x01');
  add(LOADER_DIR, '.js');
  return hash.digest('hex');
}

/**
 * The spec as JSON. JSON has no `undefined`, and a spec holds fields set to it (`regex` of a path-only
 * rule); TOML has no null, so no spec holds a null, and null stands in for undefined.
 */
export function encodeSpec(spec: RuleSetSpec): string {
  return JSON.stringify(spec, (_key, value: unknown) => {
    if (value === null) throw new Error('a rule-set spec holds a null: it cannot be written as a snapshot');
    return value === undefined ? null : value;
  });
}

function restoreUndefined(value: unknown): unknown {
  if (value === null) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) value[i] = restoreUndefined(value[i]);
  } else if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = restoreUndefined(record[key]);
  }
  return value;
}

export function writeSnapshot(dir: string, spec: RuleSetSpec, file: string = SNAPSHOT_FILE): void {
  writeFileSync(file, `{"key":${JSON.stringify(catalogKey(dir))},"spec":${encodeSpec(spec)}}\n`);
}

/** The spec the build checked for `dir`, if the snapshot is there and was made from what `dir` holds now. */
export function readSnapshot(dir: string, file: string = SNAPSHOT_FILE): RuleSetSpec | undefined {
  let snapshot: Snapshot;
  try {
    snapshot = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  } catch {
    return undefined; // not built (a run from the sources' tests), or damaged: read the rule files
  }
  if (typeof snapshot !== 'object' || snapshot === null || snapshot.key !== catalogKey(dir)) return undefined;
  return restoreUndefined(snapshot.spec) as RuleSetSpec;
}
