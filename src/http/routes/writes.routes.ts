/**
 * Writes: issues, meetings, accounts, outcomes and bundle import. Each route:
 * schema → who may → one domain call → the record with its new ETag.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { importBundle } from '../../bundle/import.js';
import { accountSchema, issueSchema, meetingSchema, outcomeSchema } from '../../bundle/schema.js';
import * as writes from '../../domain/dialogues/dialogue.writes.js';
import type { Actor } from '../../domain/audit/audit.js';
import { viewerFor, type Action, type Principal } from '../../domain/auth/roles.js';
import { ForbiddenError } from '../../domain/errors.js';
import type { Store } from '../../domain/ports.js';
import { Account, ErrorBody, Issue, Meeting, Outcome } from '../../shared/api.js';
import type { AppDeps } from '../app.js';
import { actorOf, authorize } from '../auth.js';
import { ifMatch } from '../etag.js';
import { authorized, sendCreated, sendVersioned } from '../write-helpers.js';

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

/** How the dialogue write services change one record: the dialogue, the record, its version (If-Match), a patch. */
type Update<Id, Patch, R> = (
  store: Store,
  p: Principal,
  actor: Actor,
  dialogueKey: string,
  id: Id,
  expectedVersion: number | undefined,
  patch: Patch,
) => Promise<R>;

const IssuePatch = patchOf(issueSchema.omit({ key: true, raisedBy: true, respondent: true }));
const MeetingInput = meetingSchema.omit({ accounts: true });
const MeetingPatch = patchOf(meetingSchema.omit({ accounts: true, key: true, number: true }));
const AccountInput = accountSchema.omit({ side: true });
const OutcomePatch = patchOf(outcomeSchema.omit({ key: true }));

export const writeRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    /** PATCH one record of a dialogue: who may → the update, If-Match its version → the record with its new ETag. */
    async function updated<Id, Patch, R extends { version: number }>(
      request: FastifyRequest,
      reply: FastifyReply,
      action: Action,
      update: Update<Id, Patch, R>,
      key: string,
      id: Id,
    ) {
      // The route's schema checked the body; patchOf's schemas just type it loosely.
      const record = await authorized(request, action, (p, actor) =>
        update(deps.store, p, actor, key, id, ifMatch(request), request.body as Patch),
      );
      return sendVersioned(reply, record);
    }

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
        const { key } = request.params;
        const body = request.body;
        const issue = await authorized(request, 'issue.create', (p, actor) =>
          writes.createIssue(deps.store, p, actor, key, { ...body, owner: body.owner ?? body.raisedBy }),
        );
        return sendCreated(reply, issue, `/api/v1/dialogues/${key}/issues/${issue.key}`);
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
      async (request, reply) =>
        updated(request, reply, 'issue.update', writes.updateIssue, request.params.key, request.params.issueKey),
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
        const { key } = request.params;
        const meeting = await authorized(request, 'meeting.create', (p, actor) =>
          writes.createMeeting(deps.store, p, actor, key, request.body),
        );
        return sendCreated(reply, meeting, `/api/v1/dialogues/${key}/meetings/${meeting.number}`);
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
      async (request, reply) =>
        updated(request, reply, 'meeting.update', writes.updateMeeting, request.params.key, request.params.number),
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
        const { key, number } = request.params;
        const side = request.params.side === 'joint' ? null : request.params.side;
        const account = await authorized(request, 'account.write', (p, actor) =>
          writes.putAccount(deps.store, p, actor, key, number, side, ifMatch(request), request.body),
        );
        return sendVersioned(reply, account);
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
      async (request, reply) =>
        updated(request, reply, 'outcome.write', writes.updateOutcome, request.params.key, request.params.outcomeKey),
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
