// What looks sensitive by shape alone is masked in shown lines: values no rule reported.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maskSensitiveTokens } from '../../src/redact/tokens.js';
import { fake } from '../../fixtures/secrets.js';

const random = (length: number): string => Array.from({ length }, (_, i) => 'Q7x2Kp9Lm4Vb8Nc3Zr6Tw1Hy5Jd0Fg'[(i * 7 + 3) % 30]).join('');

describe('masking by shape', () => {
  it('masks URL userinfo passwords, values after secret-named keys, emails, long digit runs and high-entropy runs', () => {
    const token = random(32);
    const cases: Array<[string, string]> = [
      [`https://bob:${fake.dbPassword}@db.acme.io/app`, fake.dbPassword],
      [`pwd=${fake.dbPassword} user=bob`, fake.dbPassword],
      [`"sessionToken": "${fake.dbPassword}"`, fake.dbPassword],
      [`owner ${fake.email} on call`, fake.email],
      [`card 4539 1488 0343 6467 on file`, '4539 1488 0343 6467'],
      [`ref ${token} ok`, token],
    ];
    for (const [line, value] of cases) {
      const masked = maskSensitiveTokens(line);
      assert.equal(masked.includes(value), false, `${line} -> ${masked}`);
      assert.notEqual(masked, line);
    }
  });

  it('leaves ordinary words, short numbers, masked values and low-entropy names alone', () => {
    for (const line of ['const total = items.length + 12;', 'see ghp_**** and j***a@provedor.com.br', 'function getUserNameFromRequest(req) {', 'version 2026-12-01']) {
      assert.equal(maskSensitiveTokens(line), line, line);
    }
  });
});
