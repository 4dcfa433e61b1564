/**
 * Typed domain errors with stable codes. The HTTP layer maps them to status
 * codes in one place (http/error-handler.ts); the CLI maps them to exit codes.
 */

export interface Problem {
  /** JSON Pointer to the offending value, "" for the whole document. */
  pointer: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly code: string;
  readonly details: unknown;
  constructor(message: string, details?: unknown) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

/** Input that breaks a rule: every problem is named with where it is. */
export class ValidationError extends DomainError {
  readonly code = 'validation-failed';
  constructor(
    message: string,
    readonly problems: Problem[],
  ) {
    super(message, { problems });
  }
}

/** The record does not exist, or the caller may not know that it exists. */
export class NotFoundError extends DomainError {
  readonly code = 'not-found';
  constructor(
    readonly kind: string,
    readonly ref: string,
  ) {
    super(`No ${kind} "${ref}" was found.`, { kind, ref });
  }
}

/** The write conflicts with the current state (a rule across records). */
export class ConflictError extends DomainError {
  readonly code: string;
  constructor(code: string, message: string, details?: unknown) {
    super(message, details);
    this.code = code;
  }
}

/** The database already holds records and the operation needs an empty one. */
export class NotEmptyError extends DomainError {
  readonly code = 'database-not-empty';
}
