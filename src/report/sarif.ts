// SARIF 2.1.0, as GitHub code scanning and other tools read it. One run; every
// loaded rule is a reportingDescriptor; the commit that introduced a finding
// goes in the result's properties. Columns count Unicode code points.
import { createHash } from 'node:crypto';
import { isMessagePath, messagePlace } from '../model/messages.js';
import type { Confidence, RedactedFinding, RuleInfo } from '../model/types.js';
import type { ReportFormat } from './format.js';
import { TOOL_NAME, TOOL_VERSION } from '../model/version.js';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** GitHub code scanning reads at most this many related locations of a result. */
const MAX_RELATED = 100;
const LEVELS = { high: 'error', medium: 'warning', low: 'note' } as const satisfies Record<Confidence, string>;
const RANKS = { high: 90, medium: 60, low: 30 } as const satisfies Record<Confidence, number>;

export const sarifFormat = {
  name: 'sarif',
  description: 'SARIF 2.1.0, for GitHub code scanning and other SARIF readers (one result per secret)',
  write: (findings, rules, context?) => [context?.repositories === undefined ? formatSarif([...findings], rules) : formatSarifRuns([...findings], rules, context.repositories)],
} as const satisfies ReportFormat<'sarif'>;

/**
 * Several repositories: one run each, in report order (a repository without findings has an empty run,
 * so the report says it was scanned), told apart by their automation id, as code scanning asks of
 * runs of one tool in one file. Each run is the one a scan of that repository alone would write.
 */
export function formatSarifRuns(findings: readonly RedactedFinding[], rules: readonly RuleInfo[], repositories: readonly string[]): string {
  const byRepository = new Map<string, RedactedFinding[]>();
  for (const finding of findings) {
    const same = byRepository.get(finding.repository ?? '');
    if (same === undefined) byRepository.set(finding.repository ?? '', [finding]);
    else same.push(finding);
  }
  const runs = repositories.map((repository) => {
    const [run] = sarifLog(byRepository.get(repository) ?? [], rules).runs;
    return { automationDetails: { id: `leakwatch/${repository}/` }, ...run, properties: { repository } };
  });
  return `${JSON.stringify({ $schema: SCHEMA, version: '2.1.0', runs }, null, 2)}\n`;
}

export function formatSarif(findings: readonly RedactedFinding[], rules: readonly RuleInfo[]): string {
  return `${JSON.stringify(sarifLog(findings, rules), null, 2)}\n`;
}

/** The SARIF log of one run, as an object: formatSarif writes it, formatSarifRuns takes its run. */
function sarifLog(findings: readonly RedactedFinding[], rules: readonly RuleInfo[]) {
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
          // How sure: code scanning sorts and filters by level and rank.
          level: LEVELS[finding.confidence],
          rank: RANKS[finding.confidence],
          message: { text: `${finding.description}${finding.decoded === undefined ? '' : ` (${finding.decoded}-decoded)`}${isMessagePath(finding.path) ? ` in ${messagePlace(finding.path, finding.commit)}` : ''}: ${finding.secret}` },
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
          // Every other place the same secret appears, as related locations of one result: code scanning
          // then shows one alert per secret (what has to be revoked), tracked across runs by where it came in.
          ...(finding.occurrences.length === 0 ? {} : {
            relatedLocations: finding.occurrences.slice(0, MAX_RELATED).map((occurrence, index) => ({
              id: index + 1,
              physicalLocation: {
                artifactLocation: { uri: pathToUri(occurrence.path) },
                region: { startLine: occurrence.line, startColumn: occurrence.column },
              },
              message: { text: occurrence.commit === '' ? 'also here' : `also here, in commit ${occurrence.commit.slice(0, 10)} (${occurrence.date.slice(0, 10)})` },
            })),
          }),
          partialFingerprints: { 'leakwatch/v3': placeFingerprint(finding) },
          properties: {
            category: finding.category,
            confidence: finding.confidence,
            reasons: finding.reasons,
            secret: finding.secret,
            commit: finding.commit,
            author: finding.author,
            email: finding.email,
            date: finding.date,
            commitMessage: finding.message,
            occurrenceCount: finding.occurrenceCount,
            ...(finding.decoded === undefined ? {} : { decoded: finding.decoded }),
          },
        })),
      },
    ],
  };
  return log;
}

/**
 * What code scanning tracks an alert by: the rule and the place the secret was first introduced (a
 * commit never moves), hashed. Not the id: ids are keyed per project (model/fingerprint.ts), and a CI
 * job without the team's key would make a new one each run and code scanning would see new alerts.
 * Files on disk, staged or piped have no commit and their lines move with every edit above them: for
 * those the masked line itself stands in for the position, as code scanning's own line hashes do.
 */
export function placeFingerprint(finding: RedactedFinding): string {
  const where = finding.commit === '' ? [finding.match] : [finding.commit, finding.line, finding.column];
  return createHash('sha256').update([finding.ruleId, finding.path, ...where].join('\0')).digest('hex').slice(0, 32);
}

/** A relative URI reference: each path segment percent-encoded. */
function pathToUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
