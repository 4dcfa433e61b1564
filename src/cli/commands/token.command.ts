import { SYSTEM_ACTOR } from '../../domain/audit/audit.js';
import { createApiToken } from '../../domain/auth/auth.service.js';
import { NotFoundError } from '../../domain/errors.js';
import { argon2Hasher } from '../../storage/passwords.js';
import { createUserStore } from '../../storage/user.repository.js';
import { withDatabase } from '../database.js';
import { EXIT_OK, UsageError, defineCommand, subcommandError } from '../io.js';

const help = `Usage:
  parley token create EMAIL --scope read|write [--name NAME]
  parley token revoke EMAIL PREFIX

create  creates an API token for the account and prints it once; Parley keeps
        only its hash. Use it as "Authorization: Bearer <token>".
revoke  revokes the account's token whose prefix (as listed on the account
        page) is PREFIX.`;

const CLI_ACTOR = { ...SYSTEM_ACTOR, label: 'cli' };

export const tokenCommand = defineCommand({
  name: 'token',
  summary: 'create or revoke API tokens',
  help,
  options: { scope: { type: 'string' }, name: { type: 'string' } },
  async run({ positionals, values }, io) {
    const [sub, ...rest] = positionals;
    if (sub === 'create') {
      if (rest.length !== 1) throw new UsageError('token create takes one EMAIL.', help);
      if (values.scope !== 'read' && values.scope !== 'write')
        throw new UsageError('token create needs --scope read or --scope write.', help);
      const scope = values.scope;
      return withDatabase('parley token create', async ({ handle }) => {
        const users = createUserStore(handle.db);
        const user = await users.byEmail(rest[0]!);
        if (!user) throw new NotFoundError('user', rest[0]!);
        const { token } = await createApiToken({ users, passwords: argon2Hasher }, CLI_ACTOR, user.id, {
          name: values.name ?? `cli ${new Date().toISOString().slice(0, 10)}`,
          scope,
        });
        io.stdout(token);
        io.stderr(`This ${scope} token for ${user.email} is shown once; keep it somewhere safe.`);
        return EXIT_OK;
      });
    }
    if (sub === 'revoke') {
      if (rest.length !== 2) throw new UsageError('token revoke takes EMAIL and PREFIX.', help);
      return withDatabase('parley token revoke', async ({ handle }) => {
        const users = createUserStore(handle.db);
        const user = await users.byEmail(rest[0]!);
        if (!user) throw new NotFoundError('user', rest[0]!);
        const token = (await users.tokensOf(user.id)).find((t) => t.prefix === rest[1] && !t.revokedAt);
        if (!token) throw new NotFoundError('token', `${rest[0]} ${rest[1]}`);
        await users.revokeToken(token.id, CLI_ACTOR);
        io.stdout(`Revoked token ${token.prefix} (${token.name}) of ${user.email}.`);
        return EXIT_OK;
      });
    }
    throw subcommandError('token', sub, 'create or revoke', help);
  },
});
