// JSON Lines: one finding per line, occurrences included, for tools that read a stream.
import type { RedactedFinding } from '../model/types.js';
import type { ReportFormat } from './format.js';

export const jsonlFormat = {
  name: 'jsonl',
  description: 'JSON Lines: one finding per line, for tools that read a stream',
  write: (findings) => jsonlChunks(findings),
} as const satisfies ReportFormat<'jsonl'>;

export function* jsonlChunks(findings: Iterable<RedactedFinding>): Iterable<string> {
  for (const finding of findings) yield `${JSON.stringify(finding)}\n`;
}
