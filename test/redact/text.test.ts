// Free text redacted with the scan's rules: every secret and piece of personal data masked.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactText, textRedactor } from '../../src/redact/text.js';
import { fake } from '../../fixtures/secrets.js';

const join = (...parts: string[]): string => parts.join('');
/** A password-like value no rule knows by shape: only its key names it. */
const value = join('Xk9mQ2', 'vLp7wRz');
const hex = join('9f8e7d6c5b4a3928', '1706f5e4d3c2b1a0');
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

  it('masks an encoded secret at the encoded run (its decoded value never appears in the text)', () => {
    const encoded = Buffer.from(`GITHUB_TOKEN=${fake.githubToken}`).toString('base64');
    assert.equal(redactText(`creds ${encoded}\n`), 'creds ****\n');
  });

  it('masks whatever allow marker a line carries: in a log it may come from user input', () => {
    const line = JSON.stringify({ user: 'leakwatch:allow', password: fake.password, cpf: fake.cpfValid });
    assert.equal(redactText(line), '{"user":"leakwatch:allow","password":"****","cpf":"***.***.***-94"}');
    assert.equal(redactText(`gitleaks:allow token ${fake.githubToken}`), 'gitleaks:allow token ghp_****');
  });

  it('masks values after secret-named keys and URL passwords anywhere in a line, not only at its end', () => {
    assert.equal(redactText(`level=info msg="db connect" password=${value} host=db`), 'level=info msg="db connect" password=**** host=db');
    assert.equal(redactText(`User(name=Bob, password=${value})`), 'User(name=Bob, password=****)');
    assert.equal(redactText(`token=${hex} client=web`), 'token=**** client=web');
    assert.equal(redactText(`Cookie: sessionid=${hex}`), 'Cookie: ****');
    assert.equal(redactText(`Cookie: lang=pt; sessionid=${hex}`), 'Cookie: ****; sessionid=****');
    assert.equal(redactText('GET redis://app:Qx7@cache:6379 ok'), 'GET redis://app:****@cache:6379 ok', 'a password too short for url-credentials');
    assert.equal(redactText('level=info msg="started" port=8080 id=4f2a9c'), 'level=info msg="started" port=8080 id=4f2a9c');
  });

  it('masks a quoted value whole, escaped quotes in it too: the line keeps its quotes (still JSON)', () => {
    const inner = JSON.stringify({ password: join('Xk9mQ2', '"vLp7wRz') });
    assert.equal(redactText(inner), '{"password":"****"}');
    const ending = JSON.stringify({ password: join('Xk9mQ2v', 'Lp7wRz"'), next: 'kept' });
    assert.equal(redactText(ending), '{"password":"****","next":"kept"}');
    assert.equal(redactText(`password='${join('Xk9mQ2', "\\'vLp7wRz")}' host=db`), "password='****' host=db");
  });
});
