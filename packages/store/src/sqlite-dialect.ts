import Database from 'better-sqlite3';
import { SqliteDialect } from 'kysely';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

/** The embedded database's file name inside the data directory. */
const SQLITE_FILE_NAME = 'xops.db';

/**
 * Opens (creating if needed) `<dataDir>/xops.db` with better-sqlite3 and wraps it for Kysely.
 * Creates `dataDir` and its parents when missing.
 */
export async function createSqliteDialect(dataDir: string): Promise<SqliteDialect> {
  await mkdir(dataDir, { recursive: true });
  const database = new Database(join(dataDir, SQLITE_FILE_NAME));
  try {
    // WAL lets readers (the dashboard, /readyz) go on while a write is in progress; the mode
    // is kept in the file. Foreign keys are off in SQLite unless each connection turns them on.
    // busy_timeout makes a second process (`xops` tooling on the same file) wait for the lock
    // rather than fail at once with SQLITE_BUSY.
    database.pragma('journal_mode = WAL');
    database.pragma('foreign_keys = ON');
    database.pragma('busy_timeout = 5000');
  } catch (error) {
    database.close();
    throw error;
  }
  return new SqliteDialect({ database });
}
