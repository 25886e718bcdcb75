// Runs the CLI like bin/leakwatch.js, then reports the process's peak RSS
// and CPU time (worker threads included) on stderr, for the benchmark to read.
import { Writable } from 'node:stream';
import { main } from '../src/cli/main.js';

const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
process.exitCode = await main(process.argv.slice(2), { stdout: discard, stderr: process.stderr });
const usage = process.resourceUsage();
// CPU time in microseconds, every thread of the process: what a scan costs, apart from what else runs.
process.stderr.write(`maxrss=${usage.maxRSS} cpu=${usage.userCPUTime + usage.systemCPUTime}\n`);
