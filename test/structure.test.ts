// Every source module has a test that imports it directly, and the benchmarks stand apart from
// the tests. A module reached only through a higher one is tested only as far as that caller
// happens to use it; a direct import is the cheap signal that someone looked at it on its own.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importsOf, readSource, tsFiles } from './helpers/imports.js';

const importsIn = (file: string): string[] => importsOf(file, readSource(file));

describe('repository structure', () => {
  it('every module under src/ is imported directly by some file under test/', () => {
    const imported = new Set(tsFiles('test').flatMap(importsIn));
    // src/index.ts only re-exports the public API; its parts are what get tested.
    const missing = tsFiles('src').filter((file) => file !== 'src/index.ts' && !imported.has(file));
    assert.deepEqual(missing, [], `modules no test imports directly:\n  ${missing.join('\n  ')}`);
  });

  it('nothing under bench/ imports from test/ (benchmarks must build and run without the tests)', () => {
    const offending = tsFiles('bench').flatMap((file) =>
      importsIn(file).filter((target) => target.startsWith('test/')).map((target) => `${file} -> ${target}`));
    assert.deepEqual(offending, []);
  });
});
