import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** SQLite's own threshold (`wal_autocheckpoint`, pages): the WAL size at which a store counts as busy. */
const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;
/** While the thread checkpoints, the connection still does itself past this many pages: the WAL stays bounded if the thread falls behind or dies. */
const BACKSTOP_PAGES = 10_000;
/** How often the WAL's size is looked at until the thread starts. */
const WATCH_MS = 500;
/** How often the thread checkpoints. */
const CHECKPOINT_MS = 100;

// The thread: its own connection to the file, a PASSIVE checkpoint every CHECKPOINT_MS. PASSIVE
// never waits for the writer or readers and copies what it can; the writer restarts the WAL from
// its start once everything in it has been copied.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* the next round tries again; the connection's backstop bounds the WAL */ }
}, workerData.intervalMs);
parentPort.once('message', () => {
  clearInterval(timer);
  try { db.close(); } catch { /* closing anyway */ }
  parentPort.close();
});
`;

export interface SqliteCheckpointer {
  /** Stops watching and lets the thread close its connection and end; the store's connection may close at once. */
  stop(): void;
}

/**
 * Takes WAL checkpoints of a busy SQLite file off the event loop. SQLite checkpoints in the
 * connection that commits once the WAL passes 1,000 pages: that commit then copies the pages
 * into the database file and syncs it, 10–40 ms during which the process serves nothing (the
 * `alerts` benchmark's p99). Once the WAL has grown that large, a worker thread with its own
 * connection checkpoints every 100 ms, and the store's connection (`setAutoCheckpoint`) only
 * past 10,000 pages. A store that writes little (the CLI, most tests) never starts the thread.
 * Durability is unchanged: a commit is in the synced WAL before it returns either way.
 *
 * @example const checkpointer = startSqliteCheckpointer({ file, setAutoCheckpoint: (pages) => db.pragma(`wal_autocheckpoint = ${pages}`) });
 */
export function startSqliteCheckpointer(options: { readonly file: string; readonly setAutoCheckpoint: (pages: number) => void }): SqliteCheckpointer {
  const { file, setAutoCheckpoint } = options;
  let worker: Worker | undefined;
  let stopped = false;
  const setPages = (pages: number) => {
    if (stopped) return;
    try {
      setAutoCheckpoint(pages);
    } catch {
      // The connection is closing: nothing left to checkpoint for.
    }
  };
  const watch = setInterval(() => {
    let walBytes = 0;
    try {
      walBytes = statSync(`${file}-wal`).size;
    } catch {
      return;
    }
    if (walBytes < DEFAULT_AUTOCHECKPOINT_PAGES * 4096) return;
    clearInterval(watch);
    try {
      worker = new Worker(WORKER, {
        eval: true,
        workerData: { file, driver: createRequire(import.meta.url).resolve('better-sqlite3'), intervalMs: CHECKPOINT_MS },
      });
    } catch {
      // No thread (a runtime without workers): the connection goes on checkpointing by itself.
      return;
    }
    worker.unref();
    // Without the thread, the connection checkpoints as SQLite does by default.
    worker.on('error', () => setPages(DEFAULT_AUTOCHECKPOINT_PAGES));
    worker.once('online', () => setPages(BACKSTOP_PAGES));
  }, WATCH_MS);
  watch.unref();
  return {
    stop() {
      stopped = true;
      clearInterval(watch);
      worker?.postMessage('stop');
    },
  };
}
