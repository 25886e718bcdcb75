// Human-readable table for a terminal: a summary first (how many, how sure, of what kind, the top
// rules, the time span), then the findings, secrets before personal data and surest first. On a
// terminal it fits the width (the least useful columns go first, then long paths and rule names are
// cut with …) and is coloured by confidence; piped or written to a file it is plain and whole.
import Table from 'cli-table3';
import type { Confidence, RedactedFinding, RuleInfo } from '../model/types.js';
import { plural } from '../model/words.js';
import type { ReportContext, ReportFormat } from './format.js';

export const tableFormat = {
  name: 'table',
  description: 'A table for people: rule, masked secret, place, commit, author (the default)',
  write: (findings: Iterable<RedactedFinding>, _rules?: readonly RuleInfo[], context?: ReportContext) => [formatTable([...findings], context)],
} as const satisfies ReportFormat<'table'>;

const SURENESS = { high: 0, medium: 1, low: 2 } as const;

/** What matters first: secrets before personal data, the surest first; among equals (a stable sort) the report's own order, oldest first. */
export function reportOrder(a: RedactedFinding, b: RedactedFinding): number {
  return (a.category === b.category ? 0 : a.category === 'secret' ? -1 : 1) || SURENESS[a.confidence] - SURENESS[b.confidence];
}

export function formatTable(all: readonly RedactedFinding[], context: ReportContext = {}): string {
  if (all.length === 0) return 'No leaks found.\n';
  const findings = [...all].sort(reportOrder);
  // A report of several repositories names each finding's first.
  const columns = context.repositories === undefined ? COLUMNS : [REPOSITORY_COLUMN, ...COLUMNS];
  const rows = findings.map((finding) => columns.map((column) => printable(column.cell(finding))));
  const shown = fit(columns, rows, context.columns);
  const paint = context.colour === true ? colours : plain;
  const table = new Table({
    head: shown.map(({ column }) => paint.head(column.head)),
    style: { head: [], border: [] },
  });
  findings.forEach((finding, index) => {
    const row = rows[index] ?? [];
    table.push(shown.map(({ column, at, width }) => {
      const text = cut(row[at] ?? '', width, column.cut);
      return column.head === 'Confidence' ? paint.confidence(finding.confidence, text) : text;
    }));
  });
  const heading = summary(findings).split('\n').map((line) => cut(printable(line), context.columns ?? Infinity, 'keep-start')).join('\n');
  return `${paint.summary(heading)}${table.toString()}\n`;
}

/**
 * Cells hold what the scanned repository chose (paths, author names): control characters would reach
 * the terminal and could hide text, move the cursor or retitle the window. Each is shown as `\xNN`.
 */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

interface Column {
  head: string;
  cell(finding: RedactedFinding): string;
  /** Which end of a too-long cell to keep: paths end in what matters, names begin with it. */
  cut: 'keep-end' | 'keep-start';
  /** The narrowest it may be cut to, in characters; and what it is cut to before the commit column goes. */
  least: number;
  comfortable: number;
  /** Columns that go when the terminal is too narrow, the first to go first; undefined: never dropped. */
  dropOrder?: number;
}

const COLUMNS: readonly Column[] = [
  { head: 'Rule', cell: (f) => f.ruleId, cut: 'keep-start', least: 12, comfortable: 18 },
  { head: 'Confidence', cell: (f) => f.confidence, cut: 'keep-start', least: 6, comfortable: 6 },
  { head: 'Secret', cell: (f) => f.secret, cut: 'keep-start', least: 8, comfortable: 12 },
  { head: 'Location', cell: (f) => `${f.path}:${f.line}:${f.column}`, cut: 'keep-end', least: 16, comfortable: 24 },
  { head: 'Commit', cell: (f) => (f.commit === '' ? '-' : f.commit.slice(0, 10)), cut: 'keep-start', least: 7, comfortable: 10, dropOrder: 3 },
  { head: 'Author', cell: (f) => (f.author === '' ? '-' : f.author), cut: 'keep-start', least: 8, comfortable: 8, dropOrder: 2 },
  { head: 'Date', cell: (f) => (f.date === '' ? '-' : f.date.slice(0, 10)), cut: 'keep-start', least: 10, comfortable: 10, dropOrder: 1 },
  { head: 'Also in', cell: alsoIn, cut: 'keep-start', least: 8, comfortable: 8, dropOrder: 0 },
];

const REPOSITORY_COLUMN: Column = { head: 'Repository', cell: (f) => f.repository ?? '-', cut: 'keep-end', least: 10, comfortable: 16 };

/** cli-table3 pads each cell with a space on either side and draws one border between and around columns. */
const PADDING = 2;

interface Shown {
  column: Column;
  /** The column's index in a row of cells. */
  at: number;
  /** Characters of content it shows (cells longer are cut). */
  width: number;
}

/**
 * The columns to show and their widths for a terminal of `available` columns: whole when it fits or
 * when the width is unknown (piped, a file). Else, in turn until it fits: the least useful columns go
 * (where else, date, author), long cells are cut down to a comfortable width, the commit goes, and
 * cells are cut down to their `least`. A terminal narrower than that wraps lines.
 */
function fit(columns: readonly Column[], rows: readonly string[][], available: number | undefined): Shown[] {
  const natural = columns.map((column, at) => Math.max(length(column.head), ...rows.map((row) => length(row[at] ?? ''))));
  let shown: Shown[] = columns.map((column, at) => ({ column, at, width: natural[at] ?? 0 }));
  if (available === undefined || available <= 0) return shown;
  const total = (): number => shown.reduce((sum, each) => sum + each.width + PADDING + 1, 1);
  const drop = (order: number): void => {
    if (total() > available) shown = shown.filter((each) => each.column.dropOrder !== order);
  };
  [0, 1, 2].forEach(drop);
  shrink(shown, total() - available, (column) => column.comfortable);
  drop(3);
  shrink(shown, total() - available, (column) => column.least);
  // Dropping the commit may have freed more than the cuts needed: give it back to the cut cells.
  for (const each of shown) each.width += Math.max(0, Math.min(available - total(), (natural[each.at] ?? 0) - each.width));
  return shown;
}

/** Takes `excess` characters from the widest cells, never below `floor` (nor their head), widest first. */
function shrink(shown: Shown[], excess: number, floor: (column: Column) => number): void {
  let left = excess;
  while (left > 0) {
    const lowest = (each: Shown): number => Math.max(floor(each.column), length(each.column.head));
    const widest = shown.filter((each) => each.width > lowest(each)).sort((a, b) => b.width - a.width)[0];
    if (widest === undefined) return;
    const next = shown.filter((each) => each !== widest).reduce((most, each) => Math.max(most, each.width), 0);
    const take = Math.min(left, Math.max(1, widest.width - Math.max(lowest(widest), next)));
    widest.width -= take;
    left -= take;
  }
}

/** Columns a terminal gives a text: two for East Asian wide characters and most emoji, none for combining marks. */
export function length(text: string): number {
  let columns = 0;
  for (const char of text) columns += charWidth(char.codePointAt(0) ?? 0);
  return columns;
}

function charWidth(code: number): number {
  if ((code >= 0x300 && code <= 0x36f) || (code >= 0x200b && code <= 0x200f) || code === 0xfe0f) return 0;
  const wide = (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf && code !== 0x303f) || (code >= 0xac00 && code <= 0xd7a3)
    || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60) || (code >= 0xffe0 && code <= 0xffe6)
    || (code >= 0x1f300 && code <= 0x1f64f) || (code >= 0x1f900 && code <= 0x1f9ff) || (code >= 0x20000 && code <= 0x3fffd);
  return wide ? 2 : 1;
}

/** `text` cut to `width` terminal columns with …, keeping its start or its end. */
function cut(text: string, width: number, keep: Column['cut']): string {
  if (length(text) <= width) return text;
  const chars = keep === 'keep-end' ? [...text].reverse() : [...text];
  const kept: string[] = [];
  let used = 1;
  for (const char of chars) {
    const next = charWidth(char.codePointAt(0) ?? 0);
    if (used + next > width) break;
    kept.push(char);
    used += next;
  }
  return keep === 'keep-end' ? `…${kept.reverse().join('')}` : `${kept.join('')}…`;
}

interface Paint {
  head(text: string): string;
  summary(text: string): string;
  confidence(level: Confidence, text: string): string;
}

const plain: Paint = { head: (text) => text, summary: (text) => text, confidence: (_level, text) => text };

const ESC = '\u001b[';
const CONFIDENCE_COLOUR: Record<Confidence, string> = { high: '1;31', medium: '33', low: '2' };

/** ANSI colours: bold heads and first summary line; confidence red (high), yellow (medium), dim (low). */
const colours: Paint = {
  head: (text) => `${ESC}1m${text}${ESC}22m`,
  summary: (text) => text.replace(/^[^\n]*/, (first) => `${ESC}1m${first}${ESC}22m`),
  confidence: (level, text) => `${ESC}${CONFIDENCE_COLOUR[level]}m${text}${ESC}0m`,
};

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
