// Every report format, in the order `--help` lists them. A new format is one
// file exporting a `ReportFormat` and one line here; the CLI's choices, its
// help and the README's list (checked by a test) all come from this list.
import { LeakwatchError } from '../model/errors.js';
import type { RedactedFinding, RuleInfo } from '../model/types.js';
import { csvFormat } from './csv.js';
import type { ReportContext, ReportFormat } from './format.js';
import { htmlFormat } from './html.js';
import { jsonFormat } from './json.js';
import { jsonlFormat } from './jsonl.js';
import { sarifFormat } from './sarif.js';
import { tableFormat } from './table.js';

export const FORMATS = [tableFormat, jsonFormat, jsonlFormat, sarifFormat, csvFormat, htmlFormat] as const;

export type FormatName = (typeof FORMATS)[number]['name'];

export const FORMAT_NAMES: readonly FormatName[] = FORMATS.map((format) => format.name);

export function formatNamed(name: FormatName): ReportFormat<FormatName> {
  const format = FORMATS.find((each) => each.name === name);
  if (format === undefined) throw new LeakwatchError('usage', `unknown report format "${name}" (known: ${FORMAT_NAMES.join(', ')})`);
  return format;
}

/** The whole report as one string (the CLI writes it in pieces instead). */
export function formatReport(name: FormatName, findings: readonly RedactedFinding[], rules: readonly RuleInfo[], context: ReportContext = {}): string {
  return [...formatNamed(name).write(findings, rules, context)].join('');
}

/** `--format`'s help: each name with its line. */
export function formatsHelp(): string {
  return FORMATS.map((format) => `${format.name}: ${format.description}`).join('; ');
}
