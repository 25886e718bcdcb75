// JSON: an array of findings. Each occurrence takes one line: a secret kept through thousands of versions
// lists thousands of places, and seven lines each would only bloat the report.
import type { RedactedFinding } from '../model/types.js';
import type { ReportFormat } from './format.js';

export const jsonFormat = {
  name: 'json',
  description: 'A JSON array of findings, each with the list of its other occurrences',
  write: (findings) => jsonChunks(findings),
} as const satisfies ReportFormat<'json'>;

/** The JSON report a finding at a time: a history with many findings is written without building one string. */
export function* jsonChunks(findings: Iterable<RedactedFinding>): Iterable<string> {
  let first = true;
  for (const finding of findings) {
    yield `${first ? '[\n' : ',\n'}${formatFinding(finding)}`;
    first = false;
  }
  yield first ? '[]\n' : '\n]\n';
}

function formatFinding(finding: RedactedFinding): string {
  const { occurrences, ...fields } = finding;
  const body = JSON.stringify(fields, null, 2).replace(/\n\}$/, '');
  const list = occurrences.length === 0 ? '[]' : `[\n${occurrences.map((o) => `      ${JSON.stringify(o)}`).join(',\n')}\n    ]`;
  return `  ${body.replace(/\n/g, '\n  ')},\n    "occurrences": ${list}\n  }`;
}
