// One error family for everything leakwatch reports as an error. Each error has
// a code from a closed list, so callers (the CLI, library users, the threads
// that forward errors to the main thread) decide by code, never by message.
// Messages name the file, rule or ref at fault and never contain scanned content.
// The CLI prints `message` on one line and exits 2; the stack only with --debug.

export const ERROR_CODES = [
  /** Bad command-line arguments or library options. */
  'usage',
  /** The path to scan does not exist. */
  'path-missing',
  /** A file named in a file list (or its list) cannot be read. */
  'file-unreadable',
  /** Standard input could not be read. */
  'stdin',
  'patterns-dir',
  /** A rule file: bad TOML, unknown key, bad field. */
  'rule-file',
  /** A rule's or allowlist's regex does not compile with RE2. */
  'rule-regex',
  /** A configuration file: bad TOML, unknown key, bad field, unknown rule. */
  'config',
  'ignore-file',
  'baseline',
  /** The key for findings' ids (LEAKWATCH_ID_KEY, or a key file) is unusable. */
  'id-key',
  /** The report file cannot be written. */
  'output',
  'git-missing',
  'git-failed',
  'git-output',
  'git-object-missing',
  'not-a-repository',
  /** A revision range that does not name commits. */
  'range',
  /** A shallow clone cannot give what was asked (the commits of an event, a whole history): fetch the rest or --allow-partial. */
  'shallow',
  'github-event',
  'hook-exists',
  'pre-push-input',
  /** A defect: not the user's to fix. Shown with a hint to rerun with --debug. */
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class LeakwatchError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'LeakwatchError';
    this.code = code;
  }
}

export function isLeakwatchError(error: unknown): error is LeakwatchError {
  return error instanceof LeakwatchError;
}

/** An error as it crosses between threads: plain data. */
export interface WireError {
  code: ErrorCode;
  message: string;
}

/** Anything thrown, as a coded error: a LeakwatchError keeps its code, anything else is `internal`. */
export function toWireError(error: unknown): WireError {
  if (isLeakwatchError(error)) return { code: error.code, message: error.message };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

export function fromWireError(wire: WireError): LeakwatchError {
  return new LeakwatchError(ERROR_CODES.includes(wire.code) ? wire.code : 'internal', wire.message);
}

/** Every error ends a run with exit code 2; findings are 1 and a clean run 0 (see cli/main.ts). */
export const EXIT_ERROR = 2;
