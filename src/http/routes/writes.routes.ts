/**
 * Writes: issues, meetings, accounts, outcomes and bundle import. Each route:
 * schema → who may → one domain call → the record with its new ETag.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { importBundle } from '../../bundle/import.js';
import { accountSchema, issueSchema, meetingSchema, outcomeSchema } from '../../bundle/schema.js';
import * as writes from '../../domain/dialogues/dialogue.writes.js';
import { viewerFor } from '../../domain/auth/roles.js';
import { ForbiddenError } from '../../domain/errors.js';
import { Account, ErrorBody, Issue, Meeting, Outcome } from '../../shared/api.js';
import type { AppDeps } from '../app.js';
import { actorOf, authorize } from '../auth.js';
import { ifMatch, setEtag } from '../etag.js';

/** A schema for changing some fields: every field optional, no defaults (absent = unchanged). */
function patchOf(schema: z.ZodObject) {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([k, v]) => {
      const inner = v instanceof z.ZodDefault ? (v.unwrap() as z.ZodType) : (v as z.ZodType);
      return [k, inner instanceof z.ZodOptional ? inner : inner.optional()];
    }),
  );
  return z.strictObject(shape);
}

const Key = z.object({ key: z.string().min(1).max(63) });
const MeetingParams = Key.extend({ number: z.coerce.number().int().min(1) });
const IfMatch = z.object({ 'if-match': z.string().optional().describe('The ETag of the version you change') });
const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  412: ErrorBody,
  428: ErrorBody,
};

const IssuePatch = patchOf(issueSchema.omit({ key: true, raisedBy: true, respondent: true }));
const MeetingInput = meetingSchema.omit({ accounts: true });
const MeetingPatch = patchOf(meetingSchema.omit({ accounts: true, key: true, number: true }));
const AccountInput = accountSchema.omit({ side: true });
const OutcomePatch = patchOf(outcomeSchema.omit({ key: true }));

export const writeRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/dialogues/:key/issues',
      {
        schema: {
          tags: ['issues'],
          summary: 'Open an issue raised by my side (lead, analyst)',
          params: Key,
          body: issueSchema,
          response: { 201: Issue, ...errors },
        },
      },
      async (request, reply) => {
        const p = authorize(request, 'issue.create');
        const body = request.body;
        const issue = await writes.createIssue(deps.store, p, actorOf(request), request.params.key, {
          ...body,
          owner: body.owner ?? body.raisedBy,
        });
        setEtag(reply, issue);
        reply.header('location', `/api/v1/dialogues/${request.params.key}/issues/${issue.key}`);
        return reply.code(201).send(issue);
      },
    );

    app.patch(
      '/dialogues/:key/issues/:issueKey',
      {
        schema: {
          tags: ['issues'],
          summary: "Change an issue of my side's (If-Match required)",
          params: Key.extend({ issueKey: z.string().min(1).max(63) }),
          headers: IfMatch,
          body: IssuePatch,
          response: { 200: Issue, ...errors },
        },
      },
      async (request, reply) => {
        const p = authorize(request, 'issue.update');
        const issue = await writes.updateIssue(
          deps.store,
          p,
          actorOf(request),
          request.params.key,
          request.params.issueKey,
          ifMatch(request),
          request.body as Parameters<typeof writes.updateIssue>[6],
        );
        setEtag(reply, issue);
        return issue;
      },
    );

    app.post(
      '/dialogues/:key/meetings',
      {
        schema: {
          tags: ['meetings'],
          summary: 'Plan a meeting (lead)',
          params: Key,
          body: MeetingInput,
          response: { 201: Meeting, ...errors },
        },
      },
      async (request, reply) => {
        const p = authorize(request, 'meeting.create');
        const meeting = await writes.createMeeting(deps.store, p, actorOf(request), request.params.key, request.body);
        setEtag(reply, meeting);
        reply.header('location', `/api/v1/dialogues/${request.params.key}/meetings/${meeting.number}`);
        return reply.code(201).send(meeting);
      },
    );

    app.patch(
      '/dialogues/:key/meetings/:number',
      {
        schema: {
          tags: ['meetings'],
          summary: "Change a meeting's date, place, format, host, chairs or participants (lead; If-Match required)",
          params: MeetingParams,
          headers: IfMatch,
          body: MeetingPatch,
          response: { 200: Meeting, ...errors },
        },
      },
      async (request, reply) => {
        const p = authorize(request, 'meeting.update');
        const meeting = await writes.updateMeeting(
          deps.store,
          p,
          actorOf(request),
          request.params.key,
          request.params.number,
          ifMatch(request),
          request.body as Parameters<typeof writes.updateMeeting>[6],
        );
        setEtag(reply, meeting);
        return meeting;
      },
    );

    app.put(
      '/dialogues/:key/meetings/:number/accounts/:side',
      {
        schema: {
          tags: ['meetings'],
          summary:
            'Record my side\'s account of a meeting (side "joint" for a joint statement); If-Match when revising',
          params: MeetingParams.extend({ side: z.string().min(1).max(63).describe('A side key, or "joint"') }),
          headers: IfMatch,
          body: AccountInput,
          response: { 200: Account, ...errors },
        },
      },
      async (request, reply) => {
        const p = authorize(request, 'account.write');
        const side = request.params.side === 'joint' ? null : request.params.side;
        const account = await writes.putAccount(
          deps.store,
          p,
          actorOf(request),
          request.params.key,
          request.params.number,
          side,
          ifMatch(request),
          request.body,
        );
        setEtag(reply, account);
        return account;
      },
    );

    app.patch(
      '/dialogues/:key/outcomes/:outcomeKey',
      {
        schema: {
          tags: ['outcomes'],
          summary: 'Follow up an outcome: status, due date, title, owners (If-Match required)',
          params: Key.extend({ outcomeKey: z.string().min(1).max(63) }),
          headers: IfMatch,
          body: OutcomePatch,
          response: { 200: Outcome, ...errors },
        },
      },
      async (request, reply) => {
        const p = authorize(request, 'outcome.write');
        const outcome = await writes.updateOutcome(
          deps.store,
          p,
          actorOf(request),
          request.params.key,
          request.params.outcomeKey,
          ifMatch(request),
          request.body as Parameters<typeof writes.updateOutcome>[6],
        );
        setEtag(reply, outcome);
        return outcome;
      },
    );

    app.post(
      '/bundles',
      {
        schema: {
          tags: ['bundles'],
          summary: 'Import a parley-dialogue/1 bundle (admin, lead); merges by key, never deletes',
          body: z.unknown(),
          response: {
            200: z.object({ dialogue: z.string(), created: z.number(), updated: z.number(), unchanged: z.number() }),
            ...errors,
          },
        },
      },
      async (request) => {
        const p = authorize(request, 'bundle.import');
        const doc = request.body as { dialogue?: { sides?: { key?: unknown }[] } };
        const sides = doc?.dialogue?.sides?.map((s) => s?.key) ?? [];
        if (sides.length > 0 && !sides.includes(p.user.side)) {
          throw new ForbiddenError(`You may import only dialogues your side (${p.user.side}) is part of.`);
        }
        return importBundle(deps.store, request.body, actorOf(request), viewerFor(p));
      },
    );
  };
