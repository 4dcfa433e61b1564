import { SYSTEM_ACTOR } from '../../domain/audit/audit.js';
import { addUser, disableUser } from '../../domain/auth/auth.service.js';
import { ROLES } from '../../domain/auth/roles.js';
import { argon2Hasher } from '../../storage/passwords.js';
import { createUserStore } from '../../storage/user.repository.js';
import { withDatabase } from '../database.js';
import {
  EXIT_INVALID,
  EXIT_OK,
  UsageError,
  readInputFile,
  readProblem,
  defineCommand,
  subcommandError,
} from '../io.js';

const help = `Usage:
  parley user add EMAIL --side SIDE --role ROLE [--name NAME] [--password-file F | --no-password]
  parley user list
  parley user disable EMAIL

add      creates an account. The password is read from standard input (one line),
         or from --password-file; with --no-password the user signs in only
         through single sign-on. Roles: ${ROLES.join(', ')}.
list     lists accounts with side, role and state.
disable  disables an account: its sessions end and its tokens are revoked.`;

const CLI_ACTOR = { ...SYSTEM_ACTOR, label: 'cli' };

export const userCommand = defineCommand({
  name: 'user',
  summary: 'add, list or disable accounts',
  help,
  options: {
    side: { type: 'string' },
    role: { type: 'string' },
    name: { type: 'string' },
    'password-file': { type: 'string' },
    'no-password': { type: 'boolean' },
  },
  async run({ positionals, values }, io) {
    const [sub, ...rest] = positionals;
    if (sub === 'add') {
      if (rest.length !== 1) throw new UsageError('user add takes one EMAIL.', help);
      if (!values.side || !values.role) throw new UsageError('user add needs --side and --role.', help);
      let password: string | undefined;
      if (values['no-password']) {
        if (values['password-file']) throw new UsageError('Give --password-file or --no-password, not both.', help);
      } else if (values['password-file']) {
        try {
          password = (await readInputFile(io, values['password-file'])).toString('utf8').split(/\r?\n/)[0] ?? '';
        } catch (err) {
          io.stderr(`Cannot read ${values['password-file']}: ${readProblem(err)}`);
          return EXIT_INVALID;
        }
      } else {
        password = (await io.readStdin()).split(/\r?\n/)[0] ?? '';
      }
      const email = rest[0]!;
      return withDatabase('parley user add', async ({ handle }) => {
        const user = await addUser({ users: createUserStore(handle.db), passwords: argon2Hasher }, CLI_ACTOR, {
          email,
          side: values.side!,
          role: values.role!,
          displayName: values.name,
          password,
        });
        io.stdout(
          `Added ${user.email} (${user.role}, side ${user.side})${password === undefined ? ', single sign-on only' : ''}.`,
        );
        return EXIT_OK;
      });
    }
    if (sub === 'list') {
      if (rest.length > 0) throw new UsageError(`Unexpected argument "${rest[0]}".`, help);
      return withDatabase('parley user list', async ({ handle }) => {
        const users = await createUserStore(handle.db).list();
        if (users.length === 0)
          io.stdout(
            'No accounts yet. Add the first administrator with: parley user add EMAIL --side SIDE --role admin',
          );
        for (const u of users) {
          io.stdout(
            `${u.email.padEnd(40)} ${u.side.padEnd(6)} ${u.role.padEnd(15)} ${u.disabled ? 'disabled' : 'active'}`,
          );
        }
        return EXIT_OK;
      });
    }
    if (sub === 'disable') {
      if (rest.length !== 1) throw new UsageError('user disable takes one EMAIL.', help);
      return withDatabase('parley user disable', async ({ handle }) => {
        const user = await disableUser(
          { users: createUserStore(handle.db), passwords: argon2Hasher },
          CLI_ACTOR,
          rest[0]!,
        );
        io.stdout(`Disabled ${user.email}; its sessions ended and its tokens were revoked.`);
        return EXIT_OK;
      });
    }
    throw subcommandError('user', sub, 'add, list or disable', help);
  },
});
