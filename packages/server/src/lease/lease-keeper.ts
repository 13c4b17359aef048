import type { XopsStore } from '@xops/store';

/** The little a lease keeper logs through; pino and Fastify's logger fit. */
export interface LeaseLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

/** One replica's hold on one lease, as far as it knows. */
export interface LeaseKeeper {
  /** Takes or renews the lease at `now`; true while held. Concurrent calls share one round trip. */
  renew(now: number): Promise<boolean>;
  holds(): boolean;
  /**
   * Bumped each time this replica takes the lease (again): work that began under an older term
   * must not write, since another replica may have held the lease in between.
   */
  term(): number;
  /** Says the lease is gone (a fenced write was refused), until the next `renew` takes it back. */
  lost(): void;
  /** Gives the lease up, if held, once any renewal in flight has settled. */
  release(): Promise<void>;
}

/**
 * Keeps the lease `name` for `holder` (DESIGN.md §5): each `renew` extends it by `ttlMs` from
 * `now`, or takes it when free or expired. A store that does not answer counts as not holding it,
 * so a replica unsure of its lease behaves as a standby.
 *
 * @example const lease = createLeaseKeeper({ store, name: 'slo-evaluation', holder, ttlMs: 10_000, logger });
 *          if (await lease.renew(clock.now())) { … }
 */
export function createLeaseKeeper(options: {
  readonly store: XopsStore;
  readonly name: string;
  readonly holder: string;
  readonly ttlMs: number;
  readonly logger: LeaseLogger;
}): LeaseKeeper {
  const { store, name, holder, ttlMs, logger } = options;
  let held = false;
  let term = 0;
  let inFlight: Promise<boolean> | undefined;

  const renew = (now: number): Promise<boolean> => {
    inFlight ??= (async () => {
      try {
        const granted = await store.acquireLease(name, holder, now, ttlMs);
        if (granted && !held) {
          term++;
          logger.info({ lease: name, holder }, 'took the lease');
        } else if (!granted && held) {
          logger.warn({ lease: name, holder }, 'lost the lease');
        }
        held = granted;
      } catch (error) {
        if (held) logger.warn({ err: error, lease: name, holder }, 'cannot renew the lease');
        held = false;
      } finally {
        inFlight = undefined;
      }
      return held;
    })();
    return inFlight;
  };

  return {
    renew,
    holds: () => held,
    term: () => term,
    lost() {
      if (held) logger.warn({ lease: name, holder }, 'the lease was taken over');
      held = false;
    },
    async release() {
      await inFlight;
      if (!held) return;
      held = false;
      await store.releaseLease(name, holder);
      logger.info({ lease: name, holder }, 'released the lease');
    },
  };
}
