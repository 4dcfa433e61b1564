/** Analytics: each chart of a dialogue as JSON (its data table), CSV or server-rendered SVG. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CHARTS, chartTable, tableCsv, type ChartName } from '../../domain/analytics/analytics.service.js';
import { NotFoundError } from '../../domain/errors.js';
import type { AppDeps } from '../app.js';
import { viewerOf } from '../auth.js';
import { chartSvg } from '../charts.js';

const FILE = new RegExp(`^(${CHARTS.join('|')})\\.(json|csv|svg)$`);

export const analyticsRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/dialogues/:key/analytics/:file',
      {
        schema: {
          tags: ['analytics'],
          summary:
            "A chart of the dialogue's analytics: its data table (JSON), CSV or SVG, counting what the caller may see",
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
        const table = await chartTable(deps.store, viewerOf(request), request.params.key, m[1] as ChartName);
        if (m[2] === 'csv') return reply.type('text/csv; charset=utf-8; header=present').send(tableCsv(table));
        if (m[2] === 'svg') return reply.type('image/svg+xml').send(chartSvg(table, request.query.lang ?? 'en'));
        return reply.type('application/json; charset=utf-8').send(JSON.stringify(table));
      },
    );
  };
