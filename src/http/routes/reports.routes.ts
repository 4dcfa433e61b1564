/**
 * Problem reports (issue 4): intake by anyone, the reporter's private status
 * link, the triage queue of a side's leads and analysts, and the HS picker.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as reports from '../../domain/reports/report.service.js';
import { downloadName } from '../../domain/reports/attachments.js';
import { issueReporters } from '../../domain/reports/issue-reporters.js';
import { TooLargeError, ValidationError } from '../../domain/errors.js';
import { ErrorBody } from '../../shared/api.js';
import {
  ATTACHMENT_KINDS,
  ATTACHMENT_KINDS_TEXT,
  DEFAULT_ATTACHMENT_LIMITS,
  formatBytes,
} from '../../shared/attachments.js';
import {
  HsCode,
  IssueReporters,
  REJECT_REASONS,
  REPORT_STATUSES,
  Report,
  ReportInput,
  ReportReceipt,
  ReportStatus,
  SimilarItem,
  humanText,
} from '../../shared/reports.js';
import type { AppDeps } from '../app.js';
import { actorOf, authorize, requirePrincipal, viewerOf } from '../auth.js';
import { readReportForm, registerReportForm, uploadedFiles } from '../report-form.js';

/** Domain problems point into the report; the schema's point into the request (`/body/…`): say it one way. */
async function inBody<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (!(err instanceof ValidationError || err instanceof TooLargeError)) throw err;
    const Type = err instanceof TooLargeError ? TooLargeError : ValidationError;
    throw new Type(
      err.message.replace(/(^|; |: )\//g, '$1/body/'),
      err.problems.map((p) => ({ ...p, pointer: `/body${p.pointer}` })),
    );
  }
}

/** `attachment; filename="…"` with an ASCII stand-in, and the real name in UTF-8 (RFC 6266, RFC 8187). */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const utf8 = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody };
const Reference = z.object({ reference: z.string().regex(/^R-\d{4}-\d{6,}$/, 'a report reference, R-2026-000123') });

export const reportRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const limits = deps.reports?.attachmentLimits ?? DEFAULT_ATTACHMENT_LIMITS;
    await registerReportForm(app, limits);

    app.post(
      '/reports',
      {
        schema: {
          tags: ['reports'],
          summary: 'Report a problem (anyone, signed in or not), with or without files',
          description:
            'Answers 201 with the reference and a private status URL (keep it: it is shown once). ' +
            'The body is JSON, or multipart/form-data with the same JSON as text in the field `report` and ' +
            `files in \`attachments\` (at most ${limits.maxFiles}, ${formatBytes(limits.maxFileBytes)} each, ` +
            `${formatBytes(limits.maxTotalBytes)} together): ${ATTACHMENT_KINDS_TEXT}, recognised by their ` +
            'content, not their name or declared type. A refused file is named by `/body/attachments/N`; a size ' +
            'or count limit answers 413. Nothing is written unless the report and every file are valid.\n\n' +
            'Without `addressedTo`, the report goes to: the side this installation serves (`PARLEY_SIDE`), ' +
            "else the installation's only side, else, when the problem's `economy` is one side's country, the " +
            'side facing it in the dialogues (a company turns to its own government about a problem abroad); ' +
            'otherwise `/body/addressedTo` is required.',
          // Only the JSON body is given as a schema: a form's fields are described above, not as that schema.
          body: ReportInput,
          response: { 201: ReportReceipt, ...errors },
        },
        preValidation: readReportForm(limits),
      },
      async (request, reply) => {
        const { reference, token } = await inBody(() =>
          reports.submitReport(deps.store, actorOf(request), request.body, {
            attachments: uploadedFiles(request),
            limits,
            installationSide: deps.reports?.side,
          }),
        );
        const statusUrl = `/api/v1/reports/status/${token}`;
        reply.header('location', statusUrl);
        reply.header('cache-control', 'no-store');
        return reply.code(201).send({ reference, statusUrl });
      },
    );

    app.get(
      '/reports/status/:token',
      {
        schema: {
          tags: ['reports'],
          summary: "A report's status, for whoever holds its private link",
          params: z.object({ token: z.string().max(200) }),
          response: { 200: ReportStatus, ...errors },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        reply.header('referrer-policy', 'no-referrer');
        return reports.reportStatus(deps.store, request.params.token);
      },
    );

    app.get(
      '/reports',
      {
        schema: {
          tags: ['reports'],
          summary: 'Reports addressed to my side (lead, analyst), oldest first',
          querystring: z.object({
            status: z.enum(REPORT_STATUSES).optional(),
            limit: z.coerce.number().int().min(1).max(500).optional(),
          }),
          response: { 200: z.object({ items: z.array(Report) }), ...errors },
        },
      },
      async (request) => {
        const side = reports.triageSide(requirePrincipal(request));
        return { items: await deps.store.reports.list(side, request.query.status, request.query.limit ?? 100) };
      },
    );

    app.get(
      '/reports/:reference',
      {
        schema: {
          tags: ['reports'],
          summary: 'A report addressed to my side (lead, analyst)',
          params: Reference,
          response: { 200: Report, ...errors },
        },
      },
      async (request) => reports.getReport(deps.store, requirePrincipal(request), request.params.reference),
    );

    app.get(
      '/reports/:reference/attachments/:id',
      {
        schema: {
          tags: ['reports'],
          summary: 'A file of a report addressed to my side (lead, analyst)',
          description:
            'Served with the type found in its content, as a download (`Content-Disposition: attachment`), ' +
            'never to be run or shown in place.',
          params: Reference.extend({ id: z.string().max(100).describe('The id listed in the report') }),
          produces: ATTACHMENT_KINDS.map((k) => k.mediaType),
          response: { 200: z.string().describe('The file, as sent'), ...errors },
        },
      },
      async (request, reply) => {
        const file = await reports.getAttachment(
          deps.store,
          requirePrincipal(request),
          request.params.reference,
          request.params.id,
        );
        reply
          .type(file.mediaType)
          .header('content-disposition', contentDisposition(downloadName(file.name, file.mediaType)))
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'; sandbox")
          .header('cache-control', 'no-store');
        // The 200 schema documents the body as a string for OpenAPI; Fastify sends a Buffer as it is, unserialized.
        return reply.send(Buffer.from(file.bytes) as unknown as string);
      },
    );

    app.get(
      '/reports/:reference/similar',
      {
        schema: {
          tags: ['reports'],
          summary: 'Issues and reports on file that resemble this report, best first, with what matched',
          params: Reference,
          response: { 200: z.object({ items: z.array(SimilarItem) }), ...errors },
        },
      },
      async (request) => ({
        items: await reports.similarTo(deps.store, requirePrincipal(request), request.params.reference),
      }),
    );

    app.post(
      '/reports/:reference/reject',
      {
        schema: {
          tags: ['reports'],
          summary: 'Reject a new report with a reason (lead, analyst of its side)',
          params: Reference,
          body: z.strictObject({ reason: z.enum(REJECT_REASONS), note: humanText(2000).optional() }),
          response: { 200: Report, ...errors },
        },
      },
      async (request) => {
        const p = authorize(request, 'report.triage');
        return reports.rejectReport(
          deps.store,
          p,
          actorOf(request),
          request.params.reference,
          request.body.reason,
          request.body.note,
        );
      },
    );

    app.get(
      '/dialogues/:key/issues/:issueKey/reports',
      {
        schema: {
          tags: ['reports', 'issues'],
          summary: 'The reports behind an issue, as far as each reporter consented',
          description:
            'The leads and analysts of the side the reports were addressed to get each report (no contact, no ' +
            'text); anyone else who may see the issue gets only the names of the organisations that consented to ' +
            'be named to them (shareWithCounterpart for the other government, shareWithPublic for the public and ' +
            'reporters), and how many others stand behind the issue. Rejected reports never count; an issue the ' +
            'caller may not see is not found.',
          params: z.object({ key: z.string().min(1).max(63), issueKey: z.string().min(1).max(63) }),
          response: { 200: IssueReporters, ...errors },
        },
      },
      async (request) =>
        issueReporters(deps.store, viewerOf(request), request.principal, request.params.key, request.params.issueKey),
    );

    app.post(
      '/issues/:id/reports',
      {
        schema: {
          tags: ['reports'],
          summary: "Merge new reports into an issue of my side's (lead, analyst)",
          description:
            'The issue is looked up by key among the issues my side owns and may see; when several ' +
            'dialogues have one with that key, "dialogue" says which.',
          params: z.object({ id: z.string().min(1).max(63).describe('The issue key') }),
          body: z.strictObject({
            reports: z.array(Reference.shape.reference).min(1).max(100),
            dialogue: z.string().min(1).max(63).optional(),
          }),
          response: {
            200: z.object({ issue: z.object({ dialogue: z.string(), key: z.string() }), merged: z.array(z.string()) }),
            ...errors,
          },
        },
      },
      async (request) => {
        const p = authorize(request, 'report.triage');
        const issue = await inBody(() =>
          reports.mergeReports(
            deps.store,
            p,
            actorOf(request),
            request.params.id,
            request.body.reports,
            request.body.dialogue,
          ),
        );
        return { issue, merged: request.body.reports };
      },
    );

    app.get(
      '/priorities',
      {
        schema: {
          tags: ['reports'],
          summary: "My side's issues by priority, with the parts of the score (lead, analyst)",
          description: 'score = (trade + companies + breadth + timeOpen) × weight; see src/domain/reports/priority.ts.',
          querystring: z.object({ sort: z.enum(reports.PRIORITY_SORTS).optional() }),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  dialogue: z.string(),
                  key: z.string(),
                  title: z.record(z.string(), z.string()),
                  status: z.string(),
                  reports: z.number(),
                  tradeValue: z.number(),
                  companiesAffected: z.number(),
                  score: z.number(),
                  parts: z.object({
                    trade: z.number(),
                    companies: z.number(),
                    breadth: z.number(),
                    timeOpen: z.number(),
                    weight: z.number(),
                  }),
                }),
              ),
            }),
            ...errors,
          },
        },
      },
      async (request) => ({
        items: await reports.priorities(deps.store, requirePrincipal(request), request.query.sort),
      }),
    );

    app.get(
      '/taxonomy/hs',
      {
        schema: {
          tags: ['reports'],
          summary: 'Harmonized System codes by code prefix ("8541") or words ("photovoltaic")',
          querystring: z.object({
            q: z.string().max(200).default(''),
            limit: z.coerce.number().int().min(1).max(100).optional(),
          }),
          response: { 200: z.object({ items: z.array(HsCode) }), ...errors },
        },
      },
      async (request) => ({
        items:
          request.query.q.trim() === ''
            ? []
            : await deps.store.taxonomy.searchHs(request.query.q, request.query.limit ?? 20),
      }),
    );
  };
