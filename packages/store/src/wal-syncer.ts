import { open, type FileHandle } from 'node:fs/promises';

/** Makes what was written to a file durable: fsync, on libuv's thread pool, off the event loop. */
export type FileSync = (handle: FileHandle) => Promise<void>;

export interface WalSyncer {
  /** Resolves once everything written to the WAL before the call is on disk. */
  sync(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Fsyncs SQLite's WAL file for commits made with `synchronous = NORMAL`, which writes a commit to
 * the WAL but leaves the fsync to the caller: done here without blocking the event loop, where
 * `FULL` would stop the process for each commit's fsync. Callers that ask while a sync is running
 * wait for it and share the next one, so one fsync serves every commit made before it started.
 *
 * @example const syncer = walSyncer('/var/lib/xops/xops.db-wal'); await syncer.sync();
 */
export function walSyncer(walFile: string, fsync: FileSync = (handle) => handle.sync()): WalSyncer {
  let handle: FileHandle | undefined;
  let requested = 0;
  let done = 0;
  let running: Promise<void> | undefined;

  const syncOnce = async () => {
    handle ??= await open(walFile, 'r');
    await fsync(handle);
  };

  return {
    async sync() {
      const mine = ++requested;
      while (done < mine) {
        if (running !== undefined) {
          await running;
          continue;
        }
        // Covers every commit counted so far: they were all written before this fsync starts.
        const covers = requested;
        running = syncOnce().finally(() => { running = undefined; });
        await running;
        done = Math.max(done, covers);
      }
    },
    async close() {
      await running?.catch(() => undefined);
      await handle?.close();
      handle = undefined;
    },
  };
}
