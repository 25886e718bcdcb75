// How sure a finding is: `high`, `medium` or `low`, with the reasons. Pure:
// from the rule, the line the secret sits on and the path of the file. The
// rule gives a base (a provider's format is high, a value under a secret-named
// key medium, personal data medium); where it was found and what the line says
// lower it a step each (a test folder, documentation, "fake" on the line); a
// project's own contact data (an author email in package.json, a copyright
// line) and addresses at reserved example domains are low.
import type { Confidence, Match } from '../model/types.js';
import type { Rule } from '../rules/compile.js';

export interface Assessment {
  confidence: Confidence;
  reasons: string[];
}

/** Folders and file names that hold tests, samples, documents or other people's code, with what to call them. */
const PLACES: ReadonlyArray<[RegExp, string]> = [
  [/(?:^|\/)(?:tests?|specs?|__tests__|__mocks__|testdata|test[-_]data|testing|e2e)(?:\/|$)/i, 'in a test folder'],
  [/(?:^|\/)[^/]*(?:[._-]test|[._-]spec|^test_)[^/]*$|(?:^|\/)test_[^/]*$/i, 'in a test file'],
  [/(?:^|\/)(?:fixtures?|mocks?|stubs?|fakes?|dummy)(?:\/|$)/i, 'in a fixtures folder'],
  [/(?:^|\/)(?:examples?|samples?|demos?|tutorials?|quickstart)(?:\/|$)/i, 'in an examples folder'],
  [/(?:^|\/)(?:docs?|documentation|website|site|man)(?:\/|$)/i, 'in documentation'],
  [/(?:^|\/)(?:locales?|i18n|l10n|translations?|lang)(?:\/|$)/i, 'in translations'],
  [/(?:^|\/)(?:vendor|node_modules|third[-_]party|bower_components|external)(?:\/|$)/i, 'in vendored code'],
  [/\.(?:example|sample|dist|template|tmpl|tpl)(?:\.[^/]*)?$|(?:^|\/)readme[^/]*$|\.(?:md|markdown|rst|adoc)$/i, 'a template or document'],
];

/** Words that mark a value as made up, on the line that holds it. */
const MADE_UP = /\b(fake|dummy|example|sample|placeholder|mock(?:ed)?|test|testing|lorem|ipsum|redacted|xxx+)\b/i;

/** Files where a project lists its own people: their addresses are contact data, not a leak. */
const CONTACT_FILES = /(?:^|\/)(?:package\.json|bower\.json|composer\.json|authors[^/]*|contributors[^/]*|maintainers[^/]*|codeowners|security\.md|changelog[^/]*|changes(?:\.[^/]*)?|history(?:\.[^/]*)?|news(?:\.[^/]*)?|\.mailmap|licen[cs]e[^/]*|copying[^/]*|notice[^/]*|[^/]*\.gemspec|[^/]*\.podspec|[^/]*\.nuspec|setup\.py|setup\.cfg|pyproject\.toml|cargo\.toml|pom\.xml|debian\/control|debian\/copyright|meta\.ya?ml)$/i;
/** A line crediting or naming someone. */
const CREDIT_LINE = /\b(copyright|author|authors|maintainer|maintainers|maintained by|contact|signed-off-by|co-authored-by|reported-by|reviewed-by|credits?)\b|\(c\)|©/i;
/** Domains reserved for examples and tests (RFC 2606, RFC 6761). */
const RESERVED_HOST = /(?:^|[.@/])(?:example\.(?:com|org|net)|[a-z0-9-]+\.(?:example|test|invalid|localhost)|localhost)(?:$|[:/?#>"'\s])/i;

/** The rule's own word, or what its kind implies. */
function base(rule: Rule): Assessment {
  if (rule.confidence !== undefined) return { confidence: rule.confidence, reasons: [`rule ${rule.id} is ${rule.confidence} confidence`] };
  if (rule.category === 'pii') return { confidence: 'medium', reasons: ['personal data'] };
  if (rule.generic) return { confidence: 'medium', reasons: ['a value under a secret-named key'] };
  return { confidence: 'high', reasons: ['a provider\'s key format'] };
}

function lower(confidence: Confidence): Confidence {
  return confidence === 'high' ? 'medium' : 'low';
}

/** Where a file is, as reasons to doubt what is in it (none for ordinary source and configuration). */
export function placeDoubts(path: string): string[] {
  return PLACES.filter(([pattern]) => pattern.test(path)).map(([, reason]) => reason);
}

/** How sure a match of `rule` is at `path`; `line` is the text around it (the excerpt). */
export function assess(rule: Rule, secret: string, line: string, path: string, doubts: readonly string[] = placeDoubts(path)): Assessment {
  const found = base(rule);
  if (rule.mask === 'email') {
    const domain = secret.slice(secret.lastIndexOf('@'));
    if (RESERVED_HOST.test(domain)) return { confidence: 'low', reasons: ['an address at a reserved example domain'] };
    if (CONTACT_FILES.test(path)) return { confidence: 'low', reasons: ['a project contact file'] };
    if (CREDIT_LINE.test(line)) return { confidence: 'low', reasons: ['a credit or copyright line'] };
  } else if (rule.category === 'secret' && /:\/\/[^\s/]*@/.test(line) && RESERVED_HOST.test(line.slice(line.indexOf('://')))) {
    return { confidence: 'low', reasons: ['credentials for a reserved example host'] };
  }
  let { confidence } = found;
  const reasons = [...found.reasons];
  // Where the file is lowers one step, what the line says another: a fake-looking key in a test folder ends low.
  if (doubts.length > 0) {
    confidence = lower(confidence);
    reasons.push(doubts.join(', '));
  }
  const word = MADE_UP.exec(line);
  if (word !== null) {
    confidence = lower(confidence);
    reasons.push(`the line says "${word[1]?.toLowerCase() ?? ''}"`);
  }
  return { confidence, reasons };
}

/** The confidence of a match at a place, with its excerpt's text as the line. */
export function assessMatch(rule: Rule, match: Match, path: string, doubts?: readonly string[]): Assessment {
  return assess(rule, match.secret.reveal(), match.excerpt.reveal().bytes.toString('utf8'), path, doubts);
}
