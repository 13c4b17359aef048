import type { Clock } from '../clock/clock';
import { createLeaseKeeper, type LeaseLogger } from '../lease/lease-keeper';
import type { XopsStore } from '@xops/store';
import type { AlertPipeline } from './alert-pipeline';

/** The lease the group timer loop runs under (DESIGN.md §5): one replica flushes due groups at a time. */
export const ALERT_GROUPS_LEASE = 'alert-groups';

export interface AlertGroupsLoop {
  start(): void;
  /** One pass at `now` (the clock's by default): with the lease, every due group is looked at. */
  tick(now?: number): Promise<{ groups: number; notifications: number }>;
  holdsLease(): boolean;
  /** Stops the loop, waits for the pass in flight, releases the lease. Idempotent. */
  close(): Promise<void>;
}

/**
 * The timers of alert groups (ADR 0013): group_wait, group_interval and repeat_interval that fall
 * due after the request that made them. Under the `alert-groups` lease, each pass looks at the
 * groups whose `next_at_ms` has come, in the same transaction as an intake would (the step may
 * notify, open an incident, resolve one). Running a pass twice is harmless: a group is looked at
 * only once its timer is due, and the outbox ignores a known idempotency key.
 *
 * @example const loop = createAlertGroupsLoop({ store, pipeline, clock, logger, holder }); loop.start();
 */
export function createAlertGroupsLoop(options: {
  readonly store: XopsStore;
  readonly pipeline: AlertPipeline;
  readonly clock: Clock;
  readonly logger: LeaseLogger & { error(fields: Record<string, unknown>, message: string): void };
  readonly holder: string;
  /** Time between passes; 1 s by default, so a timer fires at most a second late. */
  readonly intervalMs?: number;
}): AlertGroupsLoop {
  const { store, pipeline, clock, logger, holder, intervalMs = 1000 } = options;
  const lease = createLeaseKeeper({ store, name: ALERT_GROUPS_LEASE, holder, ttlMs: Math.max(10_000, 3 * intervalMs), logger });
  let passes: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let closing: Promise<void> | undefined;

  async function pass(now: number): Promise<{ groups: number; notifications: number }> {
    if (!await lease.renew(now)) return { groups: 0, notifications: 0 };
    const done = await pipeline.tickDueGroups(now);
    if (done.notifications > 0) logger.info({ groups: done.groups, notifications: done.notifications }, 'alert group timers fired');
    return done;
  }

  function tick(now: number = clock.now()) {
    const run = passes.then(() => pass(now));
    passes = run.catch(() => undefined);
    return run;
  }

  return {
    start() {
      if (timer !== undefined || closing !== undefined) return;
      timer = setInterval(() => {
        tick().catch((error: unknown) => logger.error({ err: error }, 'the alert group pass failed; it will try again'));
      }, intervalMs);
      timer.unref();
    },
    tick,
    holdsLease: () => lease.holds(),
    close() {
      closing ??= (async () => {
        clearInterval(timer);
        await passes;
        await lease.release();
      })();
      return closing;
    },
  };
}
