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
 * - Coarse tier: cells leaving the fine tier are folded into 1-hour cells (coarser for windows
 *   over ~33 days, so that at most ~800 cells are kept). A window edge inside a coarse cell takes
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
  private readonly fold = (index: number, good: number, total: number): void => {
    const cell = this.coarse.indexOf(this.fine.startOf(index));
    this.coarse.advanceTo(cell);
    if (cell >= this.coarse.lo) this.coarse.addAt(cell, good, total);
  };
  private lastDataEndMs: number | null = null;

  constructor(options: SliSeriesOptions = {}) {
    this.cellMs = options.cellMs ?? FINE_BUCKET_MS;
    const fineHorizonMs = options.fineHorizonMs ?? 6 * HOUR_MS;
    const retentionMs = Math.max(options.retentionMs ?? 30 * 24 * HOUR_MS, fineHorizonMs);
    const coarseCellMs = options.coarseCellMs ?? HOUR_MS;
    // One minute of slack, so a window as long as the horizon still fits when the head runs a little ahead.
    this.fine = new PrefixRing({ cellMs: this.cellMs, capacity: Math.ceil((fineHorizonMs + 60_000) / this.cellMs) + 1, originMs: options.originMs ?? 0 });
    this.coarse = new PrefixRing({ cellMs: coarseCellMs, capacity: Math.ceil(retentionMs / coarseCellMs) + 2, originMs: options.coarseOriginMs ?? 0 });
  }

  /** End of the newest bucket that had events (`total > 0`), or null: what the no-data rule watches. */
  get lastDataEnd(): number | null {
    return this.lastDataEndMs;
  }

  /** Start of the fine tier: data before it is only kept as coarse sums. */
  get fineStart(): number {
    return this.fine.isEmpty ? Number.NEGATIVE_INFINITY : this.fine.startOf(this.fine.lo);
  }

  /** End of the newest cell held, or -Infinity while empty. */
  get headEnd(): number {
    return this.fine.isEmpty ? Number.NEGATIVE_INFINITY : this.fine.startOf(this.fine.hi + 1);
  }

  get byteSize(): number {
    return this.fine.byteSize + this.coarse.byteSize;
  }

  /** Stores a bucket, replacing whatever the series held for its interval. */
  set(bucket: SeriesBucket): SetBucketResult {
    const { start, good, total, resolutionMs } = bucket;
    const fine = this.fine;
    const first = (start - fine.originMs) / this.cellMs;
    const cells = resolutionMs / this.cellMs;
    if (!Number.isInteger(first) || !Number.isInteger(cells) || cells < 1 || !(good >= 0 && good <= total && total < Infinity)) {
      return { ok: false, error: { code: 'invalid-bucket', message: `bucket ${start} (+${resolutionMs} ms) is not on the ${this.cellMs} ms grid or has counts outside 0 ≤ good ≤ total` } };
    }
    const last = first + cells - 1;
    if (!fine.isEmpty && first < fine.lo) {
      if (start + resolutionMs <= this.retainedFrom()) return { ok: true, value: 'expired' };
      return { ok: false, error: { code: 'folded', message: `bucket ${start} is older than the fine part of the series (from ${this.fineStart}): reload the series` } };
    }
    fine.advanceTo(last, this.fold);
    for (let cell = first; cell <= last; cell++) {
      fine.sumCells(cell, cell + 1, this.scratch);
      const newGood = cell === first ? good : 0;
      const newTotal = cell === first ? total : 0;
      const dGood = newGood - this.scratch[0]!;
      const dTotal = newTotal - this.scratch[1]!;
      if (dGood !== 0 || dTotal !== 0) fine.addAt(cell, dGood, dTotal);
    }
    if (total > 0 && (this.lastDataEndMs === null || start + resolutionMs > this.lastDataEndMs)) this.lastDataEndMs = start + resolutionMs;
    return { ok: true, value: 'applied' };
  }

  /** Events in `[from, to)`: fine cells whose start lies in it, coarse cells pro rata. */
  sum(from: number, to: number): GoodTotal {
    const out = new Float64Array(2);
    this.sumInto(from, to, out);
    return { good: out[0]!, total: out[1]! };
  }

  /** `sum` without allocating: good into `out[0]`, total into `out[1]`. */
  sumInto(from: number, to: number, out: Float64Array): void {
    let good = 0;
    let total = 0;
    const split = this.fineStart;
    if (to > split && to > from) {
      const fine = this.fine;
      fine.sumCells(Math.ceil((Math.max(from, split) - fine.originMs) / this.cellMs), Math.ceil((to - fine.originMs) / this.cellMs), out);
      good = out[0]!;
      total = out[1]!;
    }
    if (from < split && from < to) {
      this.coarseSum(from, Math.min(to, split), split, out);
      good += out[0]!;
      total += out[1]!;
    }
    out[0] = good;
    out[1] = total;
  }

  /** Forgets everything (before a reload). */
  clear(): void {
    this.fine.clear();
    this.coarse.clear();
    this.lastDataEndMs = null;
  }

  /**
   * Copies what `source` holds into this empty series, which must have the same fine grid: coarse
   * sums by their start (so a coarser coarse tier merges them), fine cells one by one.
   */
  copyFrom(source: SliSeries): void {
    if (!source.fine.isEmpty) this.fine.advanceTo(source.fine.hi);
    source.coarse.forEachCell((index, good, total) => {
      const cell = this.coarse.indexOf(source.coarse.startOf(index));
      this.coarse.advanceTo(cell);
      if (cell >= this.coarse.lo) this.coarse.addAt(cell, good, total);
    });
    source.fine.forEachCell((index, good, total) => {
      this.set({ start: source.fine.startOf(index), good, total, resolutionMs: source.cellMs });
    });
    this.lastDataEndMs = source.lastDataEndMs;
  }

  private retainedFrom(): number {
    const coarse = this.coarse;
    return coarse.isEmpty ? this.fineStart - (coarse.capacity - 1) * coarse.cellMs : coarse.startOf(coarse.lo);
  }

  // Coarse cells overlapping [from, to), each weighted by the share of its covered span inside;
  // the newest coarse cell only covers up to `split`, where the fine tier begins.
  private coarseSum(from: number, to: number, split: number, out: Float64Array): void {
    const coarse = this.coarse;
    const first = coarse.indexOf(from);
    const last = coarse.indexOf(to - 1);
    let good = 0;
    let total = 0;
    if (!coarse.isEmpty) {
      good = this.partialCell(first, from, to, split, out);
      total = out[1]!;
      if (last > first) {
        coarse.sumCells(first + 1, last, out);
        good += out[0]!;
        total += out[1]!;
        good += this.partialCell(last, from, to, split, out);
        total += out[1]!;
      }
    }
    out[0] = good;
    out[1] = total;
  }

  // The part of coarse cell `cell` inside [from, to): good returned and in out[0], total in out[1].
  private partialCell(cell: number, from: number, to: number, split: number, out: Float64Array): number {
    const coarse = this.coarse;
    const start = coarse.startOf(cell);
    const end = Math.min(start + coarse.cellMs, split);
    const overlap = Math.min(to, end) - Math.max(from, start);
    if (overlap <= 0) {
      out[0] = 0;
      out[1] = 0;
      return 0;
    }
    coarse.sumCells(cell, cell + 1, out);
    if (overlap < end - start) {
      // Multiply before dividing: whole counts over whole spans stay exact.
      out[0] = (out[0]! * overlap) / (end - start);
      out[1] = (out[1]! * overlap) / (end - start);
    }
    return out[0]!;
  }
}
