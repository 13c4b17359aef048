// The request traffic of the bench's fleet: per service a seeded, minute by minute model of
// requests and errors, written as OpenMetrics for promtool and as the buckets xops backfills.
import { open } from 'node:fs/promises';
import type { Bucket } from '@xops/core';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The time the data covers: one sample a minute from `from` to `to`, both included (ms, whole minutes). */
export interface DataSpan {
  readonly from: number;
  readonly to: number;
}

/** The name of service `i`: `svc-000` … `svc-099`. */
export const serviceName = (i: number): string => `svc-${String(i).padStart(3, '0')}`;

/** mulberry32: a small seeded PRNG, so every run generates the same traffic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A count with mean `mean`: Poisson (Knuth's method) when small, its normal approximation when large. */
function poisson(random: () => number, mean: number): number {
  if (mean <= 0) return 0;
  if (mean < 30) {
    const limit = Math.exp(-mean);
    let k = 0;
    for (let p = random(); p > limit; p *= random()) k += 1;
    return k;
  }
  const gauss = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Math.max(0, Math.round(mean + Math.sqrt(mean) * gauss));
}

/** One service's traffic: requests a minute, a daily shape, a base error ratio and a few incidents. */
export interface TrafficModel {
  readonly perMinute: number;
  readonly phase: number;
  readonly errorRatio: number;
  readonly incidents: readonly { readonly from: number; readonly to: number; readonly errorRatio: number }[];
  /** A process restart (counters back to 0) at this minute, or none. */
  readonly restartAt: number | undefined;
}

/**
 * Service `i`'s model: 60–600 requests a minute (±40 % over the day), a base error ratio of
 * 0.005–0.2 % (some services well inside a 99.9 % objective, some beyond it), up to two incidents
 * of 5–90 minutes at 1–30 % errors, a restart for about a third of them, and for every 20th
 * service an incident now (5 % errors for the last 30 minutes), so that the page tiers fire.
 */
export function trafficModel(i: number, span: DataSpan): TrafficModel {
  const random = prng(1000 + i);
  const incidents = Array.from({ length: Math.floor(random() * 3) }, () => {
    const from = span.from + Math.floor(random() * (span.to - span.from - 2 * HOUR));
    return { from, to: from + (5 + Math.floor(random() * 85)) * MINUTE, errorRatio: 0.01 + random() * 0.29 };
  });
  if (i % 20 === 0) incidents.push({ from: span.to - 30 * MINUTE, to: span.to + HOUR, errorRatio: 0.05 });
  return {
    perMinute: 60 + random() * 540,
    phase: random() * 2 * Math.PI,
    errorRatio: 10 ** (-4.3 + random() * 1.6),
    incidents,
    restartAt: random() < 0.3 ? span.from + Math.floor((random() * (span.to - span.from)) / MINUTE) * MINUTE : undefined,
  };
}

/** The good and bad requests of one service in `[t, t + spanMs)`. */
export function trafficAt(model: TrafficModel, random: () => number, t: number, spanMs: number): { good: number; bad: number } {
  const mean = model.perMinute * (spanMs / MINUTE) * (1 + 0.4 * Math.sin((2 * Math.PI * (t % DAY)) / DAY + model.phase));
  const total = poisson(random, mean);
  const errorRatio = model.incidents.find((incident) => t >= incident.from && t < incident.to)?.errorRatio ?? model.errorRatio;
  const bad = Math.min(total, poisson(random, total * errorRatio));
  return { good: total - bad, bad };
}

/** What one service's counters gained each minute of the span: good and bad requests. */
export interface MinuteCounts {
  readonly good: Int32Array;
  readonly bad: Int32Array;
}

/**
 * Writes OpenMetrics for `promtool tsdb create-blocks-from openmetrics`: per service the counters
 * `http_requests_total{service, code="200"}` and `{code="500"}`, one sample a minute with the
 * timestamp in seconds, each series whole and in time order, `# EOF` at the end. Returns what
 * each minute added, for xops.
 */
export async function writeOpenMetrics(path: string, services: number, span: DataSpan): Promise<MinuteCounts[]> {
  const file = await open(path, 'w');
  const counts: MinuteCounts[] = [];
  const minutes = (span.to - span.from) / MINUTE + 1;
  // Lines go straight into two reused buffers, one per series: 8.6 million lines as strings kept
  // for a join spend most of their time in the garbage collector.
  const lineBytes = 128;
  const series = [Buffer.allocUnsafe(minutes * lineBytes), Buffer.allocUnsafe(minutes * lineBytes)] as const;
  try {
    await file.write('# TYPE http_requests counter\n');
    for (let i = 0; i < services; i += 1) {
      const model = trafficModel(i, span);
      const random = prng(i);
      const added = { good: new Int32Array(minutes), bad: new Int32Array(minutes) };
      const prefixes = [`http_requests_total{service="${serviceName(i)}",code="200"} `, `http_requests_total{service="${serviceName(i)}",code="500"} `];
      const lengths = [0, 0];
      const line = (k: 0 | 1, value: number, t: number) => {
        const buffer = series[k];
        let at = lengths[k] ?? 0;
        at += buffer.write(prefixes[k] ?? '', at, 'latin1');
        at += buffer.write(`${value} ${t / SECOND}\n`, at, 'latin1');
        lengths[k] = at;
      };
      // A process that has been up for a while: counters do not start at 0.
      let good = Math.floor(random() * 1e6);
      let bad = Math.floor(random() * 1e3);
      for (let m = 0; m < minutes; m += 1) {
        const t = span.from + m * MINUTE;
        const minute = trafficAt(model, random, t, MINUTE);
        if (t === model.restartAt) good = bad = 0;
        good += minute.good;
        bad += minute.bad;
        added.good[m] = minute.good;
        added.bad[m] = minute.bad;
        line(0, good, t);
        line(1, bad, t);
      }
      await file.write(series[0].subarray(0, lengths[0]));
      await file.write(series[1].subarray(0, lengths[1]));
      counts.push(added);
    }
    await file.write('# EOF\n');
  } finally {
    await file.close();
  }
  return counts;
}

/**
 * The 10-second buckets xops' PromQL backfill makes of one service's counters (docs/adr/0008):
 * what a sample gained since the one before lands in the bucket that starts at its timestamp, the
 * first sample only sets the baseline, a restart's gain is the new value (that minute's count),
 * and buckets that counted nothing are not written.
 */
export function backfilledBuckets(counts: MinuteCounts, span: DataSpan): Bucket[] {
  const buckets: Bucket[] = [];
  for (let m = 1; m < counts.good.length; m += 1) {
    const good = counts.good[m] ?? 0;
    const total = good + (counts.bad[m] ?? 0);
    if (total > 0) buckets.push({ start: span.from + m * MINUTE, good, total });
  }
  return buckets;
}
