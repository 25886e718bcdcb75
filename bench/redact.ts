// Redaction throughput: a generated application log (~100 MB by default, one
// line in 200 holding a secret or personal data) through createRedactStream,
// in chunks of 64 KiB as a pipe delivers them. Prints MB/s, the median of the
// runs. `node dist/bench/redact.js [--mb N] [--runs N]`; `npm run bench` runs it too.
import { performance } from 'node:perf_hooks';
import { generateLog } from '../fixtures/logs.js';
import { createDetector } from '../src/engine/scan.js';
import { createRedactStream } from '../src/redact/stream.js';

const CHUNK = 64 * 1024;

export interface RedactBench {
  megabytes: number;
  runs: number;
  /** MB/s of each run, in order. */
  rates: number[];
  median: number;
  lines: number;
  masked: number;
}

export function benchRedact(megabytes = 100, runs = 5): RedactBench {
  const log = generateLog(megabytes * 1e6);
  const detector = createDetector();
  const rates: number[] = [];
  let masked = 0;
  for (let run = 0; run < runs; run += 1) {
    const stream = createRedactStream({ detector });
    let out = 0;
    stream.on('data', (chunk: Buffer) => {
      out += chunk.length;
    });
    const started = performance.now();
    // Synchronous writes: the transform runs inside write(), so the time is the masking, not the event loop.
    for (let at = 0; at < log.length; at += CHUNK) stream.write(log.subarray(at, at + CHUNK));
    stream.end();
    const seconds = (performance.now() - started) / 1000;
    if (out === 0) throw new Error('no output');
    rates.push(log.length / 1e6 / seconds);
    masked = [...stream.counts.values()].reduce((sum, count) => sum + count, 0);
  }
  const sorted = [...rates].sort((a, b) => a - b);
  let lines = 0;
  for (let at = log.indexOf(10); at !== -1; at = log.indexOf(10, at + 1)) lines += 1;
  return { megabytes: log.length / 1e6, runs, rates, median: sorted[Math.floor(sorted.length / 2)] as number, lines, masked };
}

export function describeRedactBench(result: RedactBench): string {
  return `redact: ${result.megabytes.toFixed(1)} MB generated log, ${result.lines} lines, ${result.masked} spans masked; `
    + `median of ${result.runs} runs ${result.median.toFixed(1)} MB/s (runs: ${result.rates.map((rate) => rate.toFixed(1)).join(', ')})`;
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const args = process.argv.slice(2);
  const value = (name: string, fallback: number): number => {
    const at = args.indexOf(name);
    return at === -1 ? fallback : Number(args[at + 1]);
  };
  console.log(describeRedactBench(benchRedact(value('--mb', 100), value('--runs', 5))));
}
