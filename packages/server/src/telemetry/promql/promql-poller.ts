import type { TargetHealth } from '@xops/contracts';
import { FINE_BUCKET_MS } from '@xops/core';
import type { XopsStore } from '@xops/store';
import type { Clock } from '../../clock/clock';
import { createLeaseKeeper, type LeaseLogger } from '../../lease/lease-keeper';
import { fillSeries, promqlSeriesPlans } from './promql-backfill';

/** The lease the PromQL poll runs under (DESIGN.md §5): one replica queries, the others stand by. */
export const PROMQL_POLL_LEASE = 'telemetry-promql';

export interface PromqlPollerOptions {
  readonly store: XopsStore;
  readonly clock: Clock;
  readonly logger: LeaseLogger;
  readonly holder: string;
  /** How often the newest buckets are queried; 30 s by default. */
  readonly intervalMs?: number;
  /**
   * How far back each poll re-reads, in ms; 5 min by default. Prometheus scrapes late and
   * remote-written samples arrive late, so recent buckets are replaced until they settle.
   */
  readonly lookbackMs?: number;
  readonly leaseTtlMs?: number;
}

export interface PromqlPoller {
  start(): void;
  /** Takes the lease if it can and polls every source now; resolves when done. */
  pollAll(): Promise<void>;
  /** Every PromQL DataSource with its health, as `GET /api/v1/targets` lists it. */
  sources(): TargetHealth[];
  close(): Promise<void>;
}

/**
 * Every `intervalMs`, on the replica holding the `telemetry-promql` lease, queries the series fed
 * by PromQL DataSources over the last `lookbackMs` of whole buckets and writes them with
 * `replace`. A source that is down (or refuses) is marked down with the reason; the series of
 * other sources, and the server, go on.
 */
export function createPromqlPoller(options: PromqlPollerOptions): PromqlPoller {
  const { store, clock, logger, holder, intervalMs = 30_000, lookbackMs = 5 * 60_000, leaseTtlMs = 3 * intervalMs } = options;
  const lease = createLeaseKeeper({ store, name: PROMQL_POLL_LEASE, holder, ttlMs: leaseTtlMs, logger });
  let health = new Map<string, TargetHealth>();
  let timer: NodeJS.Timeout | undefined;
  let polling: Promise<void> | undefined;

  async function poll(): Promise<void> {
    const now = clock.now();
    if (!await lease.renew(now)) return;
    const objects = (await Promise.all(['DataSource', 'SLI', 'SLO'].map((kind) => store.listObjects(kind)))).flat();
    const { plans, sources } = promqlSeriesPlans(objects);
    const next = new Map<string, TargetHealth>();
    for (const source of sources.values()) {
      const known = health.get(source.dataSource);
      next.set(source.dataSource, known?.url === source.url ? known : {
        dataSource: source.dataSource, url: source.url, health: 'unknown', intervalMs, timeoutMs: source.timeoutMs,
        lastScrape: null, lastDurationMs: null, lastError: null, samples: 0, kind: 'promql',
      });
    }
    health = next;
    const to = Math.floor(now / FINE_BUCKET_MS) * FINE_BUCKET_MS;
    const outcome = new Map<string, { error: string | null; buckets: number }>();
    for (const plan of plans) {
      const names = [...new Set(plan.rules.flatMap((rule) => (rule.dataSource === undefined ? [] : [rule.dataSource])))];
      if (names.some((name) => outcome.get(name)?.error)) continue;
      const filled = await fillSeries(store, sources, plan, to - lookbackMs, to);
      for (const name of names) {
        const seen = outcome.get(name) ?? { error: null, buckets: 0 };
        outcome.set(name, filled.ok ? { ...seen, buckets: seen.buckets + filled.buckets } : { ...seen, error: filled.dataSource === undefined || filled.dataSource === name ? filled.error : seen.error });
      }
    }
    for (const [name, result] of outcome) {
      const state = health.get(name);
      if (state === undefined) continue;
      if (result.error !== null && state.health !== 'down') logger.warn({ dataSource: name, error: result.error }, 'PromQL data source is down');
      health.set(name, {
        ...state, health: result.error === null ? 'up' : 'down', lastError: result.error, lastScrape: new Date(now).toISOString(),
        lastDurationMs: clock.now() - now, samples: result.error === null ? result.buckets : state.samples,
      });
    }
  }

  const run = (): Promise<void> => {
    polling ??= poll().catch((error: unknown) => logger.warn({ err: error }, 'the PromQL poll failed; it will try again')).finally(() => { polling = undefined; });
    return polling;
  };

  return {
    start() {
      timer ??= setInterval(() => { void run(); }, intervalMs);
    },
    pollAll: run,
    sources: () => [...health.values()].sort((a, b) => a.dataSource.localeCompare(b.dataSource)),
    async close() {
      clearInterval(timer);
      timer = undefined;
      await polling;
      await lease.release();
    },
  };
}
