// What a report format is: a name, a line of help, and a writer that turns
// redacted findings into text, piece by piece (a format that needs every finding
// first gathers them itself). Each format is one file; registry.ts lists them.
import type { RedactedFinding, RuleInfo } from '../model/types.js';

/** What a format may know about where its report goes and what was scanned; none of it is secret. */
export interface ReportContext {
  /** The terminal's width in columns when the report goes to a terminal; undefined when piped or written to a file. */
  readonly columns?: number;
  /** Colour the report (a terminal, and NO_COLOR unset). */
  readonly colour?: boolean;
  /** The repository's web page on a known forge (https://github.com/owner/name), for links to commits. */
  readonly webUrl?: string;
  /** What was scanned, in words (`history of . (all refs)`), for headings. */
  readonly scope?: string;
  /** False when the findings were not masked (`--no-redact`): a report meant to be kept says so. */
  readonly redacted?: boolean;
  /**
   * A report of several repositories (`scan REPO...`, `--repos-from`, `merge`): their names in report
   * order. Every finding then has a `repository`; formats with columns add one, SARIF has a run each.
   */
  readonly repositories?: readonly string[];
}

export interface ReportFormat<Name extends string = string> {
  readonly name: Name;
  /** One line for `--help` and the README's list of formats. */
  readonly description: string;
  /** Whether the report links commits to the forge's pages (`ReportContext.webUrl`): only then is origin read, a git child. */
  readonly linksCommits?: boolean;
  /** The report in pieces, in order; findings are taken one at a time where the format allows. */
  write(findings: Iterable<RedactedFinding>, rules: readonly RuleInfo[], context?: ReportContext): Iterable<string>;
}
