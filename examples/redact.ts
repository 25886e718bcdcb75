// A log filter: copies standard input to standard output with every secret and
// piece of personal data the rules find masked, as a scan's report masks them.
// Run: some-command 2>&1 | node dist/examples/redact.js
import { text } from 'node:stream/consumers';
import { textRedactor } from '../src/index.js';

// Build once, use for many texts: compiling the rules takes tens of milliseconds.
const redact = textRedactor();
// The whole input at once, so that secrets spanning lines (private keys) are masked too.
process.stdout.write(redact(await text(process.stdin)));
