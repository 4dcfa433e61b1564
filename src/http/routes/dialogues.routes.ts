/** Dialogues and their sides, people, meetings, accounts, outcomes and bundle. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { exportBundle } from '../../bundle/export.js';
import * as dialogues from '../../domain/dialogues/dialogue.service.js';
import { OUTCOME_KINDS, OUTCOME_STATUSES } from '../../domain/vocabulary.js';
import {
  Account,
  Dialogue,
  DialogueSummary,
  ErrorBody,
  Meeting,
  MeetingDetail,
  Outcome,
  Person,
  Side,
  listOf,
} from '../../shared/api.js';
import type { AppDeps } from '../app.js';
import { viewerOf } from '../auth.js';

const KeyParams = z.object({ key: z.string().min(1).max(63) });
const MeetingParams = KeyParams.extend({
  number: z.coerce.number({ error: 'expected a meeting number (a whole number 1 or more)' }).int().min(1),
});
const errors = { 400: ErrorBody, 404: ErrorBody };

export const dialogueRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/dialogues',
      {
        schema: {
          tags: ['dialogues'],
          summary: 'List dialogues',
          response: { 200: listOf(DialogueSummary) },
        },
      },
      async (request) => ({ items: await dialogues.listDialogues(deps.store, viewerOf(request)) }),
    );

    app.get(
      '/dialogues/:key',
      {
        schema: {
          tags: ['dialogues'],
          summary: 'Get a dialogue with its names, sides, people and principles',
          params: KeyParams,
          response: { 200: Dialogue, ...errors },
        },
      },
      async (request) => dialogues.getDialogue(deps.store, viewerOf(request), request.params.key),
    );

    app.get(
      '/dialogues/:key/sides',
      {
        schema: {
          tags: ['dialogues'],
          summary: "List a dialogue's sides",
          params: KeyParams,
          response: { 200: listOf(Side), ...errors },
        },
      },
      async (request) => ({
        items: (await dialogues.getDialogue(deps.store, viewerOf(request), request.params.key)).sides,
      }),
    );

    app.get(
      '/dialogues/:key/people',
      {
        schema: {
          tags: ['dialogues'],
          summary: "List a dialogue's people (officials, with a title per language)",
          params: KeyParams,
          response: { 200: listOf(Person), ...errors },
        },
      },
      async (request) => ({
        items: (await dialogues.getDialogue(deps.store, viewerOf(request), request.params.key)).people,
      }),
    );

    app.get(
      '/dialogues/:key/meetings',
      {
        schema: {
          tags: ['meetings'],
          summary: "List a dialogue's meetings in number order",
          params: KeyParams,
          response: { 200: listOf(Meeting), ...errors },
        },
      },
      async (request) => ({ items: await dialogues.listMeetings(deps.store, viewerOf(request), request.params.key) }),
    );

    app.get(
      '/dialogues/:key/meetings/:number',
      {
        schema: {
          tags: ['meetings'],
          summary: 'Get a meeting by its number in the series, with the accounts of it',
          params: MeetingParams,
          response: { 200: MeetingDetail, ...errors },
        },
      },
      async (request) => dialogues.getMeeting(deps.store, viewerOf(request), request.params.key, request.params.number),
    );

    app.get(
      '/dialogues/:key/meetings/:number/accounts',
      {
        schema: {
          tags: ['meetings'],
          summary: "List the sides' accounts of a meeting (a joint statement has side null)",
          params: MeetingParams,
          response: { 200: listOf(Account), ...errors },
        },
      },
      async (request) => ({
        items: (await dialogues.getMeeting(deps.store, viewerOf(request), request.params.key, request.params.number))
          .accounts,
      }),
    );

    app.get(
      '/dialogues/:key/outcomes',
      {
        schema: {
          tags: ['outcomes'],
          summary: "List a dialogue's outcomes (areas of cooperation, commitments, actions, exchanges, events)",
          params: KeyParams,
          querystring: z.object({
            status: z.enum(OUTCOME_STATUSES).optional(),
            kind: z.enum(OUTCOME_KINDS).optional(),
            meeting: z.coerce.number().int().min(1).optional(),
          }),
          response: { 200: listOf(Outcome), ...errors },
        },
      },
      async (request) => ({
        items: await dialogues.listOutcomes(deps.store, viewerOf(request), request.params.key, request.query),
      }),
    );

    app.get(
      '/dialogues/:key/bundle',
      {
        schema: {
          tags: ['bundles'],
          summary: 'Export the dialogue as a parley-dialogue/1 bundle (only what the caller may see)',
          params: KeyParams,
          response: {
            200: z.record(z.string(), z.unknown()).describe('A parley-dialogue/1 document'),
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const bundle = await exportBundle(deps.store, viewerOf(request), request.params.key);
        reply.header('content-disposition', `attachment; filename="${request.params.key}.parley.json"`);
        return bundle as unknown as Record<string, unknown>;
      },
    );
  };
