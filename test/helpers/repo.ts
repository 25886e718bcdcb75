// Builds throwaway git repositories with the real git CLI, in temp directories.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export class FixtureRepo {
  readonly dir: string;
  #clock = 1_700_000_000;

  private constructor(dir: string) {
    this.dir = dir;
  }

  static create(prefix = 'leakwatch-fixture-'): FixtureRepo {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    const repo = new FixtureRepo(dir);
    repo.git('init', '-q', '-b', 'main');
    repo.git('config', 'user.name', 'Ana Lima');
    repo.git('config', 'user.email', 'ana@dev.test');
    repo.git('config', 'commit.gpgsign', 'false');
    repo.git('config', 'core.autocrlf', 'false');
    return repo;
  }

  git(...args: string[]): string {
    this.#clock += 60;
    const date = `${this.#clock} +0200`;
    return execFileSync('git', args, {
      cwd: this.dir,
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_CONFIG_NOSYSTEM: '1', HOME: this.dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  }

  write(path: string, content: string | Buffer): void {
    const full = join(this.dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }

  /** Writes the files, stages everything and commits; returns the new commit id. */
  commit(message: string, files: Record<string, string | Buffer> = {}): string {
    for (const [path, content] of Object.entries(files)) this.write(path, content);
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD');
  }

  /** Blob ids reachable from every ref, per git itself: the oracle for our walkers. */
  reachableBlobs(): string[] {
    const objects = this.git('rev-list', '--objects', '--all').split('\n').map((line) => line.split(' ')[0] as string);
    const types = execFileSync('git', ['cat-file', '--batch-check=%(objectname) %(objecttype)'], { cwd: this.dir, input: objects.join('\n'), encoding: 'utf8' });
    return types.split('\n').filter((line) => line.endsWith(' blob')).map((line) => line.split(' ')[0] as string).sort();
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export function tempDir(prefix = 'leakwatch-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
