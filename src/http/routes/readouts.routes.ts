/** Readouts: a side's press release of a meeting (or the joint statement), built from the record. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { generateReadout } from '../../domain/readouts/readout.service.js';
import { renderReadout } from '../../readouts/render.js';
import { ErrorBody } from '../../shared/api.js';
import { JOINT_SIDE, READOUT_FORMATS, READOUT_LANGUAGES, READOUT_MEDIA_TYPES } from '../../shared/readout.js';
import type { AppDeps } from '../app.js';
import { viewerOf } from '../auth.js';

const ReadoutParams = z.object({
  key: z.string().min(1).max(63),
  number: z.coerce.number({ error: 'expected a meeting number (a whole number 1 or more)' }).int().min(1),
});

export const ReadoutQuery = z.object({
  side: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, `expected a side key, or "${JOINT_SIDE}" for the joint statement`)
    .describe(`The side whose account the readout is built from, or "${JOINT_SIDE}" for the joint statement`),
  lang: z.enum(READOUT_LANGUAGES).default('en').describe('The language of the readout'),
  format: z
    .enum(READOUT_FORMATS)
    .default('html')
    .describe('md (text/markdown), html (a standalone page), docx (Word) or pdf'),
});

export const readoutRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/dialogues/:key/meetings/:number/readout',
      {
        schema: {
          tags: ['meetings'],
          summary: "A side's readout of a meeting, or the joint statement, as Markdown, HTML, Word or PDF",
          description:
            "Built from that side's account of the meeting and the dialogue's records, in English or Chinese. " +
            'Answers 409 `no-account` when the side has no account of the meeting on record.',
          params: ReadoutParams,
          querystring: ReadoutQuery,
          produces: Object.values(READOUT_MEDIA_TYPES),
          response: {
            200: z.string().describe('The readout in the asked format (text for md and html, bytes for docx and pdf)'),
            400: ErrorBody,
            404: ErrorBody,
            409: ErrorBody,
          },
        },
      },
      async (request, reply) => {
        const { key, number } = request.params;
        const { side, lang, format } = request.query;
        const doc = await generateReadout(deps.store, viewerOf(request), key, number, side, lang);
        const rendered = await renderReadout(doc, format);
        // Word and PDF are files to save; Markdown and HTML show in the browser (and in the meeting page's preview).
        const disposition = format === 'docx' || format === 'pdf' ? 'attachment' : 'inline';
        reply
          .type(rendered.mediaType)
          .header('content-disposition', `${disposition}; filename="${rendered.fileName}"`)
          .header('x-content-type-options', 'nosniff');
        if (format === 'html') {
          // The page has no script and no external asset: forbid both, whatever a record's text holds.
          reply.header(
            'content-security-policy',
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'",
          );
        }
        // The 200 schema documents the body as a string for OpenAPI; Fastify sends a Buffer as it is, unserialized.
        return reply.send(rendered.body as string);
      },
    );
  };
