import { FINE_BUCKET_MS, type SloDefinition } from '@xops/core';
import type { StoredBucket, XopsStore } from '@xops/store';
import { seriesNeeds } from './series-needs';

/** Where the feed delivers buckets: the engine. A bucket given twice replaces the first. */
export interface BucketSink {
  ingest(seriesKey: string, bucket: StoredBucket): void;
}

/** What one `sync` did: buckets loaded by range for new or longer windows, and followed as changes. */
export interface FeedSyncResult {
  readonly loaded: number;
  readonly followed: number;
}

/**
 * The newest change sequence number of the bucket store, found with O(log n) one-row reads of
 * the change stream (the port has no "latest" call; each read is an index seek on `seq`).
 * `readBucketChanges(x, 1)` is non-empty exactly while x is below the newest number.
 */
export async function latestBucketSeq(store: XopsStore): Promise<number> {
  const after = async (seq: number) => (await store.readBucketChanges(seq, 1))[0]?.seq;
  let low = await after(0);
  if (low === undefined) return 0;
  // Invariant: a change numbered `low` exists, none is numbered above `high`.
  let step = 1;
  while ((await after(low + step)) !== undefined) step *= 2;
  let high = low + step;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    const next = await after(middle);
    if (next === undefined) high = middle;
    else low = next;
  }
  return (await after(low)) === undefined ? low : high;
}

/**
 * Keeps the engine's buckets in step with the store: on the first sync, and whenever the SLOs
 * start to need a series or more of its past, it reads that series' buckets for the whole span
 * needed (`readBuckets`); every sync then follows the change stream (`readBucketChanges`) from
 * where it left off, so a tick reads only what was written since the last one.
 */
export function createBucketFeed(options: { readonly store: XopsStore; readonly sink: BucketSink; readonly pageSize?: number; readonly maxPagesPerSync?: number }) {
  const { store, sink, pageSize = 10_000, maxPagesPerSync = 50 } = options;
  let cursor: number | undefined;
  let previous: readonly SloDefinition[] = [];
  const loadedFrom = new Map<string, number>();

  return {
    /** The change sequence number read up to; undefined before the first sync. */
    cursor: () => cursor,

    async sync(definitions: readonly SloDefinition[], now: number): Promise<FeedSyncResult> {
      // The position in the stream is taken before any range read, so nothing written between the
      // two is lost: it is read twice at worst, and a bucket read twice replaces itself.
      cursor ??= await latestBucketSeq(store);
      const needs = seriesNeeds(definitions, now);
      // What the engine still holds is at least what the previous definitions needed at this time.
      const held = definitions === previous ? needs : seriesNeeds(previous, now);
      previous = definitions;
      let loaded = 0;
      for (const [seriesKey, from] of needs) {
        const heldFrom = Math.max(loadedFrom.get(seriesKey) ?? Infinity, held.get(seriesKey) ?? Infinity);
        if (from >= heldFrom) continue;
        // Up to the end of time: buckets stamped ahead of this clock were written too.
        for (const bucket of await store.readBuckets(seriesKey, from, Number.MAX_SAFE_INTEGER)) {
          sink.ingest(seriesKey, bucket);
          loaded++;
        }
        loadedFrom.set(seriesKey, from);
      }
      for (const seriesKey of loadedFrom.keys()) if (!needs.has(seriesKey)) loadedFrom.delete(seriesKey);

      let followed = 0;
      for (let page = 0; page < maxPagesPerSync; page++) {
        const changes = await store.readBucketChanges(cursor, pageSize);
        for (const change of changes) {
          cursor = change.seq;
          // Coarser rows are compaction rolling up 10-second buckets this feed already delivered.
          if (change.resolutionMs !== FINE_BUCKET_MS) continue;
          const from = needs.get(change.seriesKey);
          if (from === undefined || change.start < from) continue;
          sink.ingest(change.seriesKey, change);
          followed++;
        }
        if (changes.length < pageSize) break;
      }
      return { loaded, followed };
    },
  };
}

/** The feed of one evaluator. */
export type BucketFeed = ReturnType<typeof createBucketFeed>;
