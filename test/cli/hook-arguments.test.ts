// `hook run TYPE [REMOTE [URL]]` as installed hooks call it skips the argument parser; anything
// else goes through it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hookRunArguments } from '../../src/cli/hook-arguments.js';

describe('hook run arguments', () => {
  it('recognises exactly the hook run forms', () => {
    assert.deepEqual(hookRunArguments(['hook', 'run', 'pre-push', 'origin', 'git@x:y.git']), { type: 'pre-push', remote: 'origin', path: '.' });
    assert.deepEqual(hookRunArguments(['hook', 'run', 'pre-push']), { type: 'pre-push', remote: undefined, path: '.' });
    assert.deepEqual(hookRunArguments(['hook', 'run', 'pre-commit']), { type: 'pre-commit', remote: undefined, path: '.' });
  });

  it('leaves everything else to the parser', () => {
    for (const argv of [['hook', 'install'], ['hook', 'run', 'post-commit'], ['hook', 'run', 'pre-push', '--help'], ['hook', 'run', 'pre-push', 'o', 'u', 'extra'], ['hook', 'run', 'pre-commit', 'origin'], ['scan', 'run', 'pre-push'], []]) {
      assert.equal(hookRunArguments(argv), undefined, argv.join(' '));
    }
  });
});
