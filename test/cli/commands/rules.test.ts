// `leakwatch rules`: the effective rule set, as JSON for tools or a table for people.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import yargs from 'yargs';
import { rulesCommand } from '../../../src/cli/commands/rules.js';
import type { CliIo } from '../../../src/cli/io.js';
import { tempDir } from '../../../fixtures/repo.js';
import { Capture } from '../../helpers/cli.js';

async function rules(argv: string[]): Promise<{ code: number | undefined; stdout: string; stderr: string }> {
  const stdout = new Capture();
  const stderr = new Capture();
  const io: CliIo = { stdout, stderr };
  let code: number | undefined;
  await rulesCommand.register(yargs(argv).exitProcess(false).strict(), io, (exit) => { code = exit; }).parseAsync();
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('rules command', () => {
  it('lists the built-in rules as JSON, one category when asked', async () => {
    const dir = tempDir();
    const all = JSON.parse((await rules(['rules', dir, '--format', 'json'])).stdout) as Array<{ id: string; category: string; source: string }>;
    const pii = JSON.parse((await rules(['rules', dir, '--format', 'json', '--only', 'pii'])).stdout) as Array<{ category: string }>;
    assert.ok(all.some((rule) => rule.id === 'github-token' && rule.source.startsWith('patterns/')));
    assert.ok(pii.length > 0 && pii.length < all.length && pii.every((rule) => rule.category === 'pii'));
  });

  it('applies the configuration: a custom rule, a disabled one, and names the file in the table', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.leakwatch.toml'), '[extend]\ndisabledRules = ["github-token"]\n\n[[rules]]\nid = "acme-key"\ndescription = "ACME key"\ncategory = "secret"\nregex = \'\'\'acme_[a-z0-9]{24}\'\'\'\nkeywords = ["acme_"]\n');
    const json = JSON.parse((await rules(['rules', dir, '--format', 'json'])).stdout) as Array<{ id: string; scope: string }>;
    assert.ok(!json.some((rule) => rule.id === 'github-token'));
    assert.deepEqual(json.find((rule) => rule.id === 'acme-key')?.scope, 'blob');
    const table = await rules(['rules', dir]);
    assert.equal(table.code, 0);
    assert.match(table.stdout, /acme-key/);
    assert.match(table.stdout, new RegExp(`${json.length} rules \\(configuration: .*\\.leakwatch\\.toml\\)\\n$`));
  });
});
