// gitleaks' own default configuration (222 rules, test/data/gitleaks-default.toml) as a drop-in:
// every rule loads, and a history holding one value made to match each rule — drawn from the rule's
// regex at run time (test/helpers/regex-example.ts), and checked the way gitleaks would decide it
// (keywords, secret group, entropy, allowlists, path) — is scanned with that file as .gitleaks.toml:
// each rule must report its own value. Values are never committed to this repository.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import RE2 from 're2';
import { parse as parseToml } from 'smol-toml';
import { FixtureRepo } from '../../fixtures/repo.js';
import { prng } from '../../fixtures/random.js';
import { runCli } from '../helpers/cli.js';
import { exampleOf } from '../helpers/regex-example.js';
import { shannonEntropy } from '../../src/detect/entropy.js';
import { loadCatalog } from '../../src/rules/catalog.js';
import { applyConfig, readConfigFile } from '../../src/rules/config.js';

const CONFIG = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'test', 'data', 'gitleaks-default.toml');

interface GitleaksAllowlist {
  condition?: string;
  regexTarget?: string;
  regexes?: string[];
  stopwords?: string[];
  paths?: string[];
  commits?: string[];
}

interface GitleaksRule {
  id: string;
  regex?: string;
  path?: string;
  secretGroup?: number;
  entropy?: number;
  keywords?: string[];
  allowlists?: GitleaksAllowlist[];
}

const doc = parseToml(readFileSync(CONFIG, 'utf8')) as unknown as { rules: GitleaksRule[]; allowlist?: GitleaksAllowlist };
const RULES = doc.rules;
const GLOBAL = doc.allowlist === undefined ? [] : [doc.allowlist];

/** Rules none of whose values can be exercised this way, each with the reason. Empty: every rule is. */
const EXCEPTIONS: Record<string, string> = {};

/** A compiled allowlist, as gitleaks applies it to one match. */
function allowedBy(list: GitleaksAllowlist, facts: { secret: string; match: string; line: string; path: string }): boolean {
  const target = list.regexTarget === 'match' ? facts.match : list.regexTarget === 'line' ? facts.line : facts.secret;
  const regex = (list.regexes ?? []).some((pattern) => new RE2(pattern).test(target));
  const stopword = (list.stopwords ?? []).some((word) => facts.secret.toLowerCase().includes(word.toLowerCase()));
  const path = (list.paths ?? []).some((pattern) => new RE2(pattern).test(facts.path));
  if ((list.condition ?? 'OR').toUpperCase() !== 'AND') return regex || stopword || path;
  const checks: boolean[] = [];
  if ((list.commits ?? []).length > 0) checks.push(false); // our fixture commits are never listed
  if ((list.paths ?? []).length > 0) checks.push(path);
  if ((list.regexes ?? []).length > 0) checks.push(regex);
  if ((list.stopwords ?? []).length > 0) checks.push(stopword);
  return checks.length > 0 && checks.every(Boolean);
}

/** Whether gitleaks would report `rule` in `text` at `path`: the oracle each made value must satisfy first. */
function gitleaksReports(rule: GitleaksRule, text: string, path: string): boolean {
  if (GLOBAL.some((list) => (list.paths ?? []).some((pattern) => new RE2(pattern).test(path)))) return false;
  if (rule.path !== undefined && !new RE2(rule.path).test(path)) return false;
  if (rule.regex === undefined) return rule.path !== undefined;
  const lower = text.toLowerCase();
  if ((rule.keywords ?? []).length > 0 && !(rule.keywords ?? []).some((keyword) => lower.includes(keyword.toLowerCase()))) return false;
  const regex = new RE2(rule.regex, 'g');
  for (let found = regex.exec(text); found !== null; found = regex.exec(text)) {
    if (found[0] === '') {
      regex.lastIndex += 1;
      continue;
    }
    const match = found[0];
    let secret = match;
    if (found.length >= 2) {
      if ((rule.secretGroup ?? 0) > 0) secret = found[rule.secretGroup as number] ?? '';
      else secret = found.slice(1).find((group) => group !== undefined && group !== '') ?? match;
    }
    if (rule.entropy !== undefined && rule.entropy !== 0 && shannonEntropy(secret) <= rule.entropy) continue;
    const lineStart = text.lastIndexOf('\n', found.index - 1) + 1;
    const lineEnd = text.indexOf('\n', found.index + match.length);
    const line = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd);
    const facts = { secret, match, line, path };
    if ([...GLOBAL, ...(rule.allowlists ?? [])].some((list) => allowedBy(list, facts))) continue;
    return true;
  }
  return false;
}

/** Where a rule's value is written: a path its `path` accepts, if it has one. */
function pathFor(rule: GitleaksRule): string {
  const base = `values/${rule.id}`;
  if (rule.path === undefined) return `${base}.txt`;
  const path = new RE2(rule.path);
  const found = ['.php', '.tf', '.yaml', '/nuget.config', '.p12', '.txt'].map((end) => base + end).find((each) => path.test(each));
  assert.ok(found !== undefined, `rule ${rule.id}: no fixture path for ${rule.path}`);
  return found;
}

/** A file's content in which gitleaks would report `rule`, drawn from its regex; undefined after many tries. */
function valueFor(rule: GitleaksRule, path: string): string | undefined {
  if (rule.regex === undefined) return 'reported by its path alone\n';
  const keywords = rule.keywords ?? [];
  for (let seed = 1; seed <= 400; seed += 1) {
    // Seeded by the id too: two rules sharing a regex (bittrex-access-key, bittrex-secret-key) get values of their own.
    const random = prng(seed * 7919 + [...rule.id].reduce((hash, char) => (hash * 31 + char.charCodeAt(0)) | 0, 0));
    const line = exampleOf(rule.regex, random);
    // gitleaks runs a rule only on text holding one of its keywords: anywhere in the text will do.
    const needsKeyword = keywords.length > 0 && !keywords.some((keyword) => line.toLowerCase().includes(keyword));
    const text = `${needsKeyword ? `${keywords[0] as string}\n` : ''}${line}\n`;
    if (gitleaksReports(rule, text, path)) return text;
  }
  return undefined;
}

const repos: FixtureRepo[] = [];
after(() => {
  for (const repo of repos) repo.remove();
});

describe("gitleaks' default configuration", () => {
  it('loads every one of its 222 rules, read as gitleaks by its content whatever the file is named', () => {
    assert.equal(RULES.length, 222);
    const config = readConfigFile(CONFIG);
    assert.equal(config.dialect, 'gitleaks');
    const spec = applyConfig(loadCatalog(), config);
    assert.deepEqual(spec.rules.map((rule) => rule.id), RULES.map((rule) => rule.id), 'only its rules, in its order (no [extend])');
    for (const rule of spec.rules) assert.equal(rule.category, 'secret');
  });

  it('patterns/gitleaks.toml maps only gitleaks default ids to rules of ours', () => {
    const ids = new Set(RULES.map((rule) => rule.id));
    const equivalents = loadCatalog().gitleaksEquivalents ?? {};
    assert.ok(Object.keys(equivalents).length >= 100);
    assert.deepEqual(Object.keys(equivalents).filter((id) => !ids.has(id)), []);
  });

  it('every rule reports a value made to match it', async () => {
    const files: Record<string, string> = { '.gitleaks.toml': readFileSync(CONFIG, 'utf8') };
    const expected = new Map<string, string>();
    const unmade: string[] = [];
    for (const rule of RULES) {
      if (EXCEPTIONS[rule.id] !== undefined) continue;
      const path = pathFor(rule);
      const value = valueFor(rule, path);
      if (value === undefined) {
        unmade.push(rule.id);
        continue;
      }
      files[path] = value;
      expected.set(rule.id, path);
    }
    assert.deepEqual(unmade, [], 'a value could be made for every rule');
    const repo = FixtureRepo.create();
    repos.push(repo);
    repo.commit('one value per gitleaks rule', files);
    const result = await runCli(['scan', repo.dir, '--format', 'json', '--confidence', 'low'], { env: {} });
    assert.equal(result.code, 1, result.stderr);
    const findings = JSON.parse(result.stdout) as Array<{ ruleId: string; path: string }>;
    const reported = new Set(findings.map((finding) => `${finding.ruleId} ${finding.path}`));
    const missed = [...expected].filter(([id, path]) => !reported.has(`${id} ${path}`)).map(([id]) => id);
    assert.deepEqual(missed, [], `rules that did not report their value (of ${expected.size})`);
  });
});
