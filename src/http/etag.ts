/** Versions on the wire: every record has an ETag, and every update must send it back in If-Match. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../domain/errors.js';

export function etagOf(version: number): string {
  return `"${version}"`;
}

export function setEtag(reply: FastifyReply, record: { version: number }) {
  reply.header('etag', etagOf(record.version));
}

/** The version in If-Match ("3" or W/"3"), undefined when absent; a malformed one is a 400. */
export function ifMatch(request: FastifyRequest): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined) return undefined;
  const m = /^(?:W\/)?"(\d{1,9})"$/.exec(header.trim());
  if (!m) {
    throw new ValidationError('If-Match must be the ETag of the record, like "3".', [
      { pointer: '/headers/if-match', message: `expected an ETag like "3", got ${JSON.stringify(header)}` },
    ]);
  }
  return Number(m[1]);
}
