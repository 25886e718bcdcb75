// SARIF 2.1.0, as GitHub code scanning and other tools read it. One run; every
// loaded rule is a reportingDescriptor; the commit that introduced a finding
// goes in the result's properties. Columns count Unicode code points.
import type { Rule } from '../detect/rules.js';
import type { RedactedFinding } from '../types.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export function formatSarif(findings: readonly RedactedFinding[], rules: readonly Rule[]): string {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: TOOL_VERSION,
            rules: rules.map((rule) => ({
              id: rule.id,
              name: rule.id,
              shortDescription: { text: rule.description },
              defaultConfiguration: { level: 'error' },
              properties: { category: rule.category, tags: ['security', rule.category] },
            })),
          },
        },
        columnKind: 'unicodeCodePoints',
        results: findings.map((finding) => ({
          ruleId: finding.ruleId,
          ruleIndex: ruleIndex.get(finding.ruleId) ?? -1,
          level: 'error',
          message: { text: `${finding.description}${finding.decoded === undefined ? '' : ` (${finding.decoded}-decoded)`}: ${finding.secret}` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: pathToUri(finding.path) },
                region: {
                  startLine: finding.line,
                  startColumn: finding.column,
                  endLine: finding.endLine,
                  endColumn: finding.endColumn,
                  snippet: { text: finding.match },
                },
              },
            },
          ],
          partialFingerprints: { 'leakwatch/v1': finding.fingerprint },
          properties: {
            category: finding.category,
            secret: finding.secret,
            commit: finding.commit,
            author: finding.author,
            email: finding.email,
            date: finding.date,
            commitMessage: finding.message,
            ...(finding.decoded === undefined ? {} : { decoded: finding.decoded }),
          },
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** A relative URI reference: each path segment percent-encoded. */
function pathToUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
