import { resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../cli-errors';
import type { CliIo } from '../cli-io';
import { XOPS_VERSION } from '../version';

interface UpOptions {
  readonly port: string;
  readonly host: string;
  readonly dataDir: string;
  readonly databaseUrl?: string;
}

export function registerUpCommand(program: Command, io: CliIo): void {
  program.command('up')
    .description('start the xops server (embedded SQLite by default, PostgreSQL with --database-url)')
    .option('-p, --port <port>', 'port to listen on', '7070')
    .option('--host <host>', 'address to bind; 0.0.0.0 to accept other machines', '127.0.0.1')
    .option('--data-dir <dir>', 'where the embedded SQLite database lives', './.xops')
    .option('--database-url <url>', 'postgres://user@host:5432/db to share one PostgreSQL between replicas (env XOPS_DATABASE_URL)')
    .addHelpText('after', `
The first start on an empty database creates an admin token and prints it once.

Examples:
  $ xops up
  $ xops up --port 8080 --data-dir /var/lib/xops
  $ xops up --database-url postgres://xops@db.internal:5432/xops
`)
    .action(async (options: UpOptions) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65_535) {
        throw new UsageError(`--port must be a whole number from 0 to 65535, got "${options.port}"`);
      }
      // Loaded here, not at the top: every other command only talks HTTP and should start fast.
      const { startServer } = await import('@xops/server');
      const server = await startServer({
        port,
        host: options.host,
        dataDir: resolve(io.cwd, options.dataDir),
        databaseUrl: options.databaseUrl ?? io.env.XOPS_DATABASE_URL,
        version: XOPS_VERSION,
      });
      io.err(`xops ${XOPS_VERSION} listening on ${server.url} (Ctrl-C to stop)\n`);
      await server.closed;
    });
}
