// The HTML report as text: self-contained (nothing to load, a policy that forbids loading), data no
// finding can break out of, the summary, timeline and top lists, commit links only for known forges.
// test/report/html-browser.test.ts opens it in a real browser.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { contentSecurityPolicy, escapeHtml, formatHtml, htmlFormat, monthCounts, scriptSafeJson } from '../../src/report/html.js';
import { PAGE_STYLE, pageScript, type PageRow } from '../../src/report/html-page.js';
import { RULES, occurrence, redactedFinding } from '../helpers/findings.js';

const OID = '0123456789abcdef0123456789abcdef01234567';
const HOSTILE = '</script><script>alert(1)</script><!--';

/** The rows the page's script will draw, as the JSON block holds them. */
function pageRows(html: string): PageRow[] {
  const block = /<script type="application\/json" id="leakwatch-data">([^<]*)<\/script>/.exec(html);
  assert.ok(block !== null, 'no JSON block');
  return JSON.parse(block[1] ?? '') as PageRow[];
}

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

describe('html report', () => {
  it('is one page that loads nothing: no src or href, no url() or @import, and a policy that forbids loading', () => {
    const html = formatHtml([redactedFinding({ commit: OID })], { webUrl: 'https://github.com/acme/api', scope: 'the whole history' });
    assert.ok(html.startsWith('<!DOCTYPE html>'));
    // Markup only: the script sets href on commit links alone, from the data's forge addresses.
    const markup = html.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/g, '');
    assert.doesNotMatch(markup, /\s(?:src|href|srcset|action|poster|data)\s*=/i);
    assert.doesNotMatch(pageScript.toString(), /\.src\b|srcset|setAttribute|innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    assert.doesNotMatch(html, /url\(|@import/i);
    // The only addresses are the forge's, as text in the header and as links in the data.
    const addresses = html.match(/https?:\/\/[^\s"'<>)]+/g) ?? [];
    assert.deepEqual([...new Set(addresses)].sort(), ['https://github.com/acme/api', `https://github.com/acme/api/commit/${OID}`]);
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    assert.match(policy, /^default-src 'none'; /);
    assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<style>'), 'the policy comes before the style sheet');
  });

  it('allows exactly its own style sheet and script, by hash', () => {
    const html = formatHtml([redactedFinding()]);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1];
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');
    assert.equal(style, PAGE_STYLE);
    assert.equal(scripts.length, 1);
    assert.ok(scripts[0]?.includes(pageScript.name));
    const policy = contentSecurityPolicy();
    assert.ok(policy.includes(`style-src ${sha256(style ?? '')}`), policy);
    assert.ok(policy.includes(`script-src ${sha256(scripts[0] ?? '')}`), policy);
    assert.ok(!policy.includes('unsafe'), policy);
  });

  it('keeps a finding\'s text inside the JSON block, whatever it holds', () => {
    const tricky = `${HOSTILE} \u2028\u2029 & <b>`;
    const html = formatHtml([redactedFinding({ match: tricky, secret: HOSTILE, author: '<img src=x onerror=alert(1)>', path: 'a/<script>.env' })]);
    assert.equal(html.match(/<script/g)?.length, 2, 'a finding opened a script element');
    assert.equal(html.match(/<\/script>/g)?.length, 2, 'a finding closed a script element');
    assert.ok(!html.includes('<img'), 'markup from a finding reached the page');
    assert.ok(!html.includes('\u2028') && !html.includes('\u2029'));
    const [row] = pageRows(html);
    assert.equal(row?.m, tricky);
    assert.equal(row?.s, HOSTILE);
    // The top lists are static HTML: escaped there.
    assert.ok(html.includes('<span class="name">a/&#60;script&#62;.env</span>'));
    assert.ok(html.includes('<span class="name">&#60;img src=x onerror=alert(1)&#62;</span>'));
  });

  it('escapes what HTML and script text could misread', () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
    assert.equal(scriptSafeJson(['</script>&\u2028']), '["\\u003c/script\\u003e\\u0026\\u2028"]');
    assert.deepEqual(JSON.parse(scriptSafeJson(['</script>&\u2028'])), ['</script>&\u2028']);
  });

  it('says so when there is nothing to show, and runs no script', () => {
    const html = formatHtml([], { scope: 'the whole history' });
    assert.match(html, /<h1>leakwatch report: no leaks found<\/h1>/);
    assert.match(html, /No leaks found\./);
    assert.ok(!html.includes('<script'));
    assert.match(html, /data-card="total"><div class="value">0</);
  });

  it('counts findings by confidence and category, and distinct rules, files and commits', () => {
    const html = formatHtml([
      redactedFinding({ commit: 'c'.repeat(40), path: 'a.env' }),
      redactedFinding({ commit: 'c'.repeat(40), path: 'b.env', confidence: 'medium', ruleId: 'generic-password' }),
      redactedFinding({ commit: 'd'.repeat(40), path: 'a.env', confidence: 'low', category: 'pii', ruleId: 'email' }),
      redactedFinding({ commit: '', author: '', date: '', path: 'c.txt', category: 'pii', ruleId: 'email', confidence: 'medium' }),
    ]);
    const cards = Object.fromEntries([...html.matchAll(/data-card="(\w+)"><div class="value">(\d+)</g)].map((m) => [m[1], Number(m[2])]));
    assert.deepEqual(cards, { total: 4, high: 1, medium: 2, low: 1, secret: 2, pii: 2, rules: 3, files: 3, commits: 2 });
  });

  it('lists secrets before personal data and the surest first, as the table does', () => {
    const rows = pageRows(formatHtml([
      redactedFinding({ ruleId: 'email', category: 'pii', confidence: 'high' }),
      redactedFinding({ ruleId: 'generic-password', confidence: 'low' }),
      redactedFinding({ ruleId: 'github-token', confidence: 'high' }),
      redactedFinding({ ruleId: 'aws', confidence: 'medium' }),
    ]));
    assert.deepEqual(rows.map((row) => row.r), ['github-token', 'aws', 'generic-password', 'email']);
  });

  it('links commits on a known forge, the way the forge spells it, and nowhere else', () => {
    const finding = redactedFinding({ commit: OID, occurrences: [occurrence('b.env', 2)] });
    assert.equal(pageRows(formatHtml([finding], { webUrl: 'https://gitlab.com/g/api' }))[0]?.u, `https://gitlab.com/g/api/-/commit/${OID}`);
    assert.equal(pageRows(formatHtml([finding], { webUrl: 'https://bitbucket.org/t/api' }))[0]?.u, `https://bitbucket.org/t/api/commits/${OID}`);
    assert.equal(pageRows(formatHtml([finding]))[0]?.u, undefined);
    assert.equal(pageRows(formatHtml([finding], { webUrl: 'https://evil.example/a/b' }))[0]?.u, undefined);
    assert.equal(pageRows(formatHtml([finding]))[0]?.n, 1);
  });

  it('counts findings per month of their commit, empty months included, secrets and personal data apart', () => {
    const months = monthCounts([
      redactedFinding({ date: '2023-11-14T22:13:20+02:00' }),
      redactedFinding({ date: '2024-02-01T10:00:00+00:00', category: 'pii' }),
      redactedFinding({ date: '2024-02-03T10:00:00+00:00' }),
      redactedFinding({ date: '' }),
    ]);
    assert.deepEqual(months, [
      { month: '2023-11', secret: 1, pii: 0 },
      { month: '2023-12', secret: 0, pii: 0 },
      { month: '2024-01', secret: 0, pii: 0 },
      { month: '2024-02', secret: 1, pii: 1 },
    ]);
    const html = formatHtml([redactedFinding({ date: '2023-11-14T22:13:20+02:00' }), redactedFinding({ date: '2024-02-01T10:00:00+00:00' })]);
    assert.equal(html.match(/<g data-month=/g)?.length, 4);
    assert.match(html, /from 2023-11 to 2024-02/);
  });

  it('lists the top files, authors and rules with their counts', () => {
    const html = formatHtml([
      redactedFinding({ path: 'a.env', author: 'Ana Lima' }),
      redactedFinding({ path: 'a.env', author: 'Bruno Sá' }),
      redactedFinding({ path: 'b.env', author: 'Bruno Sá' }),
    ]);
    const top = (id: string): string[] => {
      const section = new RegExp(`<div class="panel" id="top-${id}">([\\s\\S]*?)</div>`).exec(html)?.[1] ?? '';
      return [...section.matchAll(/<span class="name">([^<]*)<\/span><span class="count">([^<]*)</g)].map((m) => `${m[1]}: ${m[2]}`);
    };
    assert.deepEqual(top('files'), ['a.env: 2 findings', 'b.env: 1 finding']);
    assert.deepEqual(top('authors'), ['Bruno Sá: 2 findings', 'Ana Lima: 1 finding']);
    assert.deepEqual(top('rules'), ['github-token: 3 findings']);
  });

  it('warns when the findings were not masked', () => {
    assert.match(formatHtml([redactedFinding()], { redacted: false }), /holds raw secrets/);
    assert.doesNotMatch(formatHtml([redactedFinding()]), /holds raw secrets/);
  });

  it('is written whole, the same bytes for the same findings', () => {
    const findings = [redactedFinding(), redactedFinding({ line: 9 })];
    const pieces = [...htmlFormat.write(findings, RULES, { scope: 'x' })];
    assert.equal(pieces.length, 1);
    assert.equal(pieces[0], formatHtml(findings, { scope: 'x' }));
  });
});
