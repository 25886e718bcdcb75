// Takes the README's picture of the HTML report: a CLI scan of the fixture history (fake secrets,
// masked) written as HTML, opened in chromium, saved as a PNG.
// `node dist/bench/html-screenshot.js [OUT.png]` (default docs/html-report.png).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { buildAuditFixture } from '../fixtures/audit-repo.js';
import { chromiumPath, launchChromium } from '../fixtures/browser.js';
import { tempDir } from '../fixtures/repo.js';
import { main } from '../src/cli/main.js';

const out = process.argv[2] ?? join('docs', 'html-report.png');
const executable = chromiumPath();
if (executable === undefined) throw new Error('no chromium installed (set LEAKWATCH_CHROMIUM to use another)');

const fixture = buildAuditFixture();
const dir = tempDir('leakwatch-shot-');
try {
  const report = join(dir, 'report.html');
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  await main(['scan', fixture.repo.dir, '--confidence', 'low', '-f', 'html', '-o', report], { stdout: discard, stderr: discard, env: {} });
  const browser = await launchChromium(executable);
  try {
    const page = await browser.newPage({ viewport: { width: 1180, height: 900 }, colorScheme: 'light' });
    await page.goto(pathToFileURL(report).href);
    // A filter in use, as a reader would have it (and a shorter picture: the README's stays under 200 KB).
    await page.selectOption('#confidence', 'high');
    await page.screenshot({ path: out, fullPage: true });
  } finally {
    await browser.close();
  }
  process.stderr.write(`wrote ${out}\n`);
} finally {
  fixture.repo.remove();
  rmSync(dir, { recursive: true, force: true });
}
