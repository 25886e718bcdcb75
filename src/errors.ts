// Errors the user can fix. The CLI prints `message` on one line and exits 2;
// the stack is shown only with --debug. Messages name the file, rule or ref
// at fault and never contain scanned content.
export class UserError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'UserError';
    this.code = code;
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}
