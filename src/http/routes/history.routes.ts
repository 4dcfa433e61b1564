/** The history of any record, as far as the caller may see the record. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { historyAsSeenBy } from '../../domain/audit/history.js';
import { NotFoundError } from '../../domain/errors.js';
import { ErrorBody } from '../../shared/api.js';
import type { AppDeps } from '../app.js';
import { viewerOf } from '../auth.js';

/** URL kinds (plural) → the record kinds the audit trail uses. */
const KINDS: Record<string, string> = {
  dialogues: 'dialogue',
  issues: 'issue',
  meetings: 'meeting',
  accounts: 'account',
  outcomes: 'outcome',
  people: 'person',
  sides: 'side',
  principles: 'principle',
};

const Entry = z
  .object({
    position: z.number().int(),
    at: z.string(),
    actor: z.string(),
    action: z.string(),
    changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })).nullable(),
    before: z.unknown(),
    after: z.unknown(),
    requestId: z.string().nullable(),
    beforeWithheld: z
      .literal(true)
      .optional()
      .describe('The record was not visible to the caller before this entry: its earlier state is left out.'),
  })
  .meta({ id: 'HistoryEntry' });

export const historyRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/:kind/:id/history',
      {
        schema: {
          tags: ['history'],
          summary: 'The audit history of a record (404 when the caller may not see the record)',
          description:
            'Entries from a time when the record was not visible to the caller (an issue internal to the other ' +
            'side before it was shared) are left out; the entry that made it visible has its earlier state withheld.',
          params: z.object({ kind: z.enum(Object.keys(KINDS) as [string, ...string[]]), id: z.uuid() }),
          response: { 200: z.object({ items: z.array(Entry) }), 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (request) => {
        const kind = KINDS[request.params.kind]!;
        if (!(await deps.store.canSeeRecord(viewerOf(request), kind, request.params.id))) {
          throw new NotFoundError(kind, request.params.id);
        }
        const viewer = viewerOf(request);
        const all = await deps.store.history(kind, request.params.id);
        const sides = await deps.store.dialogueSides(kind, request.params.id);
        // Entries from when the record was not visible to the caller stay with those who could see it.
        const entries = historyAsSeenBy(viewer, all, sides);
        return { items: entries.map((e) => ({ ...e, before: e.before ?? null, after: e.after ?? null })) };
      },
    );
  };
