// action.yml's steps as the runner runs them: the `run: |` script of a step, dedented.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is compiled to dist/test/helpers/). */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const ACTION = readFileSync(join(ROOT, 'action.yml'), 'utf8');

/** The `run: |` block of the step with this name, dedented. */
export function stepScript(name: string, action = ACTION): string {
  const lines = action.split('\n');
  const start = lines.findIndex((line) => line.trim() === `- name: ${name}`);
  assert.ok(start >= 0, `step ${name}`);
  const run = lines.findIndex((line, index) => index > start && line.trim() === 'run: |');
  const indent = (lines[run + 1] ?? '').search(/\S/);
  const body: string[] = [];
  for (const line of lines.slice(run + 1)) {
    if (line.trim() !== '' && line.search(/\S/) < indent) break;
    body.push(line.slice(indent));
  }
  return body.join('\n');
}
