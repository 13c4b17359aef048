import { PostgresDialect } from 'kysely';
import { Pool } from 'pg';
import type { StoreLogger } from './store-logger';

/**
 * A Kysely dialect on a `pg` pool for `connectionString`. Query parameters pass through to pg,
 * e.g. `?options=-c%20search_path%3Dxops` to work in another schema. Connects lazily: the first
 * query (the migrations, in `openStore`) tells whether the server is reachable.
 */
export function createPostgresDialect(connectionString: string, logger?: StoreLogger): PostgresDialect {
  const pool = new Pool({ connectionString, max: 10 });
  // An idle client whose server goes away (restart, failover) emits 'error' on the pool; with no
  // listener Node would crash the whole process. The pool drops that client and carries on.
  pool.on('error', (error) => logger?.warn({ error: error.message }, 'idle PostgreSQL connection failed'));
  return new PostgresDialect({ pool });
}
