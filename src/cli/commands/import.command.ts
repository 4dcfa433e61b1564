import { importBundleText } from '../../bundle/import.js';
import { withDatabase } from '../database.js';
import { EXIT_INVALID, EXIT_OK, UsageError, readInputFile, readProblem, defineCommand } from '../io.js';

const help = `Usage: parley import FILE|-

Imports a parley-dialogue/1 bundle (JSON) from FILE, or from standard input
with "-". A dialogue already on file is updated record by record, matched on
keys; nothing is deleted, and importing the same bundle twice changes nothing.
An invalid bundle is refused whole: every problem is listed with its JSON
Pointer and nothing is written.

Exit codes: 0 imported, 1 invalid bundle, 2 wrong usage.`;

export const importCommand = defineCommand({
  name: 'import',
  summary: 'import a parley-dialogue/1 bundle',
  help,
  async run({ positionals }, io) {
    if (positionals.length !== 1) {
      throw new UsageError(
        positionals.length === 0 ? 'Missing FILE (or - for standard input).' : 'Give one FILE.',
        help,
      );
    }
    const file = positionals[0]!;
    let text: string;
    if (file === '-') {
      text = await io.readStdin();
    } else {
      try {
        text = (await readInputFile(io, file)).toString('utf8');
      } catch (err) {
        io.stderr(`Cannot read ${file}: ${readProblem(err)}`);
        return EXIT_INVALID;
      }
    }
    return withDatabase('parley import', async ({ store }) => {
      const r = await importBundleText(store, text);
      io.stdout(
        `Imported dialogue "${r.dialogue}": ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged.`,
      );
      return EXIT_OK;
    });
  },
});
