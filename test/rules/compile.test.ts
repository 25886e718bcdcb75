// Rules compile their regexes on first use (rules/compile.ts): a lazily compiled rule set must find
// exactly what one compiled up front finds, on every rule's examples.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import RE2 from 're2';
import { Detector } from '../../src/detect/detector.js';
import { loadCatalog } from '../../src/rules/catalog.js';
import { compileRule, compileRuleSet, compileRuleSetNow, type Rule, type RuleSet } from '../../src/rules/compile.js';

/** The rule set with every regex compiled now, as before rules compiled lazily. */
function eager(ruleSet: RuleSet): RuleSet {
  const touch = (rule: Rule): Rule => {
    assert.ok(rule.regex instanceof RE2);
    void rule.pathFilter;
    return rule;
  };
  return { ...ruleSet, rules: ruleSet.rules.map(touch) };
}

const spec = loadCatalog();

describe('lazily compiled rules', () => {
  it('compile nothing until read, then keep what they compiled', () => {
    const withPath = spec.rules.find((rule) => rule.regex !== undefined && rule.path !== undefined);
    assert.ok(withPath !== undefined);
    const rule = compileRule(withPath);
    const regex = Object.getOwnPropertyDescriptor(rule, 'regex');
    assert.ok(regex?.get !== undefined && !('value' in regex), 'not compiled before use');
    const first = rule.regex;
    assert.ok(first instanceof RE2);
    assert.equal(rule.regex, first, 'compiled once');
    const made = new RE2(withPath.regex ?? '', withPath.scope === 'line' ? 'gdm' : 'gd');
    assert.deepEqual([rule.regex.source, rule.regex.flags], [made.source, made.flags]);
    assert.ok(rule.pathFilter instanceof RE2);
    assert.deepEqual(Object.keys(rule).slice(-3), ['regex', 'allowlists', 'pathFilter'], 'the fields in the order an eager compile gave them');
  });

  it('find the same matches as eagerly compiled ones, on every rule\'s examples', () => {
    const lazy = new Detector(compileRuleSet(spec));
    const compiled = new Detector(eager(compileRuleSet(spec)));
    // Each example is searched by the whole rule set: rules that are not its own run too (or not) as in a scan.
    const examples = spec.rules.flatMap((rule) => [...rule.examples.match, ...rule.examples.ignore]);
    assert.ok(examples.length > 400);
    // Secrets compared by a hash: a failure message shows no value.
    const found = (detector: Detector): unknown[] => examples.map((example) => detector.detectText(Buffer.from(example)).map((match) => [
      match.ruleId, match.line, match.column, match.endLine, match.endColumn, match.entropy, match.decoded, createHash('sha256').update(match.secret.reveal()).digest('hex'),
    ]));
    assert.deepStrictEqual(found(lazy), found(compiled));
    assert.ok(found(lazy).some((matches) => (matches as unknown[]).length > 0));
  });

  it('a text mentioning no rule\'s keyword compiles only the rules it must (those without keywords gate on their own regex)', () => {
    const ruleSet = compileRuleSet(spec);
    new Detector(ruleSet).detectText(Buffer.from('nothing to see here\n'));
    const compiled = ruleSet.rules.filter((rule) => 'value' in (Object.getOwnPropertyDescriptor(rule, 'regex') ?? {}));
    assert.deepEqual(compiled.map((rule) => rule.id).sort(), ruleSet.rules.filter((rule) => rule.keywords.length === 0).map((rule) => rule.id).sort());
  });

  it('compileRuleSetNow (worker threads) compiles every regex at once: a broken one fails there, not on first use', () => {
    const broken = { ...spec, rules: [...spec.rules, { ...(spec.rules[0] as (typeof spec.rules)[number]), id: 'broken-rule', regex: '(unclosed' }] };
    assert.doesNotThrow(() => compileRuleSet(broken), 'lazily: nothing compiled yet');
    assert.throws(() => compileRuleSetNow(broken), /rule broken-rule: regex does not compile with RE2/);
    const ruleSet = compileRuleSetNow(spec);
    assert.ok(ruleSet.rules.every((rule) => 'value' in (Object.getOwnPropertyDescriptor(rule, 'regex') ?? {})));
  });
});
