// --no-git: the files of a directory as they are on disk, in a stable order, never inside .git,
// never through a symbolic link, ignored paths skipped and counted, large files sized only.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { directorySource } from '../../src/sources/directory.js';
import { readDirectory, searchFile } from '../../src/sources/files-on-disk.js';
import { tempDir } from '../../fixtures/repo.js';
import { fake } from '../../fixtures/secrets.js';
import { RecordingRun } from '../helpers/source-run.js';

function tree(files: Record<string, string>): string {
  const root = tempDir();
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

describe('directory source', () => {
  it('reads every regular file once, with POSIX paths, skipping .git and symbolic links', async () => {
    const root = tree({ 'b.txt': 'b', 'a/z.txt': 'z', 'a/b/c.txt': 'c', '.git/config': 'x', 'big.bin': 'x'.repeat(100) });
    const outside = tree({ 'secret.txt': 'outside' });
    symlinkSync(outside, join(root, 'link-dir'));
    symlinkSync(join(outside, 'secret.txt'), join(root, 'link-file'));
    const seen: string[] = [];
    for await (const file of readDirectory(root, 50, () => false)) seen.push(`${file.path}:${file.bytes === undefined ? `sized ${file.size}` : file.bytes.toString()}`);
    assert.deepEqual([...seen].sort(), ['a/b/c.txt:c', 'a/z.txt:z', 'b.txt:b', 'big.bin:sized 100']);
    const again: string[] = [];
    for await (const file of readDirectory(root, 50, () => false)) again.push(file.path);
    assert.deepEqual(again, seen.map((line) => line.split(':')[0]), 'the same order every time');
  });

  it('asks `skip` about folders (with a slash) and files, and does not enter skipped folders', async () => {
    const root = tree({ 'vendor/lib.js': 'x', 'src/app.js': 'y', 'src/gen.js': 'z' });
    const asked: string[] = [];
    const paths: string[] = [];
    for await (const file of readDirectory(root, 1000, (path) => (asked.push(path), path === 'vendor/' || path === 'src/gen.js'))) paths.push(file.path);
    assert.deepEqual(paths, ['src/app.js']);
    assert.ok(asked.includes('vendor/') && !asked.includes('vendor/lib.js'));
  });

  it('runs as a source: finds secrets at their paths with no commit, counts ignored paths', async () => {
    const root = tree({ 'app/.env': `GITHUB_TOKEN=${fake.githubToken}\n`, 'vendor/x.env': `PASSWORD="${fake.password}"\n`, '.leakwatchignore': 'vendor/\n' });
    const source = await directorySource.open({ kind: 'directory', path: root });
    const run = new RecordingRun();
    await source.run(run);
    assert.deepEqual(run.foundAt(), [`app/.env github-token=${fake.githubToken}`]);
    assert.ok(run.found_.every(({ places }) => places.every((place) => place.commit === undefined && place.replaced.length === 0)));
    assert.equal(run.summary.ignoredPaths, 1);
    assert.equal(source.counted(run.summary), `${run.summary.blobs} files`);
    assert.equal(source.scope, `the files of ${root}`);
  });

  it('reads files and folders whose names are not UTF-8, and shows them with U+FFFD (issue 14)', { skip: process.platform !== 'linux' }, async () => {
    const root = tree({});
    const name = (text: string, byte: number): Buffer => Buffer.concat([Buffer.from(text.slice(0, 1)), Buffer.from([byte]), Buffer.from(text.slice(1))]);
    writeFileSync(Buffer.concat([Buffer.from(`${root}/`), name('f.env', 0xff)]), `GITHUB_TOKEN=${fake.githubToken}\n`);
    const folder = Buffer.concat([Buffer.from(`${root}/`), name('d', 0xfe)]);
    mkdirSync(folder);
    writeFileSync(Buffer.concat([folder, Buffer.from('/x.env')]), `GITHUB_TOKEN=${fake.otherGithubToken}\n`);
    const source = await directorySource.open({ kind: 'directory', path: root });
    const run = new RecordingRun();
    await source.run(run);
    assert.deepEqual(run.foundAt().sort(), [`d\uFFFD/x.env github-token=${fake.otherGithubToken}`, `f\uFFFD.env github-token=${fake.githubToken}`]);
    assert.equal(run.summary.blobs, 2);
  });

  it('scans a single file named instead of a folder, at the path given, no ignore file applied (issue 14)', async () => {
    const root = tree({ 'one.env': `GITHUB_TOKEN=${fake.githubToken}\n`, '.leakwatchignore': '*.env\n' });
    const source = await directorySource.open({ kind: 'directory', path: join(root, 'one.env') });
    const run = new RecordingRun();
    await source.run(run);
    assert.deepEqual(run.foundAt(), [`${join(root, 'one.env')} github-token=${fake.githubToken}`]);
    assert.equal(source.scope, join(root, 'one.env'));
  });

  it('reads a named pipe as one text, and refuses a device with one line (issue 14)', { skip: process.platform === 'win32' }, async () => {
    const pipe = join(tempDir(), 'pipe');
    execFileSync('mkfifo', [pipe]);
    const writer = new Promise<void>((resolve, reject) => {
      const stream = createWriteStream(pipe);
      stream.on('error', reject);
      stream.end(`GITHUB_TOKEN=${fake.githubToken}\n`, () => resolve());
    });
    const run = new RecordingRun();
    await (await directorySource.open({ kind: 'directory', path: pipe })).run(run);
    await writer;
    assert.deepEqual(run.foundAt(), [`${pipe} github-token=${fake.githubToken}`]);
    await assert.rejects((await directorySource.open({ kind: 'directory', path: '/dev/null' })).run(new RecordingRun()), {
      code: 'file-unreadable', message: '/dev/null: not a regular file, folder or pipe',
    });
  });

  it('searchFile counts the file and reports progress even without matches', () => {
    const run = new RecordingRun();
    searchFile(run, { path: 'notes.txt', bytes: Buffer.from('nothing to see\n') });
    assert.deepEqual([run.summary.blobs, run.found_.length, run.progressCalls], [1, 0, 1]);
  });

  it('fails with path-missing for a directory that is not there', async () => {
    const source = await directorySource.open({ kind: 'directory', path: join(tempDir(), 'gone') });
    await assert.rejects(source.run(new RecordingRun()), { code: 'path-missing' });
  });
});

describe('reading files on disk', () => {
  it('names a folder it cannot read with a coded error (file-unreadable), never a raw system error', async () => {
    const notAFolder = join(tempDir(), 'file.txt');
    writeFileSync(notAFolder, 'x');
    const walk = async (): Promise<void> => {
      for await (const file of readDirectory(notAFolder, 1024, () => false)) assert.fail(file.path);
    };
    await assert.rejects(walk(), (error: unknown) => (error as { code?: unknown }).code === 'file-unreadable' && (error as Error).message === `${notAFolder}: cannot read (ENOTDIR)`);
  });
});
