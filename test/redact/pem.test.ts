// Private-key blocks followed across lines: the last word of each body line is masked, nothing
// else, and the block ends at its END line (or after PEM_MAX_LINES lines).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PEM_MAX_LINES, PemTracker } from '../../src/redact/pem.js';

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

  it('a body line is one whose last word is base64: a per-line prefix (syslog, timestamps) stays', () => {
    const pem = new PemTracker();
    pem.see(`Dec  1 10:00:00 host app[123]: ${BEGIN}`);
    assert.deepEqual(pem.bodyOf('Dec  1 10:00:00 host app[123]: MIIEow+/='), { start: 31, end: 40, first: true });
    assert.deepEqual(pem.bodyOf('2024-12-01T10:00:01.123456789Z AB==\r'), { start: 31, end: 35, first: false });
    assert.equal(pem.open, true);
  });

  it('blank and other lines inside the block leave it open; END closes it; so does a cap when END never comes', () => {
    const pem = new PemTracker();
    pem.see(BEGIN);
    assert.deepEqual(pem.bodyOf('MIIE'), { start: 0, end: 4, first: true });
    assert.equal(pem.bodyOf(''), null);
    assert.equal(pem.bodyOf('Dec  1 10:00:00 host app[123]:'), null);
    assert.deepEqual(pem.bodyOf('Zw=='), { start: 0, end: 4, first: false });
    assert.equal(pem.bodyOf(`Dec  1 10:00:00 host app[123]: ${END}`), undefined);
    assert.equal(pem.open, false);
    pem.see(BEGIN);
    for (let line = 0; line < PEM_MAX_LINES; line += 1) assert.notEqual(pem.bodyOf('AAAA'), undefined);
    assert.equal(pem.bodyOf('AAAA'), undefined);
    assert.equal(pem.open, false);
  });
});
