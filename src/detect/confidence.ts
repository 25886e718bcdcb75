// How sure a finding is: `high`, `medium` or `low`, with the reasons. Pure:
// from the rule, the line the secret sits on and the path of the file. The
// rule gives a base (a provider's format or a credentials file by name is high,
// a value under a secret-named key medium, personal data medium, or the rule's
// own `confidence`). Each of these lowers it a step: the kind of folder (tests,
// fixtures, examples, docs, translations, vendored code), the kind of file name
// (a test file, a template or document, a test or self-signed key), a comment
// line, a secret-named value of plain words, "fake"/"example"/"test" on the
// line. A project's own contact data, service and no-reply addresses, addresses
// outside data files and credentials at reserved example domains are low.
import type { Confidence, Match } from '../model/types.js';
import type { FileRule, Rule } from '../rules/compile.js';

/** What confidence reads of a rule, content or path-only. */
type RuleFacts = Rule | FileRule;

export type PlaceDoubts = ReturnType<typeof placeDoubts>;

export interface Assessment {
  confidence: Confidence;
  reasons: string[];
}

/**
 * Folders that hold tests, samples, documents or other people's code, with what to call them. `t/` is
 * the test folder of Perl distributions and of git itself (git/git's test credentials all sit there).
 */
const FOLDERS: ReadonlyArray<[RegExp, string]> = [
  [/(?:^|\/)(?:tests?|t|specs?|__tests__|__mocks__|testdata|test[-_]data|testing|e2e)\//i, 'in a test folder'],
  [/(?:^|\/)(?:fixtures?|mocks?|stubs?|fakes?|dummy)\//i, 'in a fixtures folder'],
  [/(?:^|\/)(?:examples?|samples?|demos?|tutorials?|quickstart)\//i, 'in an examples folder'],
  [/(?:^|\/)(?:docs?|documentation|website|site|man)\//i, 'in documentation'],
  [/(?:^|\/)(?:locales?|i18n|l10n|translations?|lang)\//i, 'in translations'],
  [/(?:^|\/)(?:vendor|node_modules|third[-_]party|bower_components|external)\//i, 'in vendored code'],
];

/** File names of tests, templates and documents. */
const FILES: ReadonlyArray<[RegExp, string]> = [
  [/(?:^|\/)(?:test_[^/]*|[^/]*[._-](?:test|spec|tests)(?:\.[^/]*)?|[^/]*[a-z0-9](?:Test|Tests|Spec|IT)\.[a-z]+)$/, 'a test file'],
  [/(?:^|\/)[^/]*(?:test|example|sample|dummy|fake)[^/]*\.(?:pem|key|crt|p12|pfx|jks)$/i, 'a test or example key file'],
  // Keys of self-signed and snake-oil certificates are made for local use (in a folder or file name).
  [/(?:self[-_]?signed|snake[-_]?oil)[^/]*(?:\/[^/]*)?\.(?:pem|key|crt|p12|pfx)$/i, 'a self-signed certificate\'s key'],
  [/\.(?:example|sample|dist|template|tmpl|tpl)(?:\.[^/]*)?$|(?:^|\/)readme[^/]*$|\.(?:md|markdown|rst|adoc)$/i, 'a template or document'],
];

/** Files that hold data rather than code or prose: personal data there is what a leak looks like. */
const DATA_FILES = /\.(?:csv|tsv|psv|sql|dump|bak|jsonl|ndjson|xml|log|txt|ldif|vcf|xlsx?|ods)$|(?:^|\/)(?!package\.json$|composer\.json$|bower\.json$|tsconfig[^/]*$|[^/]*\.lock$)[^/]*\.json$/i;

/**
 * A line that is a comment in most languages (the excerpt's first characters). `//` only before a
 * space: `//registry.example.org/:_authToken=` in .npmrc is a setting, not a comment.
 */
const COMMENT_LINE = /^\s*(?:\/\/(?:\s|$)|\/\*|\*|#(?!!)|<!--|--\s|;|%|rem\s)/i;
/** Lower-case letters only, in words joined by - _ . or spaces. */
const PLAIN_WORDS = /^[a-z]+(?:[-_. ][a-z]+)*$/;
const EDGE_PUNCTUATION = /^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g;

/** Words that mark a value as made up, on the line that holds it. */
const MADE_UP = /\b(fake|dummy|example|sample|placeholder|mock(?:ed)?|test|testing|lorem|ipsum|redacted|xxx+)\b/i;

/** Files where a project lists its own people: their addresses are contact data, not a leak. */
const CONTACT_FILES = /(?:^|\/)(?:package\.json|package-lock\.json|bower\.json|composer\.json|composer\.lock|yarn\.lock|[^/]*\.lock|authors[^/]*|contributors[^/]*|maintainers[^/]*|codeowners|security\.md|changelog[^/]*|changes(?:\.[^/]*)?|history(?:\.[^/]*)?|news(?:\.[^/]*)?|\.mailmap|licen[cs]e[^/]*|copying[^/]*|notice[^/]*|[^/]*\.gemspec|[^/]*\.podspec|[^/]*\.nuspec|setup\.py|setup\.cfg|pyproject\.toml|cargo\.toml|pom\.xml|debian\/control|debian\/copyright|meta\.ya?ml)$/i;
/** A line crediting or naming someone. */
const CREDIT_LINE = /\b(copyright|author|authors|maintainer|maintainers|maintained by|contact|signed-off-by|co-authored-by|reported-by|reviewed-by|credits?|last-translator|language-team|report-msgid-bugs-to)\b|\(c\)|©/i;
/** Addresses of machines, not people: cloud service accounts, no-reply senders. */
const SERVICE_ADDRESS = /@(?:[\w-]+\.)*(?:iam\.gserviceaccount\.com|developer\.gserviceaccount\.com|users\.noreply\.github\.com)$|^(?:no-?reply|do-?not-?reply|mailer-daemon|postmaster)@/i;

/** Domains reserved for examples and tests (RFC 2606, RFC 6761). */
const RESERVED_HOST = /(?:^|[.@/])(?:example\.(?:com|org|net)|[a-z0-9-]+\.(?:example|test|invalid|localhost)|localhost)(?:$|[:/?#>"'\s])/i;

/** The rule's own word, or what its kind implies. */
function base(rule: RuleFacts): Assessment {
  if (rule.confidence !== undefined) return { confidence: rule.confidence, reasons: [`rule ${rule.id} is ${rule.confidence} confidence`] };
  if (!('regex' in rule)) return { confidence: 'high', reasons: ['a file that holds credentials, by its name'] };
  if (rule.category === 'pii') return { confidence: 'medium', reasons: ['personal data'] };
  if (rule.generic) return { confidence: 'medium', reasons: ['a value under a secret-named key'] };
  return { confidence: 'high', reasons: ['a provider\'s key format'] };
}

function lower(confidence: Confidence): Confidence {
  return confidence === 'high' ? 'medium' : 'low';
}

/**
 * Where a file is, as reasons to doubt what is in it: the kind of folder, then the kind of file name
 * (none for ordinary source and configuration). Each of the two lowers confidence a step.
 */
export function placeDoubts(path: string): { folder: string[]; file: string[] } {
  const named = (list: ReadonlyArray<[RegExp, string]>): string[] => list.filter(([pattern]) => pattern.test(path)).map(([, reason]) => reason);
  const folder = named(FOLDERS);
  // A document in a documentation folder is one doubt, not two.
  const file = named(FILES).filter((reason) => !(reason === 'a template or document' && folder.includes('in documentation')));
  return { folder, file };
}

/** How sure a match of `rule` is at `path`; `line` is the text around it (the excerpt). */
export function assess(rule: RuleFacts, secret: string, line: string, path: string, doubts: PlaceDoubts = placeDoubts(path)): Assessment {
  const found = base(rule);
  if (rule.mask === 'email') {
    const domain = secret.slice(secret.lastIndexOf('@'));
    if (RESERVED_HOST.test(domain)) return { confidence: 'low', reasons: ['an address at a reserved example domain'] };
    if (SERVICE_ADDRESS.test(secret)) return { confidence: 'low', reasons: ['a service or no-reply address, not a person'] };
    if (CONTACT_FILES.test(path)) return { confidence: 'low', reasons: ['a project contact file'] };
    if (CREDIT_LINE.test(line)) return { confidence: 'low', reasons: ['a credit or copyright line'] };
    // In data files addresses are records; in code, build files and prose, mostly people's contact
    // details. (Measured: treating quoted addresses in code as data brought back 9 false alarms on
    // 11 real repositories for 0 real ones.)
    if (!DATA_FILES.test(path)) return { confidence: 'low', reasons: ['an address in code or documents, not in a data file'] };
  } else if (rule.category === 'secret' && /:\/\/[^\s/]*@/.test(line) && RESERVED_HOST.test(line.slice(line.indexOf('://')))) {
    return { confidence: 'low', reasons: ['credentials for a reserved example host'] };
  }
  let { confidence } = found;
  const reasons = [...found.reasons];
  // The kind of folder lowers a step, the kind of file name another, what the line says another:
  // a key in examples/ named test_key.pem ends low, as does a fake-looking one in a test folder.
  for (const kind of [doubts.folder, doubts.file]) {
    if (kind.length === 0) continue;
    confidence = lower(confidence);
    reasons.push(kind.join(', '));
  }
  // A comment holds examples more often than keys.
  if (COMMENT_LINE.test(line)) {
    confidence = lower(confidence);
    reasons.push('on a comment line');
  }
  // Under a secret-named key, a value of plain words (`you-will-never-guess`, `postgres`,
  // `real_csrf_token`) is a default, a phrase or a name more often than a key: weak if real.
  if (rule.generic && PLAIN_WORDS.test(secret.replace(EDGE_PUNCTUATION, ''))) {
    confidence = lower(confidence);
    reasons.push('a value of plain words, not a random key');
  }
  const word = MADE_UP.exec(line);
  if (word !== null) {
    confidence = lower(confidence);
    reasons.push(`the line says "${word[1]?.toLowerCase() ?? ''}"`);
  }
  return { confidence, reasons };
}

/** The confidence of a match at a place, with its excerpt's text as the line. */
export function assessMatch(rule: RuleFacts, match: Match, path: string, doubts?: PlaceDoubts): Assessment {
  return assess(rule, match.secret.reveal(), match.excerpt.reveal().bytes.toString('utf8'), path, doubts);
}
