/**
 * The one way the web app talks to the server: GET JSON, send writes, and
 * turn the API's error body {"error": {code, message, details}} into an
 * ApiError whose message the page shows as the server wrote it.
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
  return request<T>(path, { headers: { accept: 'application/json' }, signal });
}

export type WriteMethod = 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface SendOptions {
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as multipart/form-data instead of `body` (the browser writes the boundary). */
  form?: FormData;
  /**
   * The session's CSRF token (GET /api/v1/me): the server refuses a cookie-authenticated
   * write without it. Only signing in itself goes without.
   */
  csrfToken?: string | undefined;
  /** The version being changed; sent as If-Match, so that a stale edit gets 412 instead of overwriting. */
  ifMatch?: number | undefined;
  signal?: AbortSignal;
}

/** The ETag of a record version, as the server writes it and expects it back in If-Match. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/** A write. Resolves to the JSON answer, or to undefined for 204 No Content. */
export async function apiSend<T = undefined>(method: WriteMethod, path: string, options: SendOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined && options.form === undefined) headers['content-type'] = 'application/json';
  if (options.csrfToken) headers['x-csrf-token'] = options.csrfToken;
  if (options.ifMatch !== undefined) headers['if-match'] = etagOf(options.ifMatch);
  return request<T>(path, {
    method,
    headers,
    body: options.form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    signal: options.signal,
    // The session cookie must travel with writes; same-origin is the default, said here so it stays so.
    credentials: 'same-origin',
  });
}

async function request<T>(path: string, init: RequestInit): Promise<T> {
  const signal = init.signal ?? undefined;
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError(0, NETWORK_ERROR, cause instanceof Error ? cause.message : String(cause));
  }
  if (response.status === 204) return undefined as T;
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

/** One problem of a 400 answer: where (a JSON Pointer such as /body/title/en) and what. */
export interface Problem {
  pointer: string;
  message: string;
}

/** The problems of a validation error (error.details.problems), or none. */
export function problemsOf(error: unknown): Problem[] {
  if (!(error instanceof ApiError) || typeof error.details !== 'object' || error.details === null) return [];
  const problems: unknown = (error.details as { problems?: unknown }).problems;
  if (!Array.isArray(problems)) return [];
  return problems.filter(
    (p): p is Problem =>
      typeof p === 'object' &&
      p !== null &&
      typeof (p as Problem).pointer === 'string' &&
      typeof (p as Problem).message === 'string',
  );
}

/** Retry only what may succeed next time: not a 4xx, which will fail the same way. */
export function shouldRetry(failureCount: number, error: Error): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}
