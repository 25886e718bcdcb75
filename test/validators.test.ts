import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shannonEntropy } from '../src/detect/entropy.js';
import { isPlaceholder } from '../src/detect/placeholders.js';
import { loadRuleSet } from '../src/detect/rules.js';
import { isValidCpf } from '../src/detect/validators/cpf.js';
import { isValidLuhn } from '../src/detect/validators/luhn.js';
import { fake } from './helpers/secrets.js';

describe('cpf validator', () => {
  it('accepts numbers whose check digits are right, formatted or bare', () => {
    for (const cpf of [fake.cpfValid, fake.cpfValidBare, fake.cpfOther, fake.cpfOtherBare]) assert.equal(isValidCpf(cpf), true, cpf);
  });
  it('rejects wrong check digits, repeated digits and wrong lengths', () => {
    for (const cpf of [fake.cpfInvalid, fake.cpfRepeated, '00000000000', fake.cpfValidBare.slice(1), `${fake.cpfValidBare}5`, 'abc.def.ghi-jk']) {
      assert.equal(isValidCpf(cpf), false, cpf);
    }
  });
});

describe('luhn validator', () => {
  it('accepts numbers that pass mod 10 and rejects one digit off', () => {
    assert.equal(isValidLuhn(['4539 1488', ' 0343 6467'].join('')), true);
    assert.equal(isValidLuhn('79927398713'), true);
    assert.equal(isValidLuhn('79927398710'), false);
    assert.equal(isValidLuhn('not a number'), false);
  });
});

describe('shannon entropy', () => {
  it('is zero for one repeated character and grows with variety', () => {
    assert.equal(shannonEntropy('aaaaaaaa'), 0);
    assert.equal(shannonEntropy('abababab'), 1);
    assert.equal(shannonEntropy('abcdefgh'), 3);
    assert.equal(shannonEntropy(''), 0);
  });
});

describe('placeholders', () => {
  const lists = loadRuleSet().placeholders;
  it('recognises placeholders, for every rule', () => {
    for (const value of ['changeme', '"CHANGEME"', '<YOUR_PASSWORD>', '${DB_PASSWORD}', '$DB_PASSWORD', '********', '{{ secret }}', 'j***a@x.com']) {
      assert.equal(isPlaceholder(value, lists), true, value);
    }
  });
  it('recognises code references only for generic rules', () => {
    for (const value of ['os.environ["X"]', 'getpass()', 'process.env.TOKEN', 'self.password', 'Sensitive<string>', '^1.2.3']) {
      assert.equal(isPlaceholder(value, lists, true), true, value);
      assert.equal(isPlaceholder(value, lists, false), false, value);
    }
    // A vendor token may look like an attribute path or a URL and is still a token.
    assert.equal(isPlaceholder('hvs.CAESIJ2dKx9.Gh4KHGh2cy5', lists, false), false);
  });
  it('lets real-looking values through', () => {
    for (const value of ['Tr0ub4dor&3', 'hunter22', 'k8Jm2xQa', 'Zx9wQ4mLp2']) assert.equal(isPlaceholder(value, lists), false, value);
  });
});
