// Scans the whole history of a repository with the team's configuration and
// prints a JSON report with every secret masked; exits 1 on findings, 2 on errors.
// Run: node dist/examples/scan.js [REPO]
import { formatReport, LeakwatchError, loadConfig, Redactor, scan } from '../src/index.js';

const path = process.argv[2] ?? '.';
try {
  const config = loadConfig(path); // .leakwatch.toml, else .gitleaks.toml, at REPO
  for (const note of config.notes) process.stderr.write(`note: ${note}\n`);
  const result = await scan({ source: { kind: 'history', path }, config });
  // Findings hold the raw secrets: redact each one before it goes anywhere.
  const redactor = new Redactor('mask', result.detector.findSecrets);
  const findings = result.findings.map((finding) => redactor.redact(finding));
  process.stdout.write(formatReport('json', findings, result.rules));
  process.stderr.write(`scanned ${result.counted} in ${result.summary.durationMs} ms\n`);
  process.exitCode = findings.length > 0 ? 1 : 0;
} catch (error) {
  if (!(error instanceof LeakwatchError)) throw error;
  process.stderr.write(`error (${error.code}): ${error.message}\n`);
  process.exitCode = 2;
}
