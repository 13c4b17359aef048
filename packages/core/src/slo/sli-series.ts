import type { Result } from '../result';
import { FINE_BUCKET_MS, type SeriesBucket } from './bucket';
import { CoarseTier } from './coarse-tier';
import { FineTier } from './fine-tier';
import { bulkLoad } from './series-bulk-load';

const HOUR_MS = 3_600_000;

/** How a series keeps its data; every length in ms. */
export interface SliSeriesOptions {
  /** Fine cell length: 10 s for raw SLI data, the slice length for derived time-slice series. */
  readonly cellMs?: number;
  /** Start of some fine cell: cells are `[origin + k × cellMs, …)`. Default 0. */
  readonly originMs?: number;
  /** How far behind the newest cell fine cells are kept, exactly and replaceably. Default 6 h. */
  readonly fineHorizonMs?: number;
  /** Cell length of the older part. Default 1 h. */
  readonly coarseCellMs?: number;
  readonly coarseOriginMs?: number;
  /** How far back the series must answer (the longest window that reads it). Default 30 d. */
  readonly retentionMs?: number;
}

export interface SetBucketError {
  /** `folded`: the bucket lies before the fine part, where old values are only kept as sums; reload the series. */
  readonly code: 'invalid-bucket' | 'folded';
  readonly message: string;
}

/** `applied`, or `expired` when the bucket is older than the series keeps (nothing to do). */
export type SetBucketResult = Result<'applied' | 'expired', SetBucketError>;

const APPLIED: SetBucketResult = Object.freeze({ ok: true, value: 'applied' });
const EXPIRED: SetBucketResult = Object.freeze({ ok: true, value: 'expired' });

/** Good and total events (or slices) summed over a span. */
export interface GoodTotal {
  readonly good: number;
  readonly total: number;
}

/**
 * The buckets of one SLI series in memory, in two tiers, answering window sums in O(1).
 *
 * - Fine tier: one cell per 10 s for the last `fineHorizonMs` (6 h by default: every page window
 *   and every short window of the Workbook's tiers). Sums over it are exact, and a bucket given
 *   again REPLACES the old one: the ring knows each cell's value, so it applies the difference.
 *   A coarser bucket (the store's 1-minute rows) replaces every fine cell it covers and is
 *   counted in its first one.
 * - Coarse tier: cells leaving the fine tier are folded into 1-hour cells (the engine picks coarser
 *   ones for windows over ~33 days, to keep at most ~800). A window edge inside a coarse cell takes
 *   the cell pro rata (exact for steady traffic; at worst one cell's worth off for a 1-day or
 *   longer window, whose alert tiers are tickets).
 *
 * Both tiers are `PrefixRing`s (see there why prefix sums). Memory for a 30-day window:
 * (2 168 fine + 724 coarse slots) × 16 bytes = 46 272 bytes.
 *
 * A bucket older than the fine tier cannot replace anything exactly, because only sums are left:
 * `set` refuses it with `folded` and changes nothing, and the owner reloads the whole series in
 * time order (`clear`, then `set` oldest first, or `loadInOrder`), which the store can always do.
 */
export class SliSeries {
  readonly cellMs: number;
  private readonly fine: FineTier;
  private readonly coarse: CoarseTier;
  // Number fields that never hold null are updated in place by V8 instead of boxing each new value.
  private lastDataEndMs = Number.NEGATIVE_INFINITY;
  private revisionCount = 0;
  private appendedBadCount = 0;

  constructor(options: SliSeriesOptions = {}) {
    this.cellMs = options.cellMs ?? FINE_BUCKET_MS;
    const fineHorizonMs = options.fineHorizonMs ?? 6 * HOUR_MS;
    const retentionMs = Math.max(options.retentionMs ?? 30 * 24 * HOUR_MS, fineHorizonMs);
    const coarseCellMs = options.coarseCellMs ?? HOUR_MS;
    this.coarse = new CoarseTier({ cellMs: coarseCellMs, capacity: Math.ceil(retentionMs / coarseCellMs) + 2, originMs: options.coarseOriginMs ?? 0 });
    // One minute of slack, so a window as long as the horizon still fits when the head runs a little ahead.
    const fineCapacity = Math.ceil((fineHorizonMs + 60_000) / this.cellMs) + 1;
    this.fine = new FineTier({ cellMs: this.cellMs, capacity: fineCapacity, originMs: options.originMs ?? 0 }, this.coarse);
  }

  /** End of the newest bucket that had events (`total > 0`), or -Infinity: what the no-data rule watches. */
  get lastDataEnd(): number {
    return this.lastDataEndMs;
  }

  /** Start of the fine tier: data before it is only kept as coarse sums. */
  get fineStart(): number {
    return this.fine.split;
  }

  /** End of the newest cell held; NaN while empty. */
  get end(): number {
    return this.fine.nextStart;
  }

  /** How far back from `end` reads are exact: the fine tier's length less its last cell. */
  get fineSpanMs(): number {
    return (this.fine.ring.capacity - 1) * this.cellMs;
  }

  /**
   * Counts every change other than buckets with whole counts appended after the newest cell (a
   * replacement, a reload, fractions): while it stays, window sums change only by appended
   * buckets, whose bad events `appendedBad` adds up (see quiet-rules.ts).
   */
  get revision(): number {
    return this.revisionCount;
  }

  /** Σ (total − good) of the buckets appended after the newest cell so far. */
  get appendedBad(): number {
    return this.appendedBadCount;
  }

  get byteSize(): number {
    return this.fine.ring.byteSize + this.coarse.ring.byteSize;
  }

  /**
   * Stores a bucket, replacing whatever the series held for its interval: in any order within
   * the fine tier; `folded` before it; `expired` before the retention.
   */
  set(bucket: SeriesBucket): SetBucketResult {
    const { start, good, total, resolutionMs } = bucket;
    const fine = this.fine;
    if (start === fine.nextStart && resolutionMs === this.cellMs && good >= 0 && good <= total && total < Infinity) {
      // The common case, the next fine bucket in time order, found without a division.
      fine.append(good, total);
      this.appended(good, total);
      if (total > 0 && start + resolutionMs > this.lastDataEndMs) this.lastDataEndMs = start + resolutionMs;
      return APPLIED;
    }
    const ring = fine.ring;
    const first = (start - ring.originMs) / this.cellMs;
    const cells = resolutionMs / this.cellMs;
    const valid = good >= 0 && good <= total && total < Infinity && Number.isInteger(cells) && cells >= 1;
    if (valid && !ring.isEmpty && first === ring.hi + 1) {
      // The next bucket in time order, a coarser one: it then leaves empty cells after it.
      fine.append(good, total);
      if (cells > 1) fine.moveHeadTo(first + cells - 1);
      this.appended(good, total);
    } else {
      if (!valid || !Number.isInteger(first)) {
        return { ok: false, error: { code: 'invalid-bucket', message: `bucket ${start} (+${resolutionMs} ms) is not on the ${this.cellMs} ms grid or has counts outside 0 ≤ good ≤ total` } };
      }
      if (!ring.isEmpty && first < ring.lo) {
        this.coarse.flush();
        if (start + resolutionMs <= this.coarse.retainedFrom(fine.split)) return EXPIRED;
        return { ok: false, error: { code: 'folded', message: `bucket ${start} is older than the fine part of the series (from ${fine.split}): reload the series` } };
      }
      // After the head (a gap before it) only adds; at or before it, it replaces.
      if (!ring.isEmpty && first > ring.hi) this.appended(good, total);
      else this.revisionCount++;
      fine.replaceCells(first, first + cells - 1, good, total);
    }
    if (total > 0 && start + resolutionMs > this.lastDataEndMs) this.lastDataEndMs = start + resolutionMs;
    return APPLIED;
  }

  /**
   * Takes `buckets[from…to)` into this empty series exactly as `set` one by one would, for as
   * long as they come in time order without overlapping, on the grid, with whole counts, and end
   * by `until` (see `bulkLoad`); returns the index of the first one not taken, from which the
   * caller goes on with `set`.
   */
  loadInOrder(buckets: readonly SeriesBucket[], from: number, to: number, until = Number.POSITIVE_INFINITY): number {
    if (!this.fine.ring.isEmpty) return from;
    const { end, lastDataEnd } = bulkLoad(this.fine, this.coarse, buckets, { from, to, until }, this.lastDataEndMs);
    this.lastDataEndMs = lastDataEnd;
    if (end > from) this.revisionCount++;
    return end;
  }

  /** Events in `[from, to)`: fine cells whose start lies in it, coarse cells pro rata. */
  sum(from: number, to: number): GoodTotal {
    const out = new Float64Array(2);
    this.sumInto(from, to, out);
    return { good: out[0]!, total: out[1]! };
  }

  /** `sum` without allocating: good into `out[0]`, total into `out[1]`. */
  sumInto(from: number, to: number, out: Float64Array): void {
    if (!(to > from)) {
      out[0] = 0;
      out[1] = 0;
      return;
    }
    this.cumulativeInto(from, out);
    const good = out[0]!;
    const total = out[1]!;
    this.cumulativeInto(to, out);
    out[0] = out[0]! - good;
    out[1] = out[1]! - total;
  }

  /**
   * Events before time `t`, counted from an arbitrary base that holds until the series next
   * changes: `sum(from, to)` is `cumulative(to) − cumulative(from)`. The engine reads the
   * cumulative at `now` once and then one per window, instead of two reads per window.
   */
  cumulativeInto(t: number, out: Float64Array): void {
    const split = this.fine.split;
    const coarse = this.coarse;
    if (t > split) {
      // Every coarse cell lies before the fine tier, then the fine cells whose start is before t.
      if (coarse.pending) coarse.flush();
      const ring = this.fine.ring;
      ring.prefixInto(Math.ceil((t - ring.originMs) / this.cellMs), 0, out);
      out[0] = out[0]! + coarse.sumGood;
      out[1] = out[1]! + coarse.sumTotal;
      return;
    }
    coarse.cumulativeInto(t, split, out);
  }

  /**
   * Whether cumulative reads at `t` and before stay as they are while buckets are only appended
   * (up to the current time): `t` lies in a coarse cell that ends before the fine tier starts.
   */
  settledAt(t: number): boolean {
    const ring = this.coarse.ring;
    return ring.startOf(ring.indexOf(t)) + ring.cellMs <= this.fine.split;
  }

  // Proofs need exact sums: counts with fractions (rounded in every sum) count as a revision.
  private appended(good: number, total: number): void {
    if (Number.isInteger(good) && Number.isInteger(total)) this.appendedBadCount += total - good;
    else this.revisionCount++;
  }

  /** Forgets everything (before a reload). */
  clear(): void {
    this.fine.clear();
    this.coarse.clear();
    this.lastDataEndMs = Number.NEGATIVE_INFINITY;
    this.revisionCount++;
  }

  /**
   * Copies what `source` holds into this empty series, which must have the same fine grid: coarse
   * sums by their start (so a coarser coarse tier merges them), fine cells one by one.
   */
  copyFrom(source: SliSeries): void {
    const from = source.fine.ring;
    if (!from.isEmpty) this.fine.moveHeadTo(from.hi);
    this.coarse.copyFrom(source.coarse);
    from.forEachCell((index, counts) => {
      this.set({ start: from.startOf(index), good: counts[0]!, total: counts[1]!, resolutionMs: source.cellMs });
    });
    this.lastDataEndMs = source.lastDataEndMs;
    this.revisionCount++;
  }
}
