// Name and version shown in reports, read once from package.json.
import { packageManifest } from './package-root.js';

export const TOOL_NAME = 'leakwatch';
export const TOOL_VERSION = packageManifest().version;
