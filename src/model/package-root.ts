// Where this install of leakwatch lives: the folder of its package.json, found
// by walking up from this module. The same code runs from the compiled tree
// (dist/src/model/) and from the bundle bin/ loads (dist/bundle/), which sit at
// different depths, so no path is counted in `..`s from here.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LeakwatchError } from './errors.js';

export interface PackageManifest {
  name: string;
  version: string;
}

interface PackageRoot {
  dir: string;
  manifest: PackageManifest;
}

const PACKAGE_NAME = 'leakwatch';
let found: PackageRoot | undefined;

function packageRoot(): PackageRoot {
  if (found !== undefined) return found;
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as PackageManifest;
      if (manifest.name === PACKAGE_NAME) return (found = { dir, manifest });
    }
    if (dirname(dir) === dir) throw new LeakwatchError('internal', `no package.json of ${PACKAGE_NAME} above ${start}: the install is incomplete`);
  }
}

/** leakwatch's own package.json. */
export function packageManifest(): PackageManifest {
  return packageRoot().manifest;
}

/** A file or folder of this install, by its path from the package's root (`patterns`, `bin/leakwatch.js`). */
export function packagePath(...parts: string[]): string {
  return join(packageRoot().dir, ...parts);
}
