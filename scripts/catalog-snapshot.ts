// Build step (npm run build, after tsc): checks the built-in rule files once and writes what they
// say beside the compiled loader, so runs skip parsing and checking them (src/rules/catalog-snapshot.ts).
import { defaultPatternsDir, readCatalog } from '../src/rules/catalog.js';
import { SNAPSHOT_FILE, writeSnapshot } from '../src/rules/catalog-snapshot.js';

const dir = defaultPatternsDir();
writeSnapshot(dir, readCatalog(dir));
process.stdout.write(`catalog snapshot: ${SNAPSHOT_FILE}\n`);
