import type { SeriesBucket } from './bucket';
import type { CoarseTier } from './coarse-tier';
import type { FineTier } from './fine-tier';

/** How far `bulkLoad` got: buckets `[from, end)` were taken; `lastDataEnd` as `SliSeries` keeps it. */
export interface BulkLoadResult {
  readonly end: number;
  readonly lastDataEnd: number;
}

/**
 * Takes `buckets[from…to)` into empty tiers exactly as `SliSeries.set` one by one would, for as
 * long as they come in time order without overlapping, on the grid, with whole counts, and end by
 * `until`. A bucket
 * whose cell will have left the fine tier by the last one goes straight to the coarse tier, summed
 * per coarse cell: a month of 10-second history costs a few additions per bucket instead of a ring
 * write, a fold and a result object, and a 1-hour bucket costs O(1) instead of a walk over its 360
 * fine cells. Exact because whole counts sum exactly in any grouping (below 2^53), and the coarse
 * tier sees the same folds and moves, in the same order.
 */
export function bulkLoad(fine: FineTier, coarse: CoarseTier, buckets: readonly SeriesBucket[], range: { readonly from: number; readonly to: number; readonly until: number }, lastDataEnd: number): BulkLoadResult {
  const { from, to, until } = range;
  const ring = fine.ring;
  const origin = ring.originMs;
  const cellMs = fine.cellMs;
  const capacity = ring.capacity;
  // The moves of the fine head, replayed without the ring: when it reaches cell `last`, the cells
  // up to `last − capacity` leave it (folded, in order, if not empty), and a jump of a whole fine
  // tier moves the coarse tier on (`FineTier.moveHeadTo`). Buckets `[kept, end)` are still in it.
  // Loop-carried doubles are boxed on every step of a loop entered by on-stack replacement, as this
  // one always is: the head is a cell index, the next start and the last data end are derived.
  let head = -1;
  let started = false;
  let lastWithData = -1;
  let kept = from;
  let end = from;
  // Leaving buckets are summed here per coarse cell and handed to the coarse tier as one fold.
  const coarseRing = coarse.ring;
  let foldFrom = Number.POSITIVE_INFINITY;
  let foldTo = Number.NEGATIVE_INFINITY;
  let foldGood = 0;
  let foldTotal = 0;
  for (; end < to; end++) {
    const { start, good, total, resolutionMs } = buckets[end]!;
    if (start + resolutionMs > until) break;
    let first = head + 1;
    let last = first;
    if (!started || start !== origin + first * cellMs || resolutionMs !== cellMs) {
      // Not simply the next fine cell: check the grid (a division) and the order.
      first = (start - origin) / cellMs;
      const cells = resolutionMs / cellMs;
      if (!(Number.isInteger(first) && Number.isInteger(cells) && cells >= 1 && cells <= capacity) || (started && first <= head)) break;
      last = first + cells - 1;
    }
    if (!(Number.isInteger(good) && Number.isInteger(total) && good >= 0 && good <= total)) break;
    // The first bucket of an empty tier jumps nowhere (`FineTier.moveHeadTo`).
    const jump = !started ? 0 : first === head + 1 ? last - head - 1 : last - head;
    const split = origin + (last - capacity + 1) * cellMs;
    for (; kept < end; kept++) {
      const leaving = buckets[kept]!;
      const leavingStart = leaving.start;
      if (leavingStart >= split) break;
      if (leaving.good === 0 && leaving.total === 0) continue;
      if (!(leavingStart >= foldFrom && leavingStart < foldTo)) {
        if (foldTo > foldFrom) coarse.fold(foldFrom, foldGood, foldTotal);
        foldFrom = coarseRing.startOf(coarseRing.indexOf(leavingStart));
        foldTo = foldFrom + coarseRing.cellMs;
        foldGood = 0;
        foldTotal = 0;
      }
      foldGood += leaving.good;
      foldTotal += leaving.total;
    }
    head = last;
    started = true;
    if (jump >= capacity) {
      if (foldTo > foldFrom) coarse.fold(foldFrom, foldGood, foldTotal);
      foldFrom = Number.POSITIVE_INFINITY;
      foldTo = Number.NEGATIVE_INFINITY;
      coarse.moveOn(split);
    }
    if (total > 0) lastWithData = end;
  }
  if (end === from) return { end, lastDataEnd };
  // Ends grow with starts here (no overlaps): the last bucket with events has the newest end.
  if (lastWithData >= 0) lastDataEnd = Math.max(lastDataEnd, buckets[lastWithData]!.start + buckets[lastWithData]!.resolutionMs);
  if (foldTo > foldFrom) coarse.fold(foldFrom, foldGood, foldTotal);
  fine.writeTail(buckets, kept, end, head);
  return { end, lastDataEnd };
}
