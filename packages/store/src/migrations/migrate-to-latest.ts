import { Migrator, sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import type { StoreLogger } from '../store-logger';
import type { StoreEngine } from '../xops-store';
import { initialMigration } from './0001-initial';
import { sloEngineMigration } from './0002-slo-engine';
import { goldenSignalsMigration } from './0003-golden-signals';
import { scopedTokensMigration } from './0004-scoped-tokens';
import { incidentsMigration } from './0005-incidents';
import { signalRollupMigration } from './0006-signal-rollup';
import { alertIntakeMigration } from './0007-alert-intake';
import { alertIndexTrimMigration } from './0008-alert-index-trim';
import { alertFingerprintIndexMigration } from './0009-alert-fingerprint-index';

/** Every migration, by name; names sort in the order they run. Add new ones at the end. */
function allMigrations(engine: StoreEngine): Record<string, Migration> {
  return {
    '0001-initial': initialMigration(engine),
    '0002-slo-engine': sloEngineMigration(engine),
    '0003-golden-signals': goldenSignalsMigration(engine),
    '0004-scoped-tokens': scopedTokensMigration(engine),
    '0005-incidents': incidentsMigration(engine),
    '0006-signal-rollup': signalRollupMigration(engine),
    '0007-alert-intake': alertIntakeMigration(),
    '0008-alert-index-trim': alertIndexTrimMigration(),
    '0009-alert-fingerprint-index': alertFingerprintIndexMigration(),
  };
}

/**
 * Brings the schema up to date; a no-op when it already is. Safe to run from several replicas at
 * once: Kysely's migrator holds a lock (an advisory lock on PostgreSQL) while it works.
 * Throws the migration's own error when one fails.
 */
export async function migrateToLatest<T>(db: Kysely<T>, engine: StoreEngine, logger?: StoreLogger): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(allMigrations(engine)) },
    // Kysely looks for its bookkeeping tables in every schema unless it is given one, so a
    // second schema in the same database (parallel tests, two installations) would find the
    // first one's tables and skip creating its own.
    migrationTableSchema: engine === 'postgres' ? await currentSchema(db) : undefined,
    // A migration missing from a database that has later ones (work merged from two branches)
    // is run rather than refused: each one adds what it names and depends only on 0001–0003.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  for (const result of results ?? []) {
    if (result.status === 'Success') logger?.info({ migration: result.migrationName }, 'database migration applied');
  }
  if (error !== undefined) throw error;
}

async function currentSchema<T>(db: Kysely<T>): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (schema == null) throw new Error('PostgreSQL has no current schema: check the search_path of the database user');
  return schema;
}
