// Every input leakwatch can scan. A new source is one file exporting a
// `SourceType`, and one line here; its specification joins `SourceSpec`.
// Each is loaded only when asked for: a pre-push scan should not pay for the others.
import { LeakwatchError } from '../model/errors.js';
import type { Source, SourceType } from './source.js';

const SOURCE_TYPES = {
  history: async () => (await import('./history.js')).historySource,
  staged: async () => (await import('./staged.js')).stagedSource,
  directory: async () => (await import('./directory.js')).directorySource,
  stdin: async () => (await import('./stdin.js')).stdinSource,
  files: async () => (await import('./files.js')).filesSource,
};

type Loaded = Awaited<ReturnType<(typeof SOURCE_TYPES)[keyof typeof SOURCE_TYPES]>>;

/** What to scan: `{ kind: 'history', path: '.' }`, `{ kind: 'stdin' }`, … one member per source. */
export type SourceSpec = Loaded extends infer Type ? (Type extends SourceType<infer Spec> ? Spec : never) : never;

export const SOURCE_KINDS = Object.keys(SOURCE_TYPES) as ReadonlyArray<SourceSpec['kind']>;

/** The type of source a kind names (each registered under its own kind: a test holds them to it). */
export async function sourceType(kind: SourceSpec['kind']): Promise<Loaded> {
  const load = Object.hasOwn(SOURCE_TYPES, kind) ? SOURCE_TYPES[kind] : undefined;
  if (load === undefined) throw new LeakwatchError('usage', `unknown source kind ${JSON.stringify(kind)} (known: ${SOURCE_KINDS.join(', ')})`);
  return load();
}

export async function openSource(spec: SourceSpec): Promise<Source> {
  // The type loaded for a kind takes exactly that kind's spec; TypeScript cannot follow the pairing.
  const type = (await sourceType(spec.kind)) as SourceType<SourceSpec>;
  return type.open(spec);
}
