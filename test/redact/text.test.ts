// Free text redacted with the scan's rules: every secret and piece of personal data masked.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactText, textRedactor } from '../../src/redact/text.js';
import { fake } from '../../fixtures/secrets.js';
import { assertNoRawValues } from '../helpers/cli.js';

describe('text redaction', () => {
  it('masks every secret and personal datum the rules find, and leaves the rest', () => {
    const log = `deploy ok\ntoken=${fake.githubToken} owner ${fake.email}\naws_secret_access_key = ${fake.awsSecret}\nbye\n`;
    const masked = redactText(log);
    assertNoRawValues(masked, 'redacted text');
    assert.ok(masked.startsWith('deploy ok\ntoken=') && masked.endsWith('\nbye\n'));
    assert.ok(masked.includes('@provedor.com.br'), 'an email keeps its domain');
  });

  it('one redactor for many texts; rules of one category only when asked', () => {
    const redact = textRedactor({ only: 'pii' });
    assert.equal(redact(`token=${fake.githubToken}`), `token=${fake.githubToken}`);
    assert.equal(redact(`cpf ${fake.cpfValid}`).includes(fake.cpfValid), false);
    assert.equal(redact('nothing here'), 'nothing here');
  });
});
