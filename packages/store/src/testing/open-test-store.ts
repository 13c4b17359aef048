import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { openStore } from '../open-store';
import type { OpenStoreOptions } from '../open-store';
import type { StoreEngine, XopsStore } from '../xops-store';
import { TEST_DATABASE_URL_ENV } from './test-database-engines';

/** A store of its own for one test or suite, and how to get rid of it. */
export interface TestStore {
  readonly store: XopsStore;
  /** What `store` was opened with: `openStore(options)` opens the same database again. */
  readonly options: OpenStoreOptions;
  /** Closes the store and removes its database (temp directory or schema). */
  cleanup(): Promise<void>;
}

/**
 * Opens a fresh, empty, migrated store on `engine`: SQLite in a new temp directory, PostgreSQL
 * in a new schema `xops_test_<random>` of `XOPS_TEST_DATABASE_URL`. Nothing is shared, so test
 * files can run in parallel. `extra.now` fixes the clock.
 *
 * @example const { store, cleanup } = await openTestStore(engine); afterEach(() => cleanup());
 */
export async function openTestStore(engine: StoreEngine, extra: { now?: () => Date } = {}): Promise<TestStore> {
  if (engine === 'sqlite') {
    const dataDir = await mkdtemp(join(tmpdir(), 'xops-test-'));
    const options: OpenStoreOptions = { dataDir, ...extra };
    const store = await openStore(options).catch(async (error: unknown) => {
      await rm(dataDir, { recursive: true, force: true });
      throw error;
    });
    return { store, options, cleanup: () => closeThen(store, () => rm(dataDir, { recursive: true, force: true })) };
  }

  const baseUrl = process.env[TEST_DATABASE_URL_ENV];
  if (!baseUrl) throw new Error(`set ${TEST_DATABASE_URL_ENV}=postgres://… to open a PostgreSQL test store`);
  // Hex only, so the name needs no quoting rules beyond the double quotes below.
  const schema = `xops_test_${randomBytes(6).toString('hex')}`;
  await runSql(baseUrl, `create schema "${schema}"`);
  const url = new URL(baseUrl);
  // pg passes `options` to the server as startup options: every pooled connection gets it.
  url.searchParams.set('options', `-c search_path=${schema}`);
  const options: OpenStoreOptions = { databaseUrl: url.toString(), dataDir: tmpdir(), ...extra };
  const dropSchema = () => runSql(baseUrl, `drop schema "${schema}" cascade`);
  const store = await openStore(options).catch(async (error: unknown) => {
    await dropSchema();
    throw error;
  });
  return { store, options, cleanup: () => closeThen(store, dropSchema) };
}

async function closeThen(store: XopsStore, remove: () => Promise<void>): Promise<void> {
  try {
    await store.close();
  } finally {
    await remove();
  }
}

async function runSql(connectionString: string, statement: string): Promise<void> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
