// CSV (RFC 4180), one row per finding with its number of other occurrences (the list is in JSON).
// Cells that a spreadsheet would run as a formula are prefixed with a quote mark.
import type { RedactedFinding } from '../model/types.js';
import type { ReportFormat } from './format.js';

const COLUMNS = [
  'id', 'ruleId', 'category', 'confidence', 'reasons', 'description', 'path', 'line', 'column', 'commit', 'author', 'email', 'date', 'message', 'secret', 'match', 'decoded', 'fingerprint', 'occurrenceCount',
] as const satisfies ReadonlyArray<keyof RedactedFinding>;

export const csvFormat = {
  name: 'csv',
  description: 'CSV (RFC 4180), one row per finding; cells a spreadsheet would run as formulas are defused',
  write: (findings, _rules?, context?) => csvChunks(findings, context?.repositories !== undefined),
} as const satisfies ReportFormat<'csv'>;

/** The CSV report a row at a time. */
export function* csvChunks(findings: Iterable<RedactedFinding>, withRepository = false): Iterable<string> {
  // A report of several repositories names each finding's first.
  const columns: ReadonlyArray<(typeof COLUMNS)[number] | 'repository'> = withRepository ? ['repository', ...COLUMNS] : COLUMNS;
  yield `${columns.join(',')}\r\n`;
  for (const finding of findings) yield `${columns.map((column) => cell(text(finding[column]))).join(',')}\r\n`;
}

function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function text(value: RedactedFinding[(typeof COLUMNS)[number] | 'repository']): string {
  return Array.isArray(value) ? value.join('; ') : String(value ?? '');
}
