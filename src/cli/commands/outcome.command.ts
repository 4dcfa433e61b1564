import { SYSTEM_VIEWER } from '../../domain/access/viewer.js';
import { updateOutcome } from '../../domain/dialogues/dialogue.writes.js';
import { addOutcomeUpdate } from '../../domain/meetings/agenda.service.js';
import { RAGS, type Rag } from '../../domain/meetings/cycle.ports.js';
import { NotFoundError } from '../../domain/errors.js';
import { OUTCOME_STATUSES, type OutcomeStatus } from '../../domain/vocabulary.js';
import { withDatabase } from '../database.js';
import { EXIT_OK, UsageError, defineCommand, subcommandError } from '../io.js';
import { CLI_ACTOR, KEY, cliPrincipal } from './cycle-principal.js';

const help = `Usage:
  parley outcome update KEY OUTCOME --status STATUS [--rag red|amber|green]
                        [--note-en TEXT] [--note-zh TEXT] [--side SIDE] [--meeting N]

Follows up an outcome of dialogue KEY: sets its status (${OUTCOME_STATUSES.join(', ')})
and, with --rag, records a progress update with that rating and note. The
update is recorded for --side (default: the side whose account reported it),
at meeting N when --meeting is given (the meetings where the outcome came up).
The update and the status change land together or not at all.

Exit codes: 0 done, 1 no such dialogue or outcome, or refused, 2 wrong usage.`;

export const outcomeCommand = defineCommand({
  name: 'outcome',
  summary: 'follow up an outcome: status and progress updates (RAG)',
  help,
  options: {
    status: { type: 'string' },
    rag: { type: 'string' },
    'note-en': { type: 'string' },
    'note-zh': { type: 'string' },
    side: { type: 'string' },
    meeting: { type: 'string' },
  },
  async run({ positionals, values }, io) {
    const [sub, ...rest] = positionals;
    if (sub !== 'update') throw subcommandError('outcome', sub, 'update', help);
    if (rest.length !== 2) throw new UsageError('outcome update takes a dialogue KEY and an OUTCOME key.', help);
    const [key, outcomeKey] = rest as [string, string];
    if (!KEY.test(key) || !KEY.test(outcomeKey))
      throw new UsageError('KEY and OUTCOME are keys like "us-cn-ciwg".', help);
    const status = values.status as OutcomeStatus | undefined;
    if (!status || !(OUTCOME_STATUSES as readonly string[]).includes(status)) {
      throw new UsageError(`outcome update needs --status, one of ${OUTCOME_STATUSES.join(', ')}.`, help);
    }
    const rag = values.rag as Rag | undefined;
    if (rag !== undefined && !(RAGS as readonly string[]).includes(rag)) {
      throw new UsageError(`--rag takes ${RAGS.join(', ')}, not "${rag}".`, help);
    }
    if ((values['note-en'] || values['note-zh']) && !rag) throw new UsageError('A note goes with --rag.', help);
    if (values.side !== undefined && !KEY.test(values.side)) throw new UsageError(`--side takes a side key.`, help);
    const meeting = values.meeting === undefined ? undefined : Number(values.meeting);
    if (meeting !== undefined && !(Number.isInteger(meeting) && meeting >= 1)) {
      throw new UsageError(`--meeting takes a meeting number (1 or more), not "${values.meeting}".`, help);
    }
    if (meeting !== undefined && !rag) throw new UsageError('--meeting goes with --rag.', help);
    return withDatabase('parley outcome update', async ({ store }) => {
      const outcome = (await store.meetings.outcomes(SYSTEM_VIEWER, key, {})).find((o) => o.key === outcomeKey);
      if (!outcome) throw new NotFoundError('outcome', `${key}/${outcomeKey}`);
      const side = values.side ?? outcome.account ?? outcome.owners[0] ?? 'cli';
      const principal = cliPrincipal(side);
      if (rag) {
        const text = {
          ...(values['note-en'] ? { en: values['note-en'] } : {}),
          ...(values['note-zh'] ? { zh: values['note-zh'] } : {}),
        };
        const o = await addOutcomeUpdate(store, principal, CLI_ACTOR, key, outcomeKey, {
          rag,
          status,
          ...(Object.keys(text).length > 0 ? { text } : {}),
          ...(meeting !== undefined ? { meeting } : {}),
        });
        io.stdout(
          `${outcomeKey}: ${o.status}, ${rag}${o.overdue ? ' (overdue)' : ''}; ${o.updates.length} update(s).` +
            ` Came up at meeting(s) ${o.meetings.join(', ')}.`,
        );
      } else {
        const o = await updateOutcome(store, principal, CLI_ACTOR, key, outcomeKey, outcome.version, { status });
        io.stdout(`${outcomeKey}: ${o.status}.`);
      }
      return EXIT_OK;
    });
  },
});
