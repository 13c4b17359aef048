import { Worker } from 'node:worker_threads';
import type { AlertIntake, AlertIntakeOutcome, AlertRouting } from './alert-intake';
import { rebuildThreadError, type IntakeThreadAnswer, type IntakeThreadRequest } from './alert-intake-thread-messages';
import type { StoreLogger } from './store-logger';

/** Runs the alert intake's transactions on a thread of their own (SQLite). */
export interface AlertIntakeThread {
  /** Runs `intake` as one transaction on the thread; resolves once it is committed and fsynced. */
  intake(intake: AlertIntake): Promise<AlertIntakeOutcome>;
  /** Lets the thread finish what it was sent and end; later intakes are refused. */
  close(): Promise<void>;
}

interface Pending {
  readonly resolve: (outcome: AlertIntakeOutcome) => void;
  readonly reject: (error: Error) => void;
}

interface Running {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
  /** The routing last sent: the thread keeps it, so an unchanged config is not copied again. */
  sentRouting: AlertRouting | undefined;
}

/**
 * The alert intake of an embedded (SQLite) store, off the event loop: a worker thread with its own
 * connection to `<dataDir>/xops.db` runs each intake transaction (alert-intake-worker.ts). On the
 * main thread the intake was half SQLite (statements, and the commit's writes to the WAL) and an
 * eighth routing, and the server answered no HTTP request meanwhile; on its thread, both go on
 * beside the requests it parses. The thread starts at the first intake (a store that takes no
 * alerts never starts it), is started again if it dies, and keeps the process alive only while an
 * intake is out. Writes of both connections wait for each other, SQLite's one writer (`begin
 * immediate`, tried again while the other holds the lock: sqlite-lock-wait.ts).
 *
 * A thread that fails or ends unasked is logged through `logger`.
 *
 * @example const thread = alertIntakeThread('.xops'); const outcome = await thread.intake(intake);
 */
export function alertIntakeThread(dataDir: string, logger?: StoreLogger): AlertIntakeThread {
  let running: Running | undefined;
  let closing: Promise<void> | undefined;
  let nextId = 0;

  const stop = (run: Running, reason: Error) => {
    if (running === run && closing === undefined) {
      logger?.warn({ err: reason, failedIntakes: run.pending.size }, 'the alert intake thread stopped; it starts again at the next intake');
    }
    if (running === run) running = undefined;
    for (const { reject } of run.pending.values()) reject(reason);
    run.pending.clear();
  };

  const start = (): Running => {
    // execArgv: [] so that a process started with `--import tsx` does not register tsx twice.
    const worker = new Worker(new URL('./alert-intake-thread-entry.js', import.meta.url), { workerData: { dataDir }, execArgv: [] });
    const run: Running = { worker, pending: new Map(), sentRouting: undefined };
    worker.on('message', (answer: IntakeThreadAnswer) => {
      const waiting = run.pending.get(answer.id);
      if (waiting === undefined) return;
      run.pending.delete(answer.id);
      if (run.pending.size === 0) worker.unref();
      if (answer.kind === 'outcome') waiting.resolve(answer.outcome);
      else waiting.reject(rebuildThreadError(answer.error));
    });
    worker.on('error', (error) => stop(run, new Error(`the alert intake thread failed: ${error.message}`, { cause: error })));
    worker.on('exit', (code) => stop(run, new Error(`the alert intake thread ended (exit code ${code})`)));
    worker.unref();
    return run;
  };

  return {
    intake(intake) {
      if (closing !== undefined) return Promise.reject(new Error('the store is closed: no more alerts can be taken in'));
      const run = running ??= start();
      const { routing, ...rest } = intake;
      const id = nextId++;
      const request: IntakeThreadRequest = { kind: 'intake', id, intake: rest, routing: run.sentRouting === routing ? undefined : routing };
      return new Promise<AlertIntakeOutcome>((resolve, reject) => {
        // Sent at once, before the thread is up: its port keeps messages until it listens. Throws
        // on what cannot be copied to it (reports from JSON always can).
        run.worker.postMessage(request);
        run.sentRouting = routing;
        run.pending.set(id, { resolve, reject });
        if (run.pending.size === 1) run.worker.ref();
      });
    },
    close() {
      closing ??= (async () => {
        const run = running;
        if (run === undefined) return;
        const exited = new Promise((resolve) => run.worker.once('exit', resolve));
        run.worker.ref();
        run.worker.postMessage({ kind: 'close' } satisfies IntakeThreadRequest);
        await exited;
      })();
      return closing;
    },
  };
}
