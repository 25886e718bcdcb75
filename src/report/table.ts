// Human-readable table for a terminal.
import Table from 'cli-table3';
import type { RedactedFinding } from '../model/types.js';
import type { ReportFormat } from './format.js';

export const tableFormat = {
  name: 'table',
  description: 'A table for people: rule, masked secret, place, commit, author (the default)',
  write: (findings) => [formatTable([...findings])],
} as const satisfies ReportFormat<'table'>;

export function formatTable(findings: readonly RedactedFinding[]): string {
  if (findings.length === 0) return 'No leaks found.\n';
  const table = new Table({
    head: ['Rule', 'Confidence', 'Secret', 'Location', 'Commit', 'Author', 'Date', 'Also in'],
    style: { head: [], border: [] },
  });
  for (const finding of findings) {
    table.push([
      finding.ruleId,
      finding.confidence,
      finding.secret,
      `${finding.path}:${finding.line}:${finding.column}`,
      finding.commit === '' ? '-' : finding.commit.slice(0, 10),
      finding.author === '' ? '-' : finding.author,
      finding.date === '' ? '-' : finding.date.slice(0, 10),
      alsoIn(finding),
    ]);
  }
  return `${table.toString()}\n`;
}

/** Other places holding the same secret: how many versions and how many other files. */
function alsoIn(finding: RedactedFinding): string {
  if (finding.occurrenceCount === 0) return '-';
  const otherPaths = new Set(finding.occurrences.map((o) => o.path).filter((path) => path !== finding.path)).size;
  const versions = `${finding.occurrenceCount} place${finding.occurrenceCount === 1 ? '' : 's'}`;
  return otherPaths === 0 ? versions : `${versions}, ${otherPaths} other file${otherPaths === 1 ? '' : 's'}`;
}
