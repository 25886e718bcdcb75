// The built-in catalog's snapshot (rules/catalog-snapshot.ts) must give the very spec reading the
// rule files gives, and must not be used once the rule files differ from what it was made of.
import assert from 'node:assert/strict';
import { cpSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from '../../fixtures/repo.js';
import { catalogKey, encodeSpec, readSnapshot, SNAPSHOT_FILE, writeSnapshot } from '../../src/rules/catalog-snapshot.js';
import { defaultPatternsDir, loadCatalog, readCatalog } from '../../src/rules/catalog.js';

describe('catalog snapshot', () => {
  it('the build wrote one, and loading the built-in catalog gives what reading the rule files gives, field for field (undefined ones too)', () => {
    assert.ok(existsSync(SNAPSHOT_FILE), 'npm run build writes the snapshot');
    const read = readCatalog(defaultPatternsDir());
    assert.ok(readSnapshot(defaultPatternsDir()) !== undefined, 'the snapshot fits the rule files it was built from');
    assert.deepStrictEqual(loadCatalog(), read);
    // deepStrictEqual tells a field set to undefined from a missing one: a path-only rule's regex is the first.
    assert.ok(read.rules.some((rule) => 'regex' in rule && rule.regex === undefined));
  });

  it('is not used for rule files other than those it was made from', () => {
    const dir = tempDir();
    cpSync(defaultPatternsDir(), dir, { recursive: true });
    const file = join(tempDir(), 'snapshot.json');
    writeSnapshot(dir, readCatalog(dir), file);
    assert.ok(readSnapshot(dir, file) !== undefined);
    const before = catalogKey(dir);
    writeFileSync(join(dir, 'extra.toml'), '[[rules]]\nid = "extra-demo"\ndescription = "d"\ncategory = "secret"\nregex = \'\'\'extra_[a-z0-9]{20}\'\'\'\nkeywords = ["extra_"]\n');
    assert.notEqual(catalogKey(dir), before);
    assert.equal(readSnapshot(dir, file), undefined);
  });

  it('a missing or damaged snapshot is passed over, not an error', () => {
    const file = join(tempDir(), 'snapshot.json');
    assert.equal(readSnapshot(defaultPatternsDir(), file), undefined);
    writeFileSync(file, '{"key": "');
    assert.equal(readSnapshot(defaultPatternsDir(), file), undefined);
    writeFileSync(file, 'null');
    assert.equal(readSnapshot(defaultPatternsDir(), file), undefined);
  });

  it('refuses to write a spec holding a null (null stands for undefined in the file)', () => {
    const spec = readCatalog(defaultPatternsDir());
    assert.throws(() => encodeSpec({ ...spec, placeholders: { ...spec.placeholders, words: [null as unknown as string] } }), /holds a null/);
  });
});
