/** My saved searches (issue 7): list, save, change (If-Match), delete; each user reaches only their own. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { deleteSavedSearch, listSavedSearches, saveSearch, updateSavedSearch } from '../../domain/search/saved.js';
import { SEARCH_KINDS } from '../../domain/search/search.service.js';
import { COUNTRY_PATTERN } from '../../domain/vocabulary.js';
import { ErrorBody } from '../../shared/api.js';
import type { AppDeps } from '../app.js';
import { actorOf, requirePrincipal } from '../auth.js';
import { ifMatch, setEtag } from '../etag.js';

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
    version: z.number().int().describe('Bumped by every change; send it back in If-Match to change the search'),
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

const SavedSearchPatch = z
  .strictObject({
    name: z.string().trim().min(1, 'a non-empty name').max(100).optional(),
    alert: z.boolean().optional(),
    query: SavedQuery.optional().describe('The whole new query (it replaces the old one, filters included)'),
  })
  .refine((b) => b.name !== undefined || b.alert !== undefined || b.query !== undefined, {
    message: 'at least one of name, alert, query',
  });

const IfMatch = z.object({ 'if-match': z.string().optional().describe('The ETag of the version you change') });

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
        setEtag(reply, saved);
        return reply.code(201).send(saved);
      },
    );

    app.patch(
      '/me/searches/:id',
      {
        schema: {
          tags: ['search'],
          summary:
            'Change one of my saved searches: rename it, turn its alert on or off, change its query (If-Match required)',
          description:
            'A new query, or an alert turned back on, starts the alerts afresh: what matches at the change is not e-mailed.',
          params: z.object({ id: z.string().max(64) }),
          headers: IfMatch,
          body: SavedSearchPatch,
          response: { 200: SavedSearch, ...errors, 412: ErrorBody, 428: ErrorBody },
        },
      },
      async (request, reply) => {
        const saved = await updateSavedSearch(
          deps.store,
          actorOf(request),
          requirePrincipal(request),
          request.params.id,
          ifMatch(request),
          request.body,
        );
        setEtag(reply, saved);
        return saved;
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
