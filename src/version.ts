// Name and version shown in reports, read once from package.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };

export const TOOL_NAME = 'leakwatch';
export const TOOL_VERSION = manifest.version;
