/**
 * Readouts in the public-affairs workflow as the API shows them: zod schemas
 * shared by the server (OpenAPI), the CLI and the web app.
 */
import { z } from 'zod';
import { JOINT_SIDE, READOUT_LANGUAGES } from './readout.js';

export const READOUT_STATES = ['draft', 'approved', 'published'] as const;
export type ReadoutState = (typeof READOUT_STATES)[number];

const Step = z.object({ by: z.string().describe('Who did it (e-mail, or "system")'), at: z.string() });

export const Readout = z
  .object({
    id: z.string(),
    dialogue: z.string(),
    meeting: z.number().int(),
    side: z.string().describe(`The side whose readout this is, or "${JOINT_SIDE}"`),
    lang: z.enum(READOUT_LANGUAGES),
    state: z.enum(READOUT_STATES),
    publishedNumber: z
      .number()
      .int()
      .optional()
      .describe('1, 2, … for the published versions of this side and language'),
    ownerSide: z.string().nullable(),
    visibility: z.enum(['internal', 'shared', 'public']),
    version: z.number().int().describe('The version of this readout, for If-Match'),
    text: z.string().describe('The readout as Markdown: the edited text, or the one generated from the record'),
    handEdited: z.boolean().describe('True when the text was edited by hand'),
    outOfDate: z
      .boolean()
      .optional()
      .describe(
        'A record the readout was built from changed after it was drafted or approved (not shown to the public)',
      ),
    created: Step,
    edited: Step.optional(),
    approved: Step.optional(),
    published: Step.optional(),
  })
  .meta({ id: 'Readout' });
export type Readout = z.infer<typeof Readout>;

export const ReadoutList = z.object({ items: z.array(Readout) });

export const ReadoutCreate = z.object({
  side: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/)
    .describe(`The side whose readout to draft, or "${JOINT_SIDE}"`),
  lang: z.enum(READOUT_LANGUAGES).default('en'),
  text: z.string().max(200_000).optional().describe('Edited Markdown to start from (default: the generated text)'),
});

export const ReadoutPatch = z.object({ text: z.string().min(1).max(200_000) });

export const ReadoutPublish = z
  .object({
    confirmOutOfDate: z.boolean().optional().describe('Publish even though the record changed after approval'),
  })
  .nullish();

/** The API path of a meeting's readouts (and of one of them). */
export function readoutsPath(dialogueKey: string, meetingNumber: number, id?: string): string {
  const base = `/api/v1/dialogues/${encodeURIComponent(dialogueKey)}/meetings/${meetingNumber}/readouts`;
  return id === undefined ? base : `${base}/${encodeURIComponent(id)}`;
}

/** One stored readout as a document (`format`: md, html, docx, pdf); published ones are served to anyone. */
export function readoutDocumentPath(dialogueKey: string, meetingNumber: number, id: string, format: string): string {
  return `${readoutsPath(dialogueKey, meetingNumber, id)}/document?format=${format}`;
}
