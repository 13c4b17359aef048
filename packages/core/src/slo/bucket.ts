/**
 * The unit of all SLI data (DESIGN.md §4): counts of good and total events in the interval
 * `[start, start + resolution)`. Times are epoch milliseconds, UTC.
 */
export interface Bucket {
  readonly start: number;
  readonly good: number;
  readonly total: number;
}

/** A bucket as it reaches the SLO engine: with its length, 10 000 ms for recent data, coarser further back. */
export interface SeriesBucket extends Bucket {
  readonly resolutionMs: number;
}

/** The finest bucket resolution: 10 s (DESIGN.md §4). */
export const FINE_BUCKET_MS = 10_000;
