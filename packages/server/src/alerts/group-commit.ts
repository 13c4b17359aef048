import type { AlertIntakeOutcome, AlertReport } from '@xops/store';

/** Reports one merged transaction takes at most, unless one request alone brings more. */
const MAX_REPORTS_PER_COMMIT = 2_048;

/** Takes reports in: the store's intake transaction, for one or several requests' reports together. */
export type IntakeTransaction = (reports: readonly AlertReport[], actor: string) => Promise<AlertIntakeOutcome>;

interface Waiting {
  readonly reports: readonly AlertReport[];
  readonly actor: string;
  resolve(outcome: AlertIntakeOutcome): void;
  reject(error: unknown): void;
}

/**
 * Group commit for the alert intake (ADR 0013): requests that arrive while a transaction is
 * running wait for it, then go in together, in arrival order, in one transaction, so that one
 * commit (one fsync) and one round of reads serve all of them. Each request is answered once the
 * transaction holding its reports has committed, with its own reports' results (in order) and the
 * notifications that transaction decided. Requests merge only with the same actor (a token's name:
 * the actor of acknowledgements on the timeline). When a merged transaction fails, each of its
 * requests is taken in again alone, so that a request's error is its own.
 *
 * One transaction runs at a time by default (`inFlight`): on PostgreSQL two would run at once on
 * two connections and could commit in either order, so a resolve sent right after its firing alert
 * could be taken in first. Where transactions run in the order they are sent (SQLite's intake
 * thread runs one after the other), `inFlight: 2` sends the next while one commits, so that the
 * next one's work overlaps the previous one's fsync and the answer's way back. Then the requests of
 * a merged transaction that failed, taken in again alone, come after the one sent meanwhile.
 *
 * @example const intake = createGroupCommit((reports, actor) => store.intakeAlerts({ reports, actor, now: clock.now(), routing }));
 *          const outcome = await intake(reports, 'alertmanager-prod');
 */
export function createGroupCommit(transaction: IntakeTransaction, options: { readonly inFlight?: number } = {}): IntakeTransaction {
  const inFlight = options.inFlight ?? 1;
  const queue: Waiting[] = [];
  // Drains running: each runs one transaction at a time.
  let running = 0;

  const takeBatch = (): Waiting[] => {
    const first = queue.shift();
    if (first === undefined) return [];
    const batch = [first];
    let reports = first.reports.length;
    while (queue[0] !== undefined && queue[0].actor === first.actor && reports + queue[0].reports.length <= MAX_REPORTS_PER_COMMIT) {
      const next = queue.shift();
      if (next === undefined) break;
      batch.push(next);
      reports += next.reports.length;
    }
    return batch;
  };

  const runAlone = async (waiting: Waiting): Promise<void> => {
    try {
      waiting.resolve(await transaction(waiting.reports, waiting.actor));
    } catch (error) {
      waiting.reject(error);
    }
  };

  const runTogether = async (batch: readonly Waiting[]): Promise<void> => {
    let outcome: AlertIntakeOutcome;
    try {
      outcome = await transaction(batch.flatMap((waiting) => waiting.reports), batch[0]?.actor ?? '');
    } catch {
      for (const waiting of batch) await runAlone(waiting);
      return;
    }
    let offset = 0;
    for (const waiting of batch) {
      const alerts = outcome.alerts.slice(offset, offset + waiting.reports.length);
      offset += waiting.reports.length;
      waiting.resolve({ ...outcome, alerts });
    }
  };

  const drain = async (): Promise<void> => {
    try {
      for (let batch = takeBatch(); batch.length > 0; batch = takeBatch()) {
        if (batch.length === 1 && batch[0] !== undefined) await runAlone(batch[0]);
        else await runTogether(batch);
      }
    } finally {
      running -= 1;
    }
  };

  return (reports, actor) => new Promise<AlertIntakeOutcome>((resolve, reject) => {
    queue.push({ reports, actor, resolve, reject });
    // Started on the next turn of the event loop, after the requests that arrived with this one
    // have been read: they go in the same transaction.
    if (running < inFlight) {
      running += 1;
      setImmediate(() => void drain());
    }
  });
}
