import { BucketSums, type SliEvent } from '@xops/contracts';
import type { Bucket } from '@xops/core';
import type { IngestTarget, ThresholdObjective } from './ingest-target';

/** The buckets to write for one request, per series. */
export interface SeriesBuckets {
  readonly seriesKey: string;
  readonly buckets: readonly Bucket[];
}

/**
 * Sums a request's events into 10-second buckets, per series. A ratio SLI's counts go to its own
 * series. A threshold SLI's values go to one series per objective that uses the SLI: each value
 * is one event (total 1), good when `value <op> objective.value` holds (OpenSLO: a threshold
 * objective counts the values that meet it).
 */
export function ingestBuckets(target: IngestTarget, events: readonly SliEvent[]): SeriesBuckets[] {
  if (target.kind === 'ratio') {
    const sums = new BucketSums();
    for (const event of events) if (event.kind === 'ratio') sums.add(event.ts, event.good, event.total);
    return [{ seriesKey: target.seriesKey, buckets: sums.buckets() }];
  }
  return target.objectives.map((objective) => {
    const sums = new BucketSums();
    for (const event of events) if (event.kind === 'value') sums.add(event.ts, meets(event.value, objective) ? 1 : 0, 1);
    return { seriesKey: objective.seriesKey, buckets: sums.buckets() };
  });
}

function meets(value: number, objective: ThresholdObjective): boolean {
  switch (objective.op) {
    case 'lt': return value < objective.value;
    case 'lte': return value <= objective.value;
    case 'gt': return value > objective.value;
    case 'gte': return value >= objective.value;
  }
}
