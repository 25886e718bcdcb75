// `leakwatch merge REPORT...`: one report from the JSON (or JSON Lines) reports of several scans of
// repositories, as shards of `scan --repos-from LIST --shard K/N` write them. Repositories come in
// name order, each with its findings in the order its report had them: the order of a single scan
// of the whole list, so the merged JSON report is that scan's, byte for byte.
import { readFileSync } from 'node:fs';
import { compileRuleSet } from '../../rules/compile.js';
import { ruleSetSpec } from '../../rules/rule-set.js';
import { LeakwatchError } from '../../model/errors.js';
import type { RedactedFinding, RuleInfo } from '../../model/types.js';
import { FORMAT_NAMES, formatsHelp } from '../../report/registry.js';
import { COLOR_CHOICES, type ColorChoice } from '../../report/terminal.js';
import { defineCommand } from '../command.js';
import { readRepositoryList, sortedNames, unionOfRules, writeReport } from '../repositories.js';

export const mergeCommand = defineCommand({
  command: 'merge <reports..>',
  describe: 'Merge the JSON or JSON Lines reports of scans of several repositories (shards) into one report',
  builder: (parser) => parser
    .positional('reports', { type: 'string', array: true, demandOption: true, describe: 'JSON or JSON Lines reports of `scan REPO...` or `scan --repos-from`' })
    .option('format', { alias: 'f', choices: FORMAT_NAMES, default: 'json' as const, describe: `Report format (${formatsHelp()})` })
    .option('output', { alias: 'o', type: 'string', describe: 'Write the report to FILE (mode 0600) instead of stdout' })
    .option('repos-from', { type: 'string', describe: 'The list the shards scanned: SARIF then has a run for each repository, with findings or not' })
    .option('patterns', { type: 'string', describe: 'Directory of rule files the scans used instead of the built-in patterns/ (for SARIF\'s rule list)' })
    .option('color', { choices: COLOR_CHOICES, default: 'auto' as ColorChoice, describe: 'Colour the table: auto, always or never' })
    .requiresArg(['format', 'output', 'repos-from', 'patterns', 'color']),
  run: async (args, io) => {
    for (const [option, value] of Object.entries({ output: args.output, 'repos-from': args.reposFrom, patterns: args.patterns })) {
      if (value === '') throw new LeakwatchError('usage', `--${option} needs a value`);
    }
    const byRepository = new Map<string, { from: string; findings: RedactedFinding[] }>();
    for (const file of args.reports) {
      const here = new Map<string, RedactedFinding[]>();
      for (const finding of readReport(file)) {
        const repository = finding.repository;
        if (typeof repository !== 'string') throw new LeakwatchError('usage', `${file}: a finding has no repository: merge reads reports of several repositories (scan REPO... or --repos-from)`);
        const list = here.get(repository) ?? [];
        list.push(finding);
        here.set(repository, list);
      }
      // A repository in two reports would be counted twice: shards of one list never share one.
      for (const [repository, findings] of here) {
        const earlier = byRepository.get(repository);
        if (earlier !== undefined) throw new LeakwatchError('usage', `${repository} is in both ${earlier.from} and ${file}: merge the reports of disjoint shards`);
        byRepository.set(repository, { from: file, findings });
      }
    }
    const listed = args.reposFrom === undefined ? [] : await readRepositoryList(args.reposFrom, io.stdin ?? process.stdin);
    const repositories = sortedNames([...listed, ...byRepository.keys()]);
    const findings = repositories.flatMap((repository) => byRepository.get(repository)?.findings ?? []);
    writeReport({ format: args.format, output: args.output, redact: true, color: args.color }, io, findings, rulesOf(findings, args.patterns), repositories);
    io.stderr.write(`leakwatch: merged ${args.reports.length} report${args.reports.length === 1 ? '' : 's'}: ${findings.length} finding${findings.length === 1 ? '' : 's'} in ${byRepository.size} of ${repositories.length} repositor${repositories.length === 1 ? 'y' : 'ies'}\n`);
    return findings.length > 0 ? 1 : 0;
  },
});

/** The findings of a JSON report (an array) or a JSON Lines one (one finding a line). */
function readReport(file: string): RedactedFinding[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new LeakwatchError('file-unreadable', `${file}: cannot read the report (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    const parsed: unknown = text.trimStart().startsWith('[') ? JSON.parse(text) : text.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as unknown);
    if (!Array.isArray(parsed) || !parsed.every((each) => typeof each === 'object' && each !== null && typeof (each as { ruleId?: unknown }).ruleId === 'string')) throw new Error('not a list of findings');
    return parsed as RedactedFinding[];
  } catch (error) {
    throw new LeakwatchError('usage', `${file}: not a JSON or JSON Lines report of findings (${(error as Error).message})`);
  }
}

/** The rules a SARIF report lists: the catalog the scans used, and any other rule a finding names (a configuration's own). */
function rulesOf(findings: readonly RedactedFinding[], patternsDir: string | undefined): RuleInfo[] {
  const ruleSet = compileRuleSet(ruleSetSpec({ patternsDir }));
  const catalog = [...ruleSet.rules, ...ruleSet.fileRules].map(({ id, description, category }) => ({ id, description, category }));
  return unionOfRules([catalog, findings.map(({ ruleId, description, category }) => ({ id: ruleId, description, category }))]);
}
