// `leakwatch rules [path]`: the effective rule set — built-in rules with the
// configuration applied — as a table for people or JSON for tools.
import Table from 'cli-table3';
import { LeakwatchError } from '../../model/errors.js';
import { compileRuleSet } from '../../rules/compile.js';
import { loadConfig } from '../../rules/config.js';
import { ruleSetSpec } from '../../rules/rule-set.js';
import { defineCommand } from '../command.js';

export const rulesCommand = defineCommand({
  command: 'rules [path]',
  describe: 'Print the effective rule set: built-in rules with the configuration applied',
  builder: (parser) => parser
    .positional('path', { type: 'string', default: '.', describe: 'Where to look for .leakwatch.toml / .gitleaks.toml' })
    .option('config', { alias: 'c', type: 'string', describe: 'Configuration file' })
    .option('format', { alias: 'f', choices: ['table', 'json'] as const, default: 'table' as const })
    .option('patterns', { type: 'string', describe: 'Directory of rule files to use instead of the built-in patterns/' })
    .option('only', { choices: ['secret', 'pii'] as const }),
  run: (args, io) => {
    if (args.path === '-') throw new LeakwatchError('usage', 'leakwatch rules reads no standard input: name the folder holding the configuration');
    const config = loadConfig(args.path, args.config);
    const spec = ruleSetSpec({ patternsDir: args.patterns, config, only: args.only });
    // What is listed must also compile (a bad regex is an error here too); a rule's path is shown as RE2 reads it.
    const compiled = compileRuleSet(spec).rules;
    const rules = spec.rules;
    for (const note of config.notes) io.stderr.write(`leakwatch: note: ${note}\n`);
    if (args.format === 'json') {
      const listed = rules.map((rule, index) => ({
        id: rule.id,
        description: rule.description,
        category: rule.category,
        keywords: rule.keywords,
        scope: rule.scope,
        source: rule.source,
        ...(rule.validator === undefined ? {} : { validator: rule.validator }),
        ...(rule.entropy === undefined ? {} : { entropy: rule.entropy }),
        ...(rule.path === undefined ? {} : { path: compiled[index]?.pathFilter?.source ?? rule.path }),
        allowlists: rule.allowlists.length,
      }));
      io.stdout.write(`${JSON.stringify(listed, null, 2)}\n`);
      return 0;
    }
    const table = new Table({ head: ['Rule', 'Category', 'Keywords', 'Source'], style: { head: [], border: [] } });
    for (const rule of rules) {
      const keywords = rule.keywords.join(', ');
      table.push([rule.id, rule.category, keywords.length > 48 ? `${keywords.slice(0, 47)}…` : keywords, rule.source]);
    }
    io.stdout.write(`${table.toString()}\n${rules.length} rules${config.file === undefined ? '' : ` (configuration: ${config.file})`}\n`);
    return 0;
  },
});
