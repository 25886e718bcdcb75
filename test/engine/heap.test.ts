// engine/heap.ts: a full collection on request, without --expose-gc on the command line.
import assert from 'node:assert/strict';
import { setImmediate as tick } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { collectGarbage } from '../../src/engine/heap.js';

describe('collectGarbage', () => {
  it('reclaims what nothing holds any more', async () => {
    assert.equal(typeof (globalThis as { gc?: unknown }).gc, 'undefined', 'the test runner gives no gc of its own');
    const made = (): WeakRef<object> => new WeakRef({ payload: new Array(1000).fill('x') });
    const refs = Array.from({ length: 5 }, made);
    // A WeakRef's target stays alive until the current job ends.
    await tick();
    collectGarbage();
    assert.ok(refs.every((ref) => ref.deref() === undefined), 'every unreferenced object collected');
  });
});
