/** Process and database health, and what this installation is. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, Installation } from '../../shared/api.js';
import { sendError } from '../error-handler.js';
import type { AppDeps } from '../app.js';

export const systemRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/healthz',
      {
        schema: {
          tags: ['system'],
          summary: 'The process is up',
          response: { 200: z.object({ status: z.literal('ok') }) },
        },
      },
      async () => ({ status: 'ok' as const }),
    );

    app.get(
      '/readyz',
      {
        schema: {
          tags: ['system'],
          summary: 'The database answers',
          response: {
            200: z.object({ status: z.literal('ready'), engine: z.enum(['pglite', 'postgres']) }),
            503: ErrorBody,
          },
        },
      },
      async (_request, reply) => {
        if (!(await deps.isReachable())) {
          return sendError(reply, 503, 'database-unreachable', 'The database does not answer.');
        }
        return { status: 'ready' as const, engine: deps.engine };
      },
    );

    app.get(
      '/api/v1/installation',
      {
        schema: {
          tags: ['system'],
          summary: 'The name and version of this installation',
          response: { 200: Installation },
        },
      },
      async () => ({ name: deps.installationName, version: deps.version, engine: deps.engine }),
    );
  };
