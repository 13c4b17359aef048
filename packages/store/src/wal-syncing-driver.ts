import { CompiledQuery, type DatabaseConnection, type Driver, type QueryResult } from 'kysely';
import { waitForLock } from './sqlite-lock-wait';
import type { WalSyncer } from './wal-syncer';

/**
 * Kysely's SQLite driver with each write made durable before it is answered (`synchronous =
 * NORMAL` plus `walSyncer`): a transaction once committed, a statement outside a transaction
 * once run. The fsync waits after the connection is handed on, so the next transaction runs while
 * it does and the event loop is never stopped by it; reads are answered at once. SQLite has one
 * connection: one flag says whether a transaction is open, one whether a write awaits its fsync.
 */
export function walSyncingDriver(inner: Driver, syncer: WalSyncer): Driver {
  let inTransaction = false;
  let unsynced = false;
  const wrapped = new WeakMap<DatabaseConnection, DatabaseConnection>();
  const wrap = (connection: DatabaseConnection): DatabaseConnection => {
    let outer = wrapped.get(connection);
    if (outer === undefined) {
      outer = {
        async executeQuery<R>(query: Parameters<DatabaseConnection['executeQuery']>[0]): Promise<QueryResult<R>> {
          const result = inTransaction ? await connection.executeQuery<R>(query) : await waitForLock(() => connection.executeQuery<R>(query));
          // A statement that ran (not a read) outside a transaction has committed on its own.
          if (!inTransaction && result.numAffectedRows !== undefined) unsynced = true;
          return result;
        },
        streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
      };
      wrapped.set(connection, outer);
    }
    return outer;
  };
  return {
    init: () => inner.init(),
    acquireConnection: async () => wrap(await inner.acquireConnection()),
    async beginTransaction(connection) {
      inTransaction = true;
      // IMMEDIATE: the write lock at once, waited for (without holding the thread: waitForLock)
      // while the other connection (the alert intake thread's) writes. A deferred transaction
      // that read first would fail at its first write with SQLITE_BUSY, whatever the wait, had
      // the other committed meanwhile.
      await waitForLock(() => connection.executeQuery(CompiledQuery.raw('begin immediate')));
    },
    async commitTransaction(connection) {
      await inner.commitTransaction(connection);
      inTransaction = false;
      unsynced = true;
    },
    async rollbackTransaction(connection) {
      await inner.rollbackTransaction(connection);
      inTransaction = false;
    },
    savepoint: inner.savepoint?.bind(inner),
    rollbackToSavepoint: inner.rollbackToSavepoint?.bind(inner),
    releaseSavepoint: inner.releaseSavepoint?.bind(inner),
    async releaseConnection(connection) {
      const sync = unsynced;
      unsynced = false;
      await inner.releaseConnection(connection);
      if (sync) await syncer.sync();
    },
    async destroy() {
      await inner.destroy();
      await syncer.close();
    },
  };
}
