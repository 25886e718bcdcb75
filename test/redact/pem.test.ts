// Private-key blocks followed across lines: the body is masked, nothing else, and the block ends
// at the first line that is not body.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PemTracker } from '../../src/redact/pem.js';

const BEGIN = ['-----BEGIN', ' RSA PRIVATE KEY-----'].join('');
const END = ['-----END', ' RSA PRIVATE KEY-----'].join('');

describe('PEM tracker', () => {
  it('opens at a BEGIN line, masks body lines, keeps headers and blank lines before the body, closes at END', () => {
    const pem = new PemTracker();
    pem.see(`2024-11-05 key: ${BEGIN}`);
    assert.equal(pem.open, true);
    assert.equal(pem.bodyOf('Proc-Type: 4,ENCRYPTED'), null);
    assert.equal(pem.bodyOf(''), null);
    assert.deepEqual(pem.bodyOf('  MIIEow+/=\r'), { start: 2, end: 11, first: true });
    assert.deepEqual(pem.bodyOf('AB=='), { start: 0, end: 4, first: false });
    assert.equal(pem.bodyOf(END), undefined);
    assert.equal(pem.open, false);
  });

  it('does not open for a one-line block, a public key, or a line that only names the marker', () => {
    const pem = new PemTracker();
    pem.see(`"key": "${BEGIN}\\nMIIE\\n${END}"`);
    pem.see(['-----BEGIN', ' PUBLIC KEY-----'].join(''));
    assert.equal(pem.open, false);
  });

  it('a line that is not body ends the block: text after a BEGIN line is not masked', () => {
    const pem = new PemTracker();
    pem.see(BEGIN);
    assert.equal(pem.bodyOf('if (line.startsWith(marker)) {'), undefined);
    assert.equal(pem.open, false);
  });
});
