import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteDialect } from './sqlite-dialect';

async function synchronousSetting(dataDir: string): Promise<unknown> {
  const db = new Kysely<unknown>({ dialect: await createSqliteDialect(dataDir) });
  try {
    const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(db);
    return rows[0]?.synchronous;
  } finally {
    await db.destroy();
  }
}

describe('createSqliteDialect', () => {
  let dir: string;
  beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'xops-dialect-')); });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  // Regression: better-sqlite3's build opens a file already in WAL mode with synchronous NORMAL
  // (SQLITE_DEFAULT_WAL_SYNCHRONOUS=1), so a restarted server's commits were not fsynced.
  it('fsyncs every commit (synchronous FULL = 2) on a new file and on one reopened in WAL mode', async () => {
    expect(await synchronousSetting(dir)).toBe(2);
    expect(await synchronousSetting(dir)).toBe(2);
  });
});
