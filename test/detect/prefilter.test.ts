// The keyword prefilter may only ever save work: whatever it leaves out must be a rule whose
// regex finds nothing in the text. Keywords count in any letter case; a rule without keywords
// is gated by its own regex.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import RE2 from 're2';
import { ENCODED_GATES } from '../../src/detect/decode.js';
import { escapeRegex, KeywordPrefilter } from '../../src/detect/prefilter.js';
import { loadRuleSet, type Rule } from '../../src/rules/compile.js';
import { fake } from '../../fixtures/secrets.js';

const catalog = loadRuleSet().rules;
const ruleNamed = (id: string): Rule => {
  const rule = catalog.find((each) => each.id === id);
  assert.ok(rule, id);
  return rule;
};
/** A rule of the catalog with other keywords or another regex, for cases the catalog lacks. */
const variant = (id: string, keywords: string[], regex?: string): Rule => ({ ...ruleNamed('github-token'), id, keywords, ...(regex === undefined ? {} : { regex: new RE2(regex, 'gd') }) });
const ids = (rules: readonly Rule[]): string[] => rules.map((rule) => rule.id);
const matches = (rule: Rule, text: Buffer): boolean => {
  rule.regex.lastIndex = 0;
  const found = rule.regex.test(text);
  rule.regex.lastIndex = 0;
  return found;
};

describe('keyword prefilter', () => {
  it('selects a rule whatever the case of its keyword in the text', () => {
    const rules = [variant('needs-token', ['token']), variant('needs-secret', ['secret'])];
    const prefilter = new KeywordPrefilter(rules);
    for (const text of ['my token', 'MY TOKEN', 'My ToKeN']) assert.deepEqual(ids(prefilter.select(Buffer.from(text), rules)), ['needs-token'], text);
    assert.deepEqual(ids(prefilter.select(Buffer.from('SeCrEt and tOkEn'), rules)), ['needs-token', 'needs-secret'], 'in the rules\' own order');
    assert.deepEqual(prefilter.select(Buffer.from('nothing here'), rules), []);
    assert.deepEqual(prefilter.select(Buffer.alloc(0), rules), []);
  });

  it('takes keywords literally, not as regexes', () => {
    const rules = [variant('dotted', ['api.key'])];
    const prefilter = new KeywordPrefilter(rules);
    assert.deepEqual(prefilter.select(Buffer.from('apiXkey'), rules), []);
    assert.deepEqual(ids(prefilter.select(Buffer.from('API.KEY = 1'), rules)), ['dotted']);
    assert.equal(escapeRegex('a.b*c(d)[e]{f}|g^$\\'), 'a\\.b\\*c\\(d\\)\\[e\\]\\{f\\}\\|g\\^\\$\\\\');
  });

  it('gates a rule without keywords by its own regex, case as written', () => {
    const rules = [variant('six-digits', [], '\\bPIN-\\d{6}\\b'), variant('needs-token', ['token'])];
    const prefilter = new KeywordPrefilter(rules);
    assert.deepEqual(ids(prefilter.select(Buffer.from('code PIN-123456 here'), rules)), ['six-digits']);
    assert.deepEqual(prefilter.select(Buffer.from('code pin-123456 here, PIN-12'), rules), []);
    assert.deepEqual(ids(prefilter.select(Buffer.from('token PIN-654321'), rules)), ['six-digits', 'needs-token']);
  });

  it('selects exactly the catalog rules a plain search finds a reason to run, and never one less', () => {
    // The oracle, rule by rule: a keyword anywhere in the text, any case; a rule without keywords, its regex.
    const oracle = (rule: Rule, bytes: Buffer): boolean => (rule.keywords.length === 0
      ? matches(rule, bytes)
      : rule.keywords.some((keyword) => bytes.toString('latin1').toLowerCase().includes(keyword)));
    const texts: string[] = [];
    for (const rule of catalog) texts.push(...rule.examples.match, ...rule.examples.ignore);
    texts.push(...Object.values(fake).map((value) => `value = "${value}"`));
    const variants = texts.flatMap((text) => [text, text.toUpperCase(), text.toLowerCase(), `prefix ${text} suffix`]);
    const prefilter = new KeywordPrefilter(catalog);
    for (const text of variants) {
      const bytes = Buffer.from(text);
      assert.deepEqual(ids(prefilter.select(bytes, catalog)), ids(catalog.filter((rule) => oracle(rule, bytes))), JSON.stringify(text.slice(0, 80)));
    }
    // And what each rule must match, it is selected for: a match holds one of its keywords.
    let checked = 0;
    for (const rule of catalog) {
      for (const example of rule.examples.match) {
        const bytes = Buffer.from(example);
        if (!matches(rule, bytes)) continue;
        checked += 1;
        assert.ok(prefilter.select(bytes, catalog).includes(rule), `${rule.id} matches ${JSON.stringify(example.slice(0, 60))} but was not selected`);
      }
    }
    assert.ok(checked >= catalog.length, `only ${checked} matching examples: the check means little`);
  });

  it('answers each new text afresh (one pass is shared only for the same buffer)', () => {
    const rules = [variant('needs-token', ['token'])];
    const prefilter = new KeywordPrefilter(rules, ['password']);
    const first = Buffer.from('token');
    assert.equal(prefilter.select(first, rules).length, 1);
    assert.equal(prefilter.select(Buffer.from('other'), rules).length, 0);
    assert.equal(prefilter.select(first, rules).length, 1);
  });

  it('watches extra keywords without selecting rules for them, and reports named gates', () => {
    const rules = [variant('needs-token', ['token'])];
    const prefilter = new KeywordPrefilter(rules, ['password'], ENCODED_GATES);
    const text = Buffer.from(`PASSWORD here, ${'A'.repeat(40)} and a%20b%20c%20d`);
    assert.deepEqual(prefilter.select(text, rules), []);
    assert.equal(prefilter.mentionsAny(text, new Set(['password'])), true);
    assert.equal(prefilter.mentionsAny(text, new Set(['token'])), false);
    assert.deepEqual([...prefilter.gatesIn(text)].sort(), ['base64', 'percent']);
    assert.deepEqual([...prefilter.gatesIn(Buffer.from('token only'))], []);
  });
});
