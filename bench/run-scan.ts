// Runs the CLI like bin/leakwatch.js, then reports the process's peak RSS
// (worker threads included) on stderr, for the benchmark to read.
import { Writable } from 'node:stream';
import { main } from '../src/cli/main.js';

const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
process.exitCode = await main(process.argv.slice(2), { stdout: discard, stderr: process.stderr });
process.stderr.write(`maxrss=${process.resourceUsage().maxRSS}\n`);
