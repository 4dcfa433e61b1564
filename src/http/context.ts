/** What every route handler can reach: the store and who is asking. */
import type { FastifyRequest } from 'fastify';
import { PUBLIC_VIEWER, type Viewer } from '../domain/access/viewer.js';

/**
 * The viewer of a request. Until sign-in exists every caller is the public:
 * the API then serves only `public` records, whatever the path.
 */
export function viewerOf(_request: FastifyRequest): Viewer {
  return PUBLIC_VIEWER;
}
