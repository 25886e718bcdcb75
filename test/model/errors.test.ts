// One error family: a closed list of codes, kept across threads.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ERROR_CODES, fromWireError, isLeakwatchError, LeakwatchError, toWireError, type ErrorCode } from '../../src/model/errors.js';
import { runCli } from '../helpers/cli.js';

describe('LeakwatchError', () => {
  it('keeps its code across a thread boundary; anything else arrives as internal', () => {
    for (const code of ERROR_CODES) {
      const back = fromWireError(structuredClone(toWireError(new LeakwatchError(code, `failed: ${code}`))));
      assert.ok(isLeakwatchError(back));
      assert.equal(back.code, code);
      assert.equal(back.message, `failed: ${code}`);
    }
    assert.deepEqual(toWireError(new TypeError('boom')), { code: 'internal', message: 'boom' });
    assert.equal(fromWireError({ code: 'no-such-code' as ErrorCode, message: 'x' }).code, 'internal');
  });

  it('lists each code once', () => {
    assert.equal(new Set(ERROR_CODES).size, ERROR_CODES.length);
  });

  it('is what the CLI prints on one line with exit 2; a defect says so', async () => {
    const usage = await runCli(['scan', '--threads', '0'], { env: {} });
    assert.equal(usage.code, 2);
    assert.equal(usage.stderr, 'leakwatch: --threads must be a whole number >= 1\n');
    const missing = await runCli(['scan', '/nonexistent/leakwatch-test-path'], { env: {} });
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, 'leakwatch: /nonexistent/leakwatch-test-path: no such file or directory\n');
  });
});
