import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shannonEntropy } from '../../src/detect/entropy.js';
import { isPlaceholder } from '../../src/detect/placeholders.js';
import { loadRuleSet } from '../../src/rules/compile.js';
import { isValidCpf } from '../../src/detect/validators/cpf.js';
import { isValidLuhn } from '../../src/detect/validators/luhn.js';
import { isBase64Secret, isBasicAuth } from '../../src/detect/validators/base64.js';
import { isCardNumber } from '../../src/detect/validators/card.js';
import { isValidCnpj } from '../../src/detect/validators/cnpj.js';
import { isValidIban } from '../../src/detect/validators/iban.js';
import { isBrazilianPhone } from '../../src/detect/validators/phone.js';
import { isEmailAddress } from '../../src/detect/validators/email.js';
import { runValidator } from '../../src/detect/validators/index.js';
import { fake } from '../../fixtures/secrets.js';

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
    for (const value of ['changeme', '"CHANGEME"', '<YOUR_PASSWORD>', '${DB_PASSWORD}', '$DB_PASSWORD', '********', '{{ secret }}', 'j***a@x.com', '^1.2.3', 'ERR_SECRET_MISSING']) {
      assert.equal(isPlaceholder(value, lists), true, value);
    }
  });
  it('recognises code references only for generic rules', () => {
    for (const value of ['os.environ["X"]', 'getpass()', 'process.env.TOKEN', 'self.password', 'Sensitive<string>', 'self.token)', 'yaml_token_t{}', 'Token();']) {
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

describe('cnpj, iban, card and phone validators', () => {
  const lists = loadRuleSet().placeholders;
  const context = { isPlaceholder: (value: string) => isPlaceholder(value, lists) };
  const cnpj = ['79.542', '.205/0001-59'].join('');
  it('checks CNPJ check digits', () => {
    assert.equal(isValidCnpj(cnpj), true);
    assert.equal(isValidCnpj(cnpj.replace(/9$/, '8')), false);
    assert.equal(isValidCnpj('11.111.111/1111-11'), false);
  });
  it('checks the alphanumeric CNPJ of 2026 (letters count as their code minus 48), the Receita\'s own example included', () => {
    const example = ['12.ABC', '.345/01DE-35'].join('');
    assert.equal(isValidCnpj(example), true);
    assert.equal(isValidCnpj(example.replace(/5$/, '6')), false);
    assert.equal(isValidCnpj(example.replace(/[./-]/g, '')), true);
    assert.equal(isValidCnpj(example.toLowerCase()), true, 'letters in either case');
    assert.equal(isValidCnpj('AA.AAA.AAA/AAAA-00'), false);
  });
  it('checks IBAN length by country and mod 97', () => {
    const iban = ['DE66', '3619019335', '01280819'].join('');
    assert.equal(isValidIban(iban), true);
    assert.equal(isValidIban(iban.replace('DE66', 'DE67')), false);
    assert.equal(isValidIban(`${iban}0`), false);
  });
  it('accepts Luhn-valid card numbers but not repeated digits or published test numbers', () => {
    assert.equal(isCardNumber(['4539 6276', ' 2230 1283'].join(''), context), true);
    assert.equal(isCardNumber('4539 6276 2230 1284', context), false);
    assert.equal(isCardNumber('4111 1111 1111 1111', context), false);
    assert.equal(isCardNumber('0000 0000 0000 0000', context), false);
  });
  it('accepts Brazilian phones with a real area code', () => {
    assert.equal(isBrazilianPhone(['(11) 9876', '5-4321'].join('')), true);
    assert.equal(isBrazilianPhone(['+55 21 34', '56-7890'].join('')), true);
    assert.equal(isBrazilianPhone('(10) 98765-4321'), false);
    assert.equal(isBrazilianPhone('(11) 88765-4321'), false);
  });
  it('judges base64 credentials by what they decode to', () => {
    const encode = (text: string): string => Buffer.from(text).toString('base64');
    assert.equal(isBasicAuth(encode(`ci:${fake.password}`), context), true);
    assert.equal(isBasicAuth(encode('ci:changeme'), context), false);
    assert.equal(isBasicAuth(encode('no-colon-here'), context), false);
    assert.equal(isBase64Secret(encode(fake.password), context), true);
    assert.equal(isBase64Secret(encode('password'), context), false);
    assert.equal(isBase64Secret('!!!not base64', context), false);
  });
});

describe('validators by name', () => {
  const context = { isPlaceholder: (value: string): boolean => value === 'changeme' };
  it('run the validator a rule names', () => {
    assert.equal(runValidator('cpf', fake.cpfValid, context), true);
    assert.equal(runValidator('cpf', fake.cpfInvalid, context), false);
    assert.equal(runValidator('luhn', '79927398713', context), true);
    assert.equal(runValidator('luhn', '79927398710', context), false);
  });
  it('pass the placeholder check through to the validators that use it', () => {
    const auth = (password: string): string => Buffer.from(`ci:${password}`).toString('base64');
    assert.equal(runValidator('basic-auth', auth(fake.password), context), true);
    assert.equal(runValidator('basic-auth', auth('changeme'), context), false);
  });
});

describe('email validator', () => {
  it('takes addresses, not file names that look like them', () => {
    for (const address of ['ana@dev.test', 'joana@provedor.com.br', 'x@mofa.go.jp', 'ops@acme.md', 'a@b.io']) assert.ok(isEmailAddress(address), address);
    for (const file of ['file@test.json', 'logo@2x.png', 'icon@3x.PNG', 'x@report.min']) assert.ok(!isEmailAddress(file), file);
  });
});
