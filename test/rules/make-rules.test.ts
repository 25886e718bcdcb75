// generic-secret in makefiles: `credential.o: credential.c` is a make rule (a target and what it is
// built from), not a key and its value; git/git's Makefile and CMake's generated build.make gave 19
// such findings. The same line elsewhere, and real assignments in a makefile, are still reported.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { scan } from '../../src/engine/scan.js';
import { tempDir } from '../../fixtures/repo.js';

const MAKE_RULE = 'builtin/credential-store.o: builtin/credential-store.c';
/** Token-like values assembled at run time (no secret sits in this file); two, since one secret is one finding wherever it is. */
const value = ['Zq8', 'vLw2', 'pKm7', 'Rt4x', 'Nb9c'].join('');
const other = ['Hy3', 'kQ9w', 'Lm2p', 'Xv7b', 'Rt5z'].join('');
const third = ['Wd4', 'nP8s', 'Qk3m', 'Tz6v', 'Jb2x'].join('');

describe('generic-secret and make rules', () => {
  it('passes over make rules in makefiles only, and still reports assignments there', async () => {
    const root = tempDir();
    const files: Record<string, string> = {
      // A key and value written by a define block look like a rule, but name no file: still a finding.
      Makefile: `${MAKE_RULE}\nAPI_TOKEN := ${value}\ndefine CONFIG\napi_token: ${third}\nendef\n`,
      'build/CMakeFiles/git.dir/build.make': `${MAKE_RULE}\n`,
      'mk/rules.mk': `${MAKE_RULE}\ndeploy: DEPLOY_TOKEN = ${other}\n`,
      'config/services.yml': `${MAKE_RULE}\n`,
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const result = await scan({ source: { kind: 'directory', path: root }, confidence: 'low' });
    const generic = result.findings.filter((finding) => finding.ruleId === 'generic-secret').map((finding) => `${finding.path}:${finding.line}`).sort();
    assert.deepEqual(generic, ['Makefile:2', 'Makefile:4', 'config/services.yml:1', 'mk/rules.mk:2']);
  });
});
