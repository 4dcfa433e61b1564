import { PUBLIC_VIEWER, SYSTEM_VIEWER, sideViewer } from '../../domain/access/viewer.js';
import { generateReadout } from '../../domain/readouts/readout.service.js';
import { renderReadout } from '../../readouts/render.js';
import {
  BINARY_READOUT_FORMATS,
  JOINT_SIDE,
  READOUT_FORMATS,
  READOUT_LANGUAGES,
  type ReadoutFormat,
  type ReadoutLanguage,
} from '../../shared/readout.js';
import { withDatabase } from '../database.js';
import { EXIT_OK, UsageError, writeOutputFile, defineCommand } from '../io.js';

const help = `Usage: parley readout DIALOGUE_KEY MEETING_NUMBER --side SIDE|joint [--lang en|zh]
                      [--format md|html|docx|pdf] [--out FILE] [--as SIDE|public]

Writes a side's readout (press release) of a meeting, built from that side's
account of it and the dialogue's records; --side joint builds the joint
statement. Text formats (md, html) go to standard output unless --out is
given; Word (docx) and PDF need --out FILE.

Options:
  --side SIDE|joint   whose account to write the readout from (required)
  --lang en|zh        the readout's language (default: en)
  --format FORMAT     md, html, docx or pdf (default: md)
  --out FILE          write to FILE instead of standard output
  --as SIDE|public    use only what that side's delegation (or the public) may
                      see; by default every record on file is used

Exit codes: 0 written, 1 no such dialogue, meeting, side or account, 2 wrong usage.`;

const KEY = /^[a-z0-9][a-z0-9-]{0,62}$/;

function oneOf<T extends string>(list: readonly T[], value: string, option: string): T {
  if ((list as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${option} takes ${list.join(', ')}, not "${value}".`, help);
}

export const readoutCommand = defineCommand({
  name: 'readout',
  summary: "write a side's readout of a meeting (md, html, docx, pdf; en or zh)",
  help,
  options: {
    side: { type: 'string', short: 's' },
    lang: { type: 'string', short: 'l' },
    format: { type: 'string', short: 'f' },
    out: { type: 'string', short: 'o' },
    as: { type: 'string' },
  },
  async run({ positionals, values }, io) {
    if (positionals.length !== 2) {
      throw new UsageError(
        positionals.length === 0
          ? 'Missing DIALOGUE_KEY and MEETING_NUMBER.'
          : positionals.length === 1
            ? 'Missing MEETING_NUMBER.'
            : 'Give one DIALOGUE_KEY and one MEETING_NUMBER.',
        help,
      );
    }
    const [dialogueKey, numberText] = positionals as [string, string];
    if (!/^[1-9]\d{0,8}$/.test(numberText)) {
      throw new UsageError(`MEETING_NUMBER is a whole number 1 or more, not "${numberText}".`, help);
    }
    const side = values.side;
    if (side === undefined) throw new UsageError(`Missing --side SIDE (or --side ${JOINT_SIDE}).`, help);
    if (!KEY.test(side)) throw new UsageError(`--side takes a side key or "${JOINT_SIDE}", not "${side}".`, help);
    const lang: ReadoutLanguage = oneOf(READOUT_LANGUAGES, values.lang ?? 'en', '--lang');
    const format: ReadoutFormat = oneOf(READOUT_FORMATS, values.format ?? 'md', '--format');
    if (BINARY_READOUT_FORMATS.includes(format) && values.out === undefined) {
      throw new UsageError(`A ${format} readout is a binary file: give --out FILE.`, help);
    }
    const as = values.as;
    if (as !== undefined && !KEY.test(as))
      throw new UsageError(`--as takes a side key or "public", not "${as}".`, help);
    const viewer = as === undefined ? SYSTEM_VIEWER : as === 'public' ? PUBLIC_VIEWER : sideViewer(as);

    return withDatabase('parley readout', async ({ store }) => {
      const doc = await generateReadout(store, viewer, dialogueKey, Number(numberText), side, lang);
      const rendered = await renderReadout(doc, format);
      if (values.out !== undefined) {
        await writeOutputFile(io, values.out, rendered.body);
        io.stderr(
          `Wrote ${values.out} (${format}, ${lang}, ${side === JOINT_SIDE ? 'joint statement' : `side ${side}`}).`,
        );
      } else {
        io.stdout(String(rendered.body));
      }
      return EXIT_OK;
    });
  },
});
