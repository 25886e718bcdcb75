// Part of a history and the index report only what a change brought: a match also in a version the
// change replaced at that place is not new; each place is judged on its own.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Match } from '../../src/model/types.js';
import { broughtAt, isDistinct, notInBase, report } from '../../src/sources/new-secrets.js';
import { fake } from '../../fixtures/secrets.js';
import { detector, RecordingRun } from '../helpers/source-run.js';

const matchesIn = (text: string): Match[] => detector.detectText(Buffer.from(text));
const place = (path: string, replaced: string[]) => ({ commit: undefined, age: 0, path, replaced });

describe('new secrets', () => {
  const known = new Map<string, Match[]>([
    ['old', matchesIn(`TOKEN=${fake.githubToken}\n`)],
    ['new', matchesIn(`TOKEN=${fake.githubToken}\npassword = "${fake.password}"\n`)],
  ]);

  it('reports only the matches the replaced version did not have', () => {
    const run = new RecordingRun();
    report(run, broughtAt(known, 'new', [place('a.py', ['old'])]));
    assert.deepEqual(run.foundAt(), [`a.py generic-password=${fake.password}`]);
  });

  it('reports everything at a place that replaced nothing, and judges each place apart', () => {
    const run = new RecordingRun();
    report(run, broughtAt(known, 'new', [place('a.py', ['old']), place('copy.py', [])]));
    assert.deepEqual(run.foundAt(), [`a.py generic-password=${fake.password}`, `copy.py generic-password=${fake.password}`, `copy.py github-token=${fake.githubToken}`]);
  });

  it('reports nothing for a blob without matches, or whose replaced version had them all', () => {
    const run = new RecordingRun();
    report(run, broughtAt(known, 'clean', [place('x', [])]));
    report(run, broughtAt(known, 'old', [place('a.py', ['new'])]));
    assert.deepEqual(run.found_, []);
  });

  it('judges by the secret, whatever rule found it in the replaced version (issue 14)', () => {
    const run = new RecordingRun();
    // Same value: once a generic password, now a value the URL rule reports.
    const byValue = new Map<string, Match[]>([
      ['before', matchesIn(`password = "${fake.dbPassword}"\n`)],
      ['after', matchesIn(`url: postgres://app:${fake.dbPassword}@db.internal/x\n`)],
    ]);
    assert.notDeepEqual(byValue.get('before')?.map((m) => m.ruleId), byValue.get('after')?.map((m) => m.ruleId));
    report(run, broughtAt(byValue, 'after', [place('db.yml', ['before'])]));
    assert.deepEqual(run.found_, []);
  });

  it('drops what a tree the change started from holds in any file, asking only about distinct one-line values', async () => {
    const run = new RecordingRun();
    const brought = broughtAt(known, 'new', [{ ...place('a.py', []), commit: { oid: 'c2', parents: ['c1'], committerTime: 0, author: '', email: '', date: '', subject: '' } }]);
    const asked: Array<{ trees: readonly string[]; values: readonly string[] }> = [];
    const kept = await notInBase(brought, (at) => at.commit?.parents ?? [], async (trees, values) => {
      asked.push({ trees, values });
      return new Map([[fake.githubToken, new Set(['c1'])], [fake.password, new Set(['c1'])]]);
    });
    report(run, kept);
    // The token is held by the parent; the password, too plain to name one secret (41 bits), is not asked about.
    assert.deepEqual(run.foundAt(), [`a.py generic-password=${fake.password}`]);
    assert.deepEqual(asked, [{ trees: ['c1'], values: [fake.githubToken] }]);
    assert.equal(isDistinct(fake.password), false);
    assert.equal(isDistinct('changeit'), false);
    assert.equal(isDistinct(fake.awsKeyId), true);
    assert.equal(isDistinct(fake.privateKey), false);
  });
});
