// One schema for every place a rule is written: built-in pattern files,
// .leakwatch.toml, and gitleaks configurations (translated first). A spec is
// plain data: it survives a trip to a worker thread and compiles to the same rules.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Detector } from '../../src/detect/detector.js';
import { LeakwatchError } from '../../src/model/errors.js';
import { loadCatalog } from '../../src/rules/catalog.js';
import { compileRuleSet } from '../../src/rules/compile.js';
import { applyConfig, readConfigFile } from '../../src/rules/config.js';
import { RULE_KEYS, ruleSpecFrom, type RuleOrigin } from '../../src/rules/schema.js';
import { tempDir } from '../../fixtures/repo.js';
import { fake } from '../../fixtures/secrets.js';

const RULE = 'id = "demo-key"\ndescription = "Demo key"\ncategory = "secret"\nregex = \'\'\'demo_[a-z]{8}\'\'\'\nkeywords = ["demo_"]\n';

function errorOf(action: () => unknown): LeakwatchError {
  try {
    action();
  } catch (error) {
    assert.ok(error instanceof LeakwatchError, String(error));
    return error;
  }
  return assert.fail('no error');
}

describe('the rule schema', () => {
  it('checks a rule the same way in a pattern file, a .leakwatch.toml and a gitleaks configuration', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'demo.toml'), `[[rules]]\n${RULE}secretGroup = 3\n`);
    const catalog = errorOf(() => loadCatalog(dir));
    const native = join(dir, '.leakwatch.toml');
    writeFileSync(native, `[[rules]]\n${RULE}secretGroup = 3\n`);
    const config = errorOf(() => applyConfig(loadCatalog(), readConfigFile(native, 'leakwatch')));
    const gitleaks = join(dir, '.gitleaks.toml');
    writeFileSync(gitleaks, `[[rules]]\n${RULE.replace('category = "secret"\n', '')}secretGroup = 3\n`);
    const translated = errorOf(() => applyConfig(loadCatalog(), readConfigFile(gitleaks, 'gitleaks')));
    const reason = ': rule demo-key: "secretGroup" is 3 but the regex has 0 group(s)';
    assert.equal(catalog.message, `${dir.split('/').pop() ?? ''}/demo.toml${reason}`);
    assert.equal(config.message, `${native}${reason}`);
    assert.equal(translated.message, `${gitleaks}${reason}`);
  });

  it('knows one list of keys: every key it accepts is in RULE_KEYS, any other is refused', () => {
    const origin: RuleOrigin = { label: 'x.toml', code: 'config', ids: 'config', paths: 'gitignore', note: () => undefined };
    const table = { id: 'demo', description: 'd', category: 'secret', regex: 'demo_[a-z]{8}', keywords: ['demo_'], examples: { match: [], ignore: [] }, path: 'src/', allowlists: [{ stopwords: ['test'] }] };
    assert.ok(Object.keys(table).every((key) => (RULE_KEYS as readonly string[]).includes(key)));
    const spec = ruleSpecFrom(table, origin, 0);
    assert.equal(spec.path, 'src/');
    assert.deepEqual(spec.allowlists.map((list) => list.stopwords), [['test']]);
    assert.match(errorOf(() => ruleSpecFrom({ ...table, colour: 'red' }, origin, 0)).message, /^x\.toml: rule demo: unknown field "colour"$/);
  });

  it('gives plain data that survives structured cloning (a worker thread) and compiles to the same rules', () => {
    const spec = loadCatalog();
    const copy = structuredClone(spec);
    assert.deepEqual(copy, spec);
    const texts = [`GH=${fake.githubToken}`, `AWS_SECRET_ACCESS_KEY=${fake.awsSecret}`, `owner ${fake.email} cpf ${fake.cpfValid}`, fake.privateKey, 'password = changeme'];
    const here = new Detector(compileRuleSet(spec));
    const there = new Detector(compileRuleSet(copy));
    for (const text of texts) {
      const found = (detector: Detector): string[] => detector.detectText(Buffer.from(text)).map((match) => `${match.ruleId}@${match.line}:${match.column}`);
      assert.deepEqual(found(there), found(here), text.slice(0, 20));
    }
  });

  it('merges a configuration into specs: an override changes only what it names, global allowlists come first', () => {
    const dir = tempDir();
    const file = join(dir, '.leakwatch.toml');
    writeFileSync(file, '[allowlist]\nstopwords = ["example"]\n\n[[rules]]\nid = "github-token"\nkeywords = ["ghp_"]\n\n[[rules.allowlists]]\nstopwords = ["sample"]\n');
    const builtIn = loadCatalog();
    const merged = applyConfig(builtIn, readConfigFile(file, 'leakwatch'));
    const before = builtIn.rules.find((rule) => rule.id === 'github-token');
    const after = merged.rules.find((rule) => rule.id === 'github-token');
    assert.ok(before !== undefined && after !== undefined);
    assert.deepEqual(after.keywords, ['ghp_']);
    assert.equal(after.regex, before.regex);
    assert.equal(after.source, `${before.source} + ${file}`);
    assert.deepEqual(after.allowlists.map((list) => list.stopwords), [['example'], ['sample']]);
    assert.deepEqual(before.allowlists, [], 'the built-in spec is left as it was');
    assert.ok(merged.rules.every((rule) => rule.allowlists[0]?.stopwords[0] === 'example'));
  });
});
