// `leakwatch id-key`: prints the key a repository's finding ids are made with, or a fresh one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import yargs from 'yargs';
import { idKeyCommand } from '../../../src/cli/commands/id-key.js';
import type { CliIo } from '../../../src/cli/io.js';
import { resolveIdKey } from '../../../src/engine/id-key.js';
import { IdKey, idKeyCheck } from '../../../src/model/fingerprint.js';
import { FixtureRepo } from '../../../fixtures/repo.js';
import { Capture } from '../../helpers/cli.js';

async function idKey(argv: string[]): Promise<{ code: number | undefined; stdout: string; stderr: string }> {
  const stdout = new Capture();
  const stderr = new Capture();
  const io: CliIo = { stdout, stderr, env: {} };
  let code: number | undefined;
  await idKeyCommand.register(yargs(argv).exitProcess(false).strict(), io, (exit) => { code = exit; }).parseAsync();
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('id-key command', () => {
  it('`leakwatch id-key` prints the repository\'s key, the one scans use', async () => {
    const repo = FixtureRepo.create();
    const printed = await idKey(['id-key', repo.dir]);
    assert.equal(printed.code, 0);
    const key = printed.stdout.trim();
    assert.equal(key, resolveIdKey(repo.dir, {}).key.reveal());
    assert.match(printed.stderr, new RegExp(`check ${idKeyCheck(new IdKey(key))}`));
    const fresh = await idKey(['id-key', '--new']);
    assert.match(fresh.stdout, /^[0-9a-f]{64}\n$/);
    assert.notEqual(fresh.stdout.trim(), key);
    repo.remove();
  });
});
