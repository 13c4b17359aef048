import { createSloEngine, type AlertKey, type AlertState, type AlertTransition, type SloDefinition, type SloStatus } from '@xops/core';
import type { XopsStore } from '@xops/store';
import type { Clock } from '../clock/clock';
import { createBucketFeed } from './bucket-feed';
import { compileStoredSlos, sloInputFingerprint, type CompiledSlos } from './compiled-slos';

/** The lease the evaluation loop runs under (DESIGN.md §5): one replica evaluates and writes at a time. */
export const SLO_EVALUATION_LEASE = 'slo-evaluation';

/** The little the evaluator logs through; pino and Fastify's logger fit. */
export interface EvaluatorLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface SloEvaluatorOptions {
  readonly store: XopsStore;
  readonly clock: Clock;
  readonly logger: EvaluatorLogger;
  /** This replica in the lease table, unique per process, e.g. `host:4242:9f2c1a`. */
  readonly holder: string;
  /** Time between evaluations; 10 s by default (the finest bucket). */
  readonly intervalMs?: number;
  /** How long a lease outlives its last renewal; 10 s by default. */
  readonly leaseTtlMs?: number;
  /** How often the holder renews and a standby tries to take over between ticks; a quarter of the TTL by default. */
  readonly leaseRetryMs?: number;
  /** How often the holder rolls old 10-second buckets into 1-minute ones; hourly by default. */
  readonly compactEveryMs?: number;
}

/** What one evaluation did. */
export interface EvaluationOutcome {
  readonly at: number;
  /** This replica held the lease for the whole tick, so it was allowed to write. */
  readonly leader: boolean;
  /** States or transitions were written (false when nothing changed, or not the leader). */
  readonly saved: boolean;
  readonly statuses: readonly SloStatus[];
  readonly transitions: readonly AlertTransition[];
}

export interface SloEvaluator {
  /** Starts the loop: a tick every interval, lease renewal (or a takeover attempt) in between. */
  start(): void;
  /** One tick at `now` (the clock's time by default): lease, definitions, new buckets, evaluation, save. */
  evaluateOnce(now?: number): Promise<EvaluationOutcome>;
  /** The latest status of one SLO; undefined before its first evaluation or when it cannot be compiled. */
  status(slo: string): SloStatus | undefined;
  statuses(): readonly SloStatus[];
  definition(slo: string): SloDefinition | undefined;
  definitions(): readonly SloDefinition[];
  /** Why a stored SLO cannot be evaluated, if it cannot. */
  definitionError(slo: string): string | undefined;
  holdsLease(): boolean;
  /** Stops the loop, waits for the tick in flight, and releases the lease if held. Idempotent. */
  close(): Promise<void>;
}

const keyOf = (key: AlertKey): string => `${key.slo}\u0000${key.objective}\u0000${key.rule}`;
// What makes a stored state worth rewriting; an inactive state that never fired is the same as
// no row at all. The value of a pending or firing alert is shown to people, so it counts then.
const INACTIVE = 'inactive|||';
const stateFingerprint = (state: AlertState): string => {
  const base = `${state.status}|${state.activeSince ?? ''}|${state.firedAt ?? ''}|${state.resolvedAt ?? ''}`;
  const shown = state.status === 'pending' || state.status === 'firing' ? `|${state.severity}|${state.value ?? ''}` : '';
  return `${base}${shown}`;
};

/**
 * The SLO evaluation loop of one replica. Every replica evaluates every SLO on each tick, so
 * every replica can answer the status API; only the holder of the `slo-evaluation` lease writes
 * alert states and transitions, fenced by that lease in the same transaction. A replica that
 * takes the lease over first restores the alert states its predecessor saved, so an alert that
 * already fired does not fire again; while it waits, it follows them every tick.
 *
 * @example const evaluator = createSloEvaluator({ store, clock: systemClock, logger, holder: 'host:42:ab12' });
 *          evaluator.start(); … await evaluator.close();
 */
export function createSloEvaluator(options: SloEvaluatorOptions): SloEvaluator {
  const { store, clock, logger, holder, intervalMs = 10_000, leaseTtlMs = 10_000, compactEveryMs = 3_600_000 } = options;
  const leaseRetryMs = options.leaseRetryMs ?? Math.max(50, Math.floor(leaseTtlMs / 4));
  const engine = createSloEngine();
  const feed = createBucketFeed({ store, engine });

  let compiled: CompiledSlos = { fingerprint: '', definitions: [], errors: new Map() };
  let byName = new Map<string, SloDefinition>();
  let errors = new Map<string, string>();
  // Series the engine asked for in `setDefinitions`, until a sync has loaded them.
  let pendingLoads = new Set<string>();
  let latest = new Map<string, SloStatus>();
  let leader = false;
  // Bumped on every takeover: a tick that began under an older one must not write.
  let epoch = 0;
  let restoredEpoch = -1;
  let saved = new Map<string, string>();
  let lastCompaction = -Infinity;
  let leaseInFlight: Promise<boolean> | undefined;
  let ticks: Promise<unknown> = Promise.resolve();
  let tickTimer: NodeJS.Timeout | undefined;
  let leaseTimer: NodeJS.Timeout | undefined;
  let closing: Promise<void> | undefined;

  function renewLease(now: number): Promise<boolean> {
    leaseInFlight ??= (async () => {
      try {
        const held = await store.acquireLease(SLO_EVALUATION_LEASE, holder, now, leaseTtlMs);
        if (held && !leader) {
          epoch++;
          logger.info({ holder, lease: SLO_EVALUATION_LEASE }, 'took the SLO evaluation lease');
        } else if (!held && leader) {
          logger.warn({ holder, lease: SLO_EVALUATION_LEASE }, 'lost the SLO evaluation lease');
        }
        leader = held;
      } catch (error) {
        // Unsure whether the lease is still ours: behave as a standby until the store answers.
        if (leader) logger.warn({ err: error, holder }, 'cannot renew the SLO evaluation lease');
        leader = false;
      } finally {
        leaseInFlight = undefined;
      }
      return leader;
    })();
    return leaseInFlight;
  }

  async function refreshDefinitions(): Promise<void> {
    const objects = await store.listObjects();
    if (sloInputFingerprint(objects) === compiled.fingerprint) return;
    compiled = compileStoredSlos(objects);
    const outcome = engine.setDefinitions(compiled.definitions);
    errors = new Map(compiled.errors);
    for (const { slo, problems } of outcome.rejected) errors.set(slo, `SLO "${slo}": ${problems.join('; ')}`);
    byName = new Map(compiled.definitions.filter((definition) => !errors.has(definition.name)).map((definition) => [definition.name, definition]));
    pendingLoads = new Set([...pendingLoads, ...outcome.seriesToLoad]);
    for (const [slo, error] of errors) logger.warn({ slo, error }, 'SLO cannot be evaluated');
  }

  async function followStoredStates(): Promise<void> {
    const persisted = await store.listAlertStates();
    engine.restoreAlertStates(persisted);
    saved = new Map(persisted.map((state) => [keyOf(state), stateFingerprint(state)]));
  }

  async function tick(now: number): Promise<EvaluationOutcome> {
    const leading = await renewLease(now);
    const tickEpoch = epoch;
    await refreshDefinitions();
    const synced = await feed.sync([...pendingLoads], compiled.definitions, now);
    pendingLoads = new Set();
    if (synced.refused > 0) logger.warn({ refused: synced.refused }, 'the SLO engine refused malformed buckets');
    // A new holder starts from what the previous one saved; a standby mirrors it every tick, so
    // its status answers agree with the holder's and its takeover starts nearly in step.
    if (!leading || restoredEpoch !== tickEpoch) {
      await followStoredStates();
      if (leading) restoredEpoch = tickEpoch;
    }
    const result = engine.evaluate(now);
    latest = new Map(result.statuses.map((status) => [status.slo, status]));

    const mayWrite = () => leading && leader && epoch === tickEpoch;
    let wrote = false;
    if (mayWrite()) {
      const changed = result.states.filter((state) => (saved.get(keyOf(state)) ?? INACTIVE) !== stateFingerprint(state));
      if (changed.length > 0 || result.transitions.length > 0) {
        wrote = await store.saveEvaluation({ lease: SLO_EVALUATION_LEASE, holder, now, states: changed, transitions: result.transitions });
        if (wrote) for (const state of changed) saved.set(keyOf(state), stateFingerprint(state));
        else {
          leader = false;
          logger.warn({ holder }, 'the SLO evaluation lease was taken over: this tick was not saved');
        }
      }
      if (mayWrite() && now - lastCompaction >= compactEveryMs) {
        lastCompaction = now;
        const removed = await store.compactBuckets(now);
        if (removed > 0) logger.info({ removed }, 'compacted SLI buckets');
      }
    }
    return { at: now, leader: leading && epoch === tickEpoch, saved: wrote, statuses: result.statuses, transitions: result.transitions };
  }

  function evaluateOnce(now: number = clock.now()): Promise<EvaluationOutcome> {
    const run = ticks.then(() => tick(now));
    ticks = run.catch(() => undefined);
    return run;
  }

  function scheduleTick(delayMs: number): void {
    tickTimer = setTimeout(() => {
      const started = clock.now();
      evaluateOnce(started)
        .catch((error: unknown) => logger.error({ err: error }, 'SLO evaluation failed'))
        .finally(() => {
          if (closing === undefined) scheduleTick(Math.max(0, intervalMs - (clock.now() - started)));
        });
    }, delayMs);
    tickTimer.unref();
  }

  return {
    start() {
      if (tickTimer !== undefined || closing !== undefined) return;
      scheduleTick(0);
      leaseTimer = setInterval(() => { void renewLease(clock.now()); }, leaseRetryMs);
      leaseTimer.unref();
    },
    evaluateOnce,
    status: (slo) => latest.get(slo),
    statuses: () => [...latest.values()],
    definition: (slo) => byName.get(slo),
    definitions: () => [...byName.values()],
    definitionError: (slo) => errors.get(slo),
    holdsLease: () => leader,
    close() {
      closing ??= (async () => {
        clearTimeout(tickTimer);
        clearInterval(leaseTimer);
        await ticks;
        await leaseInFlight;
        if (leader) {
          leader = false;
          await store.releaseLease(SLO_EVALUATION_LEASE, holder);
          logger.info({ holder }, 'released the SLO evaluation lease');
        }
      })();
      return closing;
    },
  };
}
