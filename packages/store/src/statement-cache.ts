import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Prepared statements kept per SQLite connection: the distinct statements the store runs, with room to spare. */
const DEFAULT_CAPACITY = 500;

/**
 * `database` for Kysely's SqliteDialect, with its prepared statements reused: Kysely prepares
 * every query it runs again (sqlite-driver.js `executeQuery`), which costs about as much as a
 * small query itself; the alert intake runs the same ~15 statements in every transaction.
 * Least recently used statements are dropped past `capacity` (IN lists of every length make new
 * texts). Kysely runs one query at a time on the one connection and the store streams no
 * results, so a statement is never asked for while it is still being read.
 */
export function withStatementCache(database: SqliteDatabase, capacity = DEFAULT_CAPACITY): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    prepare(sql) {
      const cached = statements.get(sql);
      if (cached !== undefined) {
        // Map keeps insertion order: moving the entry to the end makes the first the least recently used.
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      statements.set(sql, statement);
      if (statements.size > capacity) {
        const oldest = statements.keys().next();
        if (oldest.done !== true) statements.delete(oldest.value);
      }
      return statement;
    },
    close() {
      statements.clear();
      database.close();
    },
  };
}
