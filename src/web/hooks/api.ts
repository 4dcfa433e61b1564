/**
 * The one way the web app talks to the server: GET JSON, and turn the API's
 * error body {"error": {code, message, details}} into an ApiError whose
 * message the page shows as the server wrote it.
 */
import type { IssueDetailT } from '../../shared/api.js';

export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the server could not be reached at all. */
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Network failures get this code; the page words them itself, in the reader's language. */
export const NETWORK_ERROR = 'network';

export interface ListOf<T> {
  items: T[];
}

export interface PageOf<T> {
  items: T[];
  nextCursor?: string;
}

/** GET /issues/:issueKey: the issue and where it was raised (schema in src/shared/api.ts). */
export type { IssueDetailT };
/** One meeting at which an issue was raised, as one account records it. */
export type Raising = IssueDetailT['raisings'][number];

function isErrorBody(body: unknown): body is { error: { code: string; message: string; details?: unknown } } {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error: unknown = body.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  );
}

export async function apiGet<T>(path: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { accept: 'application/json' }, signal });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError(0, NETWORK_ERROR, cause instanceof Error ? cause.message : String(cause));
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    if (isErrorBody(body)) throw new ApiError(response.status, body.error.code, body.error.message, body.error.details);
    throw new ApiError(response.status, `http-${response.status}`, `${response.status} ${response.statusText}`.trim());
  }
  if (body === undefined)
    throw new ApiError(response.status, 'invalid-response', 'The server did not answer with JSON.');
  return body as T;
}

/** Retry only what may succeed next time: not a 4xx, which will fail the same way. */
export function shouldRetry(failureCount: number, error: Error): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}
