#!/usr/bin/env node
// Thin shim: the compiled CLI (bundled by the build: scripts/bundle.ts) does the work; only this file touches the process.
import { main } from '../dist/bundle/main.js';

// A reader that stops early (`leakwatch scan | head`) closes the pipe: that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') return;
  // Every command writes its output there (a report, redacted text): name the stream, as `redact` does.
  process.stderr.write(`leakwatch: standard output: cannot write (${error.code ?? error.message})\n`);
  process.exit(2);
});

process.exitCode = await main(process.argv.slice(2));
