/** Search: one box over issues, reports, meetings, accounts, outcomes and readouts, counting only what the caller may open. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FACETS, SEARCH_KINDS, SEARCH_SORTS, search, searchAccess } from '../../domain/search/search.service.js';
import { COUNTRY_PATTERN } from '../../domain/vocabulary.js';
import { ErrorBody } from '../../shared/api.js';
import type { AppDeps } from '../app.js';

const SearchQuery = z.object({
  q: z
    .string()
    .min(1)
    .max(200)
    .describe('Words in English or Chinese; substrings of three or more characters match too'),
  kind: z.enum(SEARCH_KINDS).optional(),
  category: z.string().max(63).optional().describe('Issue or report category, or outcome kind'),
  status: z.string().max(63).optional().describe('Status of an issue, outcome or report; state of a readout'),
  side: z
    .string()
    .max(63)
    .optional()
    .describe('Side that raised the issue, wrote the account or readout, hosted the meeting, or received the report'),
  economy: z
    .string()
    .regex(COUNTRY_PATTERN, 'an ISO 3166 two-letter country code, such as CN or US')
    .optional()
    .describe('Economy concerned by an issue, or reported from'),
  sector: z.string().min(1).max(200).optional().describe('Sector, by its English or Chinese name'),
  chapter: z
    .string()
    .regex(/^\d{2}$/, 'a Harmonized System chapter: two digits, such as 85')
    .optional()
    .describe('Harmonized System chapter of the products named'),
  meeting: z.coerce
    .number()
    .int()
    .min(1)
    .max(100000)
    .optional()
    .describe('Meeting number: the meeting, its accounts, outcomes and readouts, and the issues raised at it'),
  year: z.coerce.number().int().min(1900).max(9999).optional(),
  dialogue: z.string().min(1).max(63).optional(),
  sort: z
    .enum(SEARCH_SORTS)
    .optional()
    .describe("relevance (default), date, or priority (the caller's side's own issues and reports first)"),
  lang: z.enum(['en', 'zh']).optional().describe('Language of titles, snippets and sector names'),
  limit: z.coerce.number().int().min(1).max(100).optional().describe('Page size, default 20'),
  offset: z.coerce.number().int().min(0).max(10000).optional(),
});

export const SearchResult = z
  .object({
    total: z.number().int().describe('How many records the caller may open match'),
    facets: z
      .object(
        Object.fromEntries(FACETS.map((f) => [f, z.record(z.string(), z.number().int())])) as {
          [K in (typeof FACETS)[number]]: z.ZodRecord<z.ZodString, z.ZodNumber>;
        },
      )
      .describe('For each facet, how many of the hits have each value (a filter of the same name narrows to them)'),
    items: z.array(
      z.object({
        kind: z.enum(SEARCH_KINDS),
        key: z
          .string()
          .describe(
            'Issue or outcome key, meeting number, "number/side" of an account, report reference, "number/id" of a readout',
          ),
        dialogue: z.string().nullable().describe('Null for a report not merged into an issue'),
        title: z.string(),
        snippet: z.string().describe('HTML-escaped text with matches in <mark>'),
        score: z.number(),
        category: z.string().nullable(),
        status: z.string().nullable(),
        side: z.string().nullable(),
        year: z.number().int().nullable(),
        date: z.string().nullable(),
        priority: z
          .number()
          .nullable()
          .describe('Priority score; only for the leads and analysts of the side that holds the issue or report'),
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
          summary: 'Search everything the caller may open',
          querystring: SearchQuery,
          response: { 200: SearchResult, 400: ErrorBody },
        },
      },
      async (request) => {
        const { lang, ...query } = request.query;
        return search(deps.store, searchAccess(request.principal), { ...query, language: lang });
      },
    );
  };
