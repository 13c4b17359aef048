import type { Result } from '../result';
import { FINE_BUCKET_MS, type SeriesBucket } from './bucket';
import { PrefixRing } from './prefix-ring';

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
 * time order (`clear`, then `set` oldest first), which the store can always do.
 */
export class SliSeries {
  readonly cellMs: number;
  private readonly fine: PrefixRing;
  private readonly coarse: PrefixRing;
  private readonly scratch = new Float64Array(2);
  // Fine cells leaving the fine tier are summed here while they belong to one coarse cell, and
  // written to the coarse tier when the next one begins or before a read: one coarse write per
  // hour of data instead of one per bucket.
  private readonly folding = new Float64Array(2);
  private foldingCell = Number.NaN;
  private readonly fold = (index: number, counts: Float64Array): void => {
    const cell = this.coarse.indexOf(this.fine.startOf(index));
    if (cell !== this.foldingCell) this.flushFold();
    this.foldingCell = cell;
    this.folding[0] = this.folding[0]! + counts[0]!;
    this.folding[1] = this.folding[1]! + counts[1]!;
  };
  // Start of the fine tier (−Infinity while empty), kept up to date with the fine head. Number
  // fields that never hold null are updated in place by V8 instead of boxing each new value.
  private split = Number.NEGATIVE_INFINITY;
  private lastDataEndMs = Number.NEGATIVE_INFINITY;
  // Σ of the whole coarse tier, the base of every cumulative read past `split`; refreshed when the tier changes.
  private readonly coarseSum = new Float64Array(2);

  constructor(options: SliSeriesOptions = {}) {
    this.cellMs = options.cellMs ?? FINE_BUCKET_MS;
    const fineHorizonMs = options.fineHorizonMs ?? 6 * HOUR_MS;
    const retentionMs = Math.max(options.retentionMs ?? 30 * 24 * HOUR_MS, fineHorizonMs);
    const coarseCellMs = options.coarseCellMs ?? HOUR_MS;
    // One minute of slack, so a window as long as the horizon still fits when the head runs a little ahead.
    this.fine = new PrefixRing({ cellMs: this.cellMs, capacity: Math.ceil((fineHorizonMs + 60_000) / this.cellMs) + 1, originMs: options.originMs ?? 0 });
    this.coarse = new PrefixRing({ cellMs: coarseCellMs, capacity: Math.ceil(retentionMs / coarseCellMs) + 2, originMs: options.coarseOriginMs ?? 0 });
  }

  /** End of the newest bucket that had events (`total > 0`), or -Infinity: what the no-data rule watches. */
  get lastDataEnd(): number {
    return this.lastDataEndMs;
  }

  /** Start of the fine tier: data before it is only kept as coarse sums. */
  get fineStart(): number {
    return this.split;
  }

  get byteSize(): number {
    return this.fine.byteSize + this.coarse.byteSize;
  }

  /**
   * Stores a bucket, replacing whatever the series held for its interval: in any order within
   * the fine tier; `folded` before it; `expired` before the retention.
   */
  set(bucket: SeriesBucket): SetBucketResult {
    const { start, good, total, resolutionMs } = bucket;
    const fine = this.fine;
    const first = (start - fine.originMs) / this.cellMs;
    const cells = resolutionMs / this.cellMs;
    const valid = good >= 0 && good <= total && total < Infinity && Number.isInteger(cells) && cells >= 1;
    if (valid && !fine.isEmpty && first === fine.hi + 1) {
      // The common case, the next bucket in time order (a coarser one then leaves empty cells after it).
      const leaving = fine.lo;
      fine.push(good, total, this.scratch);
      if (this.scratch[0] !== 0 || this.scratch[1] !== 0) this.fold(leaving, this.scratch);
      this.split += this.cellMs;
      if (cells > 1) this.moveFineHead(first + cells - 1);
    } else {
      if (!valid || !Number.isInteger(first)) {
        return { ok: false, error: { code: 'invalid-bucket', message: `bucket ${start} (+${resolutionMs} ms) is not on the ${this.cellMs} ms grid or has counts outside 0 ≤ good ≤ total` } };
      }
      if (!fine.isEmpty && first < fine.lo) {
        this.flushFold();
        if (start + resolutionMs <= this.retainedFrom()) return EXPIRED;
        return { ok: false, error: { code: 'folded', message: `bucket ${start} is older than the fine part of the series (from ${this.split}): reload the series` } };
      }
      this.replaceCells(first, first + cells - 1, good, total);
    }
    if (total > 0 && start + resolutionMs > this.lastDataEndMs) this.lastDataEndMs = start + resolutionMs;
    return APPLIED;
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
    const fine = this.fine;
    const coarse = this.coarse;
    if (!Number.isNaN(this.foldingCell)) this.flushFold();
    const split = this.split;
    if (t > split) {
      // Every coarse cell lies before the fine tier, then the fine cells whose start is before t.
      const good = this.coarseSum[0]!;
      const total = this.coarseSum[1]!;
      fine.prefixInto(Math.ceil((t - fine.originMs) / this.cellMs), 0, out);
      out[0] = out[0]! + good;
      out[1] = out[1]! + total;
      return;
    }
    // Coarse cells before the one holding t, and the share of that one before t, pro rata over
    // the part of it the coarse tier covers (the newest one ends at `split`).
    const cell = coarse.indexOf(t);
    const start = coarse.startOf(cell);
    const end = Math.min(start + coarse.cellMs, split);
    coarse.prefixInto(cell, t >= end ? 1 : (t - start) / (end - start), out);
  }

  /** Forgets everything (before a reload). */
  clear(): void {
    this.fine.clear();
    this.coarse.clear();
    this.folding.fill(0);
    this.foldingCell = Number.NaN;
    this.coarseSum.fill(0);
    this.split = Number.NEGATIVE_INFINITY;
    this.lastDataEndMs = Number.NEGATIVE_INFINITY;
  }

  /**
   * Copies what `source` holds into this empty series, which must have the same fine grid: coarse
   * sums by their start (so a coarser coarse tier merges them), fine cells one by one.
   */
  copyFrom(source: SliSeries): void {
    source.flushFold();
    if (!source.fine.isEmpty) this.moveFineHead(source.fine.hi);
    source.coarse.forEachCell((index, counts) => {
      const cell = this.coarse.indexOf(source.coarse.startOf(index));
      const good = counts[0]!;
      const total = counts[1]!;
      this.coarse.advanceTo(cell);
      if (cell >= this.coarse.lo) this.coarse.addAt(cell, good, total);
    });
    this.coarse.prefixInto(this.coarse.hi + 1, 0, this.coarseSum);
    source.fine.forEachCell((index, counts) => {
      this.set({ start: source.fine.startOf(index), good: counts[0]!, total: counts[1]!, resolutionMs: source.cellMs });
    });
    this.lastDataEndMs = source.lastDataEndMs;
  }

  // Replaces cells [first, last]: the first gets the counts, the others nothing.
  private replaceCells(first: number, last: number, good: number, total: number): void {
    const fine = this.fine;
    this.moveFineHead(last);
    for (let cell = first; cell <= last; cell++) {
      fine.sumCells(cell, cell + 1, this.scratch);
      const dGood = (cell === first ? good : 0) - this.scratch[0]!;
      const dTotal = (cell === first ? total : 0) - this.scratch[1]!;
      if (dGood !== 0 || dTotal !== 0) fine.addAt(cell, dGood, dTotal);
    }
  }

  private moveFineHead(cell: number): void {
    const fine = this.fine;
    const jump = fine.isEmpty ? 0 : cell - fine.hi;
    fine.advanceTo(cell, this.fold);
    this.split = fine.startOf(fine.lo);
    if (jump >= fine.capacity) {
      // After a gap longer than the fine tier, the coarse tier moves on too: what is now beyond retention goes.
      this.flushFold();
      const coarse = this.coarse;
      if (!coarse.isEmpty) coarse.advanceTo(coarse.indexOf(this.split - 1));
      coarse.prefixInto(coarse.hi + 1, 0, this.coarseSum);
    }
  }

  private flushFold(): void {
    const cell = this.foldingCell;
    if (Number.isNaN(cell)) return;
    const coarse = this.coarse;
    coarse.advanceTo(cell);
    if (cell >= coarse.lo) coarse.addAt(cell, this.folding[0]!, this.folding[1]!);
    this.folding.fill(0);
    this.foldingCell = Number.NaN;
    coarse.prefixInto(coarse.hi + 1, 0, this.coarseSum);
  }

  private retainedFrom(): number {
    const coarse = this.coarse;
    return coarse.isEmpty ? this.split - (coarse.capacity - 1) * coarse.cellMs : coarse.startOf(coarse.lo);
  }
}
