import { Kysely } from 'kysely';
import { alertIntakeThread } from './alert-intake-thread';
import { KyselyStore } from './kysely-store';
import { migrateToLatest } from './migrations/migrate-to-latest';
import { createPostgresDialect } from './postgres-dialect';
import { createSqliteDialect } from './sqlite-dialect';
import type { StoreLogger } from './store-logger';
import type { XopsDatabase } from './xops-database';
import type { StoreEngine, XopsStore } from './xops-store';

/** Where the store lives and what it reports to. */
export interface OpenStoreOptions {
  /**
   * A `postgres://` or `postgresql://` URL (`XOPS_DATABASE_URL`). When absent or empty, the
   * store is the embedded SQLite file `<dataDir>/xops.db`.
   */
  readonly databaseUrl?: string;
  /** The data directory; created when missing. Only the SQLite engine writes to it. */
  readonly dataDir: string;
  readonly logger?: StoreLogger;
  /** The clock that stamps `createdAt`, `updatedAt` and audit times; the system clock by default. */
  readonly now?: () => Date;
}

/**
 * Opens the store on PostgreSQL or SQLite and brings its schema up to date.
 * Rejects on a URL scheme other than postgres/postgresql, an unreachable server, or a failed
 * migration, with nothing left open.
 *
 * @example const store = await openStore({ dataDir: '.xops' }); // SQLite at .xops/xops.db
 */
export async function openStore(options: OpenStoreOptions): Promise<XopsStore> {
  const { databaseUrl, logger } = options;
  const engine = engineFor(databaseUrl);
  const dialect = engine === 'postgres' && databaseUrl
    ? createPostgresDialect(databaseUrl, logger)
    : await createSqliteDialect(options.dataDir);
  const db = new Kysely<XopsDatabase>({ dialect });
  try {
    await migrateToLatest(db, engine, logger);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  logger?.info({ engine }, 'store opened');
  // On SQLite the alert intake runs on a thread of its own (alert-intake-thread.ts); PostgreSQL
  // already runs the SQL in its own processes.
  const intakeThread = engine === 'sqlite' ? alertIntakeThread(options.dataDir, logger) : undefined;
  return new KyselyStore({ db, engine, now: options.now ?? (() => new Date()), intakeThread });
}

function engineFor(databaseUrl: string | undefined): StoreEngine {
  if (databaseUrl === undefined || databaseUrl === '') return 'sqlite';
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(databaseUrl)?.[1]?.toLowerCase();
  if (scheme === 'postgres' || scheme === 'postgresql') return 'postgres';
  // Name only the scheme: the rest of a URL may hold a password.
  const what = scheme === undefined ? 'a database URL without a scheme' : `the database URL scheme "${scheme}:"`;
  throw new Error(`xops does not support ${what}: use postgres:// or postgresql://, or no URL for the embedded SQLite database`);
}
