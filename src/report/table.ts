// Human-readable table for a terminal: a summary first (how many, how sure, of what kind, the top
// rules, the time span), then the findings, secrets before personal data and surest first.
import Table from 'cli-table3';
import type { RedactedFinding } from '../model/types.js';
import { plural } from '../model/words.js';
import type { ReportFormat } from './format.js';

export const tableFormat = {
  name: 'table',
  description: 'A table for people: rule, masked secret, place, commit, author (the default)',
  write: (findings) => [formatTable([...findings])],
} as const satisfies ReportFormat<'table'>;

const SURENESS = { high: 0, medium: 1, low: 2 } as const;

/** What matters first: secrets before personal data, the surest first; among equals (a stable sort) the report's own order, oldest first. */
export function reportOrder(a: RedactedFinding, b: RedactedFinding): number {
  return (a.category === b.category ? 0 : a.category === 'secret' ? -1 : 1) || SURENESS[a.confidence] - SURENESS[b.confidence];
}

export function formatTable(all: readonly RedactedFinding[]): string {
  if (all.length === 0) return 'No leaks found.\n';
  const findings = [...all].sort(reportOrder);
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
  return `${summary(findings)}${table.toString()}\n`;
}

/** Three lines: counts by confidence and category, the top rules, when the findings came in. */
function summary(findings: readonly RedactedFinding[]): string {
  const count = (pick: (finding: RedactedFinding) => boolean): number => findings.filter(pick).length;
  const sure = (['high', 'medium', 'low'] as const).map((level) => [level, count((f) => f.confidence === level)] as const).filter(([, n]) => n > 0);
  const byRule = new Map<string, number>();
  for (const finding of findings) byRule.set(finding.ruleId, (byRule.get(finding.ruleId) ?? 0) + 1);
  const top = [...byRule].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 5).map(([rule, n]) => `${rule} (${n})`);
  const days = findings.map((f) => f.date.slice(0, 10)).filter((day) => day !== '').sort();
  const lines = [
    `${plural(findings.length, 'finding')}: ${sure.map(([level, n]) => `${n} ${level}`).join(', ')}; ${count((f) => f.category === 'secret')} secrets, ${count((f) => f.category === 'pii')} personal data`,
    `top rules: ${top.join(', ')}`,
    ...(days.length === 0 ? [] : [`introduced ${days[0] === days[days.length - 1] ? `on ${days[0]}` : `from ${days[0]} to ${days[days.length - 1]}`}`]),
  ];
  return `${lines.join('\n')}\n`;
}

/** Other places holding the same secret: how many versions and how many other files. */
function alsoIn(finding: RedactedFinding): string {
  if (finding.occurrenceCount === 0) return '-';
  const otherPaths = new Set(finding.occurrences.map((o) => o.path).filter((path) => path !== finding.path)).size;
  const versions = plural(finding.occurrenceCount, 'place');
  return otherPaths === 0 ? versions : `${versions}, ${plural(otherPaths, 'other file')}`;
}
