/**
 * The HTTP API's shapes as zod schemas: they validate requests, strip what is
 * not declared from responses, generate the OpenAPI document and type the web
 * client. Records follow domain/records.ts.
 */
import { z } from 'zod';
import {
  CATEGORIES,
  ISSUE_STATUSES,
  LEVELS,
  MEETING_FORMATS,
  OUTCOME_KINDS,
  OUTCOME_STATUSES,
  PRINCIPLE_KINDS,
  STANCES,
  VISIBILITIES,
} from '../domain/vocabulary.js';

export const Text = z.record(z.string(), z.string()).meta({
  id: 'Text',
  description: 'Localized text: language tag → string, e.g. {"en": "Cross-border data flows", "zh": "跨境数据流动"}',
});

export const Place = z
  .object({ city: Text.optional(), region: Text.optional(), country: z.string() })
  .meta({ id: 'Place' });

const Meta = {
  id: z.uuid(),
  version: z.number().int().describe('Row version: goes up by one at every change'),
  ownerSide: z.string().nullable().describe('The side that owns the record; null for records of the whole dialogue'),
  visibility: z.enum(VISIBILITIES),
  createdAt: z.string(),
  updatedAt: z.string(),
};

export const Side = z
  .object({
    key: z.string(),
    country: z.string(),
    agency: Text,
    pressContact: z.object({ office: Text, email: z.string().optional(), phone: z.string().optional() }).optional(),
    about: Text.optional(),
  })
  .meta({ id: 'Side' });

export const Person = z.object({ key: z.string(), side: z.string(), name: Text, title: Text }).meta({ id: 'Person' });

export const Principle = z
  .object({ side: z.string(), kind: z.enum(PRINCIPLE_KINDS), topic: z.string(), text: Text })
  .meta({ id: 'Principle' });

export const DialogueName = z.object({ side: z.string().nullable(), text: Text }).meta({ id: 'DialogueName' });

export const DialogueSummary = z
  .object({
    id: z.uuid(),
    key: z.string(),
    names: z.array(DialogueName),
    level: z.enum(LEVELS),
    sides: z.array(Side.pick({ key: true, country: true, agency: true })),
    meetingCount: z.number().int(),
    issueCount: z.number().int(),
    lastMeeting: z.object({ number: z.number().int(), date: z.string() }).optional(),
    updatedAt: z.string(),
  })
  .meta({ id: 'DialogueSummary' });

export const Dialogue = z
  .object({
    ...Meta,
    key: z.string(),
    names: z.array(DialogueName),
    level: z.enum(LEVELS),
    cadence: Text.optional(),
    mandate: Text.optional(),
    established: z
      .object({ date: z.string(), place: Place.optional(), by: z.array(z.string()), occasion: Text.optional() })
      .optional(),
    sides: z.array(Side),
    people: z.array(Person),
    principles: z.array(Principle),
  })
  .meta({ id: 'Dialogue' });

export const Issue = z
  .object({
    ...Meta,
    dialogue: z.string(),
    key: z.string(),
    title: Text,
    summary: Text.optional(),
    raisedBy: z.string(),
    respondent: z.string(),
    category: z.enum(CATEGORIES),
    topics: z.array(z.string()),
    sectors: z.array(Text),
    products: z.array(z.string()),
    economies: z.array(z.string()),
    regions: z.array(Text),
    status: z.enum(ISSUE_STATUSES),
    owner: z.string(),
  })
  .meta({ id: 'Issue' });

export const IssueDetail = Issue.extend({
  raisings: z.array(
    z.object({
      meeting: z.number().int(),
      date: z.string(),
      side: z.string().nullable().describe('Whose account records it; null = joint statement'),
      by: z.string(),
      stance: z.enum(STANCES),
    }),
  ),
}).meta({ id: 'IssueDetail' });

export const Meeting = z
  .object({
    ...Meta,
    dialogue: z.string(),
    key: z.string(),
    number: z.number().int(),
    date: z.string(),
    endDate: z.string().optional(),
    format: z.enum(MEETING_FORMATS),
    place: Place.optional(),
    host: z.string().optional(),
    chairs: z.array(z.string()),
    participants: z.array(z.object({ side: z.string(), text: Text })),
    accountSides: z.array(z.string().nullable()).describe('Sides with an account of the meeting; null = joint'),
  })
  .meta({ id: 'Meeting' });

export const Outcome = z
  .object({
    ...Meta,
    dialogue: z.string(),
    meeting: z.number().int(),
    account: z.string().nullable().describe('Side whose account reported it; null = joint statement'),
    key: z.string(),
    kind: z.enum(OUTCOME_KINDS),
    title: Text,
    owners: z.array(z.string()),
    due: z.string().optional(),
    status: z.enum(OUTCOME_STATUSES),
  })
  .meta({ id: 'Outcome' });

export const Account = z
  .object({
    ...Meta,
    dialogue: z.string(),
    meeting: z.number().int(),
    side: z.string().nullable(),
    published: z.string().optional(),
    source: z
      .object({ title: z.string().optional(), url: z.string().optional(), language: z.string().optional() })
      .optional(),
    raised: z.array(z.object({ by: z.string(), issue: z.string(), stance: z.enum(STANCES) })),
    outcomes: z.array(Outcome),
    nextMeeting: z
      .object({
        place: Place.optional(),
        when: Text,
        earliest: z.string().optional(),
        latest: z.string().optional(),
        leadBy: z.string().optional(),
      })
      .optional(),
    notes: Text.optional(),
  })
  .meta({ id: 'Account' });

export const MeetingDetail = Meeting.extend({ accounts: z.array(Account) }).meta({ id: 'MeetingDetail' });

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().describe('Stable, machine-readable'),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });

export const Installation = z
  .object({
    name: z.string(),
    version: z.string(),
    engine: z.enum(['pglite', 'postgres']),
  })
  .meta({ id: 'Installation' });

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item) });
}

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().optional().describe('Pass as `cursor` to get the next page; absent on the last page'),
  });
}

export type DialogueSummaryT = z.infer<typeof DialogueSummary>;
export type DialogueT = z.infer<typeof Dialogue>;
export type IssueT = z.infer<typeof Issue>;
export type IssueDetailT = z.infer<typeof IssueDetail>;
export type MeetingT = z.infer<typeof Meeting>;
export type MeetingDetailT = z.infer<typeof MeetingDetail>;
export type AccountT = z.infer<typeof Account>;
export type OutcomeT = z.infer<typeof Outcome>;
export type TextT = z.infer<typeof Text>;
export type InstallationT = z.infer<typeof Installation>;
