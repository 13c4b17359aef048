import { matchesSelector } from '@xops/contracts';
import type { XopsStore } from '@xops/store';
import type { Clock } from '../clock/clock';
import { CounterDeltas } from './counter-deltas';
import { SignalAggregator } from './golden-signals/signal-aggregator';
import { compileSignalRules, signalRulesFingerprint } from './golden-signals/signal-rules';
import { PendingBuckets } from './pending-buckets';
import type { Sample, SampleBatch, SampleSink } from './sample';
import { compileSelectorRules, selectorRulesFingerprint, type SelectorRule } from './selector-rules';

/** The little the sink logs through; pino and Fastify's logger fit. */
export interface SinkLogger {
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface TelemetrySinkOptions {
  readonly store: XopsStore;
  readonly clock: Clock;
  readonly logger: SinkLogger;
  /** How long after its end a bucket is held for the rest of its counts before it is written; 20 s by default. */
  readonly holdMs?: number;
  /** How often held buckets are checked and written, once started; 5 s by default. */
  readonly flushEveryMs?: number;
  /** How often the SLIs are re-read to see whether their selectors changed; 5 s by default. */
  readonly refreshEveryMs?: number;
}

/** The sample sink with its loop and what it can tell about itself. */
export interface TelemetrySink extends SampleSink {
  /** Writes held buckets every `flushEveryMs`. */
  start(): void;
  /** Writes the buckets that are due at `now` (the clock's by default; `Infinity` writes all); returns how many. */
  flush(now?: number): Promise<number>;
  /** Re-reads the selectors of the SLIs now, rather than at the next refresh. */
  refresh(): Promise<void>;
  /** Why a selector counts nothing although samples come: a histogram without the bucket its objective needs. */
  problems(): readonly string[];
  /** Stops the loop and writes every held bucket. */
  close(): Promise<void>;
}

/**
 * The `SampleSink` every telemetry path hands its samples to (DESIGN.md §4). Each sample is
 * matched against the selectors of the SLIs fed by xops (`compileSelectorRules`); a matched
 * counter sample becomes an increase (`CounterDeltas`, per source and series; delta batches are
 * increases already; gauges feed no SLI), added to its rule's role in the 10-second bucket of its
 * timestamp and held (`PendingBuckets`) until the bucket is `holdMs` old, then written with
 * `writeBuckets(seriesKey, …, 'add')`, so replicas and paths that see different samples add up.
 */
export function createTelemetrySink(options: TelemetrySinkOptions): TelemetrySink {
  const { store, clock, logger, holdMs = 20_000, flushEveryMs = 5_000, refreshEveryMs = 5_000 } = options;
  const deltas = new CounterDeltas();
  const pending = new PendingBuckets();
  // Golden signals of the Services that declare them (`xops.dev/*` annotations), held the same way.
  const signals = new SignalAggregator();
  let signalFingerprint: string | undefined;
  let fingerprint: string | undefined;
  let byName = new Map<string, SelectorRule[]>();
  let badSeries = new Set<string>();
  // Histogram rule → the `le` bounds seen on its series, to report an objective value that is none of them.
  let bounds = new Map<SelectorRule, Set<string>>();
  // Latency series, and those of them whose objective's bucket has been seen: until it has, the
  // `_count` alone would count every request as slow, so nothing is written (problems() says why).
  let histogramSeries = new Set<string>();
  const bucketSeen = new Set<string>();
  let lastRefresh = -Infinity;
  let lastSweep = -Infinity;
  let refreshing: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;

  const refresh = (): Promise<void> => {
    refreshing ??= (async () => {
      try {
        const objects = await store.listObjects();
        lastRefresh = clock.now();
        const nextSignals = signalRulesFingerprint(objects);
        if (nextSignals !== signalFingerprint) {
          signalFingerprint = nextSignals;
          signals.setRules(compileSignalRules(objects));
        }
        const next = selectorRulesFingerprint(objects);
        if (next === fingerprint) return;
        fingerprint = next;
        const rules = compileSelectorRules(objects);
        byName = new Map();
        for (const rule of rules) byName.set(rule.selector.name, [...byName.get(rule.selector.name) ?? [], rule]);
        badSeries = new Set(rules.filter((rule) => rule.role === 'bad').map((rule) => rule.seriesKey));
        bounds = new Map(rules.filter((rule) => rule.le !== undefined).map((rule) => [rule, new Set<string>()]));
        histogramSeries = new Set(rules.filter((rule) => rule.le !== undefined).map((rule) => rule.seriesKey));
      } finally {
        refreshing = undefined;
      }
    })();
    return refreshing;
  };

  const matchingRules = (sample: Sample): readonly SelectorRule[] => byName.get(sample.name)?.filter((rule) => {
    if (!matchesSelector(rule.selector, sample.name, sample.labels)) return false;
    if (rule.le === undefined) return true;
    const le = sample.labels.le ?? '';
    bounds.get(rule)?.add(le);
    if (Number(le) !== rule.le) return false;
    bucketSeen.add(rule.seriesKey);
    return true;
  }) ?? NO_RULES;

  async function flush(now = clock.now()): Promise<number> {
    let written = 0;
    for (const { seriesKey, buckets } of pending.takeDue(now, holdMs)) {
      if (histogramSeries.has(seriesKey) && !bucketSeen.has(seriesKey)) continue;
      try {
        written += await store.writeBuckets(seriesKey, buckets, 'add');
      } catch (error) {
        // Held again, so the next flush retries them: a database that blinks loses no counts.
        pending.restore(seriesKey, buckets);
        logger.error({ err: error, seriesKey }, 'cannot write SLI buckets from telemetry; will retry');
      }
    }
    const dueSignals = signals.takeDue(now, holdMs);
    try {
      written += await store.writeSignalBuckets(dueSignals);
    } catch (error) {
      signals.restore(dueSignals);
      logger.error({ err: error }, 'cannot write golden-signal buckets from telemetry; will retry');
    }
    // Every series is visited: once a minute is enough to forget what went away.
    if (now - lastSweep >= SWEEP_EVERY_MS) {
      deltas.sweep(now);
      lastSweep = now;
    }
    return written;
  }

  return {
    async accept(batch: SampleBatch) {
      const now = clock.now();
      if (now - lastRefresh >= refreshEveryMs) await refresh();
      let matched = 0;
      let latest = -Infinity;
      const knownSource = batch.kind === 'cumulative' && deltas.knows(batch.source, batch.samples.reduce((first, sample) => Math.min(first, sample.timestampMs), Infinity));
      for (const sample of batch.samples) {
        if (!Number.isFinite(sample.value)) continue;
        latest = Math.max(latest, sample.timestampMs);
        // Every counter is followed, matched or not: a selector applied later must not count a
        // series' whole past as one increase.
        const increase = batch.kind === 'cumulative'
          ? deltas.delta(batch.source, sample.series ?? `${sample.name}\u0000${labelsKey(sample.labels)}`, sample.timestampMs, sample.value, knownSource)
          : batch.kind === 'delta' && sample.value >= 0 ? sample.value : undefined;
        const signalled = signals.observe(sample, increase);
        const rules = matchingRules(sample);
        if (rules.length === 0) {
          if (signalled) matched++;
          continue;
        }
        matched++;
        if (increase === undefined) continue;
        for (const rule of rules) pending.add({ seriesKey: rule.seriesKey, fromBad: badSeries.has(rule.seriesKey) }, rule.role, sample.timestampMs, increase);
      }
      if (batch.kind === 'cumulative' && latest > -Infinity) deltas.saw(batch.source, latest);
      await flush(now);
      return { samples: batch.samples.length, matched };
    },
    flush,
    refresh,
    problems() {
      const problems: string[] = [];
      for (const [rule, seen] of bounds) {
        if (seen.size === 0 || rule.le === undefined || [...seen].some((le) => Number(le) === rule.le)) continue;
        const sorted = [...seen].sort((a, b) => Number(a) - Number(b));
        problems.push(`${rule.owner}: ${rule.selector.name} has no bucket with le="${rule.le}", so nothing is counted; its bounds are ${sorted.join(', ')}: set the objective's value to one of them`);
      }
      return problems;
    },
    start() {
      timer ??= setInterval(() => {
        flush().catch((error: unknown) => logger.error({ err: error }, 'flushing SLI buckets failed'));
      }, flushEveryMs);
      timer.unref();
    },
    async close() {
      clearInterval(timer);
      timer = undefined;
      await flush(Infinity);
    },
  };
}

const NO_RULES: readonly SelectorRule[] = [];
const SWEEP_EVERY_MS = 60_000;

/** The labels of a series in one order, so that the same series always gets the same key. */
function labelsKey(labels: Readonly<Record<string, string>>): string {
  // Remote write and most exporters already send labels sorted by name: then the object itself,
  // in its own key order, is the canonical form, and sorting a copy would be wasted work.
  const names = Object.keys(labels);
  for (let i = 1; i < names.length; i++) {
    if (names[i - 1]! > names[i]!) return JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  return JSON.stringify(Object.entries(labels));
}
