import { importBundleText } from '../../bundle/import.js';
import { readDemoBundle } from '../../demo/demo.js';
import { NotEmptyError } from '../../domain/errors.js';
import { withDatabase } from '../database.js';
import { EXIT_OK, UsageError, defineCommand } from '../io.js';

const help = `Usage: parley demo [--force]

Loads the demo dialogue (the U.S.-China Commercial Issues Working Group and
its inaugural meeting of 4 April 2024, with both sides' accounts) into an
empty database. A database that already holds a dialogue is refused, unless
--force, which merges the demo records into it by key.`;

export const demoCommand = defineCommand({
  name: 'demo',
  summary: 'load the demo dialogue into an empty database',
  help,
  options: { force: { type: 'boolean' } },
  async run({ positionals, values }, io) {
    if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".`, help);
    return withDatabase('parley demo', async ({ store }) => {
      if (!values.force && !(await store.dialogues.isEmpty())) {
        throw new NotEmptyError(
          'The database already holds dialogues; the demo is loaded only into an empty one. Use --force to merge it in anyway.',
        );
      }
      const r = await importBundleText(store, readDemoBundle());
      io.stdout(
        `Loaded the demo dialogue "${r.dialogue}": ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged.`,
      );
      return EXIT_OK;
    });
  },
});
