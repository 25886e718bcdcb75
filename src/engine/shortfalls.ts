// What a scan could not cover, in words, and whether that fails it. Shared by the scan command and
// the hooks, so both fail closed the same way.
import type { ScanSummary } from '../model/types.js';
import { plural } from '../model/words.js';

/**
 * What the scan could not cover: faults (unreadable objects and refs) always fail it; what the
 * repository itself leaves out (a shallow history, blobs a partial clone lacks) fails it unless the
 * user accepted that with --allow-partial. A gate that could not look must not say "clean".
 */
export function shortfalls(summary: ScanSummary, allowPartial: boolean): { lines: string[]; error: boolean } {
  const lines: string[] = [];
  if (summary.faults > 0) {
    const more = summary.faults - summary.faultExamples.length;
    lines.push(`error: ${plural(summary.faults, 'thing')} could not be read and ${summary.faults === 1 ? 'was' : 'were'} skipped (the rest was scanned and reported): ${summary.faultExamples.join('; ')}${more > 0 ? `; and ${more} more` : ''}`);
  }
  const incomplete = [...summary.incomplete];
  if (summary.missingSkipped > 0) incomplete.push(`${plural(summary.missingSkipped, 'blob')} of this partial clone ${summary.missingSkipped === 1 ? 'is' : 'are'} not here and ${summary.missingSkipped === 1 ? 'was' : 'were'} not scanned (the scanner never fetches: git fetch --refetch, or a clone without --filter, brings them)`);
  for (const reason of incomplete) lines.push(allowPartial ? `note: ${reason} (accepted: --allow-partial)` : `error: ${reason}; pass --allow-partial to accept a scan of what is here`);
  return { lines, error: summary.faults > 0 || (incomplete.length > 0 && !allowPartial) };
}
