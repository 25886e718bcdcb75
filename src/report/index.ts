// Picks a reporter by name. Every reporter takes findings that are already redacted.
import type { Rule } from '../detect/rules.js';
import type { RedactedFinding } from '../types.js';
import { formatCsv } from './csv.js';
import { formatJson, formatJsonl } from './json.js';
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
