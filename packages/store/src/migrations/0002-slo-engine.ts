import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import type { StoreEngine } from '../xops-store';

/** The row of `change_counters` that numbers bucket writes. */
export const BUCKET_COUNTER = 'sli_buckets';

/**
 * The SLO engine's tables: SLI buckets with their change sequence, alert states and transitions,
 * and the leases the periodic loops run under.
 *
 * Why bigint epoch milliseconds rather than the ISO text of 0001: these columns are compared and
 * summed by range on every evaluation (`start_ms >= ? and start_ms < ?`, `start_ms / 60000`), and
 * the engine works in epoch ms throughout. A JavaScript number holds every epoch ms exactly (up
 * to 2^53), and `pg` is told to return int8 as a number, refusing any value beyond that
 * (`postgres-dialect.ts`); double precision would hide such an overflow as silent rounding.
 * Counts are double precision: PromQL's `increase()` and rates give fractional counts.
 *
 * Why a counter row rather than a PostgreSQL sequence for `seq`: sequence values are handed out
 * at insert time but become visible at commit, so a reader following `seq > n` could see 7
 * committed, move past it, and miss 6 committing a moment later. Incrementing one counter row
 * inside the write transaction holds that row's lock until commit, so bucket writers across all
 * replicas commit in the order of their numbers and the change stream has no holes. On SQLite
 * the one writer at a time gives the same for free; one code path serves both.
 */
export function sloEngineMigration(engine: StoreEngine): Migration {
  // Code-point order on both engines, as in 0001-initial.
  const key = engine === 'postgres' ? sql`text collate "C"` : sql`text`;
  // SQLite's AUTOINCREMENT needs the type spelled `integer`.
  const id = engine === 'postgres' ? 'bigint' : 'integer';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.createTable('sli_buckets')
        .addColumn('series_key', key, (c) => c.notNull())
        .addColumn('resolution_ms', 'integer', (c) => c.notNull().check(sql`resolution_ms > 0`))
        .addColumn('start_ms', 'bigint', (c) => c.notNull().check(sql`start_ms >= 0`))
        .addColumn('good', 'double precision', (c) => c.notNull())
        .addColumn('total', 'double precision', (c) => c.notNull())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('sli_buckets_pk', ['series_key', 'resolution_ms', 'start_ms'])
        .execute();
      // Unique as well as an index: every write stamps its rows with fresh numbers.
      await db.schema.createIndex('sli_buckets_seq').unique().on('sli_buckets').column('seq').execute();

      await db.schema.createTable('change_counters')
        .addColumn('name', key, (c) => c.primaryKey())
        .addColumn('value', 'bigint', (c) => c.notNull())
        .execute();
      await sql`insert into change_counters (name, value) values (${BUCKET_COUNTER}, 0)`.execute(db);

      await db.schema.createTable('alert_states')
        .addColumn('slo', key, (c) => c.notNull())
        .addColumn('objective', key, (c) => c.notNull())
        .addColumn('rule', key, (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('active_since', 'bigint')
        .addColumn('fired_at', 'bigint')
        .addColumn('resolved_at', 'bigint')
        .addColumn('value', 'double precision')
        .addPrimaryKeyConstraint('alert_states_pk', ['slo', 'objective', 'rule'])
        .execute();

      await db.schema.createTable('alert_transitions')
        .addColumn('id', id, (c) => engine === 'postgres'
          ? c.primaryKey().generatedByDefaultAsIdentity()
          : c.primaryKey().autoIncrement())
        .addColumn('slo', key, (c) => c.notNull())
        .addColumn('objective', key, (c) => c.notNull())
        .addColumn('rule', key, (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('from_status', 'text', (c) => c.notNull())
        .addColumn('to_status', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('value', 'double precision')
        // A transition is a fact about one instant: a replayed or retried tick cannot record it twice.
        .addUniqueConstraint('alert_transitions_once', ['slo', 'objective', 'rule', 'at', 'to_status'])
        .execute();
      await db.schema.createIndex('alert_transitions_at').on('alert_transitions').columns(['at', 'id']).execute();

      await db.schema.createTable('leases')
        .addColumn('name', key, (c) => c.primaryKey())
        .addColumn('holder', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  };
}
