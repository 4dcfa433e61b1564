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

/** Something sent is larger than a limit allows (a file, the number of files): nothing was written. */
export class TooLargeError extends DomainError {
  readonly code = 'too-large';
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

/** Sign-in failed: one answer for an unknown e-mail and a wrong password. */
export class SignInError extends DomainError {
  readonly code = 'sign-in-failed';
  constructor() {
    super('The e-mail address or password is not right, or the account is disabled.');
  }
}

/** Too many failed sign-ins for this account or address. */
export class TooManyAttemptsError extends DomainError {
  readonly code = 'too-many-attempts';
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many failed sign-ins. Try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`, {
      retryAfterSeconds,
    });
  }
}

/** The request needs a signed-in caller. */
export class UnauthenticatedError extends DomainError {
  readonly code = 'unauthenticated';
  constructor(message = 'Sign in first.') {
    super(message);
  }
}

/** The caller is signed in but may not do this. */
export class ForbiddenError extends DomainError {
  readonly code = 'forbidden';
  constructor(message: string) {
    super(message);
  }
}

/** An update must say which version it changes (If-Match). */
export class PreconditionRequiredError extends DomainError {
  readonly code = 'precondition-required';
  constructor() {
    super('Say which version you are changing: send If-Match with the ETag you read.');
  }
}

/** The record changed since the caller read it: nothing was written. */
export class VersionConflictError extends DomainError {
  readonly code = 'version-conflict';
  constructor(
    readonly kind: string,
    readonly currentVersion: number,
    readonly current: unknown,
  ) {
    super(
      `This ${kind} was changed by someone else (it is now at version ${currentVersion}); nothing was written. Reload it and apply your change again.`,
      {
        currentVersion,
        current,
      },
    );
  }
}
