// The package's own files are named from its root, found by walking up: the answers must be the
// same from the compiled modules (dist/src/model/) and from the bundle bin/ runs (dist/bundle/).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { packageManifest, packagePath } from '../../src/model/package-root.js';
import { TOOL_VERSION } from '../../src/model/version.js';
import { defaultPatternsDir } from '../../src/rules/catalog.js';
import { SNAPSHOT_FILE } from '../../src/rules/catalog-snapshot.js';
import { cliScript } from '../../src/cli/commands/hook.js';

// dist/test/model/ -> the checkout (tests run compiled).
const CHECKOUT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(CHECKOUT, 'package.json'), 'utf8')) as { name: string; version: string };

describe('package root', () => {
  it('is the checkout: its package.json, patterns, bin and the catalog snapshot beside the compiled loader', () => {
    assert.equal(packagePath(), CHECKOUT);
    assert.deepEqual({ name: packageManifest().name, version: packageManifest().version }, { name: manifest.name, version: manifest.version });
    assert.equal(TOOL_VERSION, manifest.version);
    assert.equal(defaultPatternsDir(), join(CHECKOUT, 'patterns'));
    assert.equal(cliScript(), join(CHECKOUT, 'bin', 'leakwatch.js'));
    assert.equal(SNAPSHOT_FILE, join(CHECKOUT, 'dist', 'src', 'rules', 'catalog-snapshot.json'));
    assert.ok(existsSync(SNAPSHOT_FILE), 'the build wrote no catalog snapshot');
  });

  it('answers the same from the bundle bin/ runs', () => {
    const run = spawnSync(process.execPath, [join(CHECKOUT, 'bin', 'leakwatch.js'), '--version'], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.trim(), manifest.version);
  });
});
