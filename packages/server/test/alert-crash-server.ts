/**
 * One xops server for `alert-crash-safety.test.ts`, run as a process of its own so that the test
 * can kill -9 it: `node --import tsx alert-crash-server.ts` with `XOPS_CRASH_DATA_DIR` (the SQLite
 * data directory) and, for PostgreSQL, `XOPS_CRASH_DATABASE_URL`; `XOPS_WEBHOOK_SECRET` signs the
 * webhooks. The real `startServer`, with shorter notification timings (a send times out after 2 s,
 * a claim lapses after 4 s) so that a send cut off by the kill goes out again within seconds, not
 * ADR 0014's minute. Prints `{ "url", "holder", "pid" }` on stdout once it listens; logs go to stderr.
 */
import { pino } from 'pino';
import { startServer } from '../src/main';

const dataDir = process.env.XOPS_CRASH_DATA_DIR;
if (!dataDir) throw new Error('set XOPS_CRASH_DATA_DIR to the data directory of the test store');

const server = await startServer({
  port: 0,
  dataDir,
  databaseUrl: process.env.XOPS_CRASH_DATABASE_URL,
  version: '0.0.0-crash',
  logger: pino({ name: 'xops', level: 'warn' }, pino.destination(2)),
  output: { write: () => true },
  notificationTimings: { timeoutMs: 2000, claimMs: 4000 },
});
process.stdout.write(`${JSON.stringify({ url: server.url, holder: server.holder, pid: process.pid })}\n`);
