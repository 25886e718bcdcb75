// Build step (npm run build, after tsc and the catalog snapshot): the compiled modules joined into a
// few files in dist/bundle/, which bin/leakwatch.js runs. Node loads ES modules one file at a time —
// resolve, stat, read, parse, link — and a pre-push hook loaded about 70 of ours (a plain scan over
// 200 with yargs), about 100 ms of a 350 ms hook run. The modules of dist/src stay as they are, for
// the tests and for anyone importing the library.
//
// Entry points: the CLI and each worker thread, under the names the code starts them by
// (`new URL('./scan-worker.js', import.meta.url)`): all land in one folder, so those URLs resolve
// from whichever shared chunk holds the call. Code loaded on demand (`await import(...)`) becomes
// chunks of its own, still loaded only on demand. Left out: re2 (a native addon), isomorphic-git
// (only loaded where git is missing), smol-toml (loaded through createRequire, see toml.ts) and
// cli-table3 (loaded only to draw a table; as a package of its own, the hook's start-up test sees
// whether a clean push loaded it).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { packagePath } from '../src/model/package-root.js';

const compiled = (path: string): string => packagePath('dist', 'src', path);
const outdir = packagePath('dist', 'bundle');

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: {
    main: compiled('cli/main.js'),
    'scan-worker': compiled('engine/workers/scan-worker.js'),
    'file-worker': compiled('engine/workers/file-worker.js'),
    'blob-reader-worker': compiled('sources/git/blob-reader-worker.js'),
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['re2', 'isomorphic-git', 'smol-toml', 'cli-table3'],
  // yargs, cliui and wrap-ansi measure text with string-width, which compiles Unicode property
  // regexes when loaded (~25 ms of every run): ours compiles nothing until help is laid out.
  plugins: [{
    name: 'string-width',
    setup(bundling) {
      bundling.onResolve({ filter: /^string-width$/ }, () => ({ path: compiled('cli/string-width.js') }));
    },
  }],
  // Bundled CommonJS packages (ignore) may call require() for Node's own modules, which an
  // ES module has not got: each output file makes one from its own URL.
  banner: { js: "import { createRequire as bundleRequire } from 'node:module'; const require = bundleRequire(import.meta.url);" },
  logLevel: 'warning',
});
process.stdout.write(`bundle: ${outdir}\n`);
