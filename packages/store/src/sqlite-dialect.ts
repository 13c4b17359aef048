import Database from 'better-sqlite3';
import { SqliteDialect } from 'kysely';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startSqliteCheckpointer } from './sqlite-checkpointer';
import { withStatementCache } from './statement-cache';

/** The embedded database's file name inside the data directory. */
const SQLITE_FILE_NAME = 'xops.db';

/**
 * Opens (creating if needed) `<dataDir>/xops.db` with better-sqlite3 and wraps it for Kysely,
 * its prepared statements reused and, once it writes much, its WAL checkpointed by a thread of
 * its own (sqlite-checkpointer.ts). Creates `dataDir` and its parents when missing.
 */
export async function createSqliteDialect(dataDir: string): Promise<SqliteDialect> {
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, SQLITE_FILE_NAME);
  const database = new Database(file);
  try {
    // WAL lets readers (the dashboard, /readyz) go on while a write is in progress; the mode
    // is kept in the file. Foreign keys are off in SQLite unless each connection turns them on.
    // busy_timeout makes a second process (`xops` tooling on the same file) wait for the lock
    // rather than fail at once with SQLITE_BUSY.
    database.pragma('journal_mode = WAL');
    // Every commit fsynced before it returns, so an answer (an alert taken in, an object applied)
    // survives a power cut too, not only a crash. Said every time: better-sqlite3's build gives
    // FULL to a new file but NORMAL (no fsync at commit) to a file already in WAL mode, so without
    // this a restarted server was less durable than a fresh one.
    database.pragma('synchronous = FULL');
    database.pragma('foreign_keys = ON');
    database.pragma('busy_timeout = 5000');
    // 64 MiB of page cache instead of SQLite's 2 MiB: index pages a write touches at random
    // (an alert's fingerprint, its source and key) stay in memory rather than being read back
    // from the file for every insert; the cache fills only as pages are used.
    database.pragma('cache_size = -65536');
  } catch (error) {
    database.close();
    throw error;
  }
  const statements = withStatementCache(database);
  const checkpointer = startSqliteCheckpointer({ file, setAutoCheckpoint: (pages) => database.pragma(`wal_autocheckpoint = ${pages}`) });
  return new SqliteDialect({
    database: {
      prepare: (sql) => statements.prepare(sql),
      close: () => {
        checkpointer.stop();
        statements.close();
      },
    },
  });
}
