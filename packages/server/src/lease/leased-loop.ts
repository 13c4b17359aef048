import type { Clock } from '../clock/clock';
import { createLeaseKeeper, type LeaseKeeper, type LeaseLogger } from './lease-keeper';
import type { XopsStore } from '@xops/store';

/** A periodic loop that does its work only on the replica holding its lease (DESIGN.md §5). */
export interface LeasedLoop<T> {
  /** Runs a pass every `intervalMs`; a failed pass is logged and the next one tries again. */
  start(): void;
  /** One pass at `now` (the clock's by default), after the pass in flight: passes never overlap. */
  tick(now?: number): Promise<T>;
  holdsLease(): boolean;
  /** Stops the loop, waits for the pass in flight, releases the lease. Idempotent. */
  close(): Promise<void>;
}

export interface LeasedLoopOptions<T> {
  readonly store: XopsStore;
  readonly clock: Clock;
  readonly logger: LeaseLogger & { error(fields: Record<string, unknown>, message: string): void };
  readonly holder: string;
  /** The lease's name, e.g. `escalations`. */
  readonly lease: string;
  readonly intervalMs: number;
  /** What a failed pass is logged as, e.g. `the escalation pass failed`. */
  readonly failure: string;
  /** The work of one pass; it renews the lease itself (`lease.renew(now)`) and does nothing without it. */
  readonly pass: (now: number, lease: LeaseKeeper) => Promise<T>;
}

/**
 * The mechanics the lease loops share (alert group timers, SLO alerts, escalations): a lease that
 * outlives three missed passes (at least 10 s), passes chained so they never overlap, a timer that
 * does not keep the process alive, and a close that waits for the pass in flight.
 *
 * @example const loop = createLeasedLoop({ store, clock, logger, holder, lease: 'escalations', intervalMs: 5000, failure: 'the escalation pass failed', pass });
 */
export function createLeasedLoop<T>(options: LeasedLoopOptions<T>): LeasedLoop<T> {
  const { store, clock, logger, holder, intervalMs, failure, pass } = options;
  const lease = createLeaseKeeper({ store, name: options.lease, holder, ttlMs: Math.max(10_000, 3 * intervalMs), logger });
  let passes: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let closing: Promise<void> | undefined;

  function tick(now: number = clock.now()): Promise<T> {
    const run = passes.then(() => pass(now, lease));
    passes = run.catch(() => undefined);
    return run;
  }

  return {
    start() {
      if (timer !== undefined || closing !== undefined) return;
      timer = setInterval(() => {
        tick().catch((error: unknown) => logger.error({ err: error }, `${failure}; it will try again`));
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
