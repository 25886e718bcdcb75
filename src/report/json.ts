// JSON (an array of findings) and JSON Lines (one finding per line).
import type { RedactedFinding } from '../types.js';

export function formatJson(findings: readonly RedactedFinding[]): string {
  return `${JSON.stringify(findings, null, 2)}\n`;
}

export function formatJsonl(findings: readonly RedactedFinding[]): string {
  return findings.map((finding) => `${JSON.stringify(finding)}\n`).join('');
}
