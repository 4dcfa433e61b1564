/**
 * Asking a reporter a question (issue 4): the analysts and leads of the side a
 * report is addressed to ask, and read the answers; the reporter answers
 * through the private status link. The other side and the public never see
 * any of it (another side's reference answers 404, as for the report).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { answerQuestion, askReporter, questionsAbout } from '../../domain/reports/questions.js';
import { ErrorBody } from '../../shared/api.js';
import { AnswerInput, QuestionInput, ReportQuestion, ReporterQuestion } from '../../shared/reports.js';
import type { AppDeps } from '../app.js';
import { actorOf, authorize, requirePrincipal } from '../auth.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const Reference = z.object({ reference: z.string().regex(/^R-\d{4}-\d{6,}$/, 'a report reference, R-2026-000123') });

export const reportQuestionRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/reports/:reference/questions',
      {
        schema: {
          tags: ['reports'],
          summary: 'Ask the reporter a question (lead, analyst of the side the report is addressed to)',
          description:
            'Stores the question, audits it and queues an e-mail to the reporter, in the language of the ' +
            'report, with a private link to the status page where the reporter answers.',
          params: Reference,
          body: QuestionInput,
          response: { 201: ReportQuestion, ...errors },
        },
      },
      async (request, reply) => {
        const p = authorize(request, 'report.triage');
        const q = await askReporter(deps.store, p, actorOf(request), request.params.reference, request.body.question);
        return reply.code(201).send(q);
      },
    );

    app.get(
      '/reports/:reference/questions',
      {
        schema: {
          tags: ['reports'],
          summary: 'The questions asked about a report of my side, with the answers (lead, analyst)',
          params: Reference,
          response: { 200: z.object({ items: z.array(ReportQuestion) }), ...errors },
        },
      },
      async (request) => ({
        items: await questionsAbout(deps.store, requirePrincipal(request), request.params.reference),
      }),
    );

    app.post(
      '/reports/status/:token/answers',
      {
        schema: {
          tags: ['reports'],
          summary: "Answer an analyst's question, for whoever holds the report's private link",
          description:
            'A question is answered once (409 after). Answers with the questions as the status page shows them.',
          params: z.object({ token: z.string().max(200) }),
          body: AnswerInput,
          response: { 200: z.object({ items: z.array(ReporterQuestion) }), ...errors },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        reply.header('referrer-policy', 'no-referrer');
        return {
          items: await answerQuestion(
            deps.store,
            actorOf(request),
            request.params.token,
            request.body.question,
            request.body.answer,
          ),
        };
      },
    );
  };
