import { openTestStore, testDatabaseEngines, type TestStore } from '@xops/store';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer } from '../src/main';

const TOKEN = /xops_[\w-]{43}/g;

describe.each(testDatabaseEngines())('startServer on %s', (engine) => {
  let database: TestStore;
  beforeEach(async () => {
    // A fresh, empty database; the server opens its own store on it.
    database = await openTestStore(engine);
    await database.store.close();
  });
  afterEach(async () => { await database.cleanup(); });

  const start = async () => {
    let printed = '';
    const server = await startServer({
      port: 0,
      dataDir: database.options.dataDir,
      databaseUrl: database.options.databaseUrl,
      version: '0.0.0-test',
      logger: pino({ enabled: false }),
      output: { write: (text: string) => { printed += text; } },
      handleSignals: false,
    });
    return { server, printed };
  };

  it('prints one admin token on the first start, none on the next, and the token works', async () => {
    const first = await start();
    const tokens = first.printed.match(TOKEN) ?? [];
    expect(tokens).toHaveLength(1);
    expect(first.printed).toContain(`Admin token (shown once, store it now): ${tokens[0]}`);
    expect(first.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const whoami = await fetch(`${first.server.url}/api/v1/whoami`, { headers: { authorization: `Bearer ${tokens[0]}` } });
    expect(await whoami.json()).toEqual({ name: 'admin', role: 'admin' });
    await first.server.close();
    await expect(first.server.closed).resolves.toBeUndefined();

    const second = await start();
    expect(second.printed).toBe('');
    const again = await fetch(`${second.server.url}/api/v1/whoami`, { headers: { authorization: `Bearer ${tokens[0]}` } });
    expect(again.status).toBe(200);
    await second.server.close();
    await second.server.close();
  });
});
