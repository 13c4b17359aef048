import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSqliteCheckpointer } from '../src/sqlite-checkpointer';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('startSqliteCheckpointer', () => {
  let dir: string;
  let db: Database.Database;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'xops-checkpointer-'));
    file = join(dir, 'xops.db');
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    // Nothing checkpoints unless the thread does.
    db.pragma('wal_autocheckpoint = 0');
    db.exec('create table t (id integer primary key, v text not null)');
  });
  afterEach(async () => {
    if (db.open) db.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Commits `megabytes` MiB of rows, 64 KiB a transaction. */
  const write = (megabytes: number) => {
    const insert = db.prepare('insert into t (v) values (?)');
    const value = 'x'.repeat(1024);
    for (let i = 0; i < megabytes * 16; i++) db.transaction(() => { for (let j = 0; j < 64; j++) insert.run(value); })();
  };

  it('starts no thread while the WAL stays small', async () => {
    const settings: number[] = [];
    const checkpointer = startSqliteCheckpointer({ file, setAutoCheckpoint: (pages) => settings.push(pages) });
    write(1);
    await sleep(700);
    checkpointer.stop();
    expect(settings).toEqual([]);
    // 1 MiB of rows is still only in the WAL: the database file has not grown past its first page.
    expect(statSync(file).size).toBeLessThanOrEqual(4096);
  });

  it('once the WAL passes 1,000 pages, copies it into the database file from its own thread', async () => {
    const settings: number[] = [];
    const checkpointer = startSqliteCheckpointer({ file, setAutoCheckpoint: (pages) => settings.push(pages) });
    write(5);
    for (let waited = 0; settings.length === 0 && waited < 5000; waited += 50) await sleep(50);
    expect(settings).toEqual([10_000]);
    for (let waited = 0; statSync(file).size < 5 * 1024 * 1024 && waited < 5000; waited += 50) await sleep(50);
    // The rows are in the database file: the thread checkpointed (this connection never does).
    expect(statSync(file).size).toBeGreaterThan(5 * 1024 * 1024);
    checkpointer.stop();
    db.close();
    const again = new Database(file, { readonly: true });
    try {
      expect(again.prepare<[], { rows: number }>('select count(*) as rows from t').get()).toEqual({ rows: 5 * 16 * 64 });
    } finally {
      again.close();
    }
  });
});
