import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import type { StoreEngine } from '../xops-store';

/**
 * Golden-signal buckets get a resolution, as SLI buckets have (0002), so that rows older than a
 * day can be rolled up into minutes (`compactSignalBuckets`). `resolution_ms` joins the primary
 * key after `start_ms`: a minute row and a late 10-second row written after it for the same
 * minute are different rows (a late row is added to the minute at the next roll-up), and reads by
 * service and time range still walk the key in order. Existing rows are 10-second rows.
 *
 * SQLite cannot change a primary key in place, so the table is rebuilt there; PostgreSQL alters it.
 */
export function signalRollupMigration(engine: StoreEngine): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (engine === 'postgres') {
        await sql`alter table signal_buckets add column resolution_ms integer not null default 10000 check (resolution_ms > 0)`.execute(db);
        await sql`alter table signal_buckets alter column resolution_ms drop default`.execute(db);
        await sql`alter table signal_buckets drop constraint signal_buckets_pk`.execute(db);
        await sql`alter table signal_buckets add constraint signal_buckets_pk primary key (service, start_ms, resolution_ms, signal, le)`.execute(db);
        return;
      }
      await db.schema.createTable('signal_buckets_next')
        .addColumn('service', 'text', (c) => c.notNull())
        .addColumn('signal', 'text', (c) => c.notNull())
        .addColumn('le', 'text', (c) => c.notNull())
        .addColumn('start_ms', 'bigint', (c) => c.notNull().check(sql`start_ms >= 0`))
        .addColumn('resolution_ms', 'integer', (c) => c.notNull().check(sql`resolution_ms > 0`))
        .addColumn('value', 'double precision', (c) => c.notNull())
        .addColumn('samples', 'double precision', (c) => c.notNull())
        .addPrimaryKeyConstraint('signal_buckets_pk', ['service', 'start_ms', 'resolution_ms', 'signal', 'le'])
        .execute();
      await sql`insert into signal_buckets_next (service, signal, le, start_ms, resolution_ms, value, samples)
        select service, signal, le, start_ms, 10000, value, samples from signal_buckets`.execute(db);
      await db.schema.dropTable('signal_buckets').execute();
      await db.schema.alterTable('signal_buckets_next').renameTo('signal_buckets').execute();
    },
  };
}
