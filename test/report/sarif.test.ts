// SARIF 2.1.0 as code scanning reads it: rules indexed, one result per finding, other places as
// related locations (at most 100), paths as URI references, the tool's version from package.json.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { MaskedText } from '../../src/model/types.js';
import { TOOL_NAME, TOOL_VERSION } from '../../src/model/version.js';
import { formatSarif, placeFingerprint, sarifFormat } from '../../src/report/sarif.js';
import { occurrence, redactedFinding, RULES } from '../helpers/findings.js';

interface SarifLog {
  version: string;
  runs: Array<{
    tool: { driver: { name: string; version: string; rules: Array<{ id: string; properties: { category: string } }> } };
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      message: { text: string };
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number; endColumn: number; snippet: { text: string } } } }>;
      relatedLocations?: Array<{ id: number; physicalLocation: { artifactLocation: { uri: string } }; message: { text: string } }>;
      partialFingerprints: Record<string, string>;
      properties: Record<string, unknown>;
    }>;
  }>;
}

const parse = (text: string): SarifLog => JSON.parse(text) as SarifLog;

describe('sarif report', () => {
  it('names the tool with the version package.json gives', () => {
    const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    assert.equal(TOOL_VERSION, version);
    const driver = parse(formatSarif([], RULES)).runs[0]?.tool.driver;
    assert.equal(driver?.name, TOOL_NAME);
    assert.equal(driver?.version, version);
  });

  it('lists every rule and points each result at its rule by index (-1 for a rule not listed)', () => {
    const log = parse(formatSarif([redactedFinding({ ruleId: 'email' }), redactedFinding({ ruleId: 'custom-rule' })], RULES));
    const run = log.runs[0];
    assert.equal(log.version, '2.1.0');
    assert.deepEqual(run?.tool.driver.rules.map((rule) => [rule.id, rule.properties.category]), RULES.map((rule) => [rule.id, rule.category]));
    assert.deepEqual(run?.results.map((result) => [result.ruleId, result.ruleIndex]), [['email', 2], ['custom-rule', -1]]);
  });

  it('places a result at its path and span, with the masked line as snippet and where it came in as fingerprint', () => {
    const finding = redactedFinding({ path: 'docs/my file#1.md', line: 7, column: 3, endColumn: 20, decoded: 'base64' });
    const [result] = parse(formatSarif([finding], RULES)).runs[0]?.results ?? [];
    const location = result?.locations[0]?.physicalLocation;
    assert.equal(location?.artifactLocation.uri, 'docs/my%20file%231.md');
    assert.deepEqual([location?.region.startLine, location?.region.startColumn, location?.region.endColumn], [7, 3, 20]);
    assert.equal(location?.region.snippet.text, finding.match);
    // Rule and first place, not the keyed id: a CI job without the team's key must not make new alerts each run.
    const fingerprint = result?.partialFingerprints['leakwatch/v3'];
    assert.match(fingerprint ?? '', /^[0-9a-f]{32}$/);
    assert.equal(fingerprint, placeFingerprint(finding));
    assert.notEqual(placeFingerprint({ ...finding, line: 8 }), fingerprint);
    assert.equal(placeFingerprint({ ...finding, id: 'other:key', secret: 'x****' as MaskedText }), fingerprint);
    // Without a commit (files on disk, staged), lines moving above a secret do not change it; its line does.
    const onDisk = { ...finding, commit: '' };
    assert.equal(placeFingerprint({ ...onDisk, line: 40 }), placeFingerprint(onDisk));
    assert.notEqual(placeFingerprint({ ...onDisk, match: 'other line' as MaskedText }), placeFingerprint(onDisk));
    assert.match(result?.message.text ?? '', /\(base64-decoded\): /);
    assert.equal(result?.properties.decoded, 'base64');
    assert.equal(result?.properties.commit, finding.commit);
  });

  it('gives other places as related locations, at most 100, and none when there are none', () => {
    const occurrences = Array.from({ length: 150 }, (_, i) => occurrence(`dir/f ${i}.txt`, i + 1));
    const [many, none] = parse(formatSarif([redactedFinding({ occurrences }), redactedFinding()], RULES)).runs[0]?.results ?? [];
    assert.equal(many?.relatedLocations?.length, 100);
    assert.equal(many?.properties.occurrenceCount, 150);
    assert.deepEqual(many?.relatedLocations?.[0]?.id, 1);
    assert.equal(many?.relatedLocations?.[0]?.physicalLocation.artifactLocation.uri, 'dir/f%200.txt');
    assert.match(many?.relatedLocations?.[0]?.message.text ?? '', /^also here, in commit b{10} \(2023-11-15\)$/);
    assert.equal(none !== undefined && 'relatedLocations' in none, false);
  });

  it('writes the same document through the format seam', () => {
    const findings = [redactedFinding()];
    assert.equal([...sarifFormat.write(findings, RULES)].join(''), formatSarif(findings, RULES));
  });
});
