/** Search: one box over issues, meetings, accounts and outcomes, counting only what the caller may see. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FACETS, SEARCH_KINDS, SEARCH_SORTS, search } from '../../domain/search/search.service.js';
import { ErrorBody } from '../../shared/api.js';
import type { AppDeps } from '../app.js';
import { viewerOf } from '../auth.js';

const SearchQuery = z.object({
  q: z
    .string()
    .min(1)
    .max(200)
    .describe('Words in English or Chinese; substrings of three or more characters match too'),
  kind: z.enum(SEARCH_KINDS).optional(),
  category: z.string().max(63).optional().describe('Issue category or outcome kind'),
  status: z.string().max(63).optional(),
  side: z.string().max(63).optional().describe('Side that raised the issue or wrote the account'),
  year: z.coerce.number().int().min(1900).max(9999).optional(),
  dialogue: z.string().min(1).max(63).optional(),
  sort: z.enum(SEARCH_SORTS).optional().describe('relevance (default) or date'),
  lang: z.enum(['en', 'zh']).optional().describe('Language of titles and snippets'),
  limit: z.coerce.number().int().min(1).max(100).optional().describe('Page size, default 20'),
  offset: z.coerce.number().int().min(0).max(10000).optional(),
});

export const SearchResult = z
  .object({
    total: z.number().int(),
    facets: z.object(
      Object.fromEntries(FACETS.map((f) => [f, z.record(z.string(), z.number().int())])) as {
        [K in (typeof FACETS)[number]]: z.ZodRecord<z.ZodString, z.ZodNumber>;
      },
    ),
    items: z.array(
      z.object({
        kind: z.enum(SEARCH_KINDS),
        key: z.string(),
        dialogue: z.string(),
        title: z.string(),
        snippet: z.string().describe('HTML-escaped text with matches in <mark>'),
        score: z.number(),
        category: z.string().nullable(),
        status: z.string().nullable(),
        side: z.string().nullable(),
        year: z.number().int().nullable(),
        date: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'SearchResult' });

export const searchRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/search',
      {
        schema: {
          tags: ['search'],
          summary: 'Search everything the caller may see',
          querystring: SearchQuery,
          response: { 200: SearchResult, 400: ErrorBody },
        },
      },
      async (request) => {
        const { lang, ...query } = request.query;
        return search(deps.store, viewerOf(request), { ...query, language: lang });
      },
    );
  };
