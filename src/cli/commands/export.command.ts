import { exportBundle } from '../../bundle/export.js';
import { PUBLIC_VIEWER, SYSTEM_VIEWER, sideViewer } from '../../domain/access/viewer.js';
import { withDatabase } from '../database.js';
import { EXIT_OK, UsageError, writeOutputFile, defineCommand } from '../io.js';

const help = `Usage: parley export DIALOGUE_KEY [--out FILE] [--as SIDE|public]

Writes the dialogue as a parley-dialogue/1 bundle (JSON) to standard output,
or to FILE with --out. By default the bundle holds every record on file; with
--as it holds only what that side's delegation (or the public) may see, which
is what to send to the other side's installation.

Exit codes: 0 exported, 1 no such dialogue, 2 wrong usage.`;

export const exportCommand = defineCommand({
  name: 'export',
  summary: 'export a dialogue as a parley-dialogue/1 bundle',
  help,
  options: { out: { type: 'string', short: 'o' }, as: { type: 'string' } },
  async run({ positionals, values }, io) {
    if (positionals.length !== 1) {
      throw new UsageError(positionals.length === 0 ? 'Missing DIALOGUE_KEY.' : 'Give one DIALOGUE_KEY.', help);
    }
    const as = values.as;
    if (as !== undefined && !/^[a-z0-9][a-z0-9-]{0,62}$/.test(as)) {
      throw new UsageError(`--as takes a side key or "public", not "${as}".`, help);
    }
    const viewer = as === undefined ? SYSTEM_VIEWER : as === 'public' ? PUBLIC_VIEWER : sideViewer(as);
    return withDatabase('parley export', async ({ store }) => {
      const bundle = await exportBundle(store, viewer, positionals[0]!);
      const text = `${JSON.stringify(bundle, null, 2)}\n`;
      if (values.out) {
        await writeOutputFile(io, values.out, text);
        io.stderr(`Wrote ${values.out} (${bundle.issues.length} issues, ${bundle.meetings.length} meetings).`);
      } else {
        io.stdout(text);
      }
      return EXIT_OK;
    });
  },
});
