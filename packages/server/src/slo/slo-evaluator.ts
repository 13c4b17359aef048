import { createSloEngine, type AlertState, type AlertTransition, type SloDefinition, type SloStatus } from '@xops/core';
import type { XopsStore } from '@xops/store';
import type { Clock } from '../clock/clock';
import { createLeaseKeeper } from '../lease/lease-keeper';
import { alertChanges, alertKey } from './alert-changes';
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
  /** How often the holder rolls old 10-second SLI and golden-signal buckets into 1-minute ones; hourly by default. */
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
  const lease = createLeaseKeeper({ store, name: SLO_EVALUATION_LEASE, holder, ttlMs: leaseTtlMs, logger });

  let compiled: CompiledSlos = { fingerprint: '', definitions: [], errors: new Map() };
  let byName = new Map<string, SloDefinition>();
  let errors = new Map<string, string>();
  let latest = new Map<string, SloStatus>();
  // What the store holds, as this replica last read or wrote it; and under which lease term it
  // last read it as the holder (a new term starts from the store).
  let saved = new Map<string, AlertState>();
  let restoredTerm = -1;
  let lastCompaction = -Infinity;
  let ticks: Promise<unknown> = Promise.resolve();
  let tickTimer: NodeJS.Timeout | undefined;
  let leaseTimer: NodeJS.Timeout | undefined;
  let closing: Promise<void> | undefined;

  /** Recompiles when an SLO or what it is made of changed; true when it did. */
  async function refreshDefinitions(): Promise<boolean> {
    const objects = await store.listObjects();
    if (sloInputFingerprint(objects) === compiled.fingerprint) return false;
    compiled = compileStoredSlos(objects);
    const outcome = engine.setDefinitions(compiled.definitions);
    errors = new Map(compiled.errors);
    for (const { slo, problems } of outcome.rejected) errors.set(slo, `SLO "${slo}": ${problems.join('; ')}`);
    byName = new Map(compiled.definitions.filter((definition) => !errors.has(definition.name)).map((definition) => [definition.name, definition]));
    feed.requestLoad(outcome.seriesToLoad);
    for (const [slo, error] of errors) logger.warn({ slo, error }, 'SLO cannot be evaluated');
    return true;
  }

  async function readStoredStates(): Promise<void> {
    const persisted = await store.listAlertStates();
    engine.restoreAlertStates(persisted);
    saved = new Map(persisted.map((state) => [alertKey(state), state]));
  }

  async function compact(now: number): Promise<void> {
    lastCompaction = now;
    try {
      const removed = await store.compactBuckets(now);
      if (removed > 0) logger.info({ removed }, 'compacted SLI buckets');
    } catch (error) {
      // The evaluation is saved; compaction tries again at its next turn.
      logger.error({ err: error }, 'compacting SLI buckets failed');
    }
    // Golden-signal rows roll up on the same turn and the same day-old boundary (ADR 0009).
    try {
      const removed = await store.compactSignalBuckets(now);
      if (removed > 0) logger.info({ removed }, 'rolled up golden-signal buckets');
    } catch (error) {
      logger.error({ err: error }, 'rolling up golden-signal buckets failed');
    }
  }

  async function tick(now: number): Promise<EvaluationOutcome> {
    const leading = await lease.renew(now);
    const term = lease.term();
    const redefined = await refreshDefinitions();
    const synced = await feed.sync(compiled.definitions, now);
    if (synced.refused > 0) logger.warn({ refused: synced.refused }, 'the SLO engine refused malformed buckets');
    // A new holder starts from what the previous one saved; a standby mirrors it every tick, so
    // its status answers agree with the holder's and its takeover starts in step. An SLO that
    // comes back (it could not be compiled for a while) starts from its saved alerts too, or
    // it would fire again what is still firing.
    if (!leading || restoredTerm !== term) {
      await readStoredStates();
      if (leading) restoredTerm = term;
    } else if (redefined) {
      engine.restoreAlertStates([...saved.values()]);
    }
    const result = engine.evaluate(now);
    latest = new Map(result.statuses.map((status) => [status.slo, status]));

    // Still the holder, and in the same term: no other replica can have written since this tick began.
    const mayWrite = () => leading && lease.holds() && lease.term() === term;
    if (!mayWrite()) return { at: now, leader: false, saved: false, statuses: result.statuses, transitions: result.transitions };
    const changes = alertChanges({ saved, evaluated: result.states, transitions: result.transitions, unknown: new Set(errors.keys()), now });
    let wrote = false;
    if (changes.states.length > 0 || changes.transitions.length > 0) {
      wrote = await store.saveEvaluation({ lease: SLO_EVALUATION_LEASE, holder, now, ...changes });
      if (wrote) for (const state of changes.states) saved.set(alertKey(state), state);
      else lease.lost();
    }
    if (mayWrite() && now - lastCompaction >= compactEveryMs) await compact(now);
    return { at: now, leader: wrote || mayWrite(), saved: wrote, statuses: result.statuses, transitions: changes.transitions };
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
      // Between ticks: the holder renews, a standby tries to take over.
      leaseTimer = setInterval(() => { void lease.renew(clock.now()); }, leaseRetryMs);
      leaseTimer.unref();
    },
    evaluateOnce,
    status: (slo) => latest.get(slo),
    statuses: () => [...latest.values()],
    definition: (slo) => byName.get(slo),
    definitions: () => [...byName.values()],
    definitionError: (slo) => errors.get(slo),
    holdsLease: () => lease.holds(),
    close() {
      closing ??= (async () => {
        clearTimeout(tickTimer);
        clearInterval(leaseTimer);
        await ticks;
        await lease.release();
      })();
      return closing;
    },
  };
}
