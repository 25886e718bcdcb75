// Reading a whole stream; a read error is a coded error naming the stream.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { isLeakwatchError } from '../../src/model/errors.js';
import { readAll } from '../../src/model/streams.js';
import { plural } from '../../src/model/words.js';

describe('readAll', () => {
  it('joins every chunk, strings and buffers alike', async () => {
    assert.equal((await readAll(Readable.from(['a\n', Buffer.from('b\n'), 'c']))).toString('utf8'), 'a\nb\nc');
  });

  it('turns a read error into a stdin-coded error naming the stream', async () => {
    const failing = new Readable({
      read() {
        this.destroy(Object.assign(new Error('bad file descriptor'), { code: 'EBADF' }));
      },
    });
    await assert.rejects(readAll(failing, 'the list of files'), (error: unknown) => isLeakwatchError(error) && error.code === 'stdin' && error.message === 'the list of files: cannot read (EBADF)');
  });
});

describe('plural', () => {
  it('counts in words', () => {
    assert.deepEqual([plural(0, 'file'), plural(1, 'file'), plural(2, 'commit')], ['0 files', '1 file', '2 commits']);
  });
});
