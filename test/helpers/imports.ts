// Reading the import graph of the repository's TypeScript sources, for the
// structure and layer checks: which files exist, and what each imports.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, from dist/test/helpers/. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The .ts files under a directory of the repository, as root-relative paths with forward slashes. */
export function tsFiles(dir: string): string[] {
  const entries = readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

export function readSource(file: string): string {
  return readFileSync(join(ROOT, file), 'utf8');
}

// Static `import … from '…'`, `export … from '…'`, `import type … from '…'`, bare `import '…'`,
// dynamic `import('…')` (a clause may span lines: only its `from '…'` is read), and
// `new URL('…', import.meta.url)`, how a worker thread's entry module is started.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\bnew URL\(\s*(?=['"][^'"]+['"]\s*,\s*import\.meta\.url))['"]([^'"]+)['"]/g;

/** The repository files `text` (the source of `file`) imports by relative path, resolved to their .ts sources. */
export function importsOf(file: string, text: string): string[] {
  const found: string[] = [];
  for (const [, specifier] of text.matchAll(SPECIFIER)) {
    if (specifier === undefined || !specifier.startsWith('.')) continue; // packages and node: builtins
    found.push(normalize(join(dirname(file), specifier)).split(sep).join('/').replace(/\.js$/, '.ts'));
  }
  return found;
}
