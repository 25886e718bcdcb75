// Human-readable table for a terminal.
import Table from 'cli-table3';
import type { RedactedFinding } from '../types.js';

export function formatTable(findings: readonly RedactedFinding[]): string {
  if (findings.length === 0) return 'No leaks found.\n';
  const table = new Table({
    head: ['Rule', 'Secret', 'Location', 'Commit', 'Author', 'Date'],
    style: { head: [], border: [] },
  });
  for (const finding of findings) {
    table.push([
      finding.ruleId,
      finding.secret,
      `${finding.path}:${finding.line}:${finding.column}`,
      finding.commit === '' ? '-' : finding.commit.slice(0, 10),
      finding.author === '' ? '-' : finding.author,
      finding.date === '' ? '-' : finding.date.slice(0, 10),
    ]);
  }
  return `${table.toString()}\n`;
}
