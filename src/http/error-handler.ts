/**
 * The one mapping from errors to HTTP answers: `{"error":{"code","message","details"}}`
 * with a stable code. 5xx answers never carry internals; they are logged with
 * the request id instead.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  NotEmptyError,
  NotFoundError,
  PreconditionRequiredError,
  SignInError,
  TooLargeError,
  TooManyAttemptsError,
  UnauthenticatedError,
  ValidationError,
  VersionConflictError,
} from '../domain/errors.js';

const STATUS_BY_ERROR = new Map<abstract new (...args: never[]) => DomainError, number>([
  [ValidationError, 400],
  [NotFoundError, 404],
  [ConflictError, 409],
  [NotEmptyError, 409],
  [SignInError, 401],
  [UnauthenticatedError, 401],
  [ForbiddenError, 403],
  [TooManyAttemptsError, 429],
  [TooLargeError, 413],
  [PreconditionRequiredError, 428],
  [VersionConflictError, 412],
]);

function statusOf(err: DomainError): number {
  for (const [type, status] of STATUS_BY_ERROR) if (err instanceof type) return status;
  return 400;
}

export function sendError(reply: FastifyReply, status: number, code: string, message: string, details?: unknown) {
  return reply.code(status).send({ error: details === undefined ? { code, message } : { code, message, details } });
}

export function registerErrorHandling(app: FastifyInstance, pages?: { serveApp: (reply: FastifyReply) => unknown }) {
  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'request';
      const problems = err.validation.map((v) => ({
        pointer: `/${where}${v.instancePath}`,
        message: v.message ?? 'invalid value',
      }));
      return sendError(
        reply,
        400,
        'validation-failed',
        `Invalid ${where}: ${problems.map((p) => `${p.pointer}: ${p.message}`).join('; ')}`,
        { problems },
      );
    }
    if (err instanceof DomainError) {
      if (err instanceof TooManyAttemptsError) reply.header('retry-after', String(err.retryAfterSeconds));
      if (err instanceof VersionConflictError) reply.header('etag', `"${err.currentVersion}"`);
      return sendError(reply, statusOf(err), err.code, err.message, err.details);
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ err, issues: err.cause.issues }, 'response did not match its schema');
      return sendError(reply, 500, 'internal-error', `Something went wrong on our side (request ${request.id}).`);
    }
    const status = err.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err }, 'request failed');
      return sendError(reply, status, 'internal-error', `Something went wrong on our side (request ${request.id}).`);
    }
    // Fastify's own client errors (bad JSON body, payload too large, ...).
    const code = err.code
      ? err.code
          .replace(/^FST_ERR_/, '')
          .toLowerCase()
          .replace(/_/g, '-')
      : 'bad-request';
    return sendError(reply, status, code, err.message);
  });

  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '';
    // Client-side routes of the web app: any other GET for a page gets the app; API paths keep their JSON 404.
    if (pages && request.method === 'GET' && !url.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(url)) {
      return pages.serveApp(reply);
    }
    return sendError(reply, 404, 'route-not-found', `There is no ${request.method} ${url} here.`);
  });
}
