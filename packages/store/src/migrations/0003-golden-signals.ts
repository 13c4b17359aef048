import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import type { StoreEngine } from '../xops-store';

/**
 * Golden-signal buckets (DESIGN.md §4, issue 4): one table for the four signals of every service,
 * one row per service, signal, histogram bound and 10-second bucket. `value` is what adds up —
 * request and error increases, a latency bucket's increase, the sum of saturation readings — and
 * `samples` counts the readings, so a saturation mean is `value / samples`. One narrow table
 * rather than one per signal: every write and read is the same add-upsert and range scan, and a
 * service with a 12-bound histogram costs 15 rows per 10 s. `le` is text (`''` outside latency,
 * `+Inf` as Prometheus spells it) so it can sit in the primary key on both engines.
 */
export function goldenSignalsMigration(engine: StoreEngine): Migration {
  const key = engine === 'postgres' ? sql`text collate "C"` : sql`text`;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.createTable('signal_buckets')
        .addColumn('service', key, (c) => c.notNull())
        .addColumn('signal', key, (c) => c.notNull())
        .addColumn('le', key, (c) => c.notNull())
        .addColumn('start_ms', 'bigint', (c) => c.notNull().check(sql`start_ms >= 0`))
        .addColumn('value', 'double precision', (c) => c.notNull())
        .addColumn('samples', 'double precision', (c) => c.notNull())
        .addPrimaryKeyConstraint('signal_buckets_pk', ['service', 'start_ms', 'signal', 'le'])
        .execute();
    },
  };
}
