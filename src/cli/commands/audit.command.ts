import { verifyChain, type AuditEntry } from '../../domain/audit/audit.js';
import { withDatabase } from '../database.js';
import { EXIT_INVALID, EXIT_OK, defineCommand, subcommandError } from '../io.js';

const help = `Usage: parley audit verify

Walks the audit trail from the first entry and checks that each entry is
unaltered and follows the one before it. Exit 0 with a one-line summary when
the chain is intact; exit 1 naming the first entry that was altered, removed
or inserted out of order.`;

export const auditCommand = defineCommand({
  name: 'audit',
  summary: 'verify the tamper-evident audit trail',
  help,
  async run({ positionals }, io) {
    if (positionals[0] !== 'verify' || positionals.length > 1) {
      throw subcommandError('audit', positionals[0] && positionals.join(' '), 'verify', help);
    }
    return withDatabase('parley audit verify', async ({ store }) => {
      const entries: AuditEntry[] = [];
      for await (const e of store.auditTrail()) entries.push(e);
      const result = verifyChain(entries);
      const p = result.problem;
      if (!p) {
        io.stdout(`Audit trail intact: ${result.count} entries, last hash ${result.lastHash.slice(0, 16)}.`);
        return EXIT_OK;
      }
      const what =
        p.kind === 'altered'
          ? `entry ${p.position} was altered (its content no longer matches its hash)`
          : p.kind === 'broken-link'
            ? `entry ${p.position} does not follow entry ${p.position - 1} (an entry before it was removed, altered or inserted)`
            : `entry ${p.position} stands where entry ${p.expectedPosition} should (an entry was removed or inserted)`;
      io.stderr(`Audit trail broken: ${what}. The ${result.count} entries before it are intact.`);
      return EXIT_INVALID;
    });
  },
});
