// Every rule is checked against its own examples, secretlint-style: strings
// it must report and look-alikes it must stay quiet on. Also: rule files that
// are wrong stop the run with a message naming the file and the rule.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Detector } from '../../src/detect/detector.js';
import { loadRuleSet } from '../../src/rules/compile.js';
import { defaultPatternsDir, loadCatalog, onlyCategory } from '../../src/rules/catalog.js';
import { LeakwatchError } from '../../src/model/errors.js';
import { tempDir } from '../../fixtures/repo.js';

const ruleSet = loadRuleSet();
const detector = new Detector(ruleSet);

describe('built-in rules', () => {
  it('loads rules of both categories', () => {
    assert.ok(ruleSet.rules.some((rule) => rule.category === 'secret'));
    assert.ok(ruleSet.rules.some((rule) => rule.category === 'pii'));
  });

  for (const rule of ruleSet.rules) {
    describe(rule.id, () => {
      it('has examples to match and look-alikes to ignore', () => {
        assert.ok(rule.examples.match.length > 0, `${rule.source}: rule ${rule.id} has no examples.match`);
        assert.ok(rule.examples.ignore.length > 0, `${rule.source}: rule ${rule.id} has no examples.ignore`);
      });
      for (const example of rule.examples.match) {
        it(`matches ${JSON.stringify(example.slice(0, 60))}`, () => {
          const found = detector.detectText(Buffer.from(example), [rule]);
          assert.ok(found.length > 0, `${rule.id} should match`);
        });
      }
      if (rule.scope === 'line') {
        it('keeps each example match on one line and holds a keyword in it (so changed lines can be scanned alone)', () => {
          for (const example of rule.examples.match) {
            rule.regex.lastIndex = 0;
            const found = rule.regex.exec(Buffer.from(example));
            assert.ok(found, example);
            const text = (found[0] as unknown as Buffer).toString('utf8');
            assert.equal(text.slice(0, -1).includes('\n'), false, `${rule.id} matched across lines in ${JSON.stringify(example)}`);
            if (rule.keywords.length > 0) assert.ok(rule.keywords.some((k) => text.toLowerCase().includes(k)), `${rule.id}: no keyword inside ${JSON.stringify(text)}`);
          }
        });
      }
      for (const example of rule.examples.ignore) {
        it(`ignores ${JSON.stringify(example.slice(0, 60))}`, () => {
          const found = detector.detectText(Buffer.from(example), [rule]);
          assert.deepEqual(found.map((match) => match.ruleId), [], `${rule.id} should not match`);
        });
      }
    });
  }
});

describe('built-in path-only rules', () => {
  it('exist, and hold no regex', () => {
    assert.ok(ruleSet.fileRules.length >= 10);
  });

  for (const rule of ruleSet.fileRules) {
    describe(rule.id, () => {
      it('has example paths to match and look-alikes to ignore', () => {
        assert.ok(rule.examples.match.length > 0 && rule.examples.ignore.length > 0, `${rule.source}: rule ${rule.id} needs both kinds of examples`);
      });
      for (const path of rule.examples.match) it(`matches ${path}`, () => assert.ok(rule.pathFilter.test(path), `${rule.id} should match ${path}`));
      for (const path of rule.examples.ignore) it(`ignores ${path}`, () => assert.ok(!rule.pathFilter.test(path), `${rule.id} should not match ${path}`));
      it('never matches an example or template copy', () => {
        for (const path of rule.examples.match) {
          for (const suffix of ['.example', '.sample', '.dist', '.template']) assert.ok(!rule.pathFilter.test(`${path}${suffix}`), `${rule.id} matched ${path}${suffix}`);
        }
      });
    });
  }
});

describe('rule files that are wrong', () => {
  const loadWith = (name: string, text: string): LeakwatchError => {
    const dir = tempDir();
    writeFileSync(join(dir, name), text);
    try {
      loadCatalog(dir);
    } catch (error) {
      assert.ok(error instanceof LeakwatchError, 'a LeakwatchError');
      return error;
    }
    assert.fail('the rule file was accepted');
  };
  const rule = (fields: string): string => `[[rules]]\nid = "demo"\ndescription = "d"\ncategory = "secret"\n${fields}\n`;

  it('names the file and the position of a TOML syntax error', () => {
    const error = loadWith('broken.toml', '[[rules]]\nid = "demo\n');
    assert.match(error.message, /^\S+\/broken\.toml: not valid TOML at line \d+/);
  });

  it('names the file and rule whose regex RE2 cannot compile', () => {
    const error = loadWith('bad.toml', rule(`regex = '''(?<=x)y'''`));
    assert.match(error.message, /^\S+\/bad\.toml: rule demo: regex does not compile with RE2/);
  });

  it('rejects an unknown validator, field, category or secret group', () => {
    assert.match(loadWith('a.toml', rule(`regex = 'x'\nvalidator = "nope"`)).message, /a\.toml: rule demo: unknown validator "nope"/);
    assert.match(loadWith('b.toml', rule(`regex = 'x'\nkeyword = ["x"]`)).message, /b\.toml: rule demo: unknown field "keyword"/);
    assert.match(loadWith('c.toml', rule(`regex = 'x'`).replace('"secret"', '"other"')).message, /c\.toml: rule demo: "category" must be/);
    assert.match(loadWith('d.toml', rule(`regex = '(x)'\nsecretGroup = 2`)).message, /d\.toml: rule demo: "secretGroup" is 2 but the regex has 1 group/);
  });

  it('rejects a duplicate rule id across files', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.toml'), rule(`regex = 'x'`));
    writeFileSync(join(dir, 'b.toml'), rule(`regex = 'y'`));
    assert.throws(() => loadRuleSet(dir), /b\.toml: rule demo: id already defined in \S+\/a\.toml/);
  });

  it('rejects a directory without rule files', () => {
    assert.throws(() => loadRuleSet(tempDir()), /no \.toml rule files found/);
  });
});

describe('countGroups', () => {
  it('counts capturing groups only, ignoring escapes, classes and non-capturing groups', async () => {
    const { countGroups } = await import('../../src/rules/regex.js');
    const RE2 = (await import('re2')).default;
    const cases: Array<[string, number]> = [['a(b)(c)', 2], ['(?:a)(b)', 1], ['\\(a\\)', 0], ['[(](x)', 1], ['[]()](y)', 1], ['(?i)(?P<name>a)(?:b)', 1], ['(a(b))', 2]];
    for (const [source, groups] of cases) {
      assert.equal(countGroups(new RE2(source)), groups, source);
      const probe = new RE2(`(?:${source})|`).exec('');
      assert.equal((probe?.length ?? 1) - 1, groups, `RE2 agrees on ${source}`);
    }
  });
});

describe('catalog', () => {
  it('reads the built-in patterns directory by default, every rule with the file it came from', () => {
    const spec = loadCatalog();
    assert.deepEqual(loadCatalog(defaultPatternsDir()), spec);
    assert.ok(spec.rules.every((rule) => /^patterns\/[a-z-]+\.toml$/.test(rule.source)));
    assert.deepEqual(spec.rules.map((rule) => rule.order), spec.rules.map((_, index) => index));
    assert.ok(spec.placeholders.words.length > 0 && spec.placeholders.words.every((word) => word === word.toLowerCase()));
  });

  it('keeps one category when asked, all otherwise', () => {
    const spec = loadCatalog();
    const pii = onlyCategory(spec, 'pii');
    assert.ok(pii.rules.length > 0 && pii.rules.every((rule) => rule.category === 'pii'));
    assert.equal(pii.rules.length + onlyCategory(spec, 'secret').rules.length, spec.rules.length);
    assert.equal(onlyCategory(spec, undefined), spec);
  });
});
