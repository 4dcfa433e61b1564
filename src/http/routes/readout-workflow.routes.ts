/**
 * Readouts in the public-affairs workflow (issue 6): list, draft, read, edit
 * (If-Match), approve (the side's lead), publish (the side's public affairs),
 * and the stored readout rendered as Markdown, HTML, Word or PDF.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  approveReadout,
  createDraft,
  documentOf,
  editReadout,
  getReadout,
  getStoredReadout,
  listReadouts,
  publishReadout,
  type ReadoutWorkflowDeps,
} from '../../domain/readouts/readout.workflow.js';
import { renderMarkdown } from '../../readouts/markdown.js';
import { renderReadout } from '../../readouts/render.js';
import { ErrorBody } from '../../shared/api.js';
import { READOUT_FORMATS, READOUT_MEDIA_TYPES } from '../../shared/readout.js';
import {
  Readout,
  ReadoutCreate,
  ReadoutList,
  ReadoutPatch,
  ReadoutPublish,
  readoutsPath,
} from '../../shared/readout-workflow.js';
import type { AppDeps } from '../app.js';
import { actorOf, requirePrincipal, viewerOf } from '../auth.js';
import { ifMatch, setEtag } from '../etag.js';
import { sendCreated, sendVersioned } from '../write-helpers.js';

const Meeting = z.object({
  key: z.string().min(1).max(63),
  number: z.coerce.number({ error: 'expected a meeting number (a whole number 1 or more)' }).int().min(1),
});
const One = Meeting.extend({ id: z.string().min(1).max(64) });
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

const PATH = '/dialogues/:key/meetings/:number/readouts';

/** The caller as the workflow's writes take it: the principal (401 when nobody is signed in), viewer and actor. */
function callerOf(request: FastifyRequest) {
  return { p: requirePrincipal(request), viewer: viewerOf(request), actor: actorOf(request) };
}

export const readoutWorkflowRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const wf: ReadoutWorkflowDeps = { ...deps.store, toMarkdown: renderMarkdown };

    app.get(
      PATH,
      {
        schema: {
          tags: ['meetings'],
          summary: 'The readouts of a meeting I may see (the public: published ones only)',
          params: Meeting,
          response: { 200: ReadoutList, 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (request) => {
        const { key, number } = request.params;
        return { items: await listReadouts(wf, viewerOf(request), key, number) };
      },
    );

    app.post(
      PATH,
      {
        schema: {
          tags: ['meetings'],
          summary: "Draft my side's readout of a meeting from the record (lead, public affairs)",
          description: 'Answers 409 `readout-exists` when a draft or approved one is in the works.',
          params: Meeting,
          body: ReadoutCreate,
          response: { 201: Readout, ...errors },
        },
      },
      async (request, reply) => {
        const { key, number } = request.params;
        const { p, viewer, actor } = callerOf(request);
        const r = await createDraft(wf, p, viewer, actor, key, number, request.body);
        return sendCreated(reply, r, readoutsPath(key, number, r.id));
      },
    );

    app.get(
      `${PATH}/:id`,
      {
        schema: {
          tags: ['meetings'],
          summary: 'One readout, with its state and text',
          params: One,
          response: { 200: Readout, 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (request, reply) => {
        const { key, number, id } = request.params;
        const r = await getReadout(wf, viewerOf(request), key, number, id);
        setEtag(reply, r);
        return r;
      },
    );

    app.get(
      `${PATH}/:id/document`,
      {
        schema: {
          tags: ['meetings'],
          summary: 'One readout as Markdown, HTML, Word or PDF (from its edited text, else the generated one)',
          params: One,
          querystring: z.object({ format: z.enum(READOUT_FORMATS).default('html') }),
          produces: Object.values(READOUT_MEDIA_TYPES),
          response: { 200: z.string(), 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (request, reply) => {
        const { key, number, id } = request.params;
        const { format } = request.query;
        const stored = await getStoredReadout(wf, viewerOf(request), key, number, id);
        const rendered =
          format === 'md' && stored.text !== undefined
            ? { body: stored.text, mediaType: READOUT_MEDIA_TYPES.md, fileName: '' }
            : await renderReadout(documentOf(stored), format);
        const base = `${key}-${number}-${stored.side}-${stored.lang}`;
        const suffix = stored.publishedNumber !== undefined ? `-v${stored.publishedNumber}` : `-${stored.state}`;
        const disposition = format === 'docx' || format === 'pdf' ? 'attachment' : 'inline';
        reply
          .type(rendered.mediaType)
          .header('content-disposition', `${disposition}; filename="${base}${suffix}.${format}"`)
          .header('x-content-type-options', 'nosniff');
        if (format === 'html') {
          reply.header(
            'content-security-policy',
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'",
          );
        }
        return reply.send(rendered.body as string);
      },
    );

    app.patch(
      `${PATH}/:id`,
      {
        schema: {
          tags: ['meetings'],
          summary: 'Edit the text of a readout (If-Match required; a published one starts a new draft, 201)',
          params: One,
          headers: IfMatch,
          body: ReadoutPatch,
          response: { 200: Readout, 201: Readout, ...errors },
        },
      },
      async (request, reply) => {
        const { key, number, id } = request.params;
        const { p, viewer, actor } = callerOf(request);
        const text = request.body.text;
        const { readout, created } = await editReadout(wf, p, viewer, actor, key, number, id, ifMatch(request), text);
        if (created) return sendCreated(reply, readout, readoutsPath(key, number, readout.id));
        return sendVersioned(reply, readout);
      },
    );

    app.post(
      `${PATH}/:id/approve`,
      {
        schema: {
          tags: ['meetings'],
          summary: "Approve a readout (the side's lead); again after a change to the record",
          params: One,
          headers: IfMatch,
          response: { 200: Readout, ...errors },
        },
      },
      async (request, reply) => {
        const { key, number, id } = request.params;
        const { p, viewer, actor } = callerOf(request);
        const r = await approveReadout(wf, p, viewer, actor, key, number, id, ifMatch(request));
        return sendVersioned(reply, r);
      },
    );

    app.post(
      `${PATH}/:id/publish`,
      {
        schema: {
          tags: ['meetings'],
          summary: "Publish an approved readout (the side's public affairs): frozen, numbered, public",
          description:
            'Answers 409 `readout-not-approved` for a draft, and `readout-out-of-date` when the record changed ' +
            'after approval, unless `confirmOutOfDate` is true.',
          params: One,
          headers: IfMatch,
          body: ReadoutPublish,
          response: { 200: Readout, ...errors },
        },
      },
      async (request, reply) => {
        const { key, number, id } = request.params;
        const { p, viewer, actor } = callerOf(request);
        const confirmOutOfDate = request.body?.confirmOutOfDate ?? false;
        const r = await publishReadout(wf, p, viewer, actor, key, number, id, ifMatch(request), confirmOutOfDate);
        return sendVersioned(reply, r);
      },
    );
  };
