import Database from 'better-sqlite3';
import { join } from 'node:path';
import { Client } from 'pg';
import type { OpenStoreOptions, StoreEngine } from '@xops/store';

/**
 * Runs one statement on the store's database through the driver itself, around the store: for
 * tests that check what the schema refuses, whatever the store's own code would do.
 */
export async function runRawSql(engine: StoreEngine, options: OpenStoreOptions, statement: string): Promise<void> {
  if (engine === 'sqlite') {
    const db = new Database(join(options.dataDir, 'xops.db'));
    try {
      db.exec(statement);
    } finally {
      db.close();
    }
    return;
  }
  const client = new Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
