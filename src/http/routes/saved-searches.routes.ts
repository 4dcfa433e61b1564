/** My saved searches (issue 7): list, save, delete; each user reaches only their own. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { deleteSavedSearch, listSavedSearches, saveSearch } from '../../domain/search/saved.js';
import { SEARCH_KINDS } from '../../domain/search/search.service.js';
import { COUNTRY_PATTERN } from '../../domain/vocabulary.js';
import { ErrorBody } from '../../shared/api.js';
import type { AppDeps } from '../app.js';
import { actorOf, requirePrincipal } from '../auth.js';

/** The words and filters of GET /api/v1/search, as a JSON object. */
const SavedQuery = z
  .strictObject({
    q: z.string().trim().min(1, 'a non-empty query').max(200),
    kind: z.enum(SEARCH_KINDS).optional(),
    category: z.string().min(1).max(63).optional(),
    status: z.string().min(1).max(63).optional(),
    side: z.string().min(1).max(63).optional(),
    economy: z.string().regex(COUNTRY_PATTERN, 'an ISO 3166 two-letter country code, such as CN or US').optional(),
    sector: z.string().min(1).max(200).optional(),
    chapter: z
      .string()
      .regex(/^\d{2}$/, 'a Harmonized System chapter: two digits, such as 85')
      .optional(),
    meeting: z.number().int().min(1).max(100000).optional(),
    year: z.number().int().min(1900).max(9999).optional(),
    dialogue: z.string().min(1).max(63).optional(),
  })
  .meta({ id: 'SavedQuery', description: 'The words and filters of GET /api/v1/search' });

const SavedSearch = z
  .object({
    id: z.uuid(),
    name: z.string(),
    query: SavedQuery,
    alert: z.boolean().describe('Whether new matches are e-mailed'),
    language: z.enum(['en', 'zh']).describe('Language of the alert e-mails'),
    createdAt: z.string(),
    lastAlertedAt: z.string().nullable().describe('When the last alert was queued'),
  })
  .meta({ id: 'SavedSearch' });

const NewSavedSearch = z.strictObject({
  name: z.string().trim().min(1, 'a non-empty name').max(100),
  query: SavedQuery,
  alert: z.boolean(),
  language: z
    .enum(['en', 'zh'])
    .optional()
    .describe('Language of the alert e-mails (default: English); the web sends its own'),
});

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export const savedSearchRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/me/searches',
      {
        schema: {
          tags: ['search'],
          summary: 'My saved searches',
          response: { 200: z.object({ items: z.array(SavedSearch) }), ...errors },
        },
      },
      async (request) => ({ items: await listSavedSearches(deps.store, requirePrincipal(request)) }),
    );

    app.post(
      '/me/searches',
      {
        schema: {
          tags: ['search'],
          summary: 'Save a search; with alert, new matches are e-mailed to me',
          body: NewSavedSearch,
          response: { 201: SavedSearch, ...errors },
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        const { language, ...input } = request.body;
        const saved = await saveSearch(deps.store, actorOf(request), p, { ...input, language: language ?? 'en' });
        return reply.code(201).send(saved);
      },
    );

    app.delete(
      '/me/searches/:id',
      {
        schema: {
          tags: ['search'],
          summary: 'Delete one of my saved searches',
          params: z.object({ id: z.string().max(64) }),
          response: { 204: z.undefined(), ...errors },
        },
      },
      async (request, reply) => {
        await deleteSavedSearch(deps.store, actorOf(request), requirePrincipal(request), request.params.id);
        return reply.code(204).send();
      },
    );
  };
