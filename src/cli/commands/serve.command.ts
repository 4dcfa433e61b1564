import { loadConfig } from '../../config.js';
import { startServer } from '../../http/server.js';
import { startControlSocket } from '../control-socket.js';
import { EXIT_OK, UsageError, defineCommand } from '../io.js';

const help = `Usage: parley serve [--demo]

Starts the Parley web server on PORT (default 8080). It applies pending
migrations first. With --demo, an empty database is given the demo dialogue.

Configuration (environment):
  PORT                      port to listen on (default 8080)
  HOST                      address to listen on (default localhost)
  PARLEY_DATA_DIR           folder of the embedded database (default ./data)
  DATABASE_URL              postgres://... to use a PostgreSQL server instead
  LOG_LEVEL                 fatal, error, warn, info (default), debug, trace, silent
  PARLEY_INSTALLATION_NAME  the name shown in the page header (default Parley)
  SMTP_URL                  smtp:// or smtps:// server for e-mail to reporters; without it
                            e-mail waits in the outbox (parley mail list)
  MAIL_FROM                 the sender of that e-mail, e.g. Parley <parley@example.org>`;

export const serveCommand = defineCommand({
  name: 'serve',
  summary: 'start the web server',
  help,
  options: { demo: { type: 'boolean' } },
  async run({ positionals, values }, io) {
    if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".`, help);
    const config = loadConfig();
    const server = await startServer(config, {
      demo: values.demo === true,
      // On a PGlite folder, other `parley` commands cannot open the database
      // while this process holds it: they run here, through a socket in the
      // folder, which is up before the server answers anyone.
      async beforeListen({ app, handle, store }) {
        if (handle.engine !== 'pglite') return undefined;
        try {
          return await startControlSocket({
            dataDir: config.dataDir,
            database: { handle, store, config },
            log: app.log,
          });
        } catch (err) {
          app.log.warn(
            { err },
            'parley commands cannot reach this server (no control socket): they are refused while it runs',
          );
          return undefined;
        }
      },
    });
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        server.app.log.info(`received ${signal}, closing`);
        server.close().then(resolve, (err: unknown) => {
          io.stderr(`Error while closing: ${(err as Error).message}`);
          resolve();
        });
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    });
    return EXIT_OK;
  },
});
