// Allowlists: any one condition allows (OR), or all that are given must hold (AND); what depends on
// the text is decided by allowsText, what depends on the place (and AND-lists naming places) by allowsPlace.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allowsPlace, allowsText, compileAllowlist, type AllowlistSpec, type TextFacts } from '../../src/rules/allowlist.js';

const spec = (fields: Partial<AllowlistSpec>): AllowlistSpec => ({ description: '', paths: [], pathRegexes: [], regexes: [], regexTarget: 'secret', stopwords: [], commits: [], requireAll: false, ...fields });
const text = (secret: string, line = `key = ${secret}`): TextFacts => ({ secret, match: () => line, line: () => line });
const C = 'c'.repeat(40);

describe('allowlists', () => {
  it('allow by regex on the secret, the match or the line, and by stopword in any case', () => {
    assert.equal(allowsText([compileAllowlist(spec({ regexes: ['^EXAMPLE'] }))], text('EXAMPLEKEY123')), true);
    assert.equal(allowsText([compileAllowlist(spec({ regexes: ['^EXAMPLE'] }))], text('REALKEY123')), false);
    assert.equal(allowsText([compileAllowlist(spec({ regexes: ['# test fixture'], regexTarget: 'line' }))], text('abc', 'k = abc # test fixture')), true);
    assert.equal(allowsText([compileAllowlist(spec({ stopwords: ['dummy'] }))], text('MyDUMMYvalue')), true);
    assert.equal(allowsText([compileAllowlist(spec({}))], text('anything')), false, 'an empty allowlist allows nothing');
  });

  it('allow by path (gitignore syntax or regex) and by commit', () => {
    const lists = [compileAllowlist(spec({ paths: ['docs/'], pathRegexes: ['\\.lock$'], commits: [C] }))];
    assert.equal(allowsPlace(lists, { path: 'docs/a.md', commit: undefined }, text('x')), true);
    assert.equal(allowsPlace(lists, { path: 'yarn.lock', commit: undefined }, text('x')), true);
    assert.equal(allowsPlace(lists, { path: 'src/a.ts', commit: C }, text('x')), true);
    assert.equal(allowsPlace(lists, { path: 'src/a.ts', commit: 'd'.repeat(40) }, text('x')), false);
  });

  it('AND: every condition given must hold, decided where both text and place are known', () => {
    const lists = [compileAllowlist(spec({ paths: ['tests/'], stopwords: ['fake'], requireAll: true }))];
    assert.equal(allowsText(lists, text('fake-token')), false, 'cannot be decided on the text alone');
    assert.equal(allowsPlace(lists, { path: 'tests/a.py', commit: undefined }, text('fake-token')), true);
    assert.equal(allowsPlace(lists, { path: 'src/a.py', commit: undefined }, text('fake-token')), false);
    assert.equal(allowsPlace(lists, { path: 'tests/a.py', commit: undefined }, text('real-token')), false);
    const textOnly = [compileAllowlist(spec({ regexes: ['^ab'], stopwords: ['zz'], requireAll: true }))];
    assert.equal(allowsText(textOnly, text('abzz')), true);
    assert.equal(allowsText(textOnly, text('ab')), false);
    assert.equal(allowsPlace(textOnly, { path: 'x', commit: undefined }, text('abzz')), false, 'left to allowsText');
  });

  it('name the pattern RE2 cannot compile', () => {
    assert.throws(() => compileAllowlist(spec({ regexes: ['(?<=x)y'] })), { code: 'rule-regex', message: /allowlist regex "\(\?<=x\)y"/ });
  });
});
