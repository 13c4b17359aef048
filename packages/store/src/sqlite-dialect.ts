import Database from 'better-sqlite3';
import { SqliteDialect, type Dialect } from 'kysely';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startSqliteCheckpointer } from './sqlite-checkpointer';
import { withStatementCache } from './statement-cache';
import { walSyncer, type FileSync } from './wal-syncer';
import { walSyncingDriver } from './wal-syncing-driver';

/** The embedded database's file name inside the data directory. */
const SQLITE_FILE_NAME = 'xops.db';

/**
 * Opens (creating if needed) `<dataDir>/xops.db` with better-sqlite3 and wraps it for Kysely,
 * its prepared statements reused and, once it writes much, its WAL checkpointed by a thread of
 * its own (sqlite-checkpointer.ts), every write fsynced before it is answered (`fsync`, the WAL
 * file's, by default; tests count the calls). Creates `dataDir` and its parents when missing.
 */
export async function createSqliteDialect(dataDir: string, fsync?: FileSync): Promise<Dialect> {
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, SQLITE_FILE_NAME);
  const database = new Database(file);
  try {
    // WAL lets readers (the dashboard, /readyz) go on while a write is in progress; the mode
    // is kept in the file. Foreign keys are off in SQLite unless each connection turns them on.
    // busy_timeout 0: a statement that finds the write lock taken (by the alert intake thread's
    // connection, or another process on the same file) fails at once with SQLITE_BUSY, and
    // walSyncingDriver tries it again without holding the thread (sqlite-lock-wait.ts).
    database.pragma('journal_mode = WAL');
    // Every write is fsynced before it is answered, so an answer (an alert taken in, an object
    // applied) survives a power cut too, not only a crash: SQLite writes the commit to the WAL
    // (NORMAL) and walSyncingDriver fsyncs the WAL off the event loop, sharing one fsync among
    // the commits made meanwhile (FULL would stop the process for each). Said every time: the
    // setting is per connection, and better-sqlite3's build gives FULL to a new file but NORMAL
    // to one already in WAL mode.
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
    database.pragma('busy_timeout = 0');
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
  const sqlite = new SqliteDialect({
    database: {
      prepare: (sql) => statements.prepare(sql),
      close: () => {
        checkpointer.stop();
        statements.close();
      },
    },
  });
  const syncer = walSyncer(`${file}-wal`, fsync);
  return {
    createAdapter: () => sqlite.createAdapter(),
    createDriver: () => walSyncingDriver(sqlite.createDriver(), syncer),
    createIntrospector: (db) => sqlite.createIntrospector(db),
    createQueryCompiler: () => sqlite.createQueryCompiler(),
  };
}
