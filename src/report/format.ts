// What a report format is: a name, a line of help, and a writer that turns
// redacted findings into text, piece by piece (a format that needs every finding
// first gathers them itself). Each format is one file; registry.ts lists them.
import type { RedactedFinding, RuleInfo } from '../model/types.js';

export interface ReportFormat<Name extends string = string> {
  readonly name: Name;
  /** One line for `--help` and the README's list of formats. */
  readonly description: string;
  /** The report in pieces, in order; findings are taken one at a time where the format allows. */
  write(findings: Iterable<RedactedFinding>, rules: readonly RuleInfo[]): Iterable<string>;
}
