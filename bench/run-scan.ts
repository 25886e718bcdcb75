// Runs the CLI like bin/leakwatch.js, then reports the process's peak RSS
// and CPU time (worker threads included) on stderr, for the benchmark to read.
import { Writable } from 'node:stream';

// The bundle bin/leakwatch.js runs (dist/bundle, see scripts/bundle.ts), not the compiled modules one
// by one: those load ~200 files and would time a start-up no user has.
const { main } = (await import(new URL('../bundle/main.js', import.meta.url).href)) as typeof import('../src/cli/main.js');

const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
process.exitCode = await main(process.argv.slice(2), { stdout: discard, stderr: process.stderr });
const usage = process.resourceUsage();
// CPU time in microseconds, every thread of the process: what a scan costs, apart from what else runs.
process.stderr.write(`maxrss=${usage.maxRSS} cpu=${usage.userCPUTime + usage.systemCPUTime}\n`);
