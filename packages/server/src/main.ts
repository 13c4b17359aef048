import { openStore } from '@xops/store';
import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';
import { createApp } from './app';
import { formatAdminTokenNotice } from './auth/admin-token-notice';
import { bootstrapAdminToken } from './auth/bootstrap-admin-token';

export interface StartServerOptions {
  readonly port: number;
  /** The address to bind; loopback by default, `0.0.0.0` to accept other machines. */
  readonly host?: string;
  /** Where the embedded SQLite database lives. */
  readonly dataDir: string;
  /** A postgres:// URL to use PostgreSQL instead of SQLite. */
  readonly databaseUrl?: string;
  readonly version: string;
  /** Called once the server listens. */
  readonly onReady?: (server: { readonly url: string }) => void;
  /** JSON logs; pino on stdout at level info by default. */
  readonly logger?: FastifyBaseLogger;
  /** Where the first admin token is printed; stdout by default. */
  readonly output?: { write(text: string): unknown };
  /** Close gracefully on SIGINT and SIGTERM (default true); a second signal kills at once. */
  readonly handleSignals?: boolean;
}

export interface RunningServer {
  /** e.g. `http://127.0.0.1:7070`. */
  readonly url: string;
  /** Stops accepting, finishes in-flight requests, then closes the store. Idempotent. */
  close(): Promise<void>;
  /** Settles when the server has closed, by `close()` or by a signal. */
  readonly closed: Promise<void>;
}

/**
 * The composition root: the one place that wires the real store, logger and HTTP server.
 * Opens the store (migrating it), creates and prints the first admin token on an empty store,
 * and listens.
 *
 * @example const server = await startServer({ port: 7070, dataDir: '.xops', version: '0.1.0' });
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const log = options.logger ?? pino({ name: 'xops' });
  const store = await openStore({ databaseUrl: options.databaseUrl, dataDir: options.dataDir, logger: log });
  let url: string;
  let app: Awaited<ReturnType<typeof createApp>>;
  try {
    // Before listening: were listen to fail (port taken), the token must already have been shown,
    // or nobody could ever see it.
    const adminToken = await bootstrapAdminToken(store);
    if (adminToken) (options.output ?? process.stdout).write(formatAdminTokenNotice(adminToken));
    app = await createApp({ store, version: options.version, loggerInstance: log });
    url = await app.listen({ port: options.port, host: options.host ?? '127.0.0.1' });
  } catch (error) {
    await store.close();
    throw error;
  }

  let settle!: { resolve: () => void; reject: (error: unknown) => void };
  const closed = new Promise<void>((resolve, reject) => { settle = { resolve, reject }; });
  // Nobody has to await `closed`: a failed close is logged, and rejects `close()` for its caller.
  closed.catch(() => undefined);

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
      try {
        // Stops accepting and waits for in-flight requests, which still need the store.
        await app.close();
      } finally {
        await store.close();
      }
    })();
    closing.then(settle.resolve, settle.reject);
    return closing;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    log.info({ signal }, 'shutting down');
    close().catch((error: unknown) => {
      log.error({ err: error }, 'shutdown failed');
      process.exitCode = 1;
    });
  };
  if (options.handleSignals ?? true) process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  log.info({ url, engine: store.engine }, 'xops is ready');
  options.onReady?.({ url });
  return { url, close, closed };
}
