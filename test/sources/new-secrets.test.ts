// Part of a history and the index report only what a change brought: a match also in a version the
// change replaced at that place is not new; each place is judged on its own.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Match } from '../../src/model/types.js';
import { foundNew } from '../../src/sources/new-secrets.js';
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
    foundNew(run, known, 'new', [place('a.py', ['old'])]);
    assert.deepEqual(run.foundAt(), [`a.py generic-password=${fake.password}`]);
  });

  it('reports everything at a place that replaced nothing, and judges each place apart', () => {
    const run = new RecordingRun();
    foundNew(run, known, 'new', [place('a.py', ['old']), place('copy.py', [])]);
    assert.deepEqual(run.foundAt(), [`a.py generic-password=${fake.password}`, `copy.py generic-password=${fake.password}`, `copy.py github-token=${fake.githubToken}`]);
  });

  it('reports nothing for a blob without matches, or whose replaced version had them all', () => {
    const run = new RecordingRun();
    foundNew(run, known, 'clean', [place('x', [])]);
    foundNew(run, known, 'old', [place('a.py', ['new'])]);
    assert.deepEqual(run.found_, []);
  });
});
