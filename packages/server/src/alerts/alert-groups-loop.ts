import type { Clock } from '../clock/clock';
import type { LeaseLogger } from '../lease/lease-keeper';
import { createLeasedLoop, type LeasedLoop } from '../lease/leased-loop';
import type { XopsStore } from '@xops/store';
import type { AlertPipeline } from './alert-pipeline';

/** The lease the group timer loop runs under (DESIGN.md §5): one replica flushes due groups at a time. */
export const ALERT_GROUPS_LEASE = 'alert-groups';

/** `tick` is one pass: with the lease, every due group is looked at. */
export type AlertGroupsLoop = LeasedLoop<{ groups: number; notifications: number }>;

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
  return createLeasedLoop({
    store, clock, logger, holder, lease: ALERT_GROUPS_LEASE, intervalMs, failure: 'the alert group pass failed',
    pass: async (now, lease) => {
      if (!await lease.renew(now)) return { groups: 0, notifications: 0 };
      const done = await pipeline.tickDueGroups(now);
      if (done.notifications > 0) logger.info({ groups: done.groups, notifications: done.notifications }, 'alert group timers fired');
      return done;
    },
  });
}
