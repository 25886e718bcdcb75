// `leakwatch merge`: reads JSON and JSON Lines reports of several repositories and refuses what is
// not one (the shard round trip itself is in test/cli/repositories.test.ts).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { COMMANDS } from '../../../src/cli/commands/index.js';
import { mergeCommand } from '../../../src/cli/commands/merge.js';
import { tempDir } from '../../../fixtures/repo.js';
import { redactedFinding } from '../../helpers/findings.js';
import { runCli } from '../../helpers/cli.js';

describe('merge', () => {
  const dir = tempDir();
  const inRepo = (repository: string, line: number) => ({ repository, ...redactedFinding({ line, occurrences: [] }) });

  it('is a command', () => {
    assert.ok(COMMANDS.includes(mergeCommand));
  });

  it('orders repositories by name and keeps each report\'s order, from JSON and JSON Lines alike', async () => {
    writeFileSync(join(dir, 'b.json'), JSON.stringify([inRepo('zeta', 9), inRepo('zeta', 2)]));
    writeFileSync(join(dir, 'a.jsonl'), `${JSON.stringify(inRepo('alpha', 5))}\n${JSON.stringify(inRepo('alpha', 1))}\n`);
    const run = await runCli(['merge', join(dir, 'b.json'), join(dir, 'a.jsonl'), '-f', 'jsonl'], { env: {} });
    assert.equal(run.code, 1, run.stderr);
    const merged = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { repository: string; line: number });
    assert.deepEqual(merged.map((f) => `${f.repository}:${f.line}`), ['alpha:5', 'alpha:1', 'zeta:9', 'zeta:2']);
  });

  it('writes an empty report, exit 0, from empty shards', async () => {
    writeFileSync(join(dir, 'empty.json'), '[]\n');
    const run = await runCli(['merge', join(dir, 'empty.json'), join(dir, 'empty.json')], { env: {} });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '[]\n');
  });

  it('refuses a file that is not a report, naming it', async () => {
    writeFileSync(join(dir, 'notes.txt'), 'hello\n');
    const run = await runCli(['merge', join(dir, 'notes.txt')], { env: {} });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /notes\.txt: not a JSON or JSON Lines report/);
    const missing = await runCli(['merge', join(dir, 'nowhere.json')], { env: {} });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nowhere\.json: cannot read the report/);
  });
});
