// JSON (an array of findings) and JSON Lines (one finding per line). In JSON,
// each occurrence takes one line: a secret kept through thousands of versions
// lists thousands of places, and seven lines each would only bloat the report.
import type { RedactedFinding } from '../types.js';

export function formatJson(findings: readonly RedactedFinding[]): string {
  if (findings.length === 0) return '[]\n';
  return `[\n${findings.map(formatFinding).join(',\n')}\n]\n`;
}

export function formatJsonl(findings: readonly RedactedFinding[]): string {
  return findings.map((finding) => `${JSON.stringify(finding)}\n`).join('');
}

function formatFinding(finding: RedactedFinding): string {
  const { occurrences, ...fields } = finding;
  const body = JSON.stringify(fields, null, 2).replace(/\n\}$/, '');
  const list = occurrences.length === 0 ? '[]' : `[\n${occurrences.map((o) => `      ${JSON.stringify(o)}`).join(',\n')}\n    ]`;
  return `  ${body.replace(/\n/g, '\n  ')},\n    "occurrences": ${list}\n  }`;
}
