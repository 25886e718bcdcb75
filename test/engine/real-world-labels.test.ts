// The real-world label files (test/eval/real-world/*.tsv) and their scorer (fixtures/eval/real-world.ts):
// parsing, matching by (commit, path, line, rule), precision; and that every committed file parses.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { addScores, mirrorName, parseRealWorldLabels, scoreRealWorld } from '../../fixtures/eval/real-world.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const text = [
  `# repository octo/demo commit ${B} scanned-with leakwatch v1.2-3-gabc`,
  'commit\tpath\tline\trule\tverdict\tnote',
  `${A}\tconfig/.env\t3\tgeneric-secret\ttp\treal-looking key in .env`,
  `${A}\tpackage.json\t7\temail\tfp\town-contact`,
  `${A}\tdocs/a b.md\t12\temail\tunsure\t`,
  '',
].join('\n');

describe('real-world labels', () => {
  it('parses the header and the rows', () => {
    const set = parseRealWorldLabels(text);
    assert.equal(set.repository, 'octo/demo');
    assert.equal(set.commit, B);
    assert.equal(set.scannedWith, 'v1.2-3-gabc');
    assert.equal(set.labels.length, 3);
    assert.deepEqual(set.labels[2], { commit: A, path: 'docs/a b.md', line: 12, rule: 'email', verdict: 'unsure', note: '' });
    assert.equal(mirrorName(set.repository), 'octo+demo');
  });

  it('rejects a missing header, a bad verdict, a bad line and a duplicate', () => {
    assert.throws(() => parseRealWorldLabels(text.split('\n').slice(1).join('\n'), 'x.tsv'), /x\.tsv:1/);
    assert.throws(() => parseRealWorldLabels(text.replace('\ttp\t', '\tyes\t')), /verdict/);
    assert.throws(() => parseRealWorldLabels(text.replace('\t3\t', '\t0\t')), /line/);
    assert.throws(() => parseRealWorldLabels(text.replace('\tfp\town-contact', '\tfp')), /columns/);
    const conflicting = `${text}${A}\tconfig/.env\t3\tgeneric-secret\tfp\tagain\n`;
    assert.throws(() => parseRealWorldLabels(conflicting), /another verdict/);
    const twice = `${text}${A}\tconfig/.env\t3\tgeneric-secret\ttp\tsecond key on the line\n`;
    assert.equal(parseRealWorldLabels(twice).labels.length, 4);
  });

  it('matches findings by commit, path, line and rule, and computes precision', () => {
    const { labels } = parseRealWorldLabels(text);
    const commit = { oid: A };
    const findings = [
      { ruleId: 'generic-secret', category: 'secret', path: 'config/.env', line: 3, commit },
      { ruleId: 'email', category: 'pii', path: 'package.json', line: 7, commit },
      { ruleId: 'email', category: 'pii', path: 'package.json', line: 8, commit }, // other line: unlabelled
      { ruleId: 'email', category: 'pii', path: 'config/.env', line: 3, commit }, // other rule: unlabelled
      { ruleId: 'generic-secret', category: 'secret', path: 'config/.env', line: 3, commit: { oid: B } }, // other commit
    ];
    const score = scoreRealWorld(labels, findings);
    assert.deepEqual({ ...score, precision: undefined }, { findings: 5, tp: 1, fp: 1, unsure: 0, unlabelled: 3, gone: 1, precision: undefined });
    assert.equal(score.precision, 0.5);
    const secret = scoreRealWorld(labels, findings, 'secret');
    assert.equal(secret.findings, 2);
    assert.equal(secret.precision, 1);
    assert.ok(Number.isNaN(scoreRealWorld(labels, []).precision));
    // two labels of one key: two findings there both count; one label left over is 'gone'
    const twice = parseRealWorldLabels(`${text}${A}\tpackage.json\t7\temail\tfp\town-contact\n`).labels;
    const both = scoreRealWorld(twice, [findings[1]!, findings[1]!]);
    assert.equal(both.fp, 2);
    assert.equal(scoreRealWorld(twice, [findings[1]!]).gone, 3);
    const total = addScores([score, secret]);
    assert.equal(total.tp, 2);
    assert.equal(total.precision, 2 / 3);
  });

  it('every committed label file parses and records no more than verdicts and reasons', () => {
    const dir = fileURLToPath(new URL('../../../test/eval/real-world/', import.meta.url));
    const files = readdirSync(dir).filter((name) => name.endsWith('.tsv'));
    assert.ok(files.length >= 8, `only ${files.length} label files`);
    for (const file of files) {
      const set = parseRealWorldLabels(readFileSync(`${dir}${file}`, 'utf8'), file);
      assert.equal(`${mirrorName(set.repository)}.tsv`, file);
      assert.ok(set.labels.length > 0, `${file}: no labels`);
      for (const label of set.labels) assert.ok(label.note.length <= 80, `${file}: a note longer than a short reason`);
    }
  });
});
