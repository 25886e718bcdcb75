// Shared vocabulary of the pipeline: source -> detector -> findings -> redaction -> reporters.
import type { Sensitive } from './sensitive.js';

/** A full 40-hex git object id. */
export type Oid = string;
export type RuleId = string;
/** Text that has been through the redactor (or a `none` policy chosen by the user). */
export type MaskedText = string & { readonly __masked: unique symbol };

export type Category = 'secret' | 'pii';

/** How sure a finding is (see detect/confidence.ts). */
export type Confidence = 'low' | 'medium' | 'high';

/** How a rule's secret is shown once masked. */
export type MaskStyle = 'secret' | 'email' | 'cpf' | 'digits' | 'card' | 'iban';

export interface CommitInfo {
  oid: Oid;
  parents: Oid[];
  /** Committer time, seconds since the epoch; orders commits of equal ancestry. */
  committerTime: number;
  author: string;
  email: string;
  /** Author date, ISO 8601 with the author's offset, as `git log --format=%aI` prints it. */
  date: string;
  subject: string;
}

/** One blob a commit brought in at one path (a diff entry against one parent, or against nothing for a root). */
export interface BlobChange {
  commit: Oid;
  path: string;
  /** Blob id after the change. */
  blob: Oid;
  /** Blob id before the change; undefined for an addition. */
  previousBlob: Oid | undefined;
}

/** A deleted path, used to recognise exact renames (same blob deleted here, added elsewhere). */
export interface BlobDeletion {
  commit: Oid;
  path: string;
  blob: Oid;
}

/** Where a unique blob came from: the commit that introduced it at a path. */
export interface Origin {
  commit: CommitInfo;
  /** Position of the commit in ancestry order: lower is older. */
  age: number;
  path: string;
  /** The blobs this one replaced at `path` in that commit, one per parent that had the path. */
  replaced: readonly Oid[];
}

/**
 * Content as read: its bytes, or only its size when it was over the limit and left unread, `missing`
 * from a partial clone (never fetched), or a `fault`: an object the repository should hold and cannot
 * give (missing or corrupt), with why.
 */
export type Content = { bytes: Buffer } | { bytes: undefined; size: number; missing?: boolean; fault?: string };

/** A text as a source read it, named by its blob id (or, off git, by its path). */
export type BlobRead = Content & { oid: Oid };

/** A secret span inside an excerpt window, relative to the window's first byte, with how its rule masks it. */
export interface Span {
  start: number;
  end: number;
  mask: MaskStyle;
  keepPrefix: number;
}

/** A secret span found in a text, with the rule that found it: `redact` masks texts in place by these. */
export interface RuleSpan extends Span {
  ruleId: RuleId;
}

/** The line around a match, raw, with every accepted secret span in it, so the redactor can mask all of them. */
export interface RawExcerpt {
  bytes: Buffer;
  spans: Span[];
  /** True when the window was cut at the start or end of a long line. */
  cutStart: boolean;
  cutEnd: boolean;
}

/** What the detector reports for one rule match in one text; pure data, positions are 1-based. */
export interface Match {
  ruleId: RuleId;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  secret: Sensitive<string>;
  excerpt: Sensitive<RawExcerpt>;
  entropy: number;
  /** How the text the secret was found in was encoded, when it was; the position is then the encoded run's. */
  decoded?: 'base64' | 'percent' | undefined;
}

/** A match attributed to the commit and path that introduced it. Holds raw values: never hand it to a reporter. */
export interface Finding {
  /** `rule:hash`: the secret's identity under the project's id key (model/fingerprint.ts). */
  id: string;
  /** `rule:path:hash`: the same at its first path. */
  fingerprint: string;
  ruleId: RuleId;
  category: Category;
  description: string;
  mask: MaskStyle;
  keepPrefix: number;
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  commit: CommitInfo | undefined;
  secret: Sensitive<string>;
  excerpt: Sensitive<RawExcerpt>;
  entropy: number;
  decoded?: 'base64' | 'percent' | undefined;
  /** How sure this is, over every place the secret was seen (the surest place counts), and why. */
  confidence: Confidence;
  reasons: string[];
  /** Every other place the same secret was introduced (another commit, path or line), oldest first. */
  occurrences: Occurrence[];
}

/** A place a secret was introduced: a version of a file, at a commit (none for files on disk or staged). */
export interface Occurrence {
  commit: CommitInfo | undefined;
  path: string;
  line: number;
  column: number;
}

/** An occurrence as reports show it. */
export interface RedactedOccurrence {
  commit: Oid;
  date: string;
  path: string;
  line: number;
  column: number;
}

/** What reporters receive: every value that could hold scanned content has been masked. */
export interface RedactedFinding {
  ruleId: RuleId;
  category: Category;
  description: string;
  /** How sure this is (`high`, `medium`, `low`), and why. */
  confidence: Confidence;
  reasons: string[];
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  commit: Oid;
  author: string;
  email: string;
  date: string;
  message: MaskedText;
  secret: MaskedText;
  match: MaskedText;
  entropy: number;
  /** Present when the secret was found by decoding base64 or percent-encoding at this position. */
  decoded?: 'base64' | 'percent' | undefined;
  fingerprint: string;
  /** The finding's identity: rule and a keyed hash of the secret; stable across runs, lines and paths. */
  id: string;
  /** How many other places hold the same secret; they are listed in `occurrences`. */
  occurrenceCount: number;
  occurrences: RedactedOccurrence[];
  /** The repository as named to `scan REPO...` or `--repos-from` (the name as given): only in a report of several repositories. */
  repository?: string;
}

/** Counts shown after a scan; nothing is skipped without being counted here. */
export interface ScanSummary {
  commits: number;
  blobs: number;
  bytes: number;
  binarySkipped: number;
  oversizedSkipped: number;
  /** Blobs a partial clone does not hold (never fetched: the scanner makes no network calls). */
  missingSkipped: number;
  /** Blobs answered from the scan cache, not read; set when a cache was used. */
  cached?: number;
  /** Commits this scan listed when the rest of the history came from the cache's saved listing; set only then. */
  listedNow?: number;
  /**
   * What could not be read though it should have been: a missing or corrupt object, a ref to a
   * missing commit, an unreadable file. Each is skipped and the rest scanned; the first few are named.
   */
  faults: number;
  faultExamples: string[];
  /**
   * What the repository itself leaves out of what was asked (a shallow clone's cut history): the scan
   * covered less than asked, which fails the scan unless the user accepts it (--allow-partial).
   */
  incomplete: string[];
  ignoredPaths: number;
  /** Paths a `--no-git` scan skipped because `.gitignore` files ignore them (folders count once). */
  gitignoredPaths: number;
  findings: number;
  /** Findings not reported because a baseline or a fingerprint list already has them. */
  baselined: number;
  /** Findings not reported because they are less sure than the confidence floor. */
  belowConfidence: number;
  durationMs: number;
}

/** A secret some rule reports in a text, with how its rule masks it and where it sits. */
export interface FoundSecret {
  /** The secret as the rule saw it: decoded when it was found inside an encoded run. */
  secret: Sensitive<string>;
  mask: MaskStyle;
  keepPrefix: number;
  /** Where to mask in the text (UTF-16 offsets): the secret's own characters, or the whole encoded run holding it. */
  start: number;
  end: number;
}

/** Finds what the rules report in free text (a commit subject, a log line); the redactor masks with it. */
export type SecretFinder = (text: string) => FoundSecret[];

/** What a report says about a rule. */
export interface RuleInfo {
  id: RuleId;
  description: string;
  category: Category;
}
