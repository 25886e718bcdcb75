// The layer order of src/, enforced: a module imports only from its own layer
// or from layers earlier in LAYERS (arrows point down the list), and the CLI
// reaches sources and the detector only through the engine. The README's
// "Layout" section describes the same order.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importsOf, readSource, tsFiles } from './helpers/imports.js';

export const LAYERS = ['model', 'rules', 'detect', 'sources', 'engine', 'redact', 'report', 'integrations', 'cli'] as const;
type Layer = (typeof LAYERS)[number];

/** Arrows the order allows but the design does not: the CLI asks the engine, never a source or the detector. */
const FORBIDDEN: ReadonlyArray<[Layer, Layer]> = [['cli', 'sources'], ['cli', 'detect']];

function layerOf(path: string): Layer | undefined {
  const [top, layer] = path.split('/');
  return top === 'src' ? LAYERS.find((each) => each === layer) : undefined;
}

/** The arrows of `files` (repository-relative path -> source text) that break the order, as `from -> to` lines. */
export function violations(files: ReadonlyMap<string, string>): string[] {
  const found: string[] = [];
  for (const [file, text] of files) {
    const from = layerOf(file);
    if (from === undefined) continue; // src/index.ts, the public entry, sits above every layer
    for (const target of importsOf(file, text)) {
      const to = layerOf(target);
      if (to === undefined) {
        if (target.startsWith('src/')) found.push(`${file} -> ${target} (outside every layer)`);
        continue;
      }
      if (LAYERS.indexOf(to) > LAYERS.indexOf(from)) found.push(`${file} -> ${target} (${from} may not import ${to})`);
      if (FORBIDDEN.some(([a, b]) => a === from && b === to)) found.push(`${file} -> ${target} (${from} goes through the engine, not ${to})`);
    }
  }
  return found;
}

function sourceFiles(): Map<string, string> {
  return new Map(tsFiles('src').map((file) => [file, readSource(file)]));
}

describe('layers', () => {
  it('every module of src/ sits in a layer (or is the public entry)', () => {
    const outside = [...sourceFiles().keys()].filter((file) => file !== 'src/index.ts' && layerOf(file) === undefined);
    assert.deepEqual(outside, []);
  });

  it('no import in src/ points up the layer order', () => {
    assert.deepEqual(violations(sourceFiles()), []);
  });

  it('the check catches an arrow pointing up, a forbidden shortcut, and every form of import', () => {
    const broken = new Map([
      ['src/detect/x.ts', "import { main } from '../cli/main.js';"],
      ['src/rules/y.ts', "import type { Finding } from '../engine/collector.js';\nexport { z } from '../redact/z.js';"],
      ['src/sources/w.ts', "const m = await import('../engine/scan.js'); new Worker(new URL('../engine/workers/scan-worker.js', import.meta.url));"],
      ['src/cli/v.ts', "import { Detector } from '../detect/detector.js';\nimport { openBackend } from '../sources/git/open.js';"],
      ['src/engine/fine.ts', "import { LeakwatchError } from '../model/errors.js';\nimport { x } from './collector.js';"],
    ]);
    const found = violations(broken);
    assert.equal(found.length, 7, found.join('\n'));
    assert.ok(found.every((line) => !line.startsWith('src/engine/fine.ts')));
  });
});
