// `leakwatch scan [path]`: a repository's history (or part of it), the staged
// changes, a directory, standard input or a list of files; then the report,
// the summary line, and the exit code.
import { appendFileSync, readFileSync, statSync } from 'node:fs';
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { baselineText, checkBaselineKey, DEFAULT_BASELINE, defaultBaseline, readBaseline } from '../../engine/baseline.js';
import { shortfalls } from '../../engine/shortfalls.js';
import { ID_KEY_VARIABLE, resolveIdKey, type ResolvedIdKey } from '../../engine/id-key.js';
import { DEFAULT_CONFIDENCE, enclosingWorkTree, scan, type SourceSpec } from '../../engine/scan.js';
import { CONFIDENCES } from '../../model/confidence.js';
import { originWebUrl } from '../../integrations/forge.js';
import { annotations, githubScope, stepSummary, type EventScope } from '../../integrations/github.js';
import { LeakwatchError } from '../../model/errors.js';
import { readAll } from '../../model/streams.js';
import { plural } from '../../model/words.js';
import type { ScanSummary } from '../../model/types.js';
import { Redactor } from '../../redact/redactor.js';
import { FORMAT_NAMES, formatNamed, formatsHelp } from '../../report/registry.js';
import { COLOR_CHOICES, terminalContext, type ColorChoice, type MaybeTerminal } from '../../report/terminal.js';
import { loadConfig } from '../../rules/config.js';
import { ruleSetSpec } from '../../rules/rule-set.js';
import { defineCommand } from '../command.js';
import type { CliIo } from '../io.js';
import { inPieces, writePrivateFile } from '../output.js';
import { createProgressLine } from '../progress.js';
import { scanMany, type RepositoryReport } from '../repositories.js';

const options = (parser: Argv) => parser
  .positional('path', { type: 'string', default: '.', describe: 'Repository (normal or bare) or directory; - reads standard input' })
  .positional('more', { type: 'string', array: true, describe: 'More repositories: one report of them all, each finding naming its repository' })
  .option('repos-from', { type: 'string', describe: 'Scan the repositories listed in FILE (one per line, # comments; - reads standard input) into one report' })
  .option('print-repos', { type: 'boolean', default: false, describe: 'With several repositories: print the ones this run would scan (after --shard), one a line, and exit 0' })
  .option('shard', { type: 'string', describe: 'With several repositories: scan share K of N only (K from 0 to N-1, as JOB_COMPLETION_INDEX); `merge` joins the shares' })
  .option('format', { alias: 'f', choices: FORMAT_NAMES, default: 'table' as const, describe: `Report format (${formatsHelp()})` })
  .option('output', { alias: 'o', type: 'string', describe: 'Write the report to FILE (mode 0600) instead of stdout' })
  .option('redact', { type: 'boolean', default: true, describe: 'Mask secrets in every output; --no-redact shows them' })
  .option('show-authors', { type: 'boolean', default: false, describe: 'Show commit authors\' email addresses (masked by default: personal data)' })
  .option('git', { type: 'boolean', default: true, describe: 'Scan git history; --no-git scans the files of a directory' })
  .option('gitignore', { type: 'boolean', default: true, describe: 'With --no-git: skip what .gitignore files ignore; --no-gitignore scans it too' })
  .option('git-backend', { choices: ['cli', 'isomorphic'] as const, describe: 'git plumbing (default when git is installed) or embedded isomorphic-git' })
  .option('only', { choices: ['secret', 'pii'] as const, describe: 'Only the rules of one category' })
  .option('patterns', { type: 'string', describe: 'Directory of rule files to use instead of the built-in patterns/' })
  .option('range', { type: 'string', describe: 'Scan only the commits of a revision range (A..B) instead of every ref; only secrets they add are reported' })
  .option('since', { type: 'string', describe: 'Scan only the commits after REV (REV..HEAD)' })
  .option('config', { alias: 'c', type: 'string', describe: 'Configuration file (default: .leakwatch.toml, else .gitleaks.toml, at PATH)' })
  .option('baseline', { type: 'string', describe: 'A baseline (--write-baseline) or an earlier JSON report: its findings are not reported again' })
  .option('ignore-baseline', { type: 'boolean', default: false, describe: `Do not use ${DEFAULT_BASELINE} at PATH (used without --baseline when it exists)` })
  .option('write-baseline', { type: 'string', describe: 'Write every current finding, at any confidence, to FILE as a baseline (ids only, mode 0600) and exit 0' })
  .option('staged', { type: 'boolean', default: false, describe: 'Scan what is staged in the index (not the working tree): only secrets it adds' })
  .option('files', { type: 'string', array: true, describe: 'Scan exactly these files (and folders), as they are on disk; paths relative to PATH' })
  .option('files-from', { type: 'string', describe: 'Scan the files listed in FILE (one per line, or NUL-separated; - reads standard input)' })
  .option('stdin-path', { type: 'string', describe: 'With `scan -`: the path reports give standard input (default: stdin)' })
  .option('allow-partial', { type: 'boolean', default: false, describe: 'Accept a scan of less than was asked (a shallow clone, blobs a partial clone lacks) instead of failing with exit 2' })
  .option('confidence', { choices: CONFIDENCES, default: DEFAULT_CONFIDENCE, describe: 'Report only findings at least this sure (low shows everything)' })
  .option('threads', { type: 'number', describe: 'Detection threads (default: the cores, for large scans; 1: none)' })
  .option('reuse', { type: 'boolean', default: true, describe: 'Search later versions of a file only where they changed; --no-reuse searches every version whole' })
  .option('scan-binary', { type: 'boolean', default: false, describe: 'Search the printable runs of binary blobs instead of skipping them' })
  .option('cache', { type: 'string', describe: 'Keep the scan cache in DIR (default for whole histories: .git/leakwatch/cache); --no-cache reads every blob' })
  .option('max-blob-mb', { type: 'number', default: 64, describe: 'Count but do not scan blobs larger than this many MB' })
  .option('color', { choices: COLOR_CHOICES, default: 'auto' as ColorChoice, describe: 'Colour the table: auto (on a terminal, unless NO_COLOR is set), always or never' })
  .option('progress', { type: 'boolean', default: true, describe: 'Progress line on a terminal; --no-progress hides it' })
  .option('debug', { type: 'boolean', default: false, describe: 'Show stack traces of errors' });

type ScanArguments = ArgumentsCamelCase<ReturnType<typeof options> extends Argv<infer Parsed> ? Parsed : never>;

export const scanCommand = defineCommand({
  command: 'scan [path] [more..]',
  describe: 'Scan every commit of a git repository (or the staged changes, a directory, standard input or a list of files) for secrets and personal data',
  // An option that takes a value, given none (last, or before another option), is an error, not its default.
  builder: (parser: Argv) => options(parser).requiresArg(['format', 'output', 'git-backend', 'only', 'patterns', 'range', 'since', 'config', 'baseline',
    'write-baseline', 'files-from', 'stdin-path', 'confidence', 'threads', 'max-blob-mb', 'color', 'cache', 'repos-from', 'shard']),
  run: runScan,
});

/** With `collect`, one repository of several: its findings go there, for the report of them all. */
async function runScan(args: ScanArguments, io: CliIo, collect?: (report: RepositoryReport) => void): Promise<number> {
  // `--config=` gets past the parser's check for a value (requiresArg): an empty name is no file.
  const named = { config: args.config, output: args.output, baseline: args.baseline, 'write-baseline': args.writeBaseline, patterns: args.patterns,
    range: args.range, since: args.since, 'files-from': args.filesFrom, 'stdin-path': args.stdinPath, 'repos-from': args.reposFrom, shard: args.shard };
  for (const [option, value] of Object.entries(named)) if (value === '') throw new LeakwatchError('usage', `--${option} needs a value`);
  if (collect === undefined && ((args.more?.length ?? 0) > 0 || args.reposFrom !== undefined || args.shard !== undefined || args.printRepos)) {
    return scanMany(args, io, (one, oneIo, report) => runScan(one, oneIo, report));
  }
  if (!(args.maxBlobMb > 0)) throw new LeakwatchError('usage', '--max-blob-mb must be a positive number');
  if (args.threads !== undefined && !(Number.isInteger(args.threads) && args.threads >= 1)) throw new LeakwatchError('usage', '--threads must be a whole number >= 1');
  const stdin = args.path === '-';
  const chosen = [
    args.range === undefined ? '' : '--range', args.since === undefined ? '' : '--since', args.staged ? '--staged' : '', args.git ? '' : '--no-git',
    stdin ? 'scan -' : '', args.files === undefined ? '' : '--files', args.filesFrom === undefined ? '' : '--files-from',
  ].filter((flag) => flag !== '');
  if (chosen.length > 1) throw new LeakwatchError('usage', `${chosen.join(' and ')} cannot be used together`);
  if (!args.gitignore && args.git) throw new LeakwatchError('usage', '--no-gitignore applies to --no-git: a history scan reads what was committed');
  if (args.stdinPath !== undefined && !stdin) throw new LeakwatchError('usage', '--stdin-path names standard input: use it with `leakwatch scan -`');
  if (args.files?.length === 0) throw new LeakwatchError('usage', '--files needs at least one file');
  const env = io.env ?? process.env;
  // In GitHub Actions, a scan without an explicit choice covers exactly the event's commits.
  const inActions = env.GITHUB_ACTIONS === 'true';
  const actions = inActions && chosen.length === 0 ? githubScope(args.path, env, args.allowPartial) : undefined;
  // Workflow commands go to stdout, unless a machine-read report is printed there.
  const commands = args.output === undefined && args.format !== 'table' ? io.stderr : io.stdout;
  if (actions !== undefined) {
    for (const warning of actions.warnings) commands.write(`::warning title=leakwatch::${warning}\n`);
    io.stderr.write(`leakwatch: GitHub Actions ${env.GITHUB_EVENT_NAME ?? ''} event: scanning ${actions.description}\n`);
    if (actions.empty) return 0;
  }
  const source = await sourceFor(args, actions, io);
  // A cache of what each blob gave (engine/scan-cache.ts): on by default for whole histories; a range (hooks, CI events) when named.
  const cache = args.cache as unknown as string | false | undefined;
  if (typeof cache === 'string' && source.kind !== 'history') throw new LeakwatchError('usage', '--cache applies to history scans: other inputs are read whole every time');
  if (cache === '') throw new LeakwatchError('usage', '--cache needs a value');
  // A file named to --no-git (or standard input) has no folder of its own: configuration comes from the current one.
  const root = source.kind === 'history' || source.kind === 'staged' ? source.path
    : stdin || (!args.git && statSync(args.path, { throwIfNoEntry: false })?.isDirectory() === false) ? '.' : args.path;
  const config = loadConfig(root, args.config);
  const ruleSet = ruleSetSpec({ patternsDir: args.patterns, config, only: args.only });
  for (const note of config.notes) io.stderr.write(`leakwatch: note: ${note}\n`);
  if (args.writeBaseline !== undefined && args.baseline !== undefined) throw new LeakwatchError('usage', '--write-baseline writes every current finding: it cannot be combined with --baseline');
  // The key is looked up (and on first use created) only when ids are needed: to check a baseline,
  // to write one, or to name a finding; a clean scan leaves the repository as it found it.
  let idKey: ResolvedIdKey | undefined;
  const keyOf = (): ResolvedIdKey => (idKey ??= resolveIdKey(root, env));
  // A baseline at the repository's root is used without being named (hooks use it too); --baseline names another.
  const baselineFile = args.baseline ?? (args.writeBaseline !== undefined || args.ignoreBaseline ? undefined : defaultBaseline(root));
  if (args.baseline === undefined && baselineFile !== undefined) io.stderr.write(`leakwatch: using the baseline ${baselineFile} (--ignore-baseline reports what it holds)\n`);
  const baseline = baselineFile === undefined ? undefined : readBaseline(baselineFile);
  if (baseline?.kind === 'baseline') checkBaselineKey(baselineFile ?? '', baseline, keyOf().key, keyOf().from);
  if (baseline?.kind === 'report') io.stderr.write(`leakwatch: note: ${baselineFile ?? ''} is a report, which holds names and excerpts: \`--write-baseline FILE\` writes a baseline with ids only\n`);
  if (baseline?.unmasked === true) io.stderr.write(`leakwatch: warning: ${baselineFile ?? ''} holds unmasked secrets (written with --no-redact?): only its fingerprints are used; keep it out of the repository\n`);
  const stderr = io.stderr as NodeJS.WriteStream;
  const progress = args.progress && stderr.isTTY === true ? createProgressLine(stderr) : undefined;
  let result;
  try {
    result = await scan({
      source,
      maxBlobBytes: Math.floor(args.maxBlobMb * 1024 * 1024),
      threads: args.threads,
      reuse: args.reuse,
      ruleSet,
      scanBinary: args.scanBinary,
      onProgress: progress?.update,
      config,
      baseline: baseline?.fingerprints,
      confidence: args.writeBaseline === undefined ? args.confidence : 'low',
      idKey: () => keyOf().key,
      cache: cache ?? (source.kind === 'history' && source.range === undefined),
    });
  } finally {
    progress?.done();
  }

  if (result.cacheNote !== undefined) io.stderr.write(`leakwatch: note: the scan cache was not used: ${result.cacheNote}\n`);
  if (result.keyDoubt !== undefined) {
    io.stderr.write(`leakwatch: warning: none of the ${plural(result.keyDoubt.entries, 'id')} in the baseline and fingerprint lists matched, though findings stand under the rules and paths of ${result.keyDoubt.nearMisses}: were they made under another id key? This scan's key is from ${keyOf().from}; \`leakwatch id-key\` prints a repository's key, LEAKWATCH_ID_KEY sets one\n`);
  }
  if (args.writeBaseline !== undefined) {
    const { key, from } = keyOf();
    writePrivateFile(args.writeBaseline, [baselineText(result.findings, key)]);
    io.stderr.write(`leakwatch: ${args.writeBaseline}: baseline of ${plural(result.findings.length, 'finding')}; its ids are keyed with ${from === ID_KEY_VARIABLE ? ID_KEY_VARIABLE : `this repository's id key (${from})`}: a scan elsewhere (CI, another clone) needs the same key, which \`leakwatch id-key\` prints\n`);
    return 0;
  }
  const redactor = new Redactor(args.redact ? 'mask' : 'none', result.detector.findSecrets, { showAuthors: args.showAuthors });
  const findings = result.findings;
  // Annotations and the step summary are logs: always masked, whatever --redact says. When the
  // report is masked the same way, both take one list instead of masking every finding twice.
  const logMasker = args.redact && !args.showAuthors ? redactor : new Redactor('mask', result.detector.findSecrets);
  const logsMasked = inActions ? findings.map((finding) => logMasker.redact(finding)) : undefined;
  const redacted = logsMasked !== undefined && logMasker === redactor ? logsMasked : (function* redactEach() {
    for (const finding of findings) yield redactor.redact(finding);
  })();
  // Commits have pages only in a history scan, and links only in some formats; the forge's address is built from origin's host and path alone.
  const format = formatNamed(args.format);
  const webUrl = source.kind === 'history' && format.linksCommits === true ? originWebUrl(source.path) : undefined;
  const terminal = terminalContext(args.output === undefined ? io.stdout as MaybeTerminal : undefined, env, args.color);
  if (collect !== undefined) collect({ findings: [...redacted], rules: result.rules });
  else {
    const report = inPieces(format.write(redacted, result.rules, { scope: result.scope, webUrl, redacted: args.redact, ...terminal }));
    if (args.output === undefined) for (const chunk of report) io.stdout.write(chunk);
    else writePrivateFile(args.output, report);
  }
  const summary = summaryLine(result.summary, result.counted, args.maxBlobMb, args.confidence);
  io.stderr.write(`${summary}\n`);
  const failed = shortfalls(result.summary, args.allowPartial);
  for (const line of failed.lines) io.stderr.write(`leakwatch: ${line}\n`);
  if (logsMasked !== undefined) {
    commands.write(annotations(logsMasked));
    const summaryFile = env.GITHUB_STEP_SUMMARY;
    if (summaryFile !== undefined && summaryFile !== '') appendFileSync(summaryFile, stepSummary(logsMasked, actions?.description ?? result.scope, summary));
  }
  // Like ripgrep: everything found is reported first; what could not be looked at turns the exit code to 2 at the end.
  if (failed.error) return 2;
  return result.findings.length > 0 ? 1 : 0;
}


/** Which input the arguments name (checked above to name at most one). */
async function sourceFor(args: ScanArguments, actions: EventScope | undefined, io: CliIo): Promise<SourceSpec> {
  if (args.path === '-') return { kind: 'stdin', stream: io.stdin ?? process.stdin, name: args.stdinPath };
  // Standard input by name: a pipe, a file or a socket (what Node's children get), which cannot be opened again by name.
  if (!args.git && ['/dev/stdin', '/dev/fd/0', '/proc/self/fd/0'].includes(args.path)) return { kind: 'stdin', stream: io.stdin ?? process.stdin, name: args.path };
  if (args.files !== undefined) return { kind: 'files', paths: args.files, root: args.path };
  if (args.filesFrom !== undefined) return { kind: 'files', paths: await readFileList(args.filesFrom, io), root: args.path };
  if (args.staged) return { kind: 'staged', path: repositoryOf(args.path, 'staged changes', io) };
  if (!args.git) return { kind: 'directory', path: args.path, gitignore: args.gitignore };
  const range = actions !== undefined ? actions.selection : args.since !== undefined ? `${args.since}..HEAD` : args.range;
  return { kind: 'history', path: repositoryOf(args.path, 'history', io), backend: args.gitBackend, range };
}

/** A folder inside a work tree stands for its repository, as in git; say so, since its configuration is read from the top. */
function repositoryOf(path: string, what: string, io: CliIo): string {
  const top = enclosingWorkTree(path);
  if (top === undefined) return path;
  io.stderr.write(`leakwatch: note: ${path} is inside the repository at ${top}: scanning ${top}'s ${what}, with the configuration and .leakwatchignore there\n`);
  return top;
}

/** A list of paths, one per line or NUL-separated (`git diff --name-only -z`); `-` is standard input. */
async function readFileList(from: string, io: CliIo): Promise<string[]> {
  if (from === '-') return splitList((await readAll(io.stdin ?? process.stdin)).toString('utf8'));
  let text: string;
  try {
    text = readFileSync(from, 'utf8');
  } catch (error) {
    throw new LeakwatchError('file-unreadable', `${from}: cannot read the list of files (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return splitList(text);
}



function splitList(text: string): string[] {
  return text.split(text.includes('\0') ? '\0' : /\r?\n/).filter((line) => line !== '');
}

function summaryLine(summary: ScanSummary, what: string, maxBlobMb: number, confidence: string): string {
  const skipped = [
    summary.binarySkipped > 0 ? `${summary.binarySkipped} binary` : '',
    summary.oversizedSkipped > 0 ? `${summary.oversizedSkipped} over ${maxBlobMb} MB` : '',
    summary.missingSkipped > 0 ? `${summary.missingSkipped} missing from this partial clone (not fetched)` : '',
    summary.ignoredPaths > 0 ? `${summary.ignoredPaths} ignored by .leakwatchignore` : '',
    summary.gitignoredPaths > 0 ? `${summary.gitignoredPaths} ignored by .gitignore (--no-gitignore scans them)` : '',
  ].filter((part) => part !== '');
  const cached = [
    (summary.cached ?? 0) === 0 ? '' : `; ${summary.cached} answered from the cache, not read`,
    summary.listedNow === undefined ? '' : `; ${plural(summary.listedNow, 'new commit')} listed, the rest of the history from the cache`,
  ].join('');
  const unreported = [
    summary.baselined > 0 ? `${summary.baselined} already in the baseline or fingerprint lists` : '',
    summary.belowConfidence > 0 ? `${summary.belowConfidence} below ${confidence} confidence, shown by --confidence low` : '',
  ].filter((part) => part !== '');
  const findings = `${plural(summary.findings, 'finding')}${unreported.length > 0 ? ` (and ${unreported.join(', and ')})` : ''}`;
  return `leakwatch: scanned ${what} (${(summary.bytes / 1e6).toFixed(1)} MB${cached}) in ${(summary.durationMs / 1000).toFixed(2)} s: ${findings}${
    skipped.length > 0 ? `; not scanned: ${skipped.join(', ')}` : ''
  }`;
}
