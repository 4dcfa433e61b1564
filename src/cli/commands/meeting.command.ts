import { SYSTEM_VIEWER } from '../../domain/access/viewer.js';
import { createMeeting, putAccount } from '../../domain/dialogues/dialogue.writes.js';
import { agendaOf, proposeAgendaItem, suggestNextMeeting } from '../../domain/meetings/agenda.service.js';
import { agendaProposals } from '../../domain/meetings/cycle.service.js';
import { MEETING_FORMATS, type MeetingFormat } from '../../domain/vocabulary.js';
import { accountSchema } from '../../bundle/schema.js';
import { pointer } from '../../bundle/validate.js';
import { ValidationError } from '../../domain/errors.js';
import type { AccountFields, MeetingFields } from '../../domain/records.js';
import { withDatabase } from '../database.js';
import { EXIT_INVALID, EXIT_OK, UsageError, readInputFile, defineCommand, subcommandError } from '../io.js';
import { CLI_ACTOR, DATE, KEY, cliPrincipal } from './cycle-principal.js';

const help = `Usage:
  parley meeting create KEY --number N --date YYYY-MM-DD --format FORMAT
                        [--place-country CC --place-city-en X --place-city-zh Y]
                        [--host SIDE] [--meeting-key K]
  parley meeting agenda KEY N --side SIDE [--add ISSUE [--override] [--internal]]
  parley meeting account KEY N --side SIDE|joint --file account.json

create   plans meeting N of dialogue KEY (formats: ${MEETING_FORMATS.join(', ')});
         in-person and hybrid meetings need --place-country. Without --host,
         Parley suggests the side after the last meeting's host.
agenda   lists SIDE's proposals for meeting N (marked new, carried-over or
         stalled) and the joint agenda; --add proposes one of SIDE's open
         issues (--override: past the cut-off, as a lead; --internal: keep it
         in SIDE's internal briefing only). An issue on a topic the other side
         declared non-negotiable is refused (exit 1) with the principle quoted.
account  records (or replaces) SIDE's account of meeting N from a JSON file in
         the bundle's account shape (raised, outcomes, nextMeeting, notes).

Exit codes: 0 done, 1 refused or invalid input, 2 wrong usage.`;

function meetingNumber(text: string | undefined): number {
  if (text === undefined) throw new UsageError('Missing MEETING_NUMBER.', help);
  if (!/^[1-9]\d{0,8}$/.test(text))
    throw new UsageError(`MEETING_NUMBER is a whole number 1 or more, not "${text}".`, help);
  return Number(text);
}

function dialogueKey(text: string | undefined): string {
  if (text === undefined) throw new UsageError('Missing the dialogue KEY.', help);
  if (!KEY.test(text)) throw new UsageError(`"${text}" is not a dialogue key.`, help);
  return text;
}

function side(text: string | undefined, joint = false): string {
  if (text === undefined) throw new UsageError('Missing --side SIDE.', help);
  if (!KEY.test(text) || (text === 'joint' && !joint))
    throw new UsageError(`--side takes a side key, not "${text}".`, help);
  return text;
}

export const meetingCommand = defineCommand({
  name: 'meeting',
  summary: "plan a meeting, build its agenda, record a side's account",
  help,
  options: {
    number: { type: 'string', short: 'n' },
    date: { type: 'string' },
    format: { type: 'string' },
    'place-country': { type: 'string' },
    'place-city-en': { type: 'string' },
    'place-city-zh': { type: 'string' },
    host: { type: 'string' },
    'meeting-key': { type: 'string' },
    side: { type: 'string', short: 's' },
    add: { type: 'string' },
    override: { type: 'boolean' },
    internal: { type: 'boolean' },
    file: { type: 'string', short: 'f' },
  },
  async run({ positionals, values }, io) {
    const [sub, ...rest] = positionals;
    if (sub === 'create') {
      if (rest.length !== 1) throw new UsageError('meeting create takes one dialogue KEY.', help);
      const key = dialogueKey(rest[0]);
      const number = meetingNumber(values.number);
      if (!values.date || !DATE.test(values.date))
        throw new UsageError('meeting create needs --date YYYY-MM-DD.', help);
      const format = values.format as MeetingFormat | undefined;
      if (!format || !(MEETING_FORMATS as readonly string[]).includes(format)) {
        throw new UsageError(`meeting create needs --format, one of ${MEETING_FORMATS.join(', ')}.`, help);
      }
      const country = values['place-country'];
      if (country !== undefined && !/^[A-Z]{2}$/.test(country)) {
        throw new UsageError(`--place-country takes a two-letter country code like US, not "${country}".`, help);
      }
      if ((values['place-city-en'] || values['place-city-zh']) && !country) {
        throw new UsageError('A place needs --place-country.', help);
      }
      if (values.host !== undefined) side(values.host);
      return withDatabase('parley meeting create', async ({ store }) => {
        const suggestion = await suggestNextMeeting(store, SYSTEM_VIEWER, key);
        const host = values.host ?? suggestion.host;
        const city = {
          ...(values['place-city-en'] ? { en: values['place-city-en'] } : {}),
          ...(values['place-city-zh'] ? { zh: values['place-city-zh'] } : {}),
        };
        const input: MeetingFields = {
          key: values['meeting-key'] ?? `meeting-${number}`,
          number,
          date: values.date!,
          format,
          ...(country ? { place: { country, ...(Object.keys(city).length > 0 ? { city } : {}) } } : {}),
          ...(host ? { host } : {}),
          chairs: [],
          participants: [],
        };
        const meeting = await createMeeting(store, cliPrincipal(host ?? 'cli'), CLI_ACTOR, key, input);
        io.stdout(
          `Planned meeting ${meeting.number} of ${key} on ${meeting.date} (${meeting.format}${meeting.host ? `, hosted by ${meeting.host}` : ''}).`,
        );
        return EXIT_OK;
      });
    }
    if (sub === 'agenda') {
      if (rest.length !== 2) throw new UsageError('meeting agenda takes a dialogue KEY and a MEETING_NUMBER.', help);
      const key = dialogueKey(rest[0]);
      const number = meetingNumber(rest[1]);
      const s = side(values.side);
      if ((values.override || values.internal) && !values.add) {
        throw new UsageError('--override and --internal go with --add ISSUE.', help);
      }
      if (values.add !== undefined && !KEY.test(values.add))
        throw new UsageError(`"${values.add}" is not an issue key.`, help);
      return withDatabase('parley meeting agenda', async ({ store }) => {
        const principal = cliPrincipal(s);
        if (values.add) {
          await proposeAgendaItem(store, principal, CLI_ACTOR, key, number, {
            issue: values.add,
            ...(values.override ? { override: true } : {}),
            ...(values.internal ? { internalOnly: true } : {}),
          });
          io.stdout(
            `Proposed ${values.add} for meeting ${number}${values.internal ? ' (internal briefing only)' : ''}.`,
          );
        }
        const view = await agendaOf(store, principal, key, number);
        io.stdout(`Meeting ${number} agenda: ${view.state}${view.cutoff ? `, cut-off ${view.cutoff}` : ''}`);
        for (const i of view.items) {
          io.stdout(
            `  ${i.issue.padEnd(40)} ${i.side.padEnd(4)} ${i.status.padEnd(10)} ${i.mark ?? ''}${i.late ? ' (late)' : ''}`,
          );
        }
        const internal = view.briefing.items.filter((b) => !b.joint);
        if (internal.length > 0) {
          io.stdout(`${s}'s internal briefing only:`);
          for (const b of internal) io.stdout(`  ${b.issue}`);
        }
        io.stdout(`${s}'s open issues for this meeting:`);
        for (const p of await agendaProposals(store, SYSTEM_VIEWER, key, number, s)) {
          io.stdout(`  ${p.issue.padEnd(40)} ${p.mark.padEnd(13)} raised ${p.timesRaised}×`);
        }
        return EXIT_OK;
      });
    }
    if (sub === 'account') {
      if (rest.length !== 2) throw new UsageError('meeting account takes a dialogue KEY and a MEETING_NUMBER.', help);
      const key = dialogueKey(rest[0]);
      const number = meetingNumber(rest[1]);
      const s = side(values.side, true);
      if (!values.file) throw new UsageError('meeting account needs --file account.json.', help);
      let raw: unknown;
      try {
        raw = JSON.parse((await readInputFile(io, values.file)).toString('utf8'));
      } catch (err) {
        io.stderr(`parley meeting: cannot read ${values.file} as JSON: ${(err as Error).message}`);
        return EXIT_INVALID;
      }
      const accountSide = s === 'joint' ? null : s;
      const parsed = accountSchema.safeParse({ ...(raw as object), side: accountSide });
      if (!parsed.success) {
        const problems = parsed.error.issues.map((i) => ({ pointer: pointer(i.path), message: i.message }));
        throw new ValidationError(
          `The account is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `${p.pointer}: ${p.message}`).join('\n')}`,
          problems,
        );
      }
      return withDatabase('parley meeting account', async ({ store }) => {
        const current = (await store.meetings.accounts(SYSTEM_VIEWER, key, number)).find((a) => a.side === accountSide);
        const { side: _side, ...fields } = parsed.data as AccountFields;
        const dialogue = await store.dialogues.get(SYSTEM_VIEWER, key);
        const actingSide = accountSide ?? dialogue?.sides[0]?.key ?? 'cli';
        const account = await putAccount(
          store,
          cliPrincipal(actingSide),
          CLI_ACTOR,
          key,
          number,
          accountSide,
          current?.version,
          fields,
        );
        io.stdout(
          `Recorded the ${accountSide ?? 'joint'} account of meeting ${number}: ${account.raised.length} raisings, ${account.outcomes.length} outcomes.`,
        );
        return EXIT_OK;
      });
    }
    throw subcommandError('meeting', sub, 'create, agenda or account', help);
  },
});
