/** Issues: filtered, cursor-paginated lists and single issues with their raisings. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as dialogues from '../../domain/dialogues/dialogue.service.js';
import { CATEGORIES, ISSUE_STATUSES } from '../../domain/vocabulary.js';
import { ErrorBody, Issue, IssueDetail, pageOf } from '../../shared/api.js';
import type { AppDeps } from '../app.js';
import { viewerOf } from '../auth.js';

const IssueQuery = z.object({
  status: z.enum(ISSUE_STATUSES).optional(),
  category: z.enum(CATEGORIES).optional(),
  raisedBy: z.string().min(1).max(63).optional().describe('Side key'),
  respondent: z.string().min(1).max(63).optional().describe('Side key'),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(dialogues.MAX_PAGE)
    .optional()
    .describe(`Page size, default ${dialogues.DEFAULT_PAGE}`),
  cursor: z.string().max(64).optional().describe('nextCursor of the previous page'),
});

const errors = { 400: ErrorBody, 404: ErrorBody };

export const issueRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/issues',
      {
        schema: {
          tags: ['issues'],
          summary: 'List issues across dialogues',
          querystring: IssueQuery.extend({ dialogue: z.string().min(1).max(63).optional().describe('Dialogue key') }),
          response: { 200: pageOf(Issue), ...errors },
        },
      },
      async (request) => {
        const { limit, cursor, ...filter } = request.query;
        return dialogues.listIssues(deps.store, viewerOf(request), filter, { limit, cursor });
      },
    );

    app.get(
      '/issues/:id',
      {
        schema: {
          tags: ['issues'],
          summary: 'Get an issue by id',
          params: z.object({ id: z.uuid({ error: 'expected an issue id (a UUID)' }) }),
          response: { 200: Issue, ...errors },
        },
      },
      async (request) => dialogues.getIssueById(deps.store, viewerOf(request), request.params.id),
    );

    app.get(
      '/dialogues/:key/issues',
      {
        schema: {
          tags: ['issues'],
          summary: "List a dialogue's issues",
          params: z.object({ key: z.string().min(1).max(63) }),
          querystring: IssueQuery,
          response: { 200: pageOf(Issue), ...errors },
        },
      },
      async (request) => {
        const { limit, cursor, ...filter } = request.query;
        return dialogues.listIssues(
          deps.store,
          viewerOf(request),
          { ...filter, dialogue: request.params.key },
          { limit, cursor },
        );
      },
    );

    app.get(
      '/dialogues/:key/issues/:issueKey',
      {
        schema: {
          tags: ['issues'],
          summary: 'Get an issue with the meetings where it was raised',
          params: z.object({ key: z.string().min(1).max(63), issueKey: z.string().min(1).max(63) }),
          response: { 200: IssueDetail, ...errors },
        },
      },
      async (request) => dialogues.getIssue(deps.store, viewerOf(request), request.params.key, request.params.issueKey),
    );
  };
