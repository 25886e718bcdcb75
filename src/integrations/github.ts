// GitHub Actions: which commits an event brings (read from GITHUB_EVENT_PATH),
// workflow-command annotations, and the step summary. Pure where it can be:
// the repository is asked questions through a small interface.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { LeakwatchError } from '../model/errors.js';
import { isMessagePath, messagePlace } from '../model/messages.js';
import type { HistorySelection } from '../sources/git/backend.js';
import { NO_NETWORK_ENV } from '../sources/git/cli.js';
import type { RedactedFinding } from '../model/types.js';
import { plural } from '../model/words.js';

const ZERO = /^0+$/;
const OID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

export interface RepositoryFacts {
  hasCommit(oid: string): boolean;
  /** A ref that exists here, fully named, or undefined. */
  ref(name: string): string | undefined;
  isShallow(): boolean;
  /** Whether `commit` is `tip` or one of its ancestors. */
  contains(tip: string, commit: string): boolean;
}

export interface EventScope {
  /** Undefined: the whole history. */
  selection: HistorySelection | undefined;
  /** What is scanned, for the log: "push a1b2c3d..e4f5a6b". */
  description: string;
  /** Things the user must know (shallow checkout, a force-push's lost base); each becomes a ::warning::. */
  warnings: string[];
  /** Nothing to scan (a branch deletion). */
  empty: boolean;
}

interface PushEvent {
  before?: unknown;
  after?: unknown;
  deleted?: unknown;
  repository?: { default_branch?: unknown };
}

interface PullRequestEvent {
  pull_request?: { base?: { sha?: unknown }; head?: { sha?: unknown } };
}

/** Reads and parses the event payload; a missing or malformed file is an error naming it. */
export function readEventPayload(path: string | undefined): Record<string, unknown> {
  if (path === undefined || path === '') throw new LeakwatchError('github-event', 'GITHUB_EVENT_PATH is not set: cannot tell which commits this run is about (pass --range to choose)');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new LeakwatchError('github-event', `${path}: cannot read the event payload (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    const payload: unknown = JSON.parse(text);
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new Error('not an object');
    return payload as Record<string, unknown>;
  } catch {
    throw new LeakwatchError('github-event', `${path}: the event payload is not a JSON object`);
  }
}

const short = (oid: string): string => oid.slice(0, 7);

function oidField(value: unknown, path: string, field: string): string {
  if (typeof value !== 'string' || !OID.test(value)) throw new LeakwatchError('github-event', `${path}: ${field} is not a commit id`);
  return value;
}

/**
 * push: before..after (a new branch or a force-push whose `before` is gone: the commits not on the
 * default branch); pull_request: base..head; anything else (schedule, workflow_dispatch): the
 * whole history. A shallow checkout is reported, never taken for the whole history.
 */
export function eventScope(eventName: string, payload: Record<string, unknown>, eventPath: string, repo: RepositoryFacts, allowPartial = false): EventScope {
  const warnings: string[] = [];
  if (repo.isShallow()) {
    // A shallow checkout cannot say which commits are new nor hold the older ones: scanning it would
    // pass a push whose secret sits below the boundary. That is an error unless the user accepts it.
    if (!allowPartial) {
      throw new LeakwatchError('shallow', 'this checkout is shallow (actions/checkout fetches one commit by default), so the event\'s commits cannot all be scanned: set fetch-depth: 0 on actions/checkout (the leakwatch action\'s deepen input fetches the rest), or pass --allow-partial (the allow-partial input) to scan only what is here');
    }
    warnings.push('this checkout is shallow: only what it holds is scanned (--allow-partial); commits before its boundary are not');
  }
  if (eventName === 'push') {
    const push = payload as PushEvent;
    const after = oidField(push.after, eventPath, 'after');
    if (push.deleted === true || ZERO.test(after)) return { selection: undefined, description: 'a branch deletion: nothing to scan', warnings, empty: true };
    const before = typeof push.before === 'string' && OID.test(push.before) && !ZERO.test(push.before) ? push.before : undefined;
    if (before !== undefined && repo.hasCommit(before)) {
      return { selection: { revisions: [after, '--not', before], description: `push ${short(before)}..${short(after)}` }, description: `push ${short(before)}..${short(after)}`, warnings, empty: false };
    }
    if (before !== undefined) warnings.push(`the push's previous tip ${short(before)} is not in this checkout (a force-push, or a shallow clone): scanning the pushed branch's commits that are not on the default branch instead`);
    const defaultBranch = typeof push.repository?.default_branch === 'string' ? push.repository.default_branch : undefined;
    const base = defaultBranch === undefined ? undefined : (repo.ref(`refs/remotes/origin/${defaultBranch}`) ?? repo.ref(`refs/heads/${defaultBranch}`));
    if (base === undefined) {
      warnings.push('the default branch is not in this checkout: scanning every commit reachable from the pushed one');
      return { selection: { revisions: [after], description: `history of ${short(after)}` }, description: `history of ${short(after)}`, warnings, empty: false };
    }
    if (repo.contains(base, after)) {
      // A force-push onto the default branch itself: "commits not on it" would be none at all.
      warnings.push(`the pushed commit is on ${defaultBranch ?? 'the default branch'} itself: scanning every commit reachable from it`);
      return { selection: { revisions: [after], description: `history of ${short(after)}` }, description: `history of ${short(after)}`, warnings, empty: false };
    }
    const description = `push of ${short(after)}, commits not on ${defaultBranch ?? ''}`;
    return { selection: { revisions: [after, '--not', base], description }, description, warnings, empty: false };
  }
  if (eventName === 'pull_request' || eventName === 'pull_request_target') {
    const pr = (payload as PullRequestEvent).pull_request;
    const base = oidField(pr?.base?.sha, eventPath, 'pull_request.base.sha');
    const head = oidField(pr?.head?.sha, eventPath, 'pull_request.head.sha');
    if (!repo.hasCommit(head)) throw new LeakwatchError('github-event', `the pull request's head ${short(head)} is not in this checkout: check out with fetch-depth: 0`);
    if (!repo.hasCommit(base)) {
      warnings.push(`the pull request's base ${short(base)} is not in this checkout: scanning every commit reachable from its head`);
      return { selection: { revisions: [head], description: `history of ${short(head)}` }, description: `history of ${short(head)}`, warnings, empty: false };
    }
    const description = `pull request ${short(base)}..${short(head)}`;
    return { selection: { revisions: [head, '--not', base], description }, description, warnings, empty: false };
  }
  return { selection: undefined, description: `${eventName === '' ? 'this' : eventName} event: the whole history`, warnings, empty: false };
}

/** Escapes the message of a workflow command. */
function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** Escapes a property of a workflow command (also `:` and `,`). */
function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

/** One `::error` line per finding, at the secret's position; everything in it is already masked. */
export function annotations(findings: readonly RedactedFinding[]): string {
  return findings.map((finding) => {
    const message = isMessagePath(finding.path);
    const where = finding.commit === '' ? '' : message ? ` (${messagePlace(finding.path, finding.commit)}, ${finding.date.slice(0, 10)})` : ` (commit ${short(finding.commit)}, ${finding.date.slice(0, 10)})`;
    // A message is no file of the checkout: its annotation has no file, only the run's summary shows it.
    const properties = [
      ...(message ? [] : [`file=${escapeProperty(finding.path)}`, `line=${finding.line}`, `endLine=${finding.endLine}`, `col=${finding.column}`]),
      `title=${escapeProperty(`leakwatch: ${finding.ruleId} (${finding.confidence} confidence)`)}`,
    ].join(',');
    const more = finding.occurrenceCount === 0 ? '' : ` (also in ${plural(finding.occurrenceCount, 'other place')})`;
    // Only what is surely a leak is an error; the rest asks for a look.
    return `::${finding.confidence === 'high' ? 'error' : 'warning'} ${properties}::${escapeData(`${finding.description}${where}: ${finding.match}${more}`)}\n`;
  }).join('');
}

/** A Markdown table cell: no line breaks, pipes escaped, code spans kept intact. */
function cell(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replace(/[\r\n]+/g, ' ');
}

const SUMMARY_ROWS = 200;

/** The step summary: what was scanned, and a table of the (masked) findings. */
export function stepSummary(findings: readonly RedactedFinding[], scope: string, summaryLine: string): string {
  const lines = ['## leakwatch', '', `Scanned: ${cell(scope)}.`, '', `${cell(summaryLine)}`, ''];
  if (findings.length === 0) lines.push('No secrets or personal data found.', '');
  else {
    lines.push('| Rule | Confidence | Where | Commit | Line (masked) | Also in |', '| --- | --- | --- | --- | --- | ---: |');
    for (const finding of findings.slice(0, SUMMARY_ROWS)) {
      const commit = finding.commit === '' ? '' : `${short(finding.commit)} ${finding.date.slice(0, 10)}`;
      lines.push(`| ${cell(finding.ruleId)} | ${finding.confidence} | ${cell(`${finding.path}:${finding.line}`)} | ${cell(commit)} | ${cell(finding.match)} | ${finding.occurrenceCount} |`);
    }
    if (findings.length > SUMMARY_ROWS) lines.push('', `… and ${findings.length - SUMMARY_ROWS} more: see the full report.`);
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

/** The commits of the GitHub event this run is for, in the repository at `path`. */
export function githubScope(path: string, env: NodeJS.ProcessEnv, allowPartial = false): EventScope {
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const repoFacts = repositoryFacts(path);
  if (eventName !== 'push' && eventName !== 'pull_request' && eventName !== 'pull_request_target') return eventScope(eventName, {}, '', repoFacts, allowPartial);
  const eventPath = env.GITHUB_EVENT_PATH;
  return eventScope(eventName, readEventPayload(eventPath), eventPath ?? '', repoFacts, allowPartial);
}

function repositoryFacts(path: string): RepositoryFacts {
  const git = (args: string[]): { ok: boolean; out: string } => {
    const result = spawnSync('git', ['-C', path, ...args], { encoding: 'utf8', env: NO_NETWORK_ENV });
    return { ok: result.status === 0, out: (result.stdout ?? '').trim() };
  };
  return {
    hasCommit: (oid) => git(['cat-file', '-e', `${oid}^{commit}`]).ok,
    ref: (name) => (git(['rev-parse', '--verify', '--quiet', `${name}^{commit}`]).ok ? name : undefined),
    isShallow: () => git(['rev-parse', '--is-shallow-repository']).out === 'true',
    contains: (tip, commit) => git(['merge-base', '--is-ancestor', commit, tip]).ok,
  };
}
