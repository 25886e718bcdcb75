// bin/leakwatch.js runs the bundle the build makes (scripts/bundle.ts), not the compiled modules the
// other tests import: these checks keep the two the same program.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const CHECKOUT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUNDLE = join(CHECKOUT, 'dist', 'bundle');
const bundled = readdirSync(BUNDLE).filter((name) => name.endsWith('.js'));
/** What the bundle may leave to Node's resolution: Node's modules and the packages scripts/bundle.ts leaves out. */
const LEFT_OUT = new Set(['re2', 'isomorphic-git', 'smol-toml', 'cli-table3']);
const external = (specifier: string): boolean => specifier.startsWith('node:') || builtinModules.includes(specifier) || LEFT_OUT.has(specifier);

/** Every specifier of a module's import and export statements (each on lines of its own) and `import('…')` calls. */
function specifiers(text: string): string[] {
  const statements = [...text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["'];?$/gm)].map((match) => match[1] as string);
  const bare = [...text.matchAll(/^import\s*["']([^"']+)["'];?$/gm)].map((match) => match[1] as string);
  const dynamic = [...text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1] as string);
  return [...statements, ...bare, ...dynamic];
}

describe('the bundle', () => {
  it('is what bin/leakwatch.js runs', () => {
    assert.deepEqual(specifiers(readFileSync(join(CHECKOUT, 'bin', 'leakwatch.js'), 'utf8')), ['../dist/bundle/main.js']);
  });

  it('holds every worker the code starts by name, beside the code that starts it', () => {
    const sources = (dir: string): string[] => readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.ts')).map((entry) => join(entry.parentPath, entry.name));
    const started = sources(join(CHECKOUT, 'src')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/new Worker\(new URL\('\.\/([\w-]+\.js)', import\.meta\.url\)/g)].map((match) => match[1] as string));
    assert.ok(started.length >= 3, `found only ${started.join(', ')}: has the way workers start changed?`);
    const missing = started.filter((name) => !bundled.includes(name));
    assert.deepEqual(missing, [], 'workers the bundle lacks (add them to scripts/bundle.ts\'s entry points)');
  });

  it('needs nothing outside itself but Node\'s modules and the packages it leaves out', () => {
    const outside = bundled.flatMap((name) => specifiers(readFileSync(join(BUNDLE, name), 'utf8'))
      .filter((specifier) => !specifier.startsWith('./') && !external(specifier)).map((specifier) => `${name}: ${specifier}`));
    assert.deepEqual(outside, []);
    // The check reads what it should: the bundle does import its chunks, re2 and Node's modules.
    const all = bundled.flatMap((name) => specifiers(readFileSync(join(BUNDLE, name), 'utf8')));
    assert.ok(all.includes('re2') && all.includes('node:module') && all.some((specifier) => /^\.\/chunk-\w+\.js$/.test(specifier)), 'no import statements found');
  });

  it('measures help text with our own string width, not the string-width packages yargs brings', () => {
    // esbuild names each bundled module in a comment; string-width compiles its regexes when loaded.
    const packaged = bundled.filter((name) => /node_modules\/(?:[^/\s]+\/node_modules\/)?string-width\//.test(readFileSync(join(BUNDLE, name), 'utf8')));
    assert.deepEqual(packaged, []);
    assert.ok(bundled.some((name) => readFileSync(join(BUNDLE, name), 'utf8').includes('// dist/src/cli/string-width.js')), 'our string width is in the bundle');
  });
});
