import { withDatabase } from '../database.js';
import { EXIT_OK, UsageError, defineCommand } from '../io.js';

const help = `Usage: parley search reindex

Builds the search index again from the records, in one transaction: searches
keep answering from the old index until the new one is in place. Parley keeps
the index up to date on every write and builds it when it starts on a database
without one; run this after changing records outside Parley (in SQL), or to
check that the index agrees with the records.`;

export const searchCommand = defineCommand({
  name: 'search',
  summary: 'rebuild the search index from the records',
  help,
  async run({ positionals }, io) {
    if (positionals[0] !== 'reindex' || positionals.length !== 1) {
      throw new UsageError(
        positionals[0] === undefined
          ? 'Missing subcommand: reindex.'
          : `Unknown subcommand "search ${positionals.join(' ')}".`,
        help,
      );
    }
    return withDatabase('parley search reindex', async ({ store }) => {
      const started = Date.now();
      const { documents, byKind } = await store.search.rebuild();
      const parts = Object.entries(byKind).map(([kind, n]) => `${n} ${kind}${n === 1 ? '' : 's'}`);
      io.stdout(
        `Search index rebuilt: ${documents} document${documents === 1 ? '' : 's'} (${parts.join(', ')}) in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
      );
      return EXIT_OK;
    });
  },
});
