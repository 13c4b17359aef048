import type { SampleKind } from '../sample';
import type { WriteMetadata } from './decode-write-request';

// Prometheus' naming conventions for running totals: counters end in `_total`, and a
// histogram's or summary's `_bucket`, `_count` and `_sum` only ever grow (until a reset).
const CUMULATIVE_SUFFIXES = ['_total', '_count', '_bucket', '_sum'] as const;

// MetricMetadata.MetricType (prompb/types.proto).
const COUNTER = 1;
const GAUGE = 2;
const GAUGE_HISTOGRAM = 4;

/**
 * How to read a remote-written series, which carries no type of its own: by the metadata of
 * its family when the same request has some, otherwise by Prometheus' naming conventions
 * (`_total`, `_count`, `_bucket`, `_sum`: cumulative; anything else: gauge).
 *
 * Prometheus sends metadata in requests of their own (every minute by default), so the naming
 * rule decides for most series; metadata refines it for senders that send both together.
 *
 * @example seriesKindFor([])('http_requests_total') === 'cumulative'
 */
export function seriesKindFor(metadata: readonly WriteMetadata[]): (name: string) => SampleKind {
  const known = new Map<string, SampleKind>();
  for (const { family, type } of metadata) {
    if (type === COUNTER) {
      known.set(family, 'cumulative');
      known.set(`${family}_total`, 'cumulative');
    } else if (type === GAUGE) {
      known.set(family, 'gauge');
    } else if (type === GAUGE_HISTOGRAM) {
      // A gauge histogram's buckets go up and down (OpenMetrics), unlike a histogram's.
      for (const suffix of ['_bucket', '_gcount', '_gsum']) known.set(family + suffix, 'gauge');
    }
  }
  // The answer for a name is kept: a request repeats a few metric names over its many series.
  return (name) => {
    let kind = known.get(name);
    if (kind === undefined) {
      kind = CUMULATIVE_SUFFIXES.some((suffix) => name.endsWith(suffix)) ? 'cumulative' : 'gauge';
      known.set(name, kind);
    }
    return kind;
  };
}
