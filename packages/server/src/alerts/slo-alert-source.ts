import type { SloDefinition } from '@xops/core';
import { StoreConflictError, type XopsStore } from '@xops/store';
import type { Clock } from '../clock/clock';
import type { LeaseKeeper, LeaseLogger } from '../lease/lease-keeper';
import { createLeasedLoop, type LeasedLoop } from '../lease/leased-loop';
import type { AlertPipeline } from './alert-pipeline';
import { sloAlertReport } from './slo-alert-report';

/** The lease the SLO alert source runs under: one replica takes the transitions in at a time. */
export const SLO_ALERTS_LEASE = 'slo-alerts';
/** The `change_counters` row that holds the id of the last transition taken in (migration 0007). */
const CURSOR = 'slo-alerts';
/** Transitions taken in per transaction. */
const BATCH = 200;

/** `tick` is one pass: with the lease, every transition recorded since the last one taken in; how many were read. */
export type SloAlertSource = LeasedLoop<number>;

/**
 * Feeds the SLO engine's alerts into the alert pipeline (ADR 0013): under the `slo-alerts` lease,
 * it reads the transitions recorded after its cursor (burn-rate tiers, no data, budget exhausted
 * firing or resolving), turns each into an alert report (`sloAlertReport`) and takes a batch in
 * with the cursor moved in the same transaction. A crash before the commit leaves the cursor
 * where it was, so nothing is lost; the cursor only moves from where it was read, so a second
 * replica cannot take a batch in twice.
 *
 * @example const source = createSloAlertSource({ store, pipeline, clock, logger, holder, definition: (slo) => evaluator.definition(slo) });
 */
export function createSloAlertSource(options: {
  readonly store: XopsStore;
  readonly pipeline: AlertPipeline;
  readonly clock: Clock;
  readonly logger: LeaseLogger & { error(fields: Record<string, unknown>, message: string): void };
  readonly holder: string;
  /** The SLO as the engine evaluates it (its service and rules), for the alerts' labels. */
  readonly definition: (slo: string) => SloDefinition | undefined;
  /** Time between passes; 2 s by default (the SLO engine evaluates every 10 s). */
  readonly intervalMs?: number;
}): SloAlertSource {
  const { store, pipeline, clock, logger, holder, definition, intervalMs = 2000 } = options;
  const pass = async (now: number, lease: LeaseKeeper): Promise<number> => {
    if (!await lease.renew(now)) return 0;
    let read = 0;
    for (;;) {
      const from = await store.readSloAlertCursor();
      const batch = await store.readAlertTransitionsAfter(from, BATCH);
      if (batch.length === 0) return read;
      const reports = batch.flatMap(({ transition }) => sloAlertReport(transition, definition(transition.slo)) ?? []);
      const to = batch.at(-1)?.id ?? from;
      try {
        await pipeline.intakeWithCursor(reports, { name: CURSOR, from, to });
      } catch (error) {
        // Another replica moved the cursor first: it took these in; this one stands by.
        if (error instanceof StoreConflictError) {
          lease.lost();
          return read;
        }
        throw error;
      }
      read += batch.length;
      if (reports.length > 0) logger.info({ transitions: batch.length, alerts: reports.length, cursor: to }, 'took SLO alerts in');
      if (batch.length < BATCH) return read;
    }
  };

  return createLeasedLoop({ store, clock, logger, holder, lease: SLO_ALERTS_LEASE, intervalMs, failure: 'taking SLO alerts in failed', pass });
}
