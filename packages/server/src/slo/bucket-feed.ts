import { FINE_BUCKET_MS, type SeriesBucket, type SloDefinition, type SloEngine } from '@xops/core';
import type { XopsStore } from '@xops/store';
import { seriesLoadStarts } from './series-needs';

/** What one `sync` did: series loaded with their history, buckets followed as changes. */
export interface FeedSyncResult {
  readonly loadedSeries: number;
  readonly followed: number;
  /** Buckets the engine refused as malformed (logged by the caller). */
  readonly refused: number;
}

// Series loaded per `loadSeries` call: bounds the memory of one batch (a 30-day series is ~50 000
// buckets) while keeping the series of one SLO together, as time slices of a composite need.
const SERIES_PER_BATCH = 16;

/**
 * The newest change sequence number of the bucket store, found with O(log n) one-row reads of
 * the change stream (the port has no "latest" call; each read is an index seek on `seq`).
 * `readBucketChanges(x, 1)` is non-empty exactly while x is below the newest number.
 */
export async function latestBucketSeq(store: XopsStore): Promise<number> {
  const after = async (seq: number) => (await store.readBucketChanges(seq, 1))[0]?.seq;
  let low = await after(0);
  if (low === undefined) return 0;
  // Invariant: a change numbered `low` or above exists, none is numbered above `high`.
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
 * Keeps the engine's buckets in step with the store. Every sync follows the change stream
 * (`readBucketChanges`) from where the last one stopped, so a tick reads only what was written
 * since; a series the engine asks for (new, read further back, or changed in its folded past) is
 * read whole with `readBuckets`.
 */
export function createBucketFeed(options: { readonly store: XopsStore; readonly engine: SloEngine; readonly pageSize?: number; readonly maxPagesPerSync?: number }) {
  const { store, engine, pageSize = 10_000, maxPagesPerSync = 50 } = options;
  let cursor: number | undefined;
  // Series to read whole at the next sync; kept until a load succeeds, so a failed sync loses none.
  const pending = new Set<string>();

  async function load(keys: ReadonlySet<string>, definitions: readonly SloDefinition[], now: number): Promise<number> {
    if (keys.size === 0) return 0;
    const starts = seriesLoadStarts(definitions, now);
    let batch: Record<string, readonly SeriesBucket[]> = {};
    let size = 0;
    const loaded = new Set<string>();
    const flush = () => {
      if (size > 0) engine.loadSeries(batch);
      batch = {};
      size = 0;
    };
    for (const definition of definitions) {
      for (const { seriesKey } of definition.objectives) {
        const from = starts.get(seriesKey);
        if (!keys.has(seriesKey) || loaded.has(seriesKey) || from === undefined) continue;
        // Up to the end of time: buckets stamped ahead of this replica's clock count too.
        batch[seriesKey] = await store.readBuckets(seriesKey, from, Number.MAX_SAFE_INTEGER);
        loaded.add(seriesKey);
        size++;
      }
      if (size >= SERIES_PER_BATCH) flush();
    }
    flush();
    return loaded.size;
  }

  return {
    /** The change sequence number read up to; undefined before the first sync. */
    cursor: () => cursor,

    /** Asks for these series to be read whole at the next sync (`setDefinitions().seriesToLoad`). */
    requestLoad(keys: Iterable<string>): void {
      for (const key of keys) pending.add(key);
    },

    /** Follows the change stream since the last sync, then reads whole every series asked for or found stale. */
    async sync(definitions: readonly SloDefinition[], now: number): Promise<FeedSyncResult> {
      // The position in the stream is taken before any range read, so nothing written between the
      // two is lost: it is read twice at worst, and a bucket given twice replaces itself.
      cursor ??= await latestBucketSeq(store);
      let followed = 0;
      let refused = 0;
      for (let page = 0; page < maxPagesPerSync; page++) {
        const changes = await store.readBucketChanges(cursor, pageSize);
        for (const change of changes) {
          cursor = change.seq;
          // Coarser rows are compaction rolling up 10-second buckets the engine already holds; a
          // series about to be read whole needs none of its changes.
          if (change.resolutionMs !== FINE_BUCKET_MS || pending.has(change.seriesKey)) continue;
          const result = engine.ingest(change.seriesKey, change);
          if (result.ok) followed++;
          else if (result.error.code === 'needs-reload') for (const key of result.error.seriesKeys) pending.add(key);
          else if (result.error.code === 'invalid-bucket') refused++;
          // 'unknown-series': no SLO reads it (yet); a series is read whole when one starts to.
        }
        if (changes.length < pageSize) break;
      }
      // After following, so that the range reads see the store as of now and the cursor is past
      // their rows (what is written meanwhile comes again with the next sync: harmless).
      const loadedSeries = await load(pending, definitions, now);
      pending.clear();
      return { loadedSeries, followed, refused };
    },
  };
}

/** The feed of one evaluator. */
export type BucketFeed = ReturnType<typeof createBucketFeed>;
