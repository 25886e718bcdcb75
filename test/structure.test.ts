// Every source module has a test that imports it directly, and the benchmarks stand apart from
// the tests. A module reached only through a higher one is tested only as far as that caller
// happens to use it; a direct import is the cheap signal that someone looked at it on its own.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

// From dist/test/structure.test.js, the repository root is two levels up.
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The .ts files under a directory of the repository, as root-relative paths with forward slashes. */
function tsFiles(dir: string): string[] {
  const entries = readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

// Static `import … from '…'`, `export … from '…'`, `import type … from '…'`, bare `import '…'`,
// and dynamic `import('…')`; a clause may span lines, only its `from '…'` is read. Also
// `new URL('…', import.meta.url)`: a worker thread's entry module cannot be imported (it runs
// on load and needs workerData), so a test that starts it as a Worker loads it directly.
// Comments that happen to say `from '…'` would count too: this errs on the side of passing.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\bnew URL\(\s*(?=['"][^'"]+['"]\s*,\s*import\.meta\.url))['"]([^'"]+)['"]/g;

/** The repository files a source file imports by relative path, resolved to their .ts sources. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const found: string[] = [];
  for (const [, specifier] of text.matchAll(SPECIFIER)) {
    if (specifier === undefined || !specifier.startsWith('.')) continue; // packages and node: builtins
    const target = resolve(ROOT, dirname(file), specifier).replace(/\.js$/, '.ts');
    found.push(relative(ROOT, target).split(sep).join('/'));
  }
  return found;
}

describe('repository structure', () => {
  it('every module under src/ is imported directly by some file under test/', () => {
    const imported = new Set(tsFiles('test').flatMap(importsOf));
    // src/index.ts only re-exports the public API; its parts are what get tested.
    const missing = tsFiles('src').filter((file) => file !== 'src/index.ts' && !imported.has(file));
    assert.deepEqual(missing, [], `modules no test imports directly:\n  ${missing.join('\n  ')}`);
  });

  it('nothing under bench/ imports from test/ (benchmarks must build and run without the tests)', () => {
    const offending = tsFiles('bench').flatMap((file) =>
      importsOf(file).filter((target) => target.startsWith('test/')).map((target) => `${file} -> ${target}`));
    assert.deepEqual(offending, []);
  });
});
