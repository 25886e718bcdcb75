// The hook script path is this install's bin/leakwatch.js.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { cliScript } from '../../../src/cli/commands/hook.js';
import { BIN } from '../../helpers/cli.js';

describe('hook command', () => {
  it('names the CLI script of this install', () => {
    assert.equal(cliScript(), BIN);
    assert.ok(existsSync(cliScript()));
  });
});
