import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, openTestStore, testDatabaseEngines } from '@xops/store';
import type { OpenStoreOptions, StoreEngine, TestStore } from '@xops/store';
import { objectWrite } from './fixtures';

/** The migrations the database has recorded as applied, read with the driver directly. */
async function appliedMigrations(engine: StoreEngine, options: OpenStoreOptions): Promise<string[]> {
  const query = 'select name from kysely_migration order by name';
  if (engine === 'sqlite') {
    const db = new Database(join(options.dataDir, 'xops.db'), { readonly: true });
    try {
      return db.prepare<[], { name: string }>(query).all().map((row) => row.name);
    } finally {
      db.close();
    }
  }
  const client = new Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    return (await client.query<{ name: string }>(query)).rows.map((row) => row.name);
  } finally {
    await client.end();
  }
}

describe.each(testDatabaseEngines())('openStore on %s', (engine) => {
  let t: TestStore;
  beforeEach(async () => { t = await openTestStore(engine); });
  afterEach(() => t.cleanup());

  it('says which engine it runs on and answers a ping', async () => {
    expect(t.store.engine).toBe(engine);
    await expect(t.store.ping()).resolves.toBeUndefined();
  });

  it('migrates once: opening the same database again keeps the data and applies nothing twice', async () => {
    await t.store.applyObjects([objectWrite('Service', 'checkout')], 'alice');

    const again = await openStore(t.options);
    try {
      expect(await again.getObject('Service', 'checkout')).toMatchObject({ revision: 1, appliedBy: 'alice' });
      expect(await again.listAudit()).toHaveLength(1);
    } finally {
      await again.close();
    }
    const third = await openStore(t.options);
    await third.close();
    expect(await appliedMigrations(engine, t.options)).toEqual(['0001-initial', '0002-slo-engine', '0003-golden-signals', '0004-scoped-tokens', '0005-incidents', '0006-signal-rollup', '0007-alert-intake', '0008-alert-index-trim', '0009-alert-fingerprint-index']);
  });

  it('can be closed twice', async () => {
    await t.store.close();
    await expect(t.store.close()).resolves.toBeUndefined();
  });
});

describe('openStore on SQLite', () => {
  let dir: string;
  beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'xops-open-')); });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('creates the data directory and xops.db in WAL mode', async () => {
    const dataDir = join(dir, 'nested', 'data');
    const store = await openStore({ dataDir });
    await store.close();

    expect(existsSync(join(dataDir, 'xops.db'))).toBe(true);
    const db = new Database(join(dataDir, 'xops.db'));
    try {
      // WAL is a property of the file, so a fresh connection sees it.
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });

  it('logs each migration it applies, and none on a second open', async () => {
    const lines: string[] = [];
    const logger = {
      info: (fields: Record<string, unknown>, message: string) => lines.push(`${message} ${JSON.stringify(fields)}`),
      warn: (fields: Record<string, unknown>, message: string) => lines.push(`WARN ${message} ${JSON.stringify(fields)}`),
    };
    await (await openStore({ dataDir: dir, logger })).close();
    await (await openStore({ dataDir: dir, logger })).close();

    expect(lines).toEqual([
      'database migration applied {"migration":"0001-initial"}',
      'database migration applied {"migration":"0002-slo-engine"}',
      'database migration applied {"migration":"0003-golden-signals"}',
      'database migration applied {"migration":"0004-scoped-tokens"}',
      'database migration applied {"migration":"0005-incidents"}',
      'database migration applied {"migration":"0006-signal-rollup"}',
      'database migration applied {"migration":"0007-alert-intake"}',
      'database migration applied {"migration":"0008-alert-index-trim"}',
      'database migration applied {"migration":"0009-alert-fingerprint-index"}',
      'store opened {"engine":"sqlite"}',
      'store opened {"engine":"sqlite"}',
    ]);
  });

  it('uses SQLite for an empty URL', async () => {
    const store = await openStore({ databaseUrl: '', dataDir: dir });
    expect(store.engine).toBe('sqlite');
    await store.close();
  });

  it.each([
    ['mysql://root:s3cret@db/xops', /the database URL scheme "mysql:"/],
    ['sqlite:///var/lib/xops.db', /the database URL scheme "sqlite:"/],
    ['localhost:5432', /the database URL scheme "localhost:"/],
    ['//db/xops', /a database URL without a scheme/],
  ])('refuses %s by its scheme, without echoing the URL', async (databaseUrl, message) => {
    const opening = openStore({ databaseUrl, dataDir: dir });
    await expect(opening).rejects.toThrow(message);
    await expect(opening).rejects.toThrow(/use postgres:\/\/ or postgresql:\/\//);
    await expect(opening).rejects.not.toThrow(/s3cret|\/xops/);
    expect(existsSync(join(dir, 'xops.db'))).toBe(false);
  });
});

describe('openStore on an unreachable PostgreSQL', () => {
  it('rejects and leaves no pool behind', async () => {
    // Port 1 is reserved (tcpmux) and closed here: the connection is refused at once.
    await expect(openStore({ databaseUrl: 'postgresql://xops@127.0.0.1:1/xops', dataDir: tmpdir() })).rejects.toThrow(/ECONNREFUSED/);
  });
});
