import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Detector } from '../../src/detect/detector.js';
import { loadRuleSet } from '../../src/rules/compile.js';
import { maskCpf, maskDigits, maskEmail, maskIban, maskSecret } from '../../src/redact/mask.js';
import { findingId, fingerprintOf, IdKey, secretHash } from '../../src/model/fingerprint.js';
import { Redactor } from '../../src/redact/redactor.js';
import { Sensitive } from '../../src/model/sensitive.js';
import type { Finding } from '../../src/model/types.js';
import { fake } from '../../fixtures/secrets.js';

describe('masks', () => {
  it('keeps a short vendor prefix of a token, never more than a third', () => {
    assert.equal(maskSecret(fake.githubToken, 4), 'ghp_****');
    assert.equal(maskSecret('abcdef', 4), 'ab****');
    assert.equal(maskSecret(fake.password, 0), '****');
  });
  it('keeps first and last letter of an email local part and the domain', () => {
    assert.equal(maskEmail(fake.email), 'j***a@provedor.com.br');
    assert.equal(maskEmail('ab@x.test'), 'a***@x.test');
  });
  it('keeps the layout and the last digits of CNPJs, cards and phones, the country of an IBAN', () => {
    const join = (...parts: string[]): string => parts.join('');
    assert.equal(maskDigits(join('79.542', '.205/0001-59'), 2), '**.***.***/****-59');
    assert.equal(maskDigits(join('4539 6276', ' 2230 1283'), 4), '**** **** **** 1283');
    assert.equal(maskDigits(join('12.ABC', '.345/01DE-35'), 2), '**.***.***/****-35', 'letters of an alphanumeric CNPJ are masked too');
    assert.equal(maskDigits(join('(11) 9876', '5-4321'), 2), '(**) *****-**21');
    assert.equal(maskIban(join('DE66 3619 0193', ' 3501 2808 19')), `DE${'*'.repeat(18)}19`);
  });
  it('keeps only the check digits of a CPF', () => {
    assert.equal(maskCpf(fake.cpfValid), '***.***.***-94');
    assert.equal(maskCpf(fake.cpfValidBare), '*********94');
  });
});

const KEY = new IdKey('k'.repeat(32));

describe('redactor', () => {
  const detector = new Detector(loadRuleSet());
  const findingFor = (text: string, subject = 'add config'): Finding => {
    const [match] = detector.detectText(Buffer.from(text));
    assert.ok(match);
    const rule = detector.rule(match.ruleId);
    assert.ok(rule);
    const unnamed = {
      ruleId: rule.id, category: rule.category, description: rule.description, mask: rule.mask, keepPrefix: rule.keepPrefix,
      path: 'a.env', line: match.line, column: match.column, endLine: match.endLine, endColumn: match.endColumn,
      commit: { oid: 'c'.repeat(40), parents: [], committerTime: 0, author: 'A', email: 'a@b.test', date: '2024-01-01T00:00:00+00:00', subject },
      secret: match.secret, excerpt: match.excerpt, entropy: match.entropy, confidence: 'high' as const, reasons: [], occurrences: [],
    };
    return { ...unnamed, id: findingId(unnamed, KEY), fingerprint: fingerprintOf(unnamed, KEY) };
  };

  it('masks the secret, every secret in the excerpt, and secrets in the commit subject', () => {
    const text = `password = "${fake.password}" owner=${fake.email} again=${fake.password}`;
    const redacted = new Redactor('mask', detector.findSecrets).redact(findingFor(text, `add ${fake.githubToken} oops`));
    const printed = JSON.stringify(redacted);
    for (const raw of [fake.password, fake.email, fake.githubToken]) assert.equal(printed.includes(raw), false, raw);
    assert.equal(redacted.secret, '****');
    assert.equal(redacted.match, 'password = "****" owner=j***a@provedor.com.br again=****');
    assert.equal(redacted.message, 'add ghp_**** oops');
    assert.match(redacted.fingerprint, /^generic-password:a\.env:[0-9a-f]{16}$/);
    assert.equal(redacted.fingerprint, `generic-password:a.env:${secretHash(fake.password, KEY)}`);
  });

  it('masks an encoded secret in a commit subject at the encoded run itself (its decoded value is not in the text)', () => {
    const encoded = Buffer.from(`GITHUB_TOKEN=${fake.githubToken}`).toString('base64');
    const redactor = new Redactor('mask', detector.findSecrets);
    assert.equal(redactor.maskText(`creds ${encoded} added`, []), 'creds **** added');
    assert.equal(redactor.redact(findingFor(`DB_PASSWORD=${fake.password}`, `creds ${encoded}`)).message, 'creds ****');
  });

  it('masks a subject whatever allow marker it carries; still hides other copies of the finding\'s own secret', () => {
    const redactor = new Redactor('mask', detector.findSecrets);
    assert.equal(redactor.maskText(`token ${fake.githubToken} leakwatch:allow`, []), 'token ghp_**** leakwatch:allow');
    assert.equal(redactor.maskText(`rotate x${fake.password}x`, [fake.password]), 'rotate x****x');
  });

  it('masks a quoted value whole when it holds an escaped quote (the rule stops at the quote)', () => {
    const tail = ['vLp7', 'wRzQ'].join('');
    const redacted = new Redactor('mask', detector.findSecrets).redact(findingFor(`{"password":"Xk9mQ2\\"${tail}", "a": 1}`));
    assert.equal(redacted.match.includes(tail), false, redacted.match);
    assert.equal(redacted.match, '{"password":"****", "a": 1}');
  });

  it('shows raw values only under the none policy', () => {
    const redacted = new Redactor('none', detector.findSecrets).redact(findingFor(`DB_PASSWORD=${fake.password}`));
    assert.equal(redacted.secret, fake.password);
    assert.equal(redacted.match, `DB_PASSWORD=${fake.password}`);
  });

  it('a Sensitive box never prints its value', () => {
    const box = new Sensitive(fake.password);
    assert.equal(`${box}`, '[sensitive]');
    assert.equal(JSON.stringify({ box }), '{"box":"[sensitive]"}');
    assert.equal(box.reveal(), fake.password);
  });
});
