import { Kysely } from 'kysely';
import { parentPort, workerData } from 'node:worker_threads';
import { intakeAlerts, type AlertIntake, type AlertRouting } from './alert-intake';
import { describeThreadError, type IntakeThreadAnswer, type IntakeThreadRequest } from './alert-intake-thread-messages';
import { runInTransaction } from './run-in-transaction';
import { createSqliteDialect } from './sqlite-dialect';
import type { XopsDatabase } from './xops-database';

// The alert intake thread's side (alert-intake-thread.ts starts it): a connection of its own to
// the store's SQLite file, on which each intake runs as one transaction, committed and fsynced
// before it is answered, as on the main thread before.

const port = parentPort;
if (port === null) throw new Error('alert-intake-worker.ts runs as a worker thread (alert-intake-thread.ts starts it)');
const dataDir: unknown = workerData?.dataDir;
if (typeof dataDir !== 'string') throw new Error('alert-intake-worker.ts needs workerData.dataDir, the store\'s data directory');
const db = new Kysely<XopsDatabase>({ dialect: await createSqliteDialect(dataDir) });
// The routing the main thread sent last: it sends the config again only when it changed.
let routing: AlertRouting | undefined;

async function answer(request: Exclude<IntakeThreadRequest, { kind: 'close' }>): Promise<IntakeThreadAnswer> {
  if (request.routing !== undefined) routing = request.routing;
  // Taken now, before the transaction waits for the connection: a later request may bring newer routing.
  const current = routing;
  try {
    if (current === undefined) throw new Error('the alert intake thread was sent no routing');
    const intake: AlertIntake = { ...request.intake, routing: current };
    const outcome = await runInTransaction(db, { dryRun: false }, (trx) => intakeAlerts(trx, 'sqlite', intake));
    return { kind: 'outcome', id: request.id, outcome };
  } catch (error) {
    return { kind: 'error', id: request.id, error: describeThreadError(error) };
  }
}

// Intakes not answered yet: closing waits for them rather than pulling the connection from under them.
const answering = new Set<Promise<void>>();

port.on('message', (request: IntakeThreadRequest) => {
  if (request.kind === 'close') {
    void Promise.allSettled(answering).then(() => db.destroy()).finally(() => port.close());
    return;
  }
  const answered = answer(request).then((reply) => port.postMessage(reply));
  answering.add(answered);
  void answered.finally(() => answering.delete(answered));
});
