import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import type { StoreEngine } from '../xops-store';

/**
 * The first schema: config objects, API tokens and the audit log.
 *
 * Why text for timestamps: ISO-8601 UTC strings (`2025-01-31T12:00:00.000Z`, always the same
 * width) sort chronologically as plain text and come back byte-identical from both engines.
 * SQLite has no date type, and a PostgreSQL `timestamptz` would come back as a `Date` with the
 * session's time-zone rules in between; text keeps one code path and one row type.
 * JSON documents are text for the same reason: SQLite has no JSON column type, and `jsonb`
 * would reorder keys, while we want the document back as it was applied.
 */
export function initialMigration(engine: StoreEngine): Migration {
  // PostgreSQL sorts text by the database's locale unless told otherwise; "C" makes it sort
  // by code point like SQLite, so listings come out in the same order on both engines.
  const key = engine === 'postgres' ? sql`text collate "C"` : sql`text`;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.createTable('config_objects')
        .addColumn('kind', key, (c) => c.notNull())
        .addColumn('name', key, (c) => c.notNull())
        .addColumn('api_version', 'text', (c) => c.notNull())
        .addColumn('document', 'text', (c) => c.notNull())
        .addColumn('source_text', 'text', (c) => c.notNull())
        .addColumn('source_file', 'text')
        .addColumn('revision', 'integer', (c) => c.notNull().check(sql`revision >= 1`))
        .addColumn('applied_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('config_objects_pk', ['kind', 'name'])
        .execute();

      await db.schema.createTable('api_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', key, (c) => c.notNull().unique())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      // Audit ids must only grow, because the log is ordered and paged by id: SQLite's
      // AUTOINCREMENT never reuses the id of a deleted last row (plain rowid would).
      await db.schema.createTable('audit_log')
        .addColumn('id', 'integer', (c) => engine === 'postgres'
          ? c.primaryKey().generatedByDefaultAsIdentity()
          : c.primaryKey().autoIncrement())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('kind', 'text')
        .addColumn('name', 'text')
        .addColumn('details', 'text')
        .execute();
    },
  };
}
