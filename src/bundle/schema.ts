/**
 * The parley-dialogue/1 document as zod schemas: structure, closed lists and
 * formats. Cross-record rules (references, uniqueness) are checked after this
 * in validate.ts. Parsing applies the spec's defaults, so what comes out is
 * the normalized bundle that export writes back.
 */
import { z } from 'zod';
import {
  CATEGORIES,
  COUNTRY_PATTERN,
  HS_CODE_PATTERN,
  ISSUE_STATUSES,
  KEY_PATTERN,
  LANGUAGE_TAG_PATTERN,
  LEVELS,
  MEETING_FORMATS,
  OUTCOME_KINDS,
  OUTCOME_STATUSES,
  PRINCIPLE_KINDS,
  STANCES,
  VISIBILITIES,
} from '../domain/vocabulary.js';
import { closest } from '../shared/suggest.js';

export const BUNDLE_FORMAT = 'parley-dialogue/1';
/** The largest meeting number the database holds (a 32-bit integer column). */
export const MAX_MEETING_NUMBER = 2147483647;

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'an object';
  return JSON.stringify(v);
}

/** An enum whose error says what the value is not, and suggests the closest. */
function oneOf<const T extends readonly [string, ...string[]]>(values: T, noun: string) {
  return z.enum(values, {
    error: (iss) => {
      const input = iss.input;
      if (typeof input !== 'string') return `expected ${noun} (one of ${values.join(', ')}), got ${show(input)}`;
      const guess = closest(input, values);
      return `${show(input)} is not ${noun}${guess ? ` (did you mean "${guess}"?)` : ` (expected one of ${values.join(', ')})`}`;
    },
  });
}

const key = z
  .string({ error: (iss) => `expected a key (a lower-case slug like "us-cn-ciwg"), got ${show(iss.input)}` })
  .regex(KEY_PATTERN, {
    error: (iss) =>
      `${show(iss.input)} is not a valid key (expected lower-case letters, digits and hyphens, starting with a letter or digit, at most 63 characters)`,
  });

function isCalendarDate(s: string): boolean {
  // Years 0001-9999: PostgreSQL has no year 0, and five-digit years are not ISO calendar dates.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || s.startsWith('0000')) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export const dateSchema = z
  .string({ error: (iss) => `expected a date like "2024-04-04", got ${show(iss.input)}` })
  .refine(isCalendarDate, {
    error: (iss) => `${show(iss.input)} is not a calendar date (expected YYYY-MM-DD, like "2024-04-04")`,
  });

const country = z
  .string({ error: (iss) => `expected an ISO 3166-1 alpha-2 country code like "CN", got ${show(iss.input)}` })
  .regex(COUNTRY_PATTERN, {
    error: (iss) =>
      `${show(iss.input)} is not a country code (expected two capital letters, ISO 3166-1 alpha-2, like "US")`,
  });

/** Localized text: at least one language, BCP 47 tags, non-empty strings. */
export const textSchema = z
  .record(
    z.string().regex(LANGUAGE_TAG_PATTERN, {
      error: (iss) => `${show(iss.input)} is not a language tag (expected BCP 47, like "en" or "zh")`,
    }),
    z
      .string({ error: (iss) => `expected a string, got ${show(iss.input)}` })
      .min(1, { error: 'expected non-empty text (leave the language out instead)' }),
    {
      error: (iss) =>
        iss.code === 'invalid_key'
          ? `${show(iss.input)} is not a language tag (expected BCP 47, like "en" or "zh")`
          : `expected a localized text, an object from language to string like {"en": "...", "zh": "..."}, got ${show(iss.input)}`,
    },
  )
  .refine((t) => Object.keys(t).length > 0, { error: 'a localized text needs at least one language' });

function strictObject<T extends z.ZodRawShape>(shape: T) {
  return z.strictObject(shape, {
    error: (iss) => {
      if (iss.code === 'unrecognized_keys') {
        const allowed = Object.keys(shape);
        return iss.keys
          .map((k) => {
            const guess = closest(k, allowed);
            return `unknown field "${k}"${guess ? ` (did you mean "${guess}"?)` : ` (allowed: ${allowed.join(', ')})`}`;
          })
          .join('\n');
      }
      return `expected an object, got ${show(iss.input)}`;
    },
  });
}

function list<T extends z.ZodType>(item: T) {
  return z.array(item, { error: (iss) => `expected a list, got ${show(iss.input)}` }).default([]);
}

export const placeSchema = strictObject({
  city: textSchema.optional(),
  region: textSchema.optional(),
  country,
});

const sideSchema = strictObject({
  key,
  country,
  agency: textSchema,
  pressContact: strictObject({
    office: textSchema,
    email: z
      .string()
      .email({ error: (iss) => `${show(iss.input)} is not an e-mail address` })
      .optional(),
    phone: z.string().min(1).optional(),
  }).optional(),
  about: textSchema.optional(),
});

const personSchema = strictObject({ key, side: key, name: textSchema, title: textSchema });

const principleSchema = strictObject({
  side: key,
  kind: oneOf(PRINCIPLE_KINDS, 'a principle kind'),
  topic: key,
  text: textSchema,
});

const dialogueSchema = strictObject({
  key,
  names: z
    .array(strictObject({ side: key.nullable(), text: textSchema }), {
      error: (iss) => `expected a list, got ${show(iss.input)}`,
    })
    .min(1, { error: 'a dialogue needs at least one name' }),
  level: oneOf(LEVELS, 'a level'),
  cadence: textSchema.optional(),
  mandate: textSchema.optional(),
  established: strictObject({
    date: dateSchema,
    place: placeSchema.optional(),
    by: list(key),
    occasion: textSchema.optional(),
  }).optional(),
  sides: z
    .array(sideSchema, { error: (iss) => `expected a list, got ${show(iss.input)}` })
    .min(2, { error: 'a dialogue needs two or more sides' }),
  people: list(personSchema),
  principles: list(principleSchema),
});

const hsCode = z
  .string({ error: (iss) => `expected an HS code as a string, got ${show(iss.input)}` })
  .regex(HS_CODE_PATTERN, {
    error: (iss) => `${show(iss.input)} is not an HS code (expected 2, 4 or 6 digits, like "8541" or "854142")`,
  });

export const issueSchema = strictObject({
  key,
  title: textSchema,
  summary: textSchema.optional(),
  raisedBy: key,
  respondent: key,
  category: oneOf(CATEGORIES, 'a category'),
  topics: list(key),
  sectors: list(textSchema),
  products: list(hsCode),
  economies: list(country),
  regions: list(textSchema),
  status: oneOf(ISSUE_STATUSES, 'an issue status').default('open'),
  visibility: oneOf(VISIBILITIES, 'a visibility').default('internal'),
  owner: key.optional(),
});

export const outcomeSchema = strictObject({
  key,
  kind: oneOf(OUTCOME_KINDS, 'an outcome kind'),
  title: textSchema,
  owners: list(key),
  due: dateSchema.optional(),
  status: oneOf(OUTCOME_STATUSES, 'an outcome status').default('agreed'),
});

export const accountSchema = strictObject({
  side: key.nullable(),
  published: dateSchema.optional(),
  source: strictObject({
    title: z.string().min(1).optional(),
    url: z.url({ error: (iss) => `${show(iss.input)} is not a URL` }).optional(),
    language: z
      .string()
      .regex(LANGUAGE_TAG_PATTERN, {
        error: (iss) => `${show(iss.input)} is not a language tag (expected BCP 47, like "en")`,
      })
      .optional(),
  }).optional(),
  raised: list(strictObject({ by: key, issue: key, stance: oneOf(STANCES, 'a stance') })),
  outcomes: list(outcomeSchema),
  nextMeeting: strictObject({
    place: placeSchema.optional(),
    when: textSchema,
    earliest: dateSchema.optional(),
    latest: dateSchema.optional(),
    leadBy: key.optional(),
  }).optional(),
  notes: textSchema.optional(),
});

export const meetingSchema = strictObject({
  key,
  number: z
    .number({ error: (iss) => `expected a whole number 1 or more, got ${show(iss.input)}` })
    .int({ error: (iss) => `expected a whole number 1 or more, got ${show(iss.input)}` })
    .min(1, { error: (iss) => `expected a whole number 1 or more, got ${show(iss.input)}` })
    .max(MAX_MEETING_NUMBER, {
      error: (iss) => `expected a meeting number up to ${MAX_MEETING_NUMBER}, got ${show(iss.input)}`,
    }),
  date: dateSchema,
  endDate: dateSchema.optional(),
  format: oneOf(MEETING_FORMATS, 'a meeting format'),
  place: placeSchema.optional(),
  host: key.optional(),
  chairs: list(key),
  participants: list(strictObject({ side: key, text: textSchema })),
  accounts: list(accountSchema),
});

export const bundleSchema = strictObject({
  format: z.literal(BUNDLE_FORMAT, {
    error: (iss) => `expected exactly "${BUNDLE_FORMAT}", got ${show(iss.input)}`,
  }),
  dialogue: dialogueSchema,
  issues: list(issueSchema),
  meetings: list(meetingSchema),
});

/** The bundle as parsed: defaults applied except the issue owner (see validate.ts). */
export type ParsedBundle = z.output<typeof bundleSchema>;
export type BundleInput = z.input<typeof bundleSchema>;
