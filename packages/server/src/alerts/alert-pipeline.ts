import type { AlertIntakeOutcome, AlertReport, XopsStore } from '@xops/store';
import type { Clock } from '../clock/clock';
import { createAlertRoutingSource, type AlertRoutingSource, type RoutingLogger } from './alert-routing-source';
import { createGroupCommit } from './group-commit';

/** Groups one transaction of the `alert-groups` loop looks at, at most. */
const TICK_BATCH = 100;

/** Requests the pipeline's `intake` took, and the transactions it ran for them (group commit merges requests). */
export interface IntakeCounts {
  readonly requests: number;
  readonly transactions: number;
}

/** Where every alert source hands its alerts (ADR 0013): one transaction per request. */
export interface AlertPipeline {
  /**
   * Takes the reports in at the clock's now, in one transaction (with those of other requests
   * arriving meanwhile: group-commit.ts); answered once committed.
   */
  intake(reports: readonly AlertReport[], actor: string): Promise<AlertIntakeOutcome>;
  /** Same, with a cursor moved in the same transaction (the SLO alert source). */
  intakeWithCursor(reports: readonly AlertReport[], cursor: { name: string; from: number; to: number }): Promise<AlertIntakeOutcome>;
  /** Looks at every group whose timer is due at `now`, a batch per transaction; how many groups and notifications. */
  tickDueGroups(now?: number): Promise<{ groups: number; notifications: number }>;
  /** How many requests `intake` took since the start, and in how many transactions. */
  intakeCounts(): IntakeCounts;
  readonly routing: AlertRoutingSource;
}

/**
 * The alert pipeline of one server: the routing config compiled once per change, and the store's
 * intake transaction run with it at the clock's time.
 *
 * @example const pipeline = createAlertPipeline({ store, clock });
 *          await pipeline.intake([{ kind: 'report', source: 'alerts', dedupKey, labels, annotations: {}, summary, startsAt, endsAt: null }], 'ci-bot');
 */
export function createAlertPipeline(options: { readonly store: XopsStore; readonly clock: Clock; readonly logger?: RoutingLogger }): AlertPipeline {
  const { store, clock } = options;
  const routing = createAlertRoutingSource({ store, logger: options.logger });
  let requests = 0;
  let transactions = 0;
  // SQLite's intake thread runs transactions in the order sent: the next may go while one commits.
  const groupCommit = createGroupCommit(async (reports, actor) => {
    transactions += 1;
    return store.intakeAlerts({ reports, now: clock.now(), actor, routing: await routing.current() });
  }, { inFlight: store.engine === 'sqlite' ? 2 : 1 });
  return {
    routing,
    intake(reports, actor) {
      requests += 1;
      return groupCommit(reports, actor);
    },
    intakeCounts: () => ({ requests, transactions }),
    async intakeWithCursor(reports, cursor) {
      return store.intakeAlerts({ reports, now: clock.now(), actor: 'slo', routing: await routing.current(), cursor });
    },
    async tickDueGroups(now = clock.now()) {
      let groups = 0;
      let notifications = 0;
      for (;;) {
        const outcome = await store.tickAlertGroups({ now, routing: await routing.current(), limit: TICK_BATCH });
        groups += outcome.groups;
        notifications += outcome.notifications;
        if (outcome.groups < TICK_BATCH) return { groups, notifications };
      }
    },
  };
}
