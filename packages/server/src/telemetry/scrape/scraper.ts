import type { TargetHealth } from '@xops/contracts';
import type { XopsStore } from '@xops/store';
import type { Clock } from '../../clock/clock';
import { createLeaseKeeper, type LeaseLogger } from '../../lease/lease-keeper';
import type { SampleSink } from '../sample';
import { scrapeTarget } from './scrape-target';
import { scrapeTargets, type ScrapeTarget } from './scrape-targets';

/** The lease the scrape loop runs under (DESIGN.md §5): one replica scrapes, so counts are not doubled. */
export const SCRAPE_LEASE = 'telemetry-scrape';

export interface ScraperOptions {
  readonly store: XopsStore;
  readonly sink: SampleSink;
  readonly clock: Clock;
  readonly logger: LeaseLogger;
  /** This replica in the lease table. */
  readonly holder: string;
  /** How often the loop looks for due targets and renews the lease; 1 s by default. */
  readonly tickMs?: number;
  readonly leaseTtlMs?: number;
  /** How often the DataSources are re-read; 5 s by default. */
  readonly refreshEveryMs?: number;
}

export interface Scraper {
  start(): void;
  /** Takes the lease if it can, re-reads the targets, and scrapes every one now, waiting for all. */
  scrapeAll(): Promise<void>;
  /** Every target with its health, ordered by DataSource then URL. */
  targets(): TargetHealth[];
  /** True while this replica holds the scrape lease. */
  scraping(): boolean;
  /** Stops the loop, waits for scrapes in flight, releases the lease. */
  close(): Promise<void>;
}

interface TargetState {
  target: ScrapeTarget;
  health: TargetHealth['health'];
  nextAt: number;
  inFlight?: Promise<void>;
  lastScrape: number | null;
  lastDurationMs: number | null;
  lastError: string | null;
  samples: number;
}

/**
 * Scrapes the targets of `prometheus-scrape` DataSources on their intervals and hands the samples
 * to `sink` as cumulative batches of source `scrape:<url>` (gauges apart). Runs only while this
 * replica holds the `telemetry-scrape` lease. A target that hangs, fails or sends garbage is
 * marked down with the reason; nothing else is affected.
 */
export function createScraper(options: ScraperOptions): Scraper {
  const { store, sink, clock, logger, holder, tickMs = 1000, leaseTtlMs = 10_000, refreshEveryMs = 5000 } = options;
  const lease = createLeaseKeeper({ store, name: SCRAPE_LEASE, holder, ttlMs: leaseTtlMs, logger });
  let states = new Map<string, TargetState>();
  let lastRefresh = -Infinity;
  let timer: NodeJS.Timeout | undefined;
  let ticking: Promise<void> | undefined;

  async function refresh(now: number): Promise<void> {
    lastRefresh = now;
    const next = new Map<string, TargetState>();
    for (const target of scrapeTargets(await store.listObjects('DataSource'))) {
      const key = `${target.dataSource}\u0000${target.url}`;
      const known = states.get(key);
      next.set(key, known ? Object.assign(known, { target }) : {
        target, health: 'unknown', nextAt: now, lastScrape: null, lastDurationMs: null, lastError: null, samples: 0,
      });
    }
    states = next;
  }

  function scrape(state: TargetState, now: number): Promise<void> {
    state.nextAt = now + state.target.intervalMs;
    state.inFlight ??= (async () => {
      const started = clock.now();
      const result = await scrapeTarget(state.target.url, { timeoutMs: state.target.timeoutMs, scrapedAt: started });
      state.lastScrape = started;
      state.lastDurationMs = clock.now() - started;
      if (!result.ok) {
        if (state.health !== 'down') logger.warn({ target: state.target.url, error: result.error }, 'scrape target is down');
        Object.assign(state, { health: 'down', lastError: result.error });
        return;
      }
      const source = `scrape:${state.target.url}`;
      try {
        await sink.accept({ kind: 'cumulative', source, samples: result.value.cumulative });
        await sink.accept({ kind: 'gauge', source, samples: result.value.gauges });
        Object.assign(state, { health: 'up', lastError: null, samples: result.value.cumulative.length + result.value.gauges.length });
      } catch (error) {
        Object.assign(state, { health: 'down', lastError: `the samples could not be stored: ${error instanceof Error ? error.message : String(error)}` });
      }
    })().finally(() => { state.inFlight = undefined; });
    return state.inFlight;
  }

  async function prepare(now: number): Promise<boolean> {
    const leading = await lease.renew(now);
    if (now - lastRefresh >= refreshEveryMs || !leading) await refresh(now);
    return leading;
  }

  async function tick(): Promise<void> {
    const now = clock.now();
    if (!await prepare(now)) return;
    for (const state of states.values()) if (state.nextAt <= now && state.inFlight === undefined) void scrape(state, now);
  }

  return {
    start() {
      timer ??= setInterval(() => {
        ticking ??= tick().catch((error: unknown) => logger.warn({ err: error }, 'the scrape loop failed; it will try again')).finally(() => { ticking = undefined; });
      }, tickMs);
    },
    async scrapeAll() {
      const now = clock.now();
      await refresh(now);
      if (!await prepare(now)) return;
      await Promise.all([...states.values()].map((state) => state.inFlight ?? scrape(state, now)));
    },
    targets: () => [...states.values()]
      .map((state) => ({
        dataSource: state.target.dataSource, url: state.target.url, health: state.health,
        intervalMs: state.target.intervalMs, timeoutMs: state.target.timeoutMs,
        lastScrape: state.lastScrape === null ? null : new Date(state.lastScrape).toISOString(),
        lastDurationMs: state.lastDurationMs, lastError: state.lastError, samples: state.samples,
      }))
      .sort((a, b) => a.dataSource.localeCompare(b.dataSource) || a.url.localeCompare(b.url)),
    scraping: () => lease.holds(),
    async close() {
      clearInterval(timer);
      timer = undefined;
      await ticking;
      await Promise.all([...states.values()].map((state) => state.inFlight));
      await lease.release();
    },
  };
}
