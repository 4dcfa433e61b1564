/** The meeting cycle: issue timelines, agenda proposals and the comparison of accounts. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as cycle from '../../domain/meetings/cycle.service.js';
import { CATEGORIES, ISSUE_STATUSES, STANCES } from '../../domain/vocabulary.js';
import { ErrorBody, Place, Text } from '../../shared/api.js';
import type { AppDeps } from '../app.js';
import { viewerOf } from '../auth.js';

const Key = z.object({ key: z.string().min(1).max(63) });
const MeetingParams = Key.extend({ number: z.coerce.number().int().min(1) });
const errors = { 400: ErrorBody, 404: ErrorBody };

const Timeline = z
  .object({
    issue: z.string(),
    status: z.enum(ISSUE_STATUSES),
    firstRaised: z.object({ meeting: z.number().int(), side: z.string(), date: z.string() }).optional(),
    lastRaised: z.object({ meeting: z.number().int(), date: z.string() }).optional(),
    timesRaised: z.number().int().describe('Meetings at which the issue was raised (as the WTO counts)'),
    raisings: z.array(
      z.object({
        meeting: z.number().int(),
        date: z.string(),
        side: z.string(),
        stance: z.enum(STANCES),
        account: z.string().nullable(),
      }),
    ),
    statusChanges: z.array(z.object({ at: z.string(), from: z.string().nullable(), to: z.string(), by: z.string() })),
    dormancyReview: z.boolean().describe('Not raised at the last two meetings: due a dormancy review'),
  })
  .meta({ id: 'IssueTimeline' });

const Proposal = z
  .object({
    issue: z.string(),
    title: Text,
    category: z.enum(CATEGORIES),
    status: z.enum(ISSUE_STATUSES),
    raisedBy: z.string(),
    topics: z.array(z.string()),
    mark: z.enum(['new', 'carried-over', 'stalled']),
    timesRaised: z.number().int(),
    lastStance: z.enum(STANCES).optional(),
  })
  .meta({ id: 'AgendaProposal' });

const Raised = z.object({ by: z.string(), stance: z.string() });
const Comparison = z
  .object({
    sides: z.tuple([z.string().nullable(), z.string().nullable()]),
    pairs: z.array(z.object({ left: z.string(), right: z.string(), confidence: z.number() })),
    onlyIn: z.array(
      z.object({
        side: z.string().nullable(),
        outcomes: z.array(z.string()),
        issues: z.array(z.object({ issue: z.string(), by: z.string(), stance: z.string() })),
      }),
    ),
    bothRaised: z.array(z.object({ issue: z.string(), left: z.array(Raised), right: z.array(Raised) })),
    nextMeeting: z.array(
      z.object({
        side: z.string().nullable(),
        statement: z
          .object({
            place: Place.optional(),
            when: Text,
            earliest: z.string().optional(),
            latest: z.string().optional(),
            leadBy: z.string().optional(),
          })
          .optional(),
      }),
    ),
  })
  .meta({ id: 'AccountComparison' });

export const cycleRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/dialogues/:key/issues/:issueKey/timeline',
      {
        schema: {
          tags: ['issues'],
          summary: 'An issue across meetings: first raised, times raised, every raising, status changes',
          params: Key.extend({ issueKey: z.string().min(1).max(63) }),
          response: { 200: Timeline, ...errors },
        },
      },
      async (request) =>
        cycle.issueTimeline(deps.store, viewerOf(request), request.params.key, request.params.issueKey),
    );

    app.get(
      '/dialogues/:key/meetings/:number/agenda/proposals',
      {
        schema: {
          tags: ['meetings'],
          summary: "A side's open issues for a meeting's agenda, marked new, carried-over or stalled",
          params: MeetingParams,
          querystring: z.object({ side: z.string().min(1).max(63) }),
          response: { 200: z.object({ items: z.array(Proposal) }), ...errors },
        },
      },
      async (request) => ({
        items: await cycle.agendaProposals(
          deps.store,
          viewerOf(request),
          request.params.key,
          request.params.number,
          request.query.side,
        ),
      }),
    );

    app.get(
      '/dialogues/:key/meetings/:number/accounts/compare',
      {
        schema: {
          tags: ['meetings'],
          summary:
            "The two sides' accounts of a meeting compared: paired outcomes with a confidence, what only one side reports",
          params: MeetingParams,
          response: { 200: Comparison, ...errors },
        },
      },
      async (request) =>
        cycle.compareMeetingAccounts(deps.store, viewerOf(request), request.params.key, request.params.number),
    );
  };
