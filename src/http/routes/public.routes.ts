/**
 * The public register (no sign-in): published issues with their status
 * history and meetings, published outcomes and readouts, per dialogue; open
 * data downloads with their JSON Schemas; an Atom feed per dialogue. Every
 * read here uses the public viewer, whoever is asking, so nothing internal or
 * shared is reachable even with a session.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PUBLIC_VIEWER } from '../../domain/access/viewer.js';
import * as dialogues from '../../domain/dialogues/dialogue.service.js';
import { NotFoundError } from '../../domain/errors.js';
import {
  DATASET_NAMES,
  datasetRows,
  dictionary,
  etagOfBody,
  jsonSchemaOf,
  lastModified,
  statusHistory,
  toCsv,
  toJson,
  toNdjson,
  type DatasetName,
} from '../../domain/register/open-data.js';
import { DialogueSummary, ErrorBody, IssueDetail, Meeting, Outcome, listOf } from '../../shared/api.js';
import type { AppDeps } from '../app.js';
import { atomFeed, type FeedEntry } from '../atom.js';

const Key = z.string().min(1).max(63);
const StatusChange = z.object({ at: z.string(), status: z.string(), from: z.string().nullable() });
const PublicIssue = IssueDetail.extend({ statusHistory: z.array(StatusChange) }).meta({ id: 'PublicIssue' });
const PublicReadout = z
  .object({
    id: z.string(),
    meeting: z.number().int(),
    side: z.string(),
    lang: z.string(),
    number: z.number().int().optional(),
    published: z.string().optional(),
  })
  .meta({ id: 'PublicReadout' });
const errors = { 400: ErrorBody, 404: ErrorBody };
const DATASET_FILE = /^(issues|outcomes|meetings)\.(csv|json|ndjson|schema\.json)$/;

/** Sends `body` with an ETag and Last-Modified, or 304 when the client already holds it. */
function conditional(
  request: FastifyRequest,
  reply: FastifyReply,
  body: string,
  type: string,
  modified?: Date,
): FastifyReply {
  const etag = etagOfBody(body);
  reply.header('etag', etag).header('cache-control', 'public, max-age=60');
  if (modified) reply.header('last-modified', modified.toUTCString());
  const inm = request.headers['if-none-match'];
  if (inm !== undefined && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*')) {
    return reply.code(304).send();
  }
  return reply.type(type).send(body);
}

export const publicRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const store = deps.store;

    async function publicIssue(dialogue: string, key: string) {
      const detail = await dialogues.getIssue(store, PUBLIC_VIEWER, dialogue, key);
      const sides = await store.dialogueSides('issue', detail.id);
      return { ...detail, statusHistory: statusHistory(await store.history('issue', detail.id), sides) };
    }

    async function publishedReadouts(dialogue: string) {
      const readouts = (store as { readouts?: AppDeps['store']['readouts'] }).readouts;
      if (!readouts) return [];
      const out: z.infer<typeof PublicReadout>[] = [];
      for (const m of await dialogues.listMeetings(store, PUBLIC_VIEWER, dialogue)) {
        for (const r of await readouts.list(PUBLIC_VIEWER, dialogue, m.number)) {
          if (r.state !== 'published' || r.visibility !== 'public') continue;
          out.push({
            id: r.id,
            meeting: r.meeting,
            side: r.side,
            lang: r.lang,
            number: r.publishedNumber,
            published: r.published?.at,
          });
        }
      }
      return out;
    }

    app.get(
      '/dialogues',
      {
        schema: { tags: ['register'], summary: 'Public dialogues', response: { 200: listOf(DialogueSummary) } },
      },
      async () => ({ items: await dialogues.listDialogues(store, PUBLIC_VIEWER) }),
    );

    app.get(
      '/dialogues/:key/issues',
      {
        schema: {
          tags: ['register'],
          summary: 'Published issues of a dialogue with their status history and meetings',
          params: z.object({ key: Key }),
          response: { 200: listOf(PublicIssue), ...errors },
        },
      },
      async (request) => {
        const key = request.params.key;
        await dialogues.getDialogue(store, PUBLIC_VIEWER, key);
        const items = [];
        let cursor: string | undefined;
        do {
          const page = await dialogues.listIssues(store, PUBLIC_VIEWER, { dialogue: key }, { limit: 200, cursor });
          for (const i of page.items) items.push(await publicIssue(key, i.key));
          cursor = page.nextCursor;
        } while (cursor !== undefined);
        return { items };
      },
    );

    app.get(
      '/dialogues/:key/issues/:issueKey',
      {
        schema: {
          tags: ['register'],
          summary: 'One published issue (its permalink)',
          params: z.object({ key: Key, issueKey: Key }),
          response: { 200: PublicIssue, ...errors },
        },
      },
      async (request) => publicIssue(request.params.key, request.params.issueKey),
    );

    app.get(
      '/dialogues/:key/meetings',
      {
        schema: {
          tags: ['register'],
          summary: 'Public meetings of a dialogue',
          params: z.object({ key: Key }),
          response: { 200: listOf(Meeting), ...errors },
        },
      },
      async (request) => ({ items: await dialogues.listMeetings(store, PUBLIC_VIEWER, request.params.key) }),
    );

    app.get(
      '/dialogues/:key/outcomes',
      {
        schema: {
          tags: ['register'],
          summary: 'Published outcomes of a dialogue with their progress',
          params: z.object({ key: Key }),
          response: { 200: listOf(Outcome), ...errors },
        },
      },
      async (request) => ({ items: await dialogues.listOutcomes(store, PUBLIC_VIEWER, request.params.key, {}) }),
    );

    app.get(
      '/dialogues/:key/readouts',
      {
        schema: {
          tags: ['register'],
          summary: 'Published readouts of a dialogue',
          params: z.object({ key: Key }),
          response: { 200: listOf(PublicReadout), ...errors },
        },
      },
      async (request) => {
        await dialogues.getDialogue(store, PUBLIC_VIEWER, request.params.key);
        return { items: await publishedReadouts(request.params.key) };
      },
    );

    app.get(
      '/dialogues/:key/feed.atom',
      {
        schema: {
          tags: ['register'],
          summary: 'Atom feed of status changes and published readouts',
          params: z.object({ key: Key }),
          produces: ['application/atom+xml'],
        },
      },
      async (request, reply) => {
        const key = request.params.key;
        const d = await dialogues.getDialogue(store, PUBLIC_VIEWER, key);
        const base = `${request.protocol}://${request.host}`;
        const entries: FeedEntry[] = [];
        let cursor: string | undefined;
        do {
          const page = await dialogues.listIssues(store, PUBLIC_VIEWER, { dialogue: key }, { limit: 200, cursor });
          const histories = await store.histories(
            'issue',
            page.items.map((i) => i.id),
          );
          const sides = d.sides.map((s) => s.key);
          for (const i of page.items) {
            const history = statusHistory(histories.get(i.id) ?? [], sides);
            history.forEach((h, n) => {
              const title = i.title.en ?? Object.values(i.title)[0] ?? i.key;
              entries.push({
                id: `urn:parley:${key}:issue:${i.key}:status:${n + 1}`,
                title: h.from === null ? `${title}: ${h.status}` : `${title}: ${h.from} → ${h.status}`,
                updated: h.at,
                link: `${base}/register/${key}/issues/${i.key}`,
                summary: i.title.zh ? `${i.title.zh}：${h.status}` : undefined,
              });
            });
          }
          cursor = page.nextCursor;
        } while (cursor !== undefined);
        for (const r of await publishedReadouts(key)) {
          entries.push({
            id: `urn:parley:${key}:readout:${r.id}`,
            title: `Readout of meeting ${r.meeting} (${r.side}, ${r.lang})`,
            updated: r.published ?? new Date(0).toISOString(),
            link: `${base}/api/v1/dialogues/${key}/meetings/${r.meeting}/readouts/${r.id}`,
          });
        }
        const name = d.names.find((n) => n.side === null)?.text.en ?? key;
        const body = atomFeed({
          id: `urn:parley:${key}:feed`,
          title: `${name}: public register`,
          self: `${base}/api/public/v1/dialogues/${key}/feed.atom`,
          alternate: `${base}/register/${key}`,
          entries,
        });
        const newest = entries.reduce((m, e) => (e.updated > m ? e.updated : m), '');
        return conditional(
          request,
          reply,
          body,
          'application/atom+xml; charset=utf-8',
          newest ? new Date(newest) : undefined,
        );
      },
    );

    app.get(
      '/datasets',
      {
        schema: {
          tags: ['register'],
          summary: 'The open datasets and their data dictionary',
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  name: z.string(),
                  version: z.number().int(),
                  columns: z.array(
                    z.object({
                      name: z.string(),
                      type: z.string(),
                      values: z.array(z.string()).optional(),
                      description: z.string(),
                    }),
                  ),
                }),
              ),
            }),
          },
        },
      },
      async () => ({ items: dictionary() }),
    );

    app.get(
      '/datasets/:file',
      {
        schema: {
          tags: ['register'],
          summary: 'An open dataset as CSV (UTF-8 with BOM), JSON or NDJSON, or its JSON Schema',
          params: z.object({
            file: z
              .string()
              .regex(DATASET_FILE, { error: `expected {${DATASET_NAMES.join('|')}}.{csv|json|ndjson|schema.json}` }),
          }),
          produces: ['text/csv', 'application/json', 'application/x-ndjson', 'application/schema+json'],
        },
      },
      async (request, reply) => {
        const m = DATASET_FILE.exec(request.params.file);
        if (!m) throw new NotFoundError('dataset', request.params.file);
        const name = m[1] as DatasetName;
        const format = m[2]!;
        if (format === 'schema.json') {
          return conditional(
            request,
            reply,
            JSON.stringify(jsonSchemaOf(name), null, 2),
            'application/schema+json; charset=utf-8',
          );
        }
        const rows = await datasetRows(store, name);
        const modified = lastModified(rows);
        if (format === 'csv') {
          reply.header('content-disposition', `attachment; filename="${name}.csv"`);
          return conditional(request, reply, toCsv(name, rows), 'text/csv; charset=utf-8; header=present', modified);
        }
        if (format === 'ndjson')
          return conditional(request, reply, toNdjson(rows), 'application/x-ndjson; charset=utf-8', modified);
        return conditional(request, reply, toJson(name, rows), 'application/json; charset=utf-8', modified);
      },
    );
  };
