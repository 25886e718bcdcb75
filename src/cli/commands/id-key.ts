// `leakwatch id-key [path]`: prints the key findings' ids are made with for a repository (creating it
// on first use), so a team can give CI the same key (LEAKWATCH_ID_KEY, the Action's id-key input) and
// baselines made on a laptop hold there. `--new` prints a fresh random key without storing it.
import { newKey, resolveIdKey } from '../../engine/id-key.js';
import { idKeyCheck, IdKey } from '../../model/fingerprint.js';
import { defineCommand } from '../command.js';

export const idKeyCommand = defineCommand({
  command: 'id-key [path]',
  describe: 'Print the key findings\' ids are made with for a repository (to store as the CI secret LEAKWATCH_ID_KEY)',
  builder: (parser) => parser
    .positional('path', { type: 'string', default: '.', describe: 'Repository (or any folder in it)' })
    .option('new', { type: 'boolean', default: false, describe: 'Print a new random key instead (not stored anywhere)' }),
  run: (args, io) => {
    if (args.new) {
      const key = newKey();
      io.stdout.write(`${key}\n`);
      io.stderr.write(`leakwatch: a new id key (check ${idKeyCheck(new IdKey(key))}), stored nowhere: set it as LEAKWATCH_ID_KEY where you scan\n`);
      return 0;
    }
    const resolved = resolveIdKey(args.path, io.env ?? process.env);
    io.stdout.write(`${resolved.key.reveal()}\n`);
    io.stderr.write(`leakwatch: id key from ${resolved.from}${resolved.created ? ' (just created)' : ''}, check ${idKeyCheck(resolved.key)}; keep it secret: with it, the ids in a report can be tested against guesses\n`);
    return 0;
  },
});
