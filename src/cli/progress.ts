// A one-line progress display on stderr for scans longer than a second.
// Redraws at most ten times a second, so its cost stays far below the scan's.
import type { ScanProgress } from '../engine/scan.js';

const DELAY_MS = 1000;
const INTERVAL_MS = 100;

export interface ProgressLine {
  update: (progress: ScanProgress) => void;
  /** Erases the line, if one was drawn. */
  done: () => void;
}

export function createProgressLine(stream: NodeJS.WriteStream, now: () => number = performance.now.bind(performance)): ProgressLine {
  const started = now();
  let lastDraw = 0;
  let drawn = false;
  return {
    update(progress) {
      const at = now();
      if (at - started < DELAY_MS || at - lastDraw < INTERVAL_MS) return;
      lastDraw = at;
      drawn = true;
      const total = progress.totalBlobs > 0 ? `/${progress.totalBlobs}` : '';
      const megabytes = (progress.bytes / 1e6).toFixed(1);
      const seconds = ((at - started) / 1000).toFixed(1);
      stream.write(`\r\x1b[2Kscanning: ${progress.commits} commits, ${progress.blobs}${total} blobs, ${megabytes} MB, ${seconds} s`);
    },
    done() {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}
