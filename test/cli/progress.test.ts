import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { createProgressLine } from '../../src/cli/progress.js';

class Screen extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}

describe('progress line', () => {
  const step = { commits: 12, blobs: 5, totalBlobs: 40, bytes: 3_500_000 };

  it('stays silent during the first second, then redraws at most ten times a second', () => {
    const screen = new Screen();
    let clock = 0;
    const line = createProgressLine(screen as unknown as NodeJS.WriteStream, () => clock);
    const shown = (): string => screen.text;
    line.update(step);
    clock = 900;
    line.update(step);
    assert.equal(screen.text, '');
    clock = 1000;
    line.update(step);
    assert.equal(screen.text, '\r\x1b[2Kscanning: 12 commits, 5/40 blobs, 3.5 MB, 1.0 s');
    clock = 1050;
    line.update({ ...step, blobs: 6 });
    assert.equal(shown().includes('6/40'), false);
    clock = 1100;
    line.update({ ...step, blobs: 7 });
    assert.ok(shown().endsWith('7/40 blobs, 3.5 MB, 1.1 s'));
    line.done();
    assert.ok(shown().endsWith('\r\x1b[2K'));
  });

  it('leaves nothing behind when it never drew', () => {
    const screen = new Screen();
    const line = createProgressLine(screen as unknown as NodeJS.WriteStream, () => 0);
    line.update(step);
    line.done();
    assert.equal(screen.text, '');
  });
});
