// The planner sees blob changes as `git log` lists them (newest first) and asks for each blob
// once, its replaced version first when only part of a history is scanned, nothing under
// ignored paths, and names the versions on either side as likely references.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BlobRequest } from '../../../src/detect/blob-scanner.js';
import type { BlobChange } from '../../../src/model/types.js';
import { IgnoredPaths } from '../../../src/sources/ignored-paths.js';
import { RequestPlanner } from '../../../src/sources/git/request-planner.js';

const oid = (name: string): string => name.repeat(40).slice(0, 40);
const change = (commit: string, path: string, blob: string, previousBlob?: string): BlobChange => ({ commit: oid(commit), path, blob: oid(blob), previousBlob: previousBlob === undefined ? undefined : oid(previousBlob) });

function plan(changes: BlobChange[], options: { partial?: boolean; ignore?: string } = {}): BlobRequest[] {
  const sent: BlobRequest[] = [];
  const planner = new RequestPlanner(new IgnoredPaths(options.ignore), options.partial === true, (blob) => sent.push(blob));
  for (const each of changes) planner.onChange(each);
  assert.deepEqual([...planner.requested].sort(), sent.map((blob) => blob.oid).sort(), 'requested lists what was sent');
  return sent;
}

describe('request planner', () => {
  it('asks for each blob once, however many commits and paths bring it', () => {
    const sent = plan([change('3', 'b.txt', 'a'), change('2', 'a.txt', 'b', 'a'), change('1', 'a.txt', 'a'), change('1', 'copy.txt', 'a')]);
    assert.deepEqual(sent.map((blob) => blob.oid), [oid('a'), oid('b')]);
  });

  it('in a whole history, does not ask for replaced versions the log does not list', () => {
    assert.deepEqual(plan([change('2', 'a.txt', 'b', 'a')]).map((blob) => blob.oid), [oid('b')]);
  });

  it('for part of a history, asks for the replaced version first, and only once', () => {
    const sent = plan([change('3', 'a.txt', 'c', 'b'), change('2', 'a.txt', 'b', 'a'), change('2', 'z.txt', 'd', 'a')], { partial: true });
    assert.deepEqual(sent.map((blob) => [blob.oid, blob.family]), [[oid('b'), 'a.txt'], [oid('c'), 'a.txt'], [oid('a'), 'a.txt'], [oid('d'), 'z.txt']]);
  });

  it('skips changes under ignored paths, also their replaced versions', () => {
    const sent = plan([change('2', 'vendor/lib.js', 'b', 'a'), change('1', 'src/app.js', 'c'), change('1', 'vendor/x/y.js', 'd')], { partial: true, ignore: 'vendor/\n' });
    assert.deepEqual(sent.map((blob) => blob.oid), [oid('c')]);
  });

  it('names as neighbours the version that replaced a blob and the one it replaced', () => {
    // Newest first: c replaced b, then b replaced a, then a was added.
    const sent = plan([change('3', 'a.txt', 'c', 'b'), change('2', 'a.txt', 'b', 'a'), change('1', 'a.txt', 'a')]);
    const neighbours = Object.fromEntries(sent.map((blob) => [blob.oid, blob.neighbours]));
    assert.deepEqual(neighbours, { [oid('c')]: [oid('b')], [oid('b')]: [oid('c'), oid('a')], [oid('a')]: [oid('b')] });
  });

  it('learns which version replaced a blob even from an ignored path', () => {
    const sent = plan([change('2', 'old/a.txt', 'b', 'a'), change('1', 'a.txt', 'a')], { ignore: 'old/\n' });
    assert.deepEqual(sent.map((blob) => [blob.oid, blob.neighbours]), [[oid('a'), [oid('b')]]]);
  });
});
