import { PostgresDialect, type Dialect } from 'kysely';
import { currentSchemaIntrospector } from './current-schema-introspector';
import { Pool, types, type CustomTypesConfig } from 'pg';
import type { StoreLogger } from './store-logger';

/**
 * A Kysely dialect on a `pg` pool for `connectionString`. Query parameters pass through to pg,
 * e.g. `?options=-c%20search_path%3Dxops` to work in another schema. Connects lazily: the first
 * query (the migrations, in `openStore`) tells whether the server is reachable. Introspection
 * (what the migrator uses) looks at the current schema only (`currentSchemaIntrospector`).
 */
export function createPostgresDialect(connectionString: string, logger?: StoreLogger): Dialect {
  const pool = new Pool({ connectionString, max: 10, types: int8AsNumber });
  // An idle client whose server goes away (restart, failover) emits 'error' on the pool; with no
  // listener Node would crash the whole process. The pool drops that client and carries on.
  pool.on('error', (error) => logger?.warn({ error: error.message }, 'idle PostgreSQL connection failed'));
  const dialect = new PostgresDialect({ pool });
  return {
    createDriver: () => dialect.createDriver(),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: currentSchemaIntrospector,
  };
}

/**
 * pg returns int8 (bigint, `count(*)`) as a string, because not every int8 fits a JavaScript
 * number. Every int8 xops stores does (epoch milliseconds, change sequence numbers, counts, all
 * below 2^53), so this pool returns them as numbers, and throws rather than round one that does
 * not. Set on this pool only: the process-wide `types.setTypeParser` would change every other
 * pg user in the process too.
 */
const int8AsNumber: CustomTypesConfig = {
  getTypeParser: (id, format) => (id === types.builtins.INT8 && format !== 'binary'
    ? parseSafeInteger
    : types.getTypeParser(id, format)),
};

function parseSafeInteger(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`PostgreSQL returned the bigint ${text}, which a JavaScript number cannot hold exactly (beyond ±2^53)`);
  }
  return value;
}
