import { sql } from 'kysely';
import type { DatabaseIntrospector, DatabaseMetadata, Kysely, SchemaMetadata, TableMetadata } from 'kysely';

/**
 * What Kysely's migrator asks of the database (does the schema exist, does the migration table),
 * answered from the current schema only. Kysely's PostgreSQL introspector reads every column of
 * every table in every schema and calls `has_schema_privilege` on each schema name: slow when
 * the database holds many schemas, and it fails with "schema … does not exist" when another
 * client drops a schema during the query (parallel test runs do, each in its own schema).
 * Columns are not listed: the migrator only looks at table names.
 */
export function currentSchemaIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
  const getTables = async (): Promise<TableMetadata[]> => {
    const { rows } = await sql<{ name: string; schema: string; kind: string }>`
      select c.relname as name, ns.nspname as schema, c.relkind as kind
      from pg_catalog.pg_class c join pg_catalog.pg_namespace ns on ns.oid = c.relnamespace
      where ns.nspname = current_schema() and c.relkind in ('r', 'v', 'p')
      order by c.relname`.execute(db);
    return rows.map((row) => ({ name: row.name, schema: row.schema, isView: row.kind === 'v', columns: [] }));
  };
  return {
    async getSchemas(): Promise<SchemaMetadata[]> {
      const { rows } = await sql<{ name: string }>`select current_schema() as name`.execute(db);
      return rows.filter((row) => row.name !== null);
    },
    getTables,
    async getMetadata(): Promise<DatabaseMetadata> {
      return { tables: await getTables() };
    },
  };
}
