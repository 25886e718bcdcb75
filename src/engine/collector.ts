// Groups matches into findings. Pure bookkeeping: no I/O, no thread, no git.
import { assessMatch, placeDoubts, type Assessment, type PlaceDoubts } from '../detect/confidence.js';
import { moreSure } from '../model/confidence.js';
import { LeakwatchError } from '../model/errors.js';
import { Sensitive } from '../model/sensitive.js';
import { findingId, fingerprintOf, type IdKey } from '../model/fingerprint.js';
import type { Confidence, Finding, Match, Occurrence, RawExcerpt } from '../model/types.js';
import { allowsPlace, type TextFacts } from '../rules/allowlist.js';
import type { FileRule, Rule } from '../rules/compile.js';
import type { Place } from '../sources/source.js';

/** What a finding takes from its rule, content rule or path-only. */
type RuleFacts = Rule | FileRule;

/** A finding before it has its ids (they are made once, at the end, with the project's key). */
type Unnamed = Omit<Finding, 'id' | 'fingerprint'>;

/** A path-only finding shows no line. */
const NO_EXCERPT: RawExcerpt = { bytes: Buffer.alloc(0), spans: [], cutStart: false, cutEnd: false };

/**
 * One finding per rule and secret, wherever and however often it appears: the
 * first introduction (oldest commit, then path and position) is the finding's
 * place, every other version, path or copy holding the same secret is one of
 * its occurrences. A key kept through 200 edits is one finding, not 200.
 */
export class FindingCollector {
  readonly #rule: (id: string) => Rule | undefined;
  readonly #groups = new Map<string, { first: Unnamed; age: number; others: Array<Occurrence & { age: number }>; surest: Assessment; surestAt: Occurrence & { age: number } }>();
  /** Doubts about each path (a test folder, documentation): a path is looked at once, however many matches it holds. */
  readonly #doubts = new Map<string, PlaceDoubts>();

  /** Findings so far (one per rule and secret), whatever their confidence. */
  get size(): number {
    return this.#groups.size;
  }

  constructor(rule: (id: string) => Rule | undefined) {
    this.#rule = rule;
  }

  add(matches: readonly Match[], places: readonly Place[]): void {
    for (const match of matches) {
      const rule = this.#rule(match.ruleId);
      if (rule === undefined) throw new LeakwatchError('internal', `a match names rule ${match.ruleId}, which this scan does not run`);
      for (const place of places) {
        if (rule.pathFilter !== undefined && !rule.pathFilter.test(place.path)) continue;
        this.#sight(rule, match, place);
      }
    }
  }

  /** A file a path-only rule names (a keystore, a real `.env`): one finding per rule and path, each commit bringing it a place. */
  addFile(rule: FileRule, place: Place): void {
    const match: Match = { ruleId: rule.id, line: 1, column: 1, endLine: 1, endColumn: 1, secret: new Sensitive(place.path), excerpt: new Sensitive(NO_EXCERPT), entropy: 0 };
    this.#sight(rule, match, place);
  }

  #sight(rule: RuleFacts, match: Match, place: Place): void {
    if (rule.allowlists.length > 0 && allowsPlace(rule.allowlists, { path: place.path, commit: place.commit?.oid }, placeText(match))) return;
    const key = `${rule.id}\0${match.secret.reveal()}`;
    const group = this.#groups.get(key);
    // Most sightings are later versions: kept as plain places; a full finding is built only for a first one.
    const here = { commit: place.commit, path: place.path, line: match.line, column: match.column, age: place.age };
    if (group === undefined) {
      this.#groups.set(key, { first: toFinding(rule, match, place), age: place.age, others: [], surest: this.#assess(rule, match, place), surestAt: here });
      return;
    }
    // A secret seen anywhere in earnest counts as such: the surest place decides (the oldest among equals,
    // so the reasons never depend on the order blobs were read in). A later place cannot beat a high one:
    // most sightings of a kept secret are not assessed at all.
    const older = byAgeThenPosition(here, group.surestAt) < 0;
    if (older || group.surest.confidence !== 'high') {
      const assessment = this.#assess(rule, match, place);
      if (moreSure(assessment.confidence, group.surest.confidence) || (assessment.confidence === group.surest.confidence && older)) {
        group.surest = assessment;
        group.surestAt = here;
      }
    }
    // byAgeThenPosition against the first place, without building an occurrence per sighting.
    const first = group.first;
    if ((here.age - group.age || compare(here.path, first.path) || here.line - first.line || here.column - first.column) < 0) {
      group.others.push({ ...occurrenceOf(group.first), age: group.age });
      group.first = toFinding(rule, match, place);
      group.age = place.age;
    } else {
      group.others.push(here);
    }
  }

  /**
   * Oldest first, then path and position; each finding's occurrences in the same order, each place
   * once; ids under `keyOf()`, asked for only when there is a finding (finding a key may create one).
   * `keep` leaves out findings by confidence (a floor) before they are named.
   */
  findings(keyOf: () => IdKey, keep: (confidence: Confidence) => boolean = () => true): Finding[] {
    // Only the findings kept are named: two keyed hashes each, for tens of thousands on a large history.
    const kept = [...this.#groups.values()].filter((group) => keep(group.surest.confidence));
    if (kept.length === 0) return [];
    const key = keyOf();
    const groups = kept.sort((a, b) => byAgeThenPlace({ finding: a.first, age: a.age }, { finding: b.first, age: b.age }));
    return groups.map(({ first, others, surest }) => {
      const seen = new Set([placeKey(first)]);
      const occurrences: Occurrence[] = [];
      for (const other of others.sort(byAgeThenPosition)) {
        const key = placeKey(other);
        if (seen.has(key)) continue;
        seen.add(key);
        occurrences.push({ commit: other.commit, path: other.path, line: other.line, column: other.column });
      }
      return { id: findingId(first, key), fingerprint: fingerprintOf(first, key), ...first, confidence: surest.confidence, reasons: surest.reasons, occurrences };
    });
  }

  #assess(rule: RuleFacts, match: Match, place: Place): Assessment {
    return assessMatch(rule, match, place.path, this.#doubtsAbout(place.path));
  }

  #doubtsAbout(path: string): PlaceDoubts {
    let doubts = this.#doubts.get(path);
    if (doubts === undefined) {
      doubts = placeDoubts(path);
      this.#doubts.set(path, doubts);
    }
    return doubts;
  }
}

function byAgeThenPosition(a: Occurrence & { age: number }, b: Occurrence & { age: number }): number {
  return a.age - b.age || compare(a.path, b.path) || a.line - b.line || a.column - b.column;
}

function occurrenceOf(finding: Unnamed): Occurrence {
  return { commit: finding.commit, path: finding.path, line: finding.line, column: finding.column };
}

function placeKey(place: Occurrence): string {
  return `${place.commit?.oid ?? ''}\0${place.path}\0${place.line}\0${place.column}`;
}

/** A finding's text as allowlists see it when they also name a path or commit (the excerpt stands for the line). */
function placeText(match: Match): TextFacts {
  const line = (): string => match.excerpt.reveal().bytes.toString('utf8');
  return { secret: match.secret.reveal(), match: line, line };
}

/** Total order on findings, so the result never depends on the order blobs were read in. */
function byAgeThenPlace(a: { finding: Unnamed; age: number }, b: { finding: Unnamed; age: number }): number {
  return a.age - b.age || compare(a.finding.path, b.finding.path) || a.finding.line - b.finding.line
    || a.finding.column - b.finding.column || compare(a.finding.ruleId, b.finding.ruleId);
}

function toFinding(rule: RuleFacts, match: Match, place: Place): Unnamed {
  return {
    ruleId: rule.id,
    category: rule.category,
    description: rule.description,
    mask: rule.mask,
    keepPrefix: rule.keepPrefix,
    path: place.path,
    line: match.line,
    column: match.column,
    endLine: match.endLine,
    endColumn: match.endColumn,
    commit: place.commit,
    secret: match.secret,
    excerpt: match.excerpt,
    entropy: match.entropy,
    decoded: match.decoded,
    confidence: 'low',
    reasons: [],
    occurrences: [],
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
