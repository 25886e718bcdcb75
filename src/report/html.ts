// HTML: one self-contained page for an audit — summary cards, when the findings came into the
// history, the files and authors most concerned, and a filterable table of the masked findings.
// It loads nothing (no fonts, scripts or images from anywhere; a Content-Security-Policy makes the
// browser hold it to that), so it can be mailed or archived as it is. Everything it shows comes
// from masked findings; the static parts are escaped here, the table is drawn by the page's
// script with textContent from a JSON block escaped so that no finding can close it.
import { createHash } from 'node:crypto';
import { commitUrl } from '../model/forge.js';
import type { RedactedFinding } from '../model/types.js';
import { TOOL_NAME, TOOL_VERSION } from '../model/version.js';
import { plural } from '../model/words.js';
import type { ReportContext, ReportFormat } from './format.js';
import { PAGE_STYLE, pageScript, type PageRow } from './html-page.js';
import { reportOrder } from './table.js';

export const htmlFormat = {
  name: 'html',
  description: 'One self-contained HTML page: summary, timeline, top files and authors, a filterable table of masked findings',
  linksCommits: true,
  write: (findings, _rules, context) => [formatHtml([...findings], context)],
} as const satisfies ReportFormat<'html'>;

const PAGE_SCRIPT = `(${pageScript.toString()})();`;
const TOP = 10;

/** The whole page. Deterministic: the same findings give the same bytes (no clock in it). */
export function formatHtml(all: readonly RedactedFinding[], context: ReportContext = {}): string {
  const findings = [...all].sort(reportOrder);
  const body = findings.length === 0 ? cleanSection() : [timeline(findings), tops(findings), findingsSection(findings, context.webUrl)].join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy()}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>leakwatch report${context.scope === undefined ? '' : ` — ${escapeHtml(context.scope)}`}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<main>
${header(findings.length, context)}
${cards(findings)}
${body}
<footer>Written by ${TOOL_NAME} ${escapeHtml(TOOL_VERSION)}. Revoke and rotate a leaked secret: removing it from the history does not make it safe again.</footer>
</main>
${findings.length === 0 ? '' : `<script>${PAGE_SCRIPT}</script>`}
</body>
</html>
`;
}

/**
 * Nothing may be loaded from anywhere; only this page's own style sheet and script run (by hash,
 * so not even markup smuggled into the page could add one).
 */
export function contentSecurityPolicy(): string {
  return [
    "default-src 'none'",
    `style-src '${sha256(PAGE_STYLE)}'`,
    `script-src '${sha256(PAGE_SCRIPT)}'`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

function sha256(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

function header(count: number, context: ReportContext): string {
  const scope = context.scope === undefined ? '' : `<p>Scanned: ${escapeHtml(context.scope)}${context.webUrl === undefined ? '' : ` of ${escapeHtml(context.webUrl)}`}</p>`;
  const masked = context.redacted === false
    ? '<p class="warning">This report holds raw secrets (written with --no-redact): keep it private and delete it when done.</p>'
    : '<p>Every secret and piece of personal data in this report is masked; it still names files, commits and authors, so share it with care.</p>';
  return `<header>
<h1>leakwatch report: ${count === 0 ? 'no leaks found' : plural(count, 'finding')}</h1>
${scope}
${masked}
</header>`;
}

function cards(findings: readonly RedactedFinding[]): string {
  const count = (pick: (finding: RedactedFinding) => boolean): number => findings.filter(pick).length;
  const distinct = (pick: (finding: RedactedFinding) => string): number => new Set(findings.map(pick).filter((value) => value !== '')).size;
  // The key names the card for tests and styles (the coloured ones are named after what they count).
  const values: ReadonlyArray<[string, string, number]> = [
    ['total', 'Findings', findings.length],
    ['high', 'High confidence', count((f) => f.confidence === 'high')],
    ['medium', 'Medium confidence', count((f) => f.confidence === 'medium')],
    ['low', 'Low confidence', count((f) => f.confidence === 'low')],
    ['secret', 'Secrets', count((f) => f.category === 'secret')],
    ['pii', 'Personal data', count((f) => f.category === 'pii')],
    ['rules', 'Rules', distinct((f) => f.ruleId)],
    ['files', 'Files', distinct((f) => f.path)],
    ['commits', 'Commits', distinct((f) => f.commit)],
  ];
  const items = values.map(([key, label, value]) => `<div class="card ${key}" data-card="${key}"><div class="value">${value}</div><div class="label">${label}</div></div>`);
  return `<section class="cards" aria-label="Summary">\n${items.join('\n')}\n</section>`;
}

function cleanSection(): string {
  return '<section class="panel"><p class="clean">No leaks found.</p><p>No rule reported a secret or personal data at or above the confidence floor of this scan.</p></section>';
}

/** Findings by the month their commit was authored, secrets and personal data stacked, as inline SVG. */
function timeline(findings: readonly RedactedFinding[]): string {
  const months = monthCounts(findings);
  if (months.length === 0) return '<section class="panel"><h2>When they came in</h2><p>These findings have no commits (files on disk, staged or piped): no dates to show.</p></section>';
  const first = months[0]?.month ?? '';
  const last = months[months.length - 1]?.month ?? '';
  const highest = Math.max(...months.map((m) => m.secret + m.pii));
  // Wide bars for a few months, narrow ones for years of history; labels only where they fit.
  const slot = Math.max(10, Math.min(72, Math.floor(1000 / months.length)));
  const [plot, top, width] = [140, 18, months.length * slot];
  const scale = (n: number): number => (n / highest) * plot;
  const bars = months.map(({ month, secret, pii }, index) => {
    const x = index * slot + 2;
    const w = slot - 4;
    const [secretHeight, piiHeight] = [scale(secret), scale(pii)];
    const title = `<title>${month}: ${plural(secret, 'secret')}, ${pii} personal data</title>`;
    const parts = [
      secret === 0 ? '' : `<rect class="bar-secret" x="${x}" y="${round(top + plot - secretHeight)}" width="${w}" height="${round(secretHeight)}">${title}</rect>`,
      pii === 0 ? '' : `<rect class="bar-pii" x="${x}" y="${round(top + plot - secretHeight - piiHeight)}" width="${w}" height="${round(piiHeight)}">${title}</rect>`,
      slot < 24 || secret + pii === 0 ? '' : `<text class="bar-total" x="${x + w / 2}" y="${round(top + plot - secretHeight - piiHeight - 4)}" text-anchor="middle">${secret + pii}</text>`,
      monthLabel(month, index, slot, x + w / 2, top + plot + 16),
    ];
    return `<g data-month="${month}">${parts.join('')}</g>`;
  });
  const span = first === last ? `in ${first}` : `from ${first} to ${last}`;
  return `<section class="panel" id="timeline">
<h2>When they came in <small>(${span}, by the month of the commit that brought each; tallest: ${highest})</small></h2>
<div class="timeline-scroll"><svg role="img" aria-label="Findings per month ${span}" width="${Math.max(width, 200)}" height="${top + plot + 24}" viewBox="0 0 ${Math.max(width, 200)} ${top + plot + 24}">
<line class="axis" x1="0" y1="${top + plot}" x2="${width}" y2="${top + plot}"/>
${bars.join('\n')}
</svg></div>
<div class="legend"><span><span class="swatch secret"></span>secrets</span><span><span class="swatch pii"></span>personal data</span></div>
</section>`;
}

/** Every month when there is room for it, else the year at each January (and at the first month). */
function monthLabel(month: string, index: number, slot: number, middle: number, y: number): string {
  if (slot >= 48) return `<text class="tick" x="${middle}" y="${y}" text-anchor="middle">${month}</text>`;
  if (index !== 0 && !month.endsWith('-01')) return '';
  return `<text class="tick" x="${middle - slot / 2 + 2}" y="${y}">${month.slice(0, 4)}</text>`;
}

interface MonthCount {
  month: string;
  secret: number;
  pii: number;
}

/** Every month from the first finding's to the last one's, empty months included, so the gaps show. */
export function monthCounts(findings: readonly RedactedFinding[]): MonthCount[] {
  const counts = new Map<string, MonthCount>();
  for (const finding of findings) {
    const month = finding.date.slice(0, 7);
    if (!/^\d{4}-\d{2}$/.test(month)) continue;
    const entry = counts.get(month) ?? { month, secret: 0, pii: 0 };
    entry[finding.category] += 1;
    counts.set(month, entry);
  }
  const known = [...counts.keys()].sort();
  const first = known[0];
  const last = known[known.length - 1];
  if (first === undefined || last === undefined) return [];
  const months: MonthCount[] = [];
  for (let month = first; month <= last; month = nextMonth(month)) months.push(counts.get(month) ?? { month, secret: 0, pii: 0 });
  return months;
}

function nextMonth(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
}

function tops(findings: readonly RedactedFinding[]): string {
  const lists = [
    ...(findings.some((f) => f.repository !== undefined) ? [topList('Top repositories', 'repositories', findings.map((f) => f.repository ?? ''))] : []),
    topList('Top files', 'files', findings.map((f) => f.path)),
    topList('Top authors', 'authors', findings.map((f) => f.author)),
    topList('Top rules', 'rules', findings.map((f) => f.ruleId)),
  ];
  return `<section class="tops">\n${lists.join('\n')}\n</section>`;
}

/** The most frequent values (ties in name order), each with its count of findings. */
function topList(title: string, id: string, values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) if (value !== '') counts.set(value, (counts.get(value) ?? 0) + 1);
  const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, TOP);
  const items = top.map(([value, n]) => `<li><span class="name">${escapeHtml(value)}</span><span class="count">${plural(n, 'finding')}</span></li>`);
  const list = items.length === 0 ? '<p>None recorded.</p>' : `<ol>\n${items.join('\n')}\n</ol>`;
  return `<div class="panel" id="top-${id}"><h2>${title}</h2>\n${list}\n</div>`;
}

function findingsSection(findings: readonly RedactedFinding[], webUrl: string | undefined): string {
  const rows = findings.map((finding) => pageRow(finding, webUrl));
  const heads = ['Rule', 'Confidence', 'Category', 'Secret', 'Location', 'Commit', 'Author', 'Date', 'Line'];
  return `<section class="panel" id="findings">
<h2>Findings</h2>
<div class="filters" role="search">
<input id="search" type="search" placeholder="Filter: rule, path, author, commit, masked text…" aria-label="Filter findings">
<select id="confidence" aria-label="Confidence"><option value="">Any confidence</option><option value="high">High</option><option value="medium">Medium</option><option value="low">Low</option></select>
<select id="category" aria-label="Category"><option value="">Secrets and personal data</option><option value="secret">Secrets</option><option value="pii">Personal data</option></select>
<select id="rule" aria-label="Rule"><option value="">Every rule</option></select>
<button id="clear" type="button">Clear</button>
<span id="count" aria-live="polite"></span>
</div>
<div class="table-scroll"><table>
<thead><tr>${heads.map((head) => `<th scope="col">${head}</th>`).join('')}</tr></thead>
<tbody id="rows"></tbody>
</table></div>
<button id="more" type="button" hidden>Show more</button>
<noscript><p>The table of findings needs JavaScript; the JSON block in this file holds them all.</p></noscript>
</section>
<script type="application/json" id="leakwatch-data">${scriptSafeJson(rows)}</script>`;
}

function pageRow(finding: RedactedFinding, webUrl: string | undefined): PageRow {
  const url = commitUrl(webUrl, finding.commit);
  return {
    r: finding.ruleId, d: finding.description, c: finding.confidence, why: finding.reasons.join('; '), k: finding.category,
    s: finding.secret, m: finding.match, ...(finding.repository === undefined ? {} : { g: finding.repository }), p: finding.path, l: finding.line, n: finding.occurrenceCount,
    o: finding.commit, ...(url === undefined ? {} : { u: url }), msg: finding.message, a: finding.author, t: finding.date,
  };
}

/**
 * JSON that can sit inside a <script> element: `<`, `>` and `&` are escaped so no text can close
 * the element or open a comment, and U+2028/U+2029 so older parsers read it as JSON reads it.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
