import type { SeriesBucket } from './bucket';
import { inTimeOrder, type EngineCore, type SeriesEntry } from './engine-core';

/**
 * Gives a replay's buckets to the engine as simulated time passes their end (`start +
 * resolutionMs ≤ now`), oldest first across series, exactly as the live loop would have seen them.
 */
export interface ReplayFeed {
  /**
   * Feeds every bucket that ended by `now`. False when a series turned out not to be in time order
   * (only when trusted to be): the replay then starts over from `replayFeed(…, trustOrder: false)`.
   */
  feedUntil(now: number): boolean;
  /** After the last step: whether the buckets never fed were in time order too. */
  restInOrder(): boolean;
}

/**
 * The feed of a replay from `from` on. The history before `from` reaches the engine at once,
 * before the first evaluation: a series no time slice reads takes it in bulk (`loadInOrder`).
 *
 * One series (most SLOs) with `trustOrder`: the store gives buckets oldest first, so instead of a
 * pass over a month of buckets to check it, the feed checks each bucket as it goes and reports the
 * first one out of order. Several series are sorted first and merged by start.
 */
export function replayFeed(core: EngineCore, buckets: Readonly<Record<string, readonly SeriesBucket[]>>, from: number, trustOrder: boolean): ReplayFeed {
  const feeds: { entry: SeriesEntry; list: readonly SeriesBucket[] }[] = [];
  for (const [key, list] of Object.entries(buckets)) {
    const entry = core.entry(key);
    if (entry !== undefined) feeds.push({ entry, list });
  }
  const single = feeds.length === 1 ? feeds[0] : undefined;
  if (single !== undefined) return new SingleFeed(core, single.entry, trustOrder ? single.list : inTimeOrder(single.list), from);
  return new MergedFeed(core, feeds.map(({ entry, list }) => ({ entry, list: inTimeOrder(list) })), from);
}

class SingleFeed implements ReplayFeed {
  // Buckets before `next` were fed (or loaded), in time order: each is checked against the one before.
  private next: number;

  constructor(
    private readonly core: EngineCore,
    private readonly entry: SeriesEntry,
    private readonly list: readonly SeriesBucket[],
    from: number,
  ) {
    this.next = entry.derivers.length === 0 ? entry.series.loadInOrder(list, 0, list.length, from) : 0;
  }

  feedUntil(now: number): boolean {
    const list = this.list;
    // Without time slices, a bucket goes straight to its series (what `ingestInto` does then).
    const series = this.entry.derivers.length === 0 ? this.entry.series : null;
    let next = this.next;
    while (next < list.length) {
      const bucket = list[next]!;
      if (next > 0 && bucket.start < list[next - 1]!.start) return false;
      if (bucket.start + bucket.resolutionMs > now) break;
      if (series === null) this.core.ingestInto(this.entry, bucket);
      else series.set(bucket);
      next++;
    }
    this.next = next;
    return true;
  }

  restInOrder(): boolean {
    const list = this.list;
    for (let i = Math.max(1, this.next); i < list.length; i++) if (list[i]!.start < list[i - 1]!.start) return false;
    return true;
  }
}

class MergedFeed implements ReplayFeed {
  private readonly feeds: { entry: SeriesEntry; list: readonly SeriesBucket[]; next: number }[];

  constructor(
    private readonly core: EngineCore,
    feeds: readonly { entry: SeriesEntry; list: readonly SeriesBucket[] }[],
    from: number,
  ) {
    // A series no time slice reads does not depend on the others' order: it loads in bulk.
    this.feeds = feeds.map(({ entry, list }) => ({ entry, list, next: entry.derivers.length === 0 ? entry.series.loadInOrder(list, 0, list.length, from) : 0 }));
  }

  feedUntil(now: number): boolean {
    for (;;) {
      let pick: (typeof this.feeds)[number] | undefined;
      for (const feed of this.feeds) {
        const bucket = feed.list[feed.next];
        if (bucket === undefined || bucket.start + bucket.resolutionMs > now) continue;
        if (pick === undefined || bucket.start < pick.list[pick.next]!.start) pick = feed;
      }
      if (pick === undefined) return true;
      this.core.ingestInto(pick.entry, pick.list[pick.next++]!);
    }
  }

  restInOrder(): boolean {
    return true;
  }
}
