/**
 * Validates a parley-dialogue/1 document: structure first (schema.ts), then
 * every rule across records: references by key, uniqueness, and the domain
 * rules the records must keep. Every problem is named with its JSON Pointer
 * and what was expected; nothing is written unless there are none.
 */
import type { z } from 'zod';
import type { Bundle, ExistingKeys } from '../domain/records.js';
import type { Problem } from '../domain/errors.js';
import { checkDialogueRecords } from '../domain/dialogues/dialogue.rules.js';
import { pointer } from '../shared/json-pointer.js';
import { bundleSchema, type ParsedBundle } from './schema.js';

export const NO_EXISTING: ExistingKeys = {
  sides: [],
  people: [],
  issues: [],
  meetings: new Map(),
  outcomes: new Map(),
};

export type { Bundle, ExistingKeys };

export type ValidationResult = { ok: true; bundle: Bundle } | { ok: false; problems: Problem[] };

export { pointer };

function fromZod(error: z.ZodError): Problem[] {
  return error.issues.flatMap((i) => {
    if (i.code === 'unrecognized_keys') {
      // One problem per unknown field, pointing at the field itself.
      const messages = i.message.split('\n');
      return i.keys.map((k, n) => ({
        pointer: pointer([...i.path, k]),
        message: messages[n] ?? `unknown field "${k}"`,
      }));
    }
    return [{ pointer: pointer(i.path), message: i.message }];
  });
}

/**
 * Strings that no database text column can hold: the NUL character, and UTF-16
 * halves of a character without their other half (broken Unicode).
 */
function unstorableText(value: unknown, path: PropertyKey[], out: Problem[]): void {
  const check = (s: string, at: PropertyKey[], what: string) => {
    if (s.includes('\u0000'))
      out.push({
        pointer: pointer(at),
        message: `${what} contains the NUL character (U+0000), which cannot be stored`,
      });
    else if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s)) {
      out.push({ pointer: pointer(at), message: `${what} contains broken Unicode (half of a surrogate pair)` });
    }
  };
  if (typeof value === 'string') check(value, path, 'the text');
  else if (Array.isArray(value)) value.forEach((v, i) => unstorableText(v, [...path, i], out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      check(k, [...path, k], 'the field name');
      unstorableText(v, [...path, k], out);
    }
  }
}

/** Parses JSON text, reporting a syntax error with its position. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; problems: Problem[] } {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(clean) as unknown };
  } catch (err) {
    return { ok: false, problems: [{ pointer: '', message: `not valid JSON: ${(err as Error).message}` }] };
  }
}

/** Validates a parsed JSON value against the spec and the records it refers to. */
export function validateBundle(input: unknown, existing: ExistingKeys = NO_EXISTING): ValidationResult {
  const broken: Problem[] = [];
  unstorableText(input, [], broken);
  if (broken.length > 0) return { ok: false, problems: broken };
  const parsed = bundleSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) return { ok: false, problems: fromZod(parsed.error) };
  const b: ParsedBundle = parsed.data;
  const problems = checkDialogueRecords(b, existing);
  if (problems.length > 0) return { ok: false, problems };

  const bundle: Bundle = {
    format: b.format,
    dialogue: b.dialogue,
    issues: b.issues.map((i) => ({ ...i, owner: i.owner ?? i.raisedBy })),
    meetings: b.meetings,
  };
  return { ok: true, bundle };
}

/** One line per problem, as the CLI prints them and the API lists them. */
export function formatProblems(problems: readonly Problem[]): string {
  return problems.map((p) => `${p.pointer || '/'}: ${p.message}`).join('\n');
}
