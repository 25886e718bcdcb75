#!/usr/bin/env node
// Thin shim: the compiled CLI does the work; only this file touches the process.
import { main } from '../dist/src/cli/main.js';

// A reader that stops early (`leakwatch scan | head`) closes the pipe: that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') return;
  process.stderr.write(`leakwatch: cannot write the report: ${error.message}\n`);
  process.exit(2);
});

process.exitCode = await main(process.argv.slice(2));
