import { ValidationError } from '../../domain/errors.js';
import { parseHsCsv } from '../../domain/taxonomy/hs.js';
import { withDatabase } from '../database.js';
import { EXIT_INVALID, EXIT_OK, UsageError, readInputFile, readProblem, defineCommand } from '../io.js';

const help = `Usage: parley taxonomy import-hs FILE

Loads the Harmonized System nomenclature of the WCO from a CSV file with the
columns section,hscode,description,parent,level (chapters, headings and
subheadings, each linked to its parent). Every row is checked first; a bad row
is named by its line number and nothing is imported. Importing the same file
again changes nothing; a newer edition updates the descriptions that changed.`;

export const taxonomyCommand = defineCommand({
  name: 'taxonomy',
  summary: 'load classification nomenclatures (the Harmonized System)',
  help,
  async run({ positionals }, io) {
    if (positionals[0] !== 'import-hs' || positionals.length !== 2) {
      throw new UsageError(
        positionals[0] === 'import-hs' ? 'Give one FILE.' : 'Missing subcommand: import-hs FILE.',
        help,
      );
    }
    const file = positionals[1]!;
    let text: string;
    try {
      text = (await readInputFile(io, file)).toString('utf8');
    } catch (err) {
      io.stderr(`parley taxonomy: cannot read ${file}: ${readProblem(err)}`);
      return EXIT_INVALID;
    }
    let entries;
    try {
      entries = parseHsCsv(text);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const shown = err.problems.slice(0, 50).map((p) => `  line ${p.pointer.replace('/lines/', '')}: ${p.message}`);
      const more = err.problems.length > 50 ? [`  … and ${err.problems.length - 50} more`] : [];
      io.stderr(
        [
          `parley taxonomy: ${positionals[1]}: ${err.problems.length} bad row(s); nothing was imported.`,
          ...shown,
          ...more,
        ].join('\n'),
      );
      return EXIT_INVALID;
    }
    return withDatabase('parley taxonomy import-hs', async ({ store }) => {
      const c = await store.taxonomy.importHs(entries);
      io.stdout(
        `Harmonized System: ${c.rows} codes read; ${c.added} added, ${c.changed} changed, ${c.unchanged} unchanged.`,
      );
      return EXIT_OK;
    });
  },
});
