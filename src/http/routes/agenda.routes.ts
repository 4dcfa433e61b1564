/**
 * The meeting cycle's writes and views (issue 5): planning the next meeting,
 * the agenda builder, the resolution rule, outcome follow-up and the dialogue
 * dashboard. Each route: schema → who may → one domain call.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as agenda from '../../domain/meetings/agenda.service.js';
import { AGENDA_ITEM_STATUSES, RAGS } from '../../domain/meetings/cycle.ports.js';
import { ISSUE_STATUSES, OUTCOME_KINDS, OUTCOME_STATUSES } from '../../domain/vocabulary.js';
import { ErrorBody, Outcome, Text } from '../../shared/api.js';
import type { AppDeps } from '../app.js';
import { actorOf, authorize, requirePrincipal, viewerOf } from '../auth.js';
import { ifMatch } from '../etag.js';
import { authorized } from '../write-helpers.js';

const Key = z.object({ key: z.string().min(1).max(63) });
const MeetingParams = Key.extend({ number: z.coerce.number().int().min(1) });
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-05-01');
const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  412: ErrorBody,
  428: ErrorBody,
};

const NextMeeting = z
  .object({
    number: z.number().int(),
    key: z.string(),
    host: z.string().optional().describe('Suggested host: the side after the last meeting’s host'),
    lastMeeting: z.object({ number: z.number().int(), date: z.string(), host: z.string().optional() }).optional(),
  })
  .meta({ id: 'NextMeetingSuggestion' });

const Principle = z.object({ side: z.string(), topic: z.string(), text: Text });
const Agenda = z
  .object({
    meeting: z.number().int(),
    cutoff: z.string().optional(),
    cutoffPassed: z.boolean(),
    agreedBy: z.array(z.string()),
    state: z.enum(['draft', 'shared']),
    items: z.array(
      z.object({
        id: z.string(),
        issue: z.string(),
        title: Text,
        side: z.string(),
        status: z.enum(AGENDA_ITEM_STATUSES),
        late: z.boolean(),
        version: z.number().int(),
        mark: z.enum(['new', 'carried-over', 'stalled']).optional(),
        timesRaised: z.number().int().optional(),
      }),
    ),
    briefing: z
      .object({
        side: z.string(),
        items: z.array(
          z.object({
            item: z.string(),
            issue: z.string(),
            joint: z.boolean(),
            version: z.number().int(),
            notes: z.string().optional(),
            stance: z.string().optional(),
            refusedBy: Principle.optional(),
          }),
        ),
      })
      .describe("My side's internal briefing: never shown to the other side"),
  })
  .meta({ id: 'Agenda' });

const Briefing = z.strictObject({ notes: z.string().max(20000).optional(), stance: z.string().max(2000).optional() });

const Resolution = z
  .object({
    issue: z.string(),
    status: z.enum(ISSUE_STATUSES),
    raisedBy: z.string(),
    respondent: z.string(),
    views: z.array(z.object({ side: z.string(), resolved: z.boolean(), reason: z.string(), at: z.string() })),
    resolvedBy: z.array(z.string()).describe('Of the raising and respondent sides, those that record it resolved'),
    awaiting: z.array(z.string()).describe('When one side proposed it resolved: the side awaited to agree'),
  })
  .meta({ id: 'IssueResolution' });

const OutcomeUpdate = z.object({
  id: z.string(),
  side: z.string(),
  date: z.string(),
  rag: z.enum(RAGS),
  text: Text.optional(),
  evidence: z.array(z.string()),
  statusChange: z.object({ from: z.string().nullable(), to: z.string() }).optional(),
  meeting: z.number().int().optional().describe('The meeting at which the update was recorded'),
});
const FollowedOutcome = Outcome.extend({
  overdue: z.boolean().describe('Due date past and neither delivered nor dropped'),
  rag: z.enum(RAGS).optional().describe('The latest update’s rating'),
  updates: z.array(OutcomeUpdate),
  meetings: z
    .array(z.number().int())
    .describe('Meetings where it came up: whose accounts report it, and where a progress update was recorded'),
}).meta({ id: 'FollowedOutcome' });

const Counts = z.record(z.string(), z.number().int());
const Dashboard = z
  .object({
    dialogue: z.string(),
    nextMeeting: z
      .object({
        number: z.number().int(),
        date: z.string(),
        cutoff: z.string().optional(),
        host: z.string().optional(),
        agendaState: z.enum(['draft', 'shared']).optional(),
      })
      .optional(),
    openIssues: z.object({ total: z.number().int(), byCategory: Counts, byStatus: Counts }),
    outcomes: z.object({ total: z.number().int(), byStatus: Counts }),
    overdueOutcomes: z.array(
      z.object({ key: z.string(), title: Text, due: z.string(), status: z.enum(OUTCOME_STATUSES) }),
    ),
    stalledIssues: z.array(
      z.object({ issue: z.string(), title: Text, raisedBy: z.string(), timesRaised: z.number().int() }),
    ),
    dormancyReview: z.array(
      z.object({
        issue: z.string(),
        title: Text,
        lastRaised: z.object({ meeting: z.number().int(), date: z.string() }).optional(),
      }),
    ),
  })
  .meta({ id: 'DialogueDashboard' });

export const agendaRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/dialogues/:key/meetings/next',
      {
        schema: {
          tags: ['meetings'],
          summary: 'Suggest the next meeting: its number in the series and the host (alternating)',
          params: Key,
          response: { 200: NextMeeting, ...errors },
        },
      },
      async (request) => agenda.suggestNextMeeting(deps.store, viewerOf(request), request.params.key),
    );

    app.get(
      '/dialogues/:key/meetings/:number/agenda',
      {
        schema: {
          tags: ['meetings'],
          summary: "A meeting's joint agenda and my side's internal briefing (delegation staff)",
          params: MeetingParams,
          response: { 200: Agenda, ...errors },
        },
      },
      async (request) =>
        agenda.agendaOf(deps.store, requirePrincipal(request), request.params.key, request.params.number),
    );

    app.patch(
      '/dialogues/:key/meetings/:number/agenda',
      {
        schema: {
          tags: ['meetings'],
          summary: "Set the agenda's submission cut-off date (lead); null removes it",
          params: MeetingParams,
          body: z.strictObject({ cutoff: IsoDate.nullable() }),
          response: { 200: Agenda, ...errors },
        },
      },
      async (request) => {
        const p = authorize(request, 'meeting.update');
        const { key, number } = request.params;
        await agenda.setAgendaCutoff(deps.store, p, actorOf(request), key, number, request.body.cutoff);
        return agenda.agendaOf(deps.store, p, key, number);
      },
    );

    app.post(
      '/dialogues/:key/meetings/:number/agenda/items',
      {
        schema: {
          tags: ['meetings'],
          summary:
            "Propose one of my side's open issues for the agenda (lead, analyst); 409 non-negotiable-topic when the other side declared its topic non-negotiable",
          params: MeetingParams,
          body: z.strictObject({
            issue: z.string().min(1).max(63),
            briefing: Briefing.optional(),
            override: z.boolean().optional().describe("A lead's override of the passed cut-off (audited)"),
            internalOnly: z.boolean().optional().describe("Keep it in my side's internal briefing only"),
          }),
          response: { 201: Agenda, ...errors },
        },
      },
      async (request, reply) => {
        const { key, number } = request.params;
        const view = await authorized(request, 'issue.update', (p, actor) =>
          agenda.proposeAgendaItem(deps.store, p, actor, key, number, request.body),
        );
        return reply.code(201).send(view);
      },
    );

    app.patch(
      '/dialogues/:key/meetings/:number/agenda/items/:id',
      {
        schema: {
          tags: ['meetings'],
          summary: 'Withdraw or accept an agenda item, or change its briefing (If-Match its version)',
          params: MeetingParams.extend({ id: z.uuid() }),
          headers: z.object({ 'if-match': z.string().optional() }),
          body: z.strictObject({ status: z.enum(AGENDA_ITEM_STATUSES).optional(), briefing: Briefing.optional() }),
          response: { 200: Agenda, ...errors },
        },
      },
      async (request) => {
        const { key, number, id } = request.params;
        return authorized(request, 'issue.update', (p, actor) =>
          agenda.updateAgendaItem(deps.store, p, actor, key, number, id, ifMatch(request), request.body),
        );
      },
    );

    app.post(
      '/dialogues/:key/meetings/:number/agenda/agree',
      {
        schema: {
          tags: ['meetings'],
          summary: 'Agree the joint agenda for my side (lead); it is shared once both sides have',
          params: MeetingParams,
          response: { 200: Agenda, ...errors },
        },
      },
      async (request) => {
        const { key, number } = request.params;
        return authorized(request, 'meeting.update', (p, actor) =>
          agenda.agreeAgenda(deps.store, p, actor, key, number),
        );
      },
    );

    app.get(
      '/dialogues/:key/issues/:issueKey/resolution',
      {
        schema: {
          tags: ['issues'],
          summary:
            "Each side's view of whether the issue is resolved: who proposed it, who is awaited (delegation staff)",
          params: Key.extend({ issueKey: z.string().min(1).max(63) }),
          response: { 200: Resolution, ...errors },
        },
      },
      async (request) =>
        agenda.resolutionOf(deps.store, requirePrincipal(request), request.params.key, request.params.issueKey),
    );

    app.post(
      '/dialogues/:key/issues/:issueKey/resolve',
      {
        schema: {
          tags: ['issues'],
          summary:
            "Record my side's view of whether the issue is resolved: one side → resolved-in-part, both → resolved (lead, analyst of the raising or respondent side)",
          params: Key.extend({ issueKey: z.string().min(1).max(63) }),
          body: z.strictObject({ resolved: z.boolean(), reason: z.string().trim().min(1).max(5000) }),
          response: { 200: Resolution, ...errors },
        },
      },
      async (request) => {
        const { key, issueKey } = request.params;
        return authorized(request, 'issue.update', (p, actor) =>
          agenda.resolveIssue(deps.store, p, actor, key, issueKey, request.body),
        );
      },
    );

    app.get(
      '/dialogues/:key/outcomes/register',
      {
        schema: {
          tags: ['outcomes'],
          summary: 'The outcomes register: outcomes with progress updates (RAG), overdue flags and meetings',
          params: Key,
          querystring: z.object({
            status: z.enum(OUTCOME_STATUSES).optional(),
            kind: z.enum(OUTCOME_KINDS).optional(),
            overdue: z.enum(['true', 'false']).optional(),
          }),
          response: { 200: z.object({ items: z.array(FollowedOutcome) }), ...errors },
        },
      },
      async (request) => {
        const q = request.query;
        return {
          items: await agenda.outcomeRegister(deps.store, viewerOf(request), request.params.key, {
            ...(q.status ? { status: q.status } : {}),
            ...(q.kind ? { kind: q.kind } : {}),
            ...(q.overdue ? { overdue: q.overdue === 'true' } : {}),
          }),
        };
      },
    );

    app.post(
      '/dialogues/:key/outcomes/:outcomeKey/updates',
      {
        schema: {
          tags: ['outcomes'],
          summary:
            'Record a progress update on an outcome with a RAG rating, optionally a status change and the meeting it was recorded at (lead, analyst of an owning side); all or nothing',
          params: Key.extend({ outcomeKey: z.string().min(1).max(63) }),
          body: z.strictObject({
            date: IsoDate.optional(),
            rag: z.enum(RAGS),
            text: Text.optional(),
            evidence: z.array(z.url()).max(50).optional(),
            status: z.enum(OUTCOME_STATUSES).optional(),
            meeting: z
              .number()
              .int()
              .min(1)
              .optional()
              .describe('The number of the meeting at which the update was recorded'),
          }),
          response: { 201: FollowedOutcome, ...errors },
        },
      },
      async (request, reply) => {
        const { key, outcomeKey } = request.params;
        const outcome = await authorized(request, 'outcome.write', (p, actor) =>
          agenda.addOutcomeUpdate(deps.store, p, actor, key, outcomeKey, request.body),
        );
        return reply.code(201).send(outcome);
      },
    );

    app.get(
      '/dialogues/:key/dashboard',
      {
        schema: {
          tags: ['dialogues'],
          summary:
            'The dialogue at a glance: next meeting and cut-off, open issues, outcomes, overdue, stalled, dormancy review',
          params: Key,
          response: { 200: Dashboard, ...errors },
        },
      },
      async (request) => agenda.dashboard(deps.store, viewerOf(request), request.params.key),
    );
  };
