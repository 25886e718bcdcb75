// Picks a reporter by name. Every reporter takes findings that are already redacted.
import type { Rule } from '../detect/rules.js';
import type { RedactedFinding } from '../types.js';
import { csvChunks, formatCsv } from './csv.js';
import { formatJson, formatJsonl, jsonChunks, jsonlChunks } from './json.js';
import { formatSarif } from './sarif.js';
import { formatTable } from './table.js';

export const FORMATS = ['table', 'json', 'jsonl', 'sarif', 'csv'] as const;
export type ReportFormat = (typeof FORMATS)[number];

export function formatReport(format: ReportFormat, findings: readonly RedactedFinding[], rules: readonly Rule[]): string {
  switch (format) {
    case 'table':
      return formatTable(findings);
    case 'json':
      return formatJson(findings);
    case 'jsonl':
      return formatJsonl(findings);
    case 'sarif':
      return formatSarif(findings, rules);
    case 'csv':
      return formatCsv(findings);
  }
}

/**
 * The report in pieces, for writing as it is made: JSON, JSON Lines and CSV a finding at a time
 * (each redacted only when its turn comes); the table and SARIF need every finding first.
 */
export function reportChunks(format: ReportFormat, findings: Iterable<RedactedFinding>, rules: readonly Rule[]): Iterable<string> {
  switch (format) {
    case 'json':
      return jsonChunks(findings);
    case 'jsonl':
      return jsonlChunks(findings);
    case 'csv':
      return csvChunks(findings);
    default:
      return [formatReport(format, [...findings], rules)];
  }
}
