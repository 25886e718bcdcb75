// What the HTML report carries besides its data: its style sheet and the
// script that draws and filters the table of findings in the browser. Both are
// inlined (the page loads nothing) and allowed by hash in the page's
// Content-Security-Policy, so no other script or style could run in it.
// The script is written here as a typed function and inlined by its source
// text: it runs in the browser only, so it may use nothing outside itself.

/** One finding as the page's script reads it (short keys: a report may hold thousands). Every text is masked already. */
export interface PageRow {
  /** rule id, its description */
  r: string;
  d: string;
  /** confidence, and the reasons for it */
  c: 'high' | 'medium' | 'low';
  why: string;
  /** category */
  k: 'secret' | 'pii';
  /** masked secret, masked line excerpt */
  s: string;
  m: string;
  /** the repository, in a report of several */
  g?: string;
  /** path, line, how many other places hold the same secret */
  p: string;
  l: number;
  n: number;
  /** commit id, its page on the forge (when known), masked subject */
  o: string;
  u?: string;
  msg: string;
  /** author's name, author date */
  a: string;
  t: string;
}

export const PAGE_STYLE = `
:root {
  color-scheme: light dark;
  --bg: #f6f7f9; --panel: #ffffff; --text: #1d2430; --muted: #5d6778; --line: #dfe3ea;
  --accent: #3056d3; --secret: #d64545; --pii: #d68a1f; --high: #c0392b; --medium: #b9770e; --low: #607085;
  --code-bg: #eef1f5; --row-hover: #f0f4ff;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #12151b; --panel: #1b2029; --text: #e3e7ee; --muted: #9aa4b5; --line: #2c3340;
    --accent: #7d9cff; --secret: #f07070; --pii: #f0b050; --high: #ff7b6b; --medium: #f3b94d; --low: #93a1b8;
    --code-bg: #252c38; --row-hover: #222a38;
  }
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; background: var(--bg); color: var(--text); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
main { max-width: 1320px; margin: 0 auto; padding: 24px 20px 48px; }
header h1 { margin: 0 0 4px; font-size: 24px; letter-spacing: -0.01em; }
header p { margin: 2px 0; color: var(--muted); }
.warning { margin-top: 10px; padding: 8px 12px; border-radius: 6px; background: var(--secret); color: #fff; font-weight: 600; }
h2 { font-size: 16px; margin: 0 0 12px; }
h2 small { font-size: 13px; font-weight: normal; color: var(--muted); }
section { margin-top: 20px; }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 16px 18px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(104px, 1fr)); gap: 10px; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px; border-top: 3px solid var(--line); }
.card .value { font-size: 26px; font-weight: 650; font-variant-numeric: tabular-nums; }
.card .label { color: var(--muted); font-size: 11px; text-transform: uppercase; letter-spacing: 0.04em; }
.card.total { border-top-color: var(--accent); }
.card.high { border-top-color: var(--high); } .card.medium { border-top-color: var(--medium); } .card.low { border-top-color: var(--low); }
.card.secret { border-top-color: var(--secret); } .card.pii { border-top-color: var(--pii); }
.clean { font-size: 18px; font-weight: 600; }
.timeline-scroll { overflow-x: auto; }
.timeline-scroll svg { display: block; }
.bar-secret { fill: var(--secret); } .bar-pii { fill: var(--pii); }
.axis { stroke: var(--line); } .tick { fill: var(--muted); font-size: 11px; } .bar-total { fill: var(--text); font-size: 11px; }
.legend { display: flex; gap: 16px; color: var(--muted); font-size: 12px; margin-top: 8px; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; vertical-align: baseline; }
.swatch.secret { background: var(--secret); } .swatch.pii { background: var(--pii); }
.tops { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 16px; }
.tops ol { margin: 0; padding: 0; list-style: none; }
.tops li { display: flex; justify-content: space-between; gap: 12px; padding: 5px 0; border-bottom: 1px solid var(--line); }
.tops li:last-child { border-bottom: 0; }
.tops .name { overflow-wrap: anywhere; }
.tops .count { color: var(--muted); font-variant-numeric: tabular-nums; white-space: nowrap; }
.filters { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; margin-bottom: 12px; }
.filters input, .filters select, .filters button { font: inherit; color: var(--text); background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: 6px 10px; }
.filters input { flex: 1 1 260px; }
.filters button, #more { cursor: pointer; }
#count { color: var(--muted); margin-left: auto; font-variant-numeric: tabular-nums; }
.table-scroll { overflow-x: auto; }
table { width: 100%; border-collapse: collapse; font-size: 13px; }
th { text-align: left; font-weight: 600; color: var(--muted); border-bottom: 2px solid var(--line); padding: 6px 8px; white-space: nowrap; }
td { border-bottom: 1px solid var(--line); padding: 6px 8px; vertical-align: top; }
tbody tr:hover { background: var(--row-hover); }
code { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--code-bg); border-radius: 4px; padding: 1px 4px; overflow-wrap: anywhere; }
td.match code { display: inline-block; max-width: 420px; white-space: pre-wrap; }
td.place { overflow-wrap: anywhere; min-width: 160px; }
.others { display: block; color: var(--muted); font-size: 12px; }
.badge { display: inline-block; white-space: nowrap; border-radius: 999px; padding: 1px 8px; font-size: 12px; font-weight: 600; border: 1px solid currentColor; }
.badge.high { color: var(--high); } .badge.medium { color: var(--medium); } .badge.low { color: var(--low); }
.badge.secret { color: var(--secret); } .badge.pii { color: var(--pii); }
a { color: var(--accent); }
.nowrap { white-space: nowrap; }
#more { display: block; margin: 12px auto 0; font: inherit; color: var(--text); background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: 6px 14px; }
td.none { text-align: center; color: var(--muted); padding: 18px; }
footer { margin-top: 24px; color: var(--muted); font-size: 12px; }
`;

/**
 * The page's script: reads the findings from the JSON block, fills the rule filter, and draws the
 * rows that pass the filters, a page at a time (thousands of rows stay quick to filter). Text goes
 * in through textContent only: nothing from a finding is ever parsed as HTML.
 */
export function pageScript(): void {
  const PAGE = 500;
  const byId = <T extends HTMLElement>(id: string): T => {
    const element = document.getElementById(id);
    if (element === null) throw new Error(`the page has no #${id}`);
    return element as T;
  };
  const data = document.getElementById('leakwatch-data');
  if (data === null) return; // no findings: nothing to draw
  const rows = JSON.parse(data.textContent ?? '[]') as PageRow[];
  const haystacks = rows.map((row) => [row.r, row.d, row.s, row.m, row.g ?? '', row.p, row.o, row.a, row.msg, row.t].join('\n').toLowerCase());
  const search = byId<HTMLInputElement>('search');
  const confidence = byId<HTMLSelectElement>('confidence');
  const category = byId<HTMLSelectElement>('category');
  const rule = byId<HTMLSelectElement>('rule');
  const body = byId<HTMLTableSectionElement>('rows');
  const count = byId<HTMLElement>('count');
  const more = byId<HTMLButtonElement>('more');
  let matching: number[] = [];
  let shown = 0;

  const element = (tag: string, className: string, text?: string): HTMLElement => {
    const made = document.createElement(tag);
    if (className !== '') made.className = className;
    if (text !== undefined) made.textContent = text;
    return made;
  };
  const cell = (row: HTMLTableRowElement, className: string, ...content: Node[]): void => {
    const td = row.insertCell();
    if (className !== '') td.className = className;
    td.append(...content);
  };
  const commitNode = (found: PageRow): Node => {
    if (found.o === '') return document.createTextNode('-');
    const link = found.u !== undefined && found.u.startsWith('https://');
    const node = element(link ? 'a' : 'code', '', found.o.slice(0, 10));
    if (link && node instanceof HTMLAnchorElement) {
      node.href = found.u ?? '';
      node.rel = 'noopener noreferrer';
      node.target = '_blank';
    }
    node.title = found.msg;
    return node;
  };
  const rowFor = (found: PageRow): HTMLTableRowElement => {
    const row = document.createElement('tr');
    const ruleName = element('code', '', found.r);
    ruleName.title = found.d;
    cell(row, 'nowrap', ruleName);
    const sure = element('span', `badge ${found.c}`, found.c);
    sure.title = found.why;
    cell(row, '', sure);
    cell(row, '', element('span', `badge ${found.k}`, found.k === 'secret' ? 'secret' : 'personal data'));
    cell(row, 'nowrap', element('code', '', found.s));
    const place = found.n === 0 ? [] : [element('span', 'others', `+${found.n} other place${found.n === 1 ? '' : 's'}`)];
    cell(row, 'place', element('span', '', `${found.g === undefined ? '' : `${found.g}: `}${found.p}:${found.l}`), ...place);
    cell(row, 'nowrap', commitNode(found));
    cell(row, 'nowrap', document.createTextNode(found.a === '' ? '-' : found.a));
    const day = element('span', 'nowrap', found.t === '' ? '-' : found.t.slice(0, 10));
    day.title = found.t;
    cell(row, '', day);
    // The line's indentation says nothing about the leak; the search still sees the whole excerpt.
    cell(row, 'match', element('code', '', found.m.trimStart()));
    return row;
  };
  const draw = (from: number): void => {
    const fragment = document.createDocumentFragment();
    for (const index of matching.slice(from, shown)) {
      const found = rows[index];
      if (found !== undefined) fragment.append(rowFor(found));
    }
    if (from === 0) body.replaceChildren(fragment);
    else body.append(fragment);
    if (matching.length === 0) {
      const row = body.insertRow();
      const td = row.insertCell();
      td.colSpan = 9;
      td.className = 'none';
      td.textContent = 'No finding matches these filters.';
    }
    const cut = shown < matching.length;
    count.textContent = cut ? `Showing ${shown} of ${matching.length} matching (${rows.length} in all)` : `Showing ${matching.length} of ${rows.length}`;
    count.dataset.matching = String(matching.length);
    more.hidden = !cut;
    more.textContent = `Show ${Math.min(PAGE, matching.length - shown)} more`;
  };
  const apply = (): void => {
    const words = search.value.toLowerCase().split(/\s+/).filter((word) => word !== '');
    matching = [];
    rows.forEach((found, index) => {
      if (confidence.value !== '' && found.c !== confidence.value) return;
      if (category.value !== '' && found.k !== category.value) return;
      if (rule.value !== '' && found.r !== rule.value) return;
      const text = haystacks[index] ?? '';
      if (words.every((word) => text.includes(word))) matching.push(index);
    });
    shown = Math.min(PAGE, matching.length);
    draw(0);
  };

  for (const id of [...new Set(rows.map((found) => found.r))].sort()) {
    const option = document.createElement('option');
    option.value = id;
    option.textContent = id;
    rule.append(option);
  }
  let typing: ReturnType<typeof setTimeout> | undefined;
  search.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(apply, 120);
  });
  for (const select of [confidence, category, rule]) select.addEventListener('change', apply);
  byId<HTMLButtonElement>('clear').addEventListener('click', () => {
    search.value = '';
    for (const select of [confidence, category, rule]) select.value = '';
    apply();
  });
  more.addEventListener('click', () => {
    const from = shown;
    shown = Math.min(shown + PAGE, matching.length);
    draw(from);
  });
  apply();
}
