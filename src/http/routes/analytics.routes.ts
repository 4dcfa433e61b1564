/**
 * Analytics: the charts of a dialogue the caller may ask for, and each chart
 * as JSON (its data table with labels in both languages), CSV or
 * server-rendered SVG (`lang` for the labels), counting what the caller may see.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CHARTS,
  CHART_TITLES,
  REPORT_CHARTS,
  chartTable,
  chartsFor,
  tableCsv,
  type ChartName,
} from '../../domain/analytics/analytics.service.js';
import { getDialogue } from '../../domain/dialogues/dialogue.service.js';
import { NotFoundError } from '../../domain/errors.js';
import { ErrorBody } from '../../shared/api.js';
import type { AppDeps } from '../app.js';
import { requirePrincipal, viewerOf } from '../auth.js';
import { chartSvg } from '../charts.js';

const FILE = new RegExp(`^(${CHARTS.join('|')})\\.(json|csv|svg)$`);
const Label = z.object({ en: z.string(), zh: z.string() });

export const analyticsRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/dialogues/:key/analytics',
      {
        schema: {
          tags: ['analytics'],
          summary:
            "The dialogue's charts the caller may ask for (the reports charts for a side's staff), with their titles",
          params: z.object({ key: z.string().min(1).max(63) }),
          response: {
            200: z.object({ items: z.array(z.object({ chart: z.enum(CHARTS), title: Label })) }),
            404: ErrorBody,
          },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        await getDialogue(deps.store, viewer, request.params.key);
        return { items: chartsFor(viewer).map((chart) => ({ chart, title: CHART_TITLES[chart] })) };
      },
    );

    app.get(
      '/dialogues/:key/analytics/:file',
      {
        schema: {
          tags: ['analytics'],
          summary:
            "A chart of the dialogue's analytics: its data table (JSON), CSV or SVG, counting what the caller may see; the reports charts are for the staff of the side that received them",
          description:
            'JSON: columns (stable keys) and rows, with their labels in English and Chinese. CSV: UTF-8 with a byte-order mark; with `lang`, the header and first column are labels in that language, without it the keys. SVG: labels in `lang` (default English), each bar with its number.',
          params: z.object({
            key: z.string().min(1).max(63),
            file: z.string().regex(FILE, { error: `expected {${CHARTS.join('|')}}.{json|csv|svg}` }),
          }),
          querystring: z.object({ lang: z.enum(['en', 'zh']).optional() }),
          produces: ['application/json', 'text/csv', 'image/svg+xml'],
        },
      },
      async (request, reply) => {
        const m = FILE.exec(request.params.file);
        if (!m) throw new NotFoundError('chart', request.params.file);
        const chart = m[1] as ChartName;
        // A side's reports: the public is asked to sign in first (401), a signed-in non-staff caller is refused (403).
        if (REPORT_CHARTS.includes(chart)) requirePrincipal(request);
        const table = await chartTable(deps.store, viewerOf(request), request.params.key, chart);
        if (m[2] === 'csv') {
          const name = `${request.params.key}-${chart}${request.query.lang ? `-${request.query.lang}` : ''}.csv`;
          return reply
            .type('text/csv; charset=utf-8; header=present')
            .header('content-disposition', `attachment; filename="${name}"`)
            .send(tableCsv(table, request.query.lang));
        }
        if (m[2] === 'svg') return reply.type('image/svg+xml').send(chartSvg(table, request.query.lang ?? 'en'));
        return reply.type('application/json; charset=utf-8').send(JSON.stringify(table));
      },
    );
  };
