// The HTML report in a real browser (Debian's chromium through playwright-core): a report of a real
// scan renders its cards, timeline, lists and rows; the filters narrow the rows and the count; the
// page logs no error, asks for nothing over the network, and holds no raw value. Without a browser
// every test here reports itself skipped, never passed.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { buildAuditFixture, type AuditFixture } from '../../fixtures/audit-repo.js';
import { chromiumPath, launchChromium } from '../../fixtures/browser.js';
import { tempDir } from '../../fixtures/repo.js';
import { rawValues } from '../../fixtures/secrets.js';
import type { RedactedFinding } from '../../src/model/types.js';
import { formatHtml } from '../../src/report/html.js';
import { reportOrder } from '../../src/report/table.js';
import { runCli } from '../helpers/cli.js';
import { redactedFinding } from '../helpers/findings.js';

interface Opened {
  page: Page;
  url: string;
  /** Console errors (a policy violation is one) and uncaught exceptions. */
  errors: string[];
  /** Every request the page made, the page itself included. */
  requests: string[];
}

const executable = chromiumPath();
let browser: Browser | undefined;

/** The browser, or undefined after marking the test skipped: a machine without chromium tests nothing here. */
function browserFor(t: TestContext): Browser | undefined {
  if (browser === undefined) t.skip(executable === undefined ? 'no chromium installed' : 'chromium did not start');
  return browser;
}

async function open(using: Browser, file: string): Promise<Opened> {
  const page = await using.newPage();
  const opened: Opened = { page, url: pathToFileURL(file).href, errors: [], requests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') opened.errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => opened.errors.push(`page: ${error.message}`));
  page.on('request', (request) => opened.requests.push(request.url()));
  await page.goto(opened.url, { waitUntil: 'load' });
  return opened;
}

async function openHtml(using: Browser, html: string): Promise<Opened> {
  const file = join(tempDir('leakwatch-html-'), 'report.html');
  writeFileSync(file, html);
  return open(using, file);
}

const rowCount = (page: Page): Promise<number> => page.locator('#rows tr').count();
const cardValue = async (page: Page, key: string): Promise<number> => Number(await page.locator(`[data-card="${key}"] .value`).textContent());

/** Waits until the count line says `matching` findings pass the filters (typing is debounced). */
async function untilMatching(page: Page, matching: number): Promise<void> {
  await page.waitForFunction((n) => document.getElementById('count')?.dataset.matching === n, String(matching), { timeout: 5000 });
}

function assertQuiet(opened: Opened): void {
  assert.deepEqual(opened.errors, []);
  assert.deepEqual(opened.requests, [opened.url], 'the page asked for something besides itself');
}

describe('html report in a browser', () => {
  let fixture: AuditFixture | undefined;
  let report = '';
  let expected: RedactedFinding[] = [];

  before(async () => {
    if (executable !== undefined) browser = await launchChromium(executable);
    fixture = buildAuditFixture();
    // The real pipeline, as a user runs it: the CLI scans the history and writes the file.
    report = join(tempDir('leakwatch-html-'), 'report.html');
    const html = await runCli(['scan', fixture.repo.dir, '--confidence', 'low', '-f', 'html', '-o', report], { env: {} });
    assert.equal(html.code, 1, html.stderr);
    const json = await runCli(['scan', fixture.repo.dir, '--confidence', 'low', '-f', 'json'], { env: {} });
    expected = JSON.parse(json.stdout) as RedactedFinding[];
  });

  after(async () => {
    await browser?.close();
    fixture?.repo.remove();
  });

  it('finds a browser or reports itself skipped', (t) => {
    if (browserFor(t) === undefined) return;
    assert.ok(executable !== undefined && browser?.isConnected());
  });

  it('renders the cards, the timeline, the top lists and every finding, quietly', async (t) => {
    const using = browserFor(t);
    if (using === undefined) return;
    const opened = await open(using, report);
    const { page } = opened;
    assert.ok(expected.length >= 8, `the fixture gave ${expected.length} findings`);
    assert.equal(await cardValue(page, 'total'), expected.length);
    assert.equal(await cardValue(page, 'high'), expected.filter((f) => f.confidence === 'high').length);
    assert.equal(await cardValue(page, 'pii'), expected.filter((f) => f.category === 'pii').length);
    assert.equal(await cardValue(page, 'commits'), new Set(expected.map((f) => f.commit)).size);
    assert.equal(await rowCount(page), expected.length);
    assert.equal(await page.locator('#count').textContent(), `Showing ${expected.length} of ${expected.length}`);
    assert.equal(await page.locator('#timeline g[data-month]').count(), 6, 'January to June 2024');
    assert.ok(await page.locator('#timeline rect').first().isVisible());
    assert.deepEqual(await page.locator('#top-authors .name').allTextContents(), ['Ana Lima', 'Bruno Sá', 'Carla Dias']);
    assert.equal(await page.locator('#top-files .name').first().textContent(), 'config/app.env');
    // Secrets first, the surest first, as the table orders them.
    const order = [...expected].sort(reportOrder);
    assert.deepEqual(await page.locator('#rows tr td:nth-child(1)').allTextContents(), order.map((f) => f.ruleId));
    assert.deepEqual(await page.locator('#rows tr td:nth-child(2)').allTextContents(), order.map((f) => f.confidence));
    assertQuiet(opened);
    await page.close();
  });

  it('links each commit to its page on the forge of origin, without the token in origin\'s URL', async (t) => {
    const using = browserFor(t);
    if (using === undefined) return;
    const opened = await open(using, report);
    const links = await opened.page.locator('#rows a').evaluateAll((anchors) => anchors.map((a) => (a instanceof HTMLAnchorElement ? a.href : '')));
    assert.equal(links.length, expected.length);
    assert.deepEqual(new Set(links), new Set(expected.map((f) => `${fixture?.webUrl ?? ''}/commit/${f.commit}`)));
    assertQuiet(opened);
    await opened.page.close();
  });

  it('narrows the rows and the count as the filters change', async (t) => {
    const using = browserFor(t);
    if (using === undefined) return;
    const opened = await open(using, report);
    const { page } = opened;
    const all = expected.length;

    await page.fill('#search', 'deploy/');
    const inDeploy = expected.filter((f) => f.path.startsWith('deploy/')).length;
    await untilMatching(page, inDeploy);
    assert.ok(inDeploy > 0 && inDeploy < all);
    assert.equal(await rowCount(page), inDeploy);
    assert.equal(await page.locator('#count').textContent(), `Showing ${inDeploy} of ${all}`);

    await page.fill('#search', 'no such thing anywhere');
    await untilMatching(page, 0);
    assert.equal(await page.locator('#rows td.none').textContent(), 'No finding matches these filters.');

    await page.click('#clear');
    await untilMatching(page, all);
    assert.equal(await rowCount(page), all);

    await page.selectOption('#confidence', 'high');
    const high = expected.filter((f) => f.confidence === 'high').length;
    await untilMatching(page, high);
    assert.ok(high > 0 && high < all);
    assert.deepEqual(new Set(await page.locator('#rows tr td:nth-child(2)').allTextContents()), new Set(['high']));

    await page.selectOption('#confidence', '');
    await page.selectOption('#category', 'pii');
    await untilMatching(page, expected.filter((f) => f.category === 'pii').length);

    await page.selectOption('#category', '');
    const rules = await page.locator('#rule option').allTextContents();
    assert.deepEqual(rules.slice(1), [...new Set(expected.map((f) => f.ruleId))].sort());
    await page.selectOption('#rule', 'github-token');
    await untilMatching(page, expected.filter((f) => f.ruleId === 'github-token').length);
    assertQuiet(opened);
    await page.close();
  });

  it('holds no raw value, in the file or in the page the script built', async (t) => {
    const using = browserFor(t);
    if (using === undefined) return;
    const opened = await open(using, report);
    const source = readFileSync(report, 'utf8');
    const built = await opened.page.content();
    for (const raw of [...(fixture?.raw ?? []), ...rawValues]) {
      assert.equal(source.includes(raw), false, `the file holds a raw value (${raw.length} characters)`);
      assert.equal(built.includes(raw), false, `the page holds a raw value (${raw.length} characters)`);
    }
    assertQuiet(opened);
    await opened.page.close();
  });

  it('shows markup in a finding as text: it neither runs nor loads', async (t) => {
    const using = browserFor(t);
    if (using === undefined) return;
    const hostile = '</script><script>window.pwned = 1</script>';
    const image = '<img src=x onerror="window.pwned = 2">';
    const opened = await openHtml(using, formatHtml([redactedFinding({ secret: hostile, match: image, author: image, path: `${hostile}.env` })]));
    const { page } = opened;
    assert.equal(await page.evaluate(() => 'pwned' in window), false);
    assert.equal(await page.locator('#rows tr td:nth-child(4)').textContent(), hostile);
    assert.equal(await page.locator('#rows tr td.match').textContent(), image);
    assert.equal(await page.locator('#top-authors .name').textContent(), image);
    assertQuiet(opened);
    await page.close();
  });

  it('says no leaks were found when there are none', async (t) => {
    const using = browserFor(t);
    if (using === undefined) return;
    const opened = await openHtml(using, formatHtml([], { scope: 'the whole history' }));
    assert.equal(await opened.page.locator('.clean').textContent(), 'No leaks found.');
    assert.equal(await cardValue(opened.page, 'total'), 0);
    assertQuiet(opened);
    await opened.page.close();
  });

  it('stays quick with 5,000 findings: a page of rows at a time, filtering within two seconds (about a fifth of one here)', async (t) => {
    const using = browserFor(t);
    if (using === undefined) return;
    const many = Array.from({ length: 5000 }, (_, i) => redactedFinding({
      path: `src/module-${i}.env`, line: i + 1, confidence: i % 3 === 0 ? 'high' : 'medium',
      date: `20${String(15 + (i % 10)).padStart(2, '0')}-${String(1 + (i % 12)).padStart(2, '0')}-01T10:00:00+00:00`,
    }));
    const started = Date.now();
    const opened = await openHtml(using, formatHtml(many));
    const { page } = opened;
    assert.equal(await page.locator('#count').textContent(), 'Showing 500 of 5000 matching (5000 in all)');
    assert.equal(await rowCount(page), 500);
    const loaded = Date.now() - started;
    assert.ok(loaded < 5000, `${loaded} ms to open`);
    await page.click('#more');
    assert.equal(await rowCount(page), 1000);
    const filtering = Date.now();
    await page.fill('#search', 'module-4999.env');
    await untilMatching(page, 1);
    assert.ok(Date.now() - filtering < 2000, `${Date.now() - filtering} ms to filter`);
    assert.equal(await rowCount(page), 1);
    assertQuiet(opened);
    await page.close();
  });
});
