// Every input leakwatch can scan. A new source is one file exporting a
// `SourceType`, and one line here; its specification joins `SourceSpec`.
import { LeakwatchError } from '../model/errors.js';
import type { Source, SourceType } from './source.js';
import { directorySource } from './directory.js';
import { filesSource } from './files.js';
import { historySource } from './history.js';
import { stagedSource } from './staged.js';
import { stdinSource } from './stdin.js';

const SOURCE_TYPES = [historySource, stagedSource, directorySource, stdinSource, filesSource] as const;

/** What to scan: `{ kind: 'history', path: '.' }`, `{ kind: 'stdin' }`, … one member per source. */
export type SourceSpec = (typeof SOURCE_TYPES)[number] extends infer Type ? (Type extends SourceType<infer Spec> ? Spec : never) : never;

export function openSource(spec: SourceSpec): Source | Promise<Source> {
  // The type whose kind is the spec's takes exactly that spec; TypeScript cannot follow the pairing through find().
  const type = SOURCE_TYPES.find((each) => each.kind === spec.kind) as SourceType<SourceSpec> | undefined;
  if (type === undefined) throw new LeakwatchError('usage', `unknown source kind ${JSON.stringify((spec as { kind: unknown }).kind)} (known: ${SOURCE_TYPES.map((each) => each.kind).join(', ')})`);
  return type.open(spec);
}

export const SOURCE_KINDS: ReadonlyArray<SourceSpec['kind']> = SOURCE_TYPES.map((type) => type.kind);
