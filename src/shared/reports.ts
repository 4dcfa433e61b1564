/**
 * Problem reports (issue 4): the shapes of `POST /api/v1/reports`, the status
 * page, the triage queue and the similar-items answer. Shared by the server
 * (validation, OpenAPI) and the web form (the same limits, field by field).
 */
import { z } from 'zod';
import { CATEGORIES, COUNTRY_PATTERN, HS_CODE_PATTERN, KEY_PATTERN } from '../domain/vocabulary.js';
import { AttachmentInfo } from './attachments.js';

export const REPORT_LIMITS = {
  name: 200,
  description: 20_000,
  stepsTaken: 5_000,
  short: 200,
  products: 50,
} as const;

export const REPORT_LANGUAGES = ['en', 'zh'] as const;
export const ORGANISATION_KINDS = ['company', 'association'] as const;
export const REJECT_REASONS = ['not-actionable', 'duplicate', 'out-of-scope'] as const;
export const REPORT_STATUSES = ['new', 'merged', 'rejected'] as const;

// Lone surrogates (a `u` regex matches only unpaired ones) and NUL characters.
// eslint-disable-next-line no-control-regex -- NUL is exactly what this refuses
const BROKEN_UNICODE = /[\uD800-\uDFFF\u0000]/u;

/** Text a person wrote: well-formed Unicode, no NUL, trimmed not empty, at most `max` characters. */
export const humanText = (max: number) =>
  z
    .string()
    .max(max, `at most ${max} characters`)
    .refine((s) => !BROKEN_UNICODE.test(s), 'must be well-formed Unicode text without NUL characters')
    .refine((s) => s.trim().length > 0, 'must not be empty');

export const ReportInput = z.strictObject({
  language: z.enum(REPORT_LANGUAGES),
  organisation: z.strictObject({
    name: humanText(REPORT_LIMITS.name),
    kind: z.enum(ORGANISATION_KINDS),
  }),
  contact: z.strictObject({
    name: humanText(REPORT_LIMITS.name),
    email: z.email('must be an e-mail address').max(254),
    phone: humanText(50).optional(),
  }),
  consent: z.strictObject({
    shareWithCounterpart: z.boolean(),
    shareWithPublic: z.boolean(),
  }),
  economy: z.string().regex(COUNTRY_PATTERN, 'an ISO 3166 two-letter country code, such as CN or US'),
  description: humanText(REPORT_LIMITS.description),
  addressedTo: z
    .string()
    .regex(KEY_PATTERN, 'a side key, such as us or cn')
    .optional()
    .describe(
      'The side (government) the report is for. Left out: the side the installation serves, else its only side, ' +
        "else the side facing the problem's economy; else required",
    ),
  region: humanText(REPORT_LIMITS.short).optional(),
  sector: humanText(REPORT_LIMITS.short).optional(),
  products: z
    .array(z.string().regex(HS_CODE_PATTERN, 'an HS code of 2, 4 or 6 digits'))
    .max(REPORT_LIMITS.products)
    .optional(),
  category: z.enum(CATEGORIES).optional(),
  impact: z
    .strictObject({
      tradeValue: z.number().nonnegative().max(1e15).optional(),
      currency: z
        .string()
        .regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code, such as USD or CNY')
        .optional(),
      companiesAffected: z.number().int().nonnegative().max(10_000_000).optional(),
      since: z.iso.date('a date, YYYY-MM-DD').optional(),
    })
    .optional(),
  stepsTaken: humanText(REPORT_LIMITS.stepsTaken).optional(),
});
export type ReportInput = z.infer<typeof ReportInput>;

export const ReportReceipt = z.object({ reference: z.string(), statusUrl: z.string() }).meta({ id: 'ReportReceipt' });

export const QUESTION_LIMITS = { question: 2_000, answer: 10_000 } as const;

/** A question from the analysts as the reporter sees it (who asked is not shown). */
export const ReporterQuestion = z
  .object({
    id: z.string(),
    question: z.string(),
    askedAt: z.string(),
    answer: z.string().optional(),
    answeredAt: z.string().optional(),
  })
  .meta({ id: 'ReporterQuestion' });
export type ReporterQuestion = z.infer<typeof ReporterQuestion>;

/** A question about a report, as the analysts of its side see it. */
export const ReportQuestion = ReporterQuestion.extend({ askedBy: z.string() }).meta({ id: 'ReportQuestion' });
export type ReportQuestion = z.infer<typeof ReportQuestion>;

export const QuestionInput = z.strictObject({ question: humanText(QUESTION_LIMITS.question) });
export const AnswerInput = z.strictObject({
  question: z.uuid('the id of a question on this page'),
  answer: humanText(QUESTION_LIMITS.answer),
});

/** What the reporter's private link shows: the report's fate, nothing else. */
export const ReportStatus = z
  .object({
    reference: z.string(),
    receivedAt: z.string(),
    status: z.enum(['received', 'merged', 'raised', 'resolved', 'rejected']),
    issue: z.object({ key: z.string(), title: z.record(z.string(), z.string()), status: z.string() }).optional(),
    meetings: z.array(z.number().int()),
    rejection: z.object({ reason: z.enum(REJECT_REASONS) }).optional(),
    questions: z.array(ReporterQuestion).describe("The analysts' questions, oldest first, with the answers given"),
  })
  .meta({ id: 'ReportStatus' });
export type ReportStatus = z.infer<typeof ReportStatus>;

/** A report as the analysts of the side it is addressed to see it. */
export const Report = z
  .object({
    reference: z.string(),
    addressedTo: z.string(),
    language: z.enum(REPORT_LANGUAGES),
    organisation: z.object({ name: z.string(), kind: z.enum(ORGANISATION_KINDS) }),
    contact: z.object({ name: z.string(), email: z.string(), phone: z.string().optional() }),
    consent: z.object({ shareWithCounterpart: z.boolean(), shareWithPublic: z.boolean() }),
    economy: z.string(),
    region: z.string().optional(),
    sector: z.string().optional(),
    products: z.array(z.string()),
    category: z.string().optional(),
    description: z.string(),
    impact: z
      .object({
        tradeValue: z.number().optional(),
        currency: z.string().optional(),
        companiesAffected: z.number().optional(),
        since: z.string().optional(),
      })
      .optional(),
    stepsTaken: z.string().optional(),
    status: z.enum(REPORT_STATUSES),
    issue: z.object({ dialogue: z.string(), key: z.string() }).optional(),
    rejection: z.object({ reason: z.enum(REJECT_REASONS), note: z.string().optional() }).optional(),
    receivedAt: z.string(),
    attachments: z.array(AttachmentInfo).describe('The files sent with the report, in the order sent'),
  })
  .meta({ id: 'Report' });
export type Report = z.infer<typeof Report>;

/**
 * A report merged into an issue, as the leads and analysts of the side it was
 * addressed to see it on the issue: no contact, no text (the report itself
 * holds those).
 */
export const IssueReport = z
  .object({
    reference: z.string(),
    receivedAt: z.string(),
    language: z.enum(REPORT_LANGUAGES),
    organisation: z.object({ name: z.string(), kind: z.enum(ORGANISATION_KINDS) }),
    impact: z
      .object({
        tradeValue: z.number().optional(),
        currency: z.string().optional(),
        companiesAffected: z.number().optional(),
      })
      .optional()
      .describe('What the reporter gave of the trade value affected and the companies affected'),
    status: z.enum(REPORT_STATUSES),
  })
  .meta({ id: 'IssueReport' });
export type IssueReport = z.infer<typeof IssueReport>;

/** A reporter that consented to be named to the reader: the organisation's name and kind, nothing else. */
export const NamedReporter = z
  .object({ organisation: z.object({ name: z.string(), kind: z.enum(ORGANISATION_KINDS) }) })
  .meta({ id: 'NamedReporter' });
export type NamedReporter = z.infer<typeof NamedReporter>;

/**
 * The reports behind an issue, as far as each reporter's consent allows the
 * reader to know (docs/REPORTS.md, "Reported by"). The side's leads and
 * analysts get its reports in full (IssueReport); anyone else only the names
 * of the organisations that agreed to it (NamedReporter), and a count.
 */
export const IssueReporters = z
  .object({
    // The full shape first: a union answers with the first option that fits, and a name-only
    // item does not fit it (no reference), so each item keeps exactly the fields of its kind.
    items: z.array(z.union([IssueReport, NamedReporter])),
    unnamed: z.number().int().nonnegative().describe('How many other reports stand behind the issue'),
  })
  .meta({ id: 'IssueReporters' });
export type IssueReporters = z.infer<typeof IssueReporters>;

export const SimilarItem = z
  .object({
    kind: z.enum(['issue', 'report']),
    key: z.string().optional(),
    dialogue: z.string().optional(),
    reference: z.string().optional(),
    score: z.number(),
    why: z.array(z.string()),
  })
  .meta({ id: 'SimilarItem' });
export type SimilarItem = z.infer<typeof SimilarItem>;

export const HsCode = z
  .object({
    code: z.string(),
    section: z.string(),
    description: z.string(),
    parent: z.string().nullable(),
    level: z.number().int(),
  })
  .meta({ id: 'HsCode' });
