// JSON (an array of findings) and JSON Lines (one finding per line). In JSON,
// each occurrence takes one line: a secret kept through thousands of versions
// lists thousands of places, and seven lines each would only bloat the report.
import type { RedactedFinding } from '../types.js';

export function formatJson(findings: readonly RedactedFinding[]): string {
  return [...jsonChunks(findings)].join('');
}

/** The JSON report a finding at a time: a history with many findings is written without building one string. */
export function* jsonChunks(findings: Iterable<RedactedFinding>): Iterable<string> {
  let first = true;
  for (const finding of findings) {
    yield `${first ? '[\n' : ',\n'}${formatFinding(finding)}`;
    first = false;
  }
  yield first ? '[]\n' : '\n]\n';
}

export function formatJsonl(findings: readonly RedactedFinding[]): string {
  return [...jsonlChunks(findings)].join('');
}

export function* jsonlChunks(findings: Iterable<RedactedFinding>): Iterable<string> {
  for (const finding of findings) yield `${JSON.stringify(finding)}\n`;
}

function formatFinding(finding: RedactedFinding): string {
  const { occurrences, ...fields } = finding;
  const body = JSON.stringify(fields, null, 2).replace(/\n\}$/, '');
  const list = occurrences.length === 0 ? '[]' : `[\n${occurrences.map((o) => `      ${JSON.stringify(o)}`).join(',\n')}\n    ]`;
  return `  ${body.replace(/\n/g, '\n  ')},\n    "occurrences": ${list}\n  }`;
}
