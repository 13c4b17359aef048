import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSqliteDialect } from './sqlite-dialect';
import type { FileSync } from './wal-syncer';

interface Counter { value: number }

/** A store's dialect whose WAL fsyncs are counted, and then done. */
async function openCounted(dataDir: string, fsyncs: Counter) {
  const fsync: FileSync = async (handle) => {
    fsyncs.value += 1;
    await handle.sync();
  };
  return new Kysely<{ t: { v: number } }>({ dialect: await createSqliteDialect(dataDir, fsync) });
}

describe('createSqliteDialect', () => {
  let dir: string;
  beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'xops-dialect-')); });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  // better-sqlite3's build opens a file already in WAL mode with synchronous NORMAL
  // (SQLITE_DEFAULT_WAL_SYNCHRONOUS=1) and a new one with FULL: set, it is the same every time.
  it('sets synchronous NORMAL (1) on a new file and on one reopened in WAL mode', async () => {
    for (let open = 0; open < 2; open += 1) {
      const db = await openCounted(dir, { value: 0 });
      const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(db);
      expect(rows).toEqual([{ synchronous: 1 }]);
      await db.destroy();
    }
  });

  it('fsyncs the WAL once per write before answering it: a committed transaction, a statement outside one; reads and rollbacks not', async () => {
    const fsyncs = { value: 0 };
    const db = await openCounted(dir, fsyncs);
    try {
      await db.schema.createTable('t').addColumn('v', 'integer').execute();
      expect(fsyncs.value).toBe(1);
      await db.insertInto('t').values({ v: 1 }).execute();
      expect(fsyncs.value).toBe(2);
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('t').values({ v: 2 }).execute();
        await trx.insertInto('t').values({ v: 3 }).execute();
        expect(fsyncs.value).toBe(2);
      });
      expect(fsyncs.value).toBe(3);
      await expect(db.transaction().execute(async (trx) => {
        await trx.insertInto('t').values({ v: 4 }).execute();
        throw new Error('changed my mind');
      })).rejects.toThrow('changed my mind');
      expect(await db.selectFrom('t').select('v').orderBy('v').execute()).toEqual([{ v: 1 }, { v: 2 }, { v: 3 }]);
      expect(fsyncs.value).toBe(3);
    } finally {
      await db.destroy();
    }
  });

  it('lets commits made while an fsync runs share the next one', async () => {
    const fsyncs = { value: 0 };
    const db = await openCounted(dir, fsyncs);
    try {
      await db.schema.createTable('t').addColumn('v', 'integer').execute();
      // Ten writes at once: the first fsync starts with the first; the nine others, queued on
      // the one connection behind it, are all written by the time it ends and share one more.
      await Promise.all(Array.from({ length: 10 }, (_, v) => db.insertInto('t').values({ v }).execute()));
      expect(fsyncs.value).toBeLessThan(1 + 10);
      expect((await db.selectFrom('t').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n).toBe(10);
    } finally {
      await db.destroy();
    }
  });

  // What the delivery loop relies on: it claims a notification with a write, so nothing is sent
  // for a commit (the intake's, on its thread) that a power cut could still take back.
  it('answers a write made while an earlier commit\'s fsync runs only after an fsync that started after it', async () => {
    const started: (() => void)[] = [];
    const fsync: FileSync = async (handle) => {
      await new Promise<void>((resolve) => started.push(resolve));
      await handle.sync();
    };
    const db = new Kysely<{ t: { v: number } }>({ dialect: await createSqliteDialect(dir, fsync) });
    try {
      const created = db.schema.createTable('t').addColumn('v', 'integer').execute();
      await vi.waitFor(() => expect(started).toHaveLength(1));
      let answered = false;
      const later = db.insertInto('t').values({ v: 1 }).execute().then(() => { answered = true; });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(answered).toBe(false);
      // The first fsync ends: the later write still waits, for a second fsync begun after it.
      started[0]?.();
      await created;
      await vi.waitFor(() => expect(started).toHaveLength(2));
      expect(answered).toBe(false);
      started[1]?.();
      await later;
      expect(answered).toBe(true);
    } finally {
      await db.destroy();
    }
  });

  // Another connection (the alert intake thread's, or another process) holds the write lock for
  // 150 ms. SQLite's busy_timeout would sleep inside the call, stopping the event loop; the
  // dialect's statements wait for it between tries instead.
  it('waits for another connection\'s write lock without holding the event loop: a transaction and a statement outside one', async () => {
    const db = await openCounted(dir, { value: 0 });
    const other = new Database(join(dir, 'xops.db'));
    try {
      await db.schema.createTable('t').addColumn('v', 'integer').execute();
      for (const write of [
        () => db.insertInto('t').values({ v: 1 }).execute(),
        () => db.transaction().execute((trx) => trx.insertInto('t').values({ v: 2 }).execute()),
      ]) {
        other.exec('begin immediate');
        other.exec('insert into t (v) values (10)');
        const releasedAt = performance.now() + 150;
        setTimeout(() => other.exec('commit'), 150);
        let ticks = 0;
        const ticker = setInterval(() => { ticks += 1; }, 10);
        await write();
        clearInterval(ticker);
        expect(performance.now()).toBeGreaterThanOrEqual(releasedAt - 1);
        // ~15 ticks of 10 ms in 150 ms; a blocked loop gets none.
        expect(ticks).toBeGreaterThanOrEqual(5);
      }
      expect((await db.selectFrom('t').select('v').orderBy('v').execute()).map((row) => row.v)).toEqual([1, 2, 10, 10]);
    } finally {
      other.close();
      await db.destroy();
    }
  });

  it('fails a write with SQLITE_BUSY once another connection has held the lock for the whole wait (5 s), having written nothing', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] });
    const db = await openCounted(dir, { value: 0 });
    const other = new Database(join(dir, 'xops.db'));
    try {
      await db.schema.createTable('t').addColumn('v', 'integer').execute();
      other.exec('begin immediate');
      const write = db.insertInto('t').values({ v: 1 }).execute();
      const failed = expect(write).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
      await vi.advanceTimersByTimeAsync(4_990);
      // Still waiting just before the 5 s are up.
      let settled = false;
      void write.then(() => { settled = true; }, () => { settled = true; });
      await vi.advanceTimersByTimeAsync(0);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(20);
      await failed;
      other.exec('rollback');
      expect(await db.selectFrom('t').select('v').execute()).toEqual([]);
    } finally {
      vi.useRealTimers();
      other.close();
      await db.destroy();
    }
  });
});
