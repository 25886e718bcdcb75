// `leakwatch rules`: the effective rule set — built-in rules with the
// configuration applied — as a table for people or JSON for tools.
import Table from 'cli-table3';
import { loadScanConfig } from '../config/load.js';
import { createDetector } from '../scan.js';
import type { Category } from '../types.js';
import type { CliIo } from './main.js';

export interface RulesArguments {
  path: string;
  config: string | undefined;
  format: 'table' | 'json';
  patterns: string | undefined;
  only: Category | undefined;
}

export function runRules(args: RulesArguments, io: CliIo): number {
  const config = loadScanConfig(args.path, args.config);
  const rules = createDetector(args.patterns, args.only, config).ruleSet.rules;
  for (const note of config.notes) io.stderr.write(`leakwatch: note: ${note}\n`);
  if (args.format === 'json') {
    const listed = rules.map((rule) => ({
      id: rule.id,
      description: rule.description,
      category: rule.category,
      keywords: rule.keywords,
      scope: rule.scope,
      source: rule.source,
      ...(rule.validator === undefined ? {} : { validator: rule.validator }),
      ...(rule.entropy === undefined ? {} : { entropy: rule.entropy }),
      ...(rule.pathFilter === undefined ? {} : { path: rule.pathFilter.source }),
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
}
