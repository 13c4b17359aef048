/**
 * One server replica for `lease-failover.test.ts`, run as a process of its own so that the test
 * can kill -9 it: `node --import tsx lease-failover-server.ts` with `XOPS_FAILOVER_DATABASE_URL`
 * (a PostgreSQL URL whose search_path names the test's schema). Evaluates every second, scrapes
 * (under the scrape lease, as `startServer` always does) and prints one JSON line on stdout once it
 * listens: `{ "url", "holder", "pid" }`. Logs go to stderr.
 */
import { tmpdir } from 'node:os';
import { pino } from 'pino';
import { startServer } from '../src/main';

const databaseUrl = process.env.XOPS_FAILOVER_DATABASE_URL;
if (!databaseUrl) throw new Error('set XOPS_FAILOVER_DATABASE_URL to the PostgreSQL URL of the test schema');

const server = await startServer({
  port: 0,
  dataDir: tmpdir(),
  databaseUrl,
  version: '0.0.0-failover',
  logger: pino({ name: 'xops', level: 'warn' }, pino.destination(2)),
  output: { write: () => true },
  evaluationIntervalMs: 1000,
});
process.stdout.write(`${JSON.stringify({ url: server.url, holder: server.holder, pid: process.pid })}\n`);
