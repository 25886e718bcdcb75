// Colour and width for a report: a terminal only, NO_COLOR and TERM=dumb respected, --color overriding.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { terminalContext } from '../../src/report/terminal.js';

describe('terminal context', () => {
  const tty = { isTTY: true, columns: 91 };
  it('colours a terminal and gives its width; a pipe gets neither', () => {
    assert.deepEqual(terminalContext(tty, {}), { columns: 91, colour: true });
    assert.deepEqual(terminalContext({ isTTY: false, columns: 91 }, {}), { colour: false });
    assert.deepEqual(terminalContext(undefined, {}), { colour: false });
  });

  it('respects NO_COLOR (any non-empty value) and TERM=dumb, unless --color always', () => {
    assert.equal(terminalContext(tty, { NO_COLOR: '1' }).colour, false);
    assert.equal(terminalContext(tty, { NO_COLOR: '' }).colour, true);
    assert.equal(terminalContext(tty, { TERM: 'dumb' }).colour, false);
    assert.equal(terminalContext(tty, { NO_COLOR: '1' }, 'always').colour, true);
    assert.equal(terminalContext({ isTTY: false }, {}, 'always').colour, true);
    assert.equal(terminalContext(tty, {}, 'never').colour, false);
  });
});
