import { PrefixRing } from './prefix-ring';

/**
 * The older part of an `SliSeries`: fine cells leaving the fine tier are folded into coarse cells
 * (1 h by default), kept in a `PrefixRing` of `capacity` cells. A read inside a coarse cell takes
 * it pro rata (see `SliSeries`).
 *
 * Folded counts are summed in two numbers while they belong to one coarse cell, and written to the
 * ring when the next cell begins or before a read: one ring write per coarse cell when a series is
 * loaded, instead of one per bucket.
 */
export class CoarseTier {
  readonly ring: PrefixRing;
  /** Σ of every cell held (good, total), the base of every cumulative read past the fine tier's start; kept with the ring. */
  sumGood = 0;
  sumTotal = 0;
  /** Whether folded counts wait to be written: `flush` before reading the ring. */
  pending = false;
  private foldGood = 0;
  private foldTotal = 0;
  // The coarse cell folded into last and its span in ms, kept after a flush: the next fine cell
  // nearly always belongs to it, and finding a cell takes a division. Number fields that never
  // hold null are updated in place by V8 instead of boxing each value.
  private foldCell = Number.NaN;
  private foldFrom = Number.POSITIVE_INFINITY;
  private foldTo = Number.NEGATIVE_INFINITY;

  constructor(options: { readonly cellMs: number; readonly capacity: number; readonly originMs: number }) {
    this.ring = new PrefixRing(options);
  }

  /** Adds the counts of a fine cell starting at `startMs` that left the fine tier. Cells come in time order. */
  fold(startMs: number, good: number, total: number): void {
    if (!(startMs >= this.foldFrom && startMs < this.foldTo)) {
      this.flush();
      const cell = this.ring.indexOf(startMs);
      this.foldCell = cell;
      this.foldFrom = this.ring.startOf(cell);
      this.foldTo = this.foldFrom + this.ring.cellMs;
    }
    this.foldGood += good;
    this.foldTotal += total;
    this.pending = true;
  }

  /** Writes the pending fold to the ring (moving its head there, which drops what falls out of the retention). */
  flush(): void {
    if (!this.pending) return;
    const ring = this.ring;
    const cell = this.foldCell;
    if (cell === ring.hi && !ring.isEmpty) {
      // The common case while time moves on: the newest cell grows (`addAt` of the head, without its loop).
      ring.addAtHead(this.foldGood, this.foldTotal);
    } else {
      ring.advanceTo(cell);
      if (cell >= ring.lo) ring.addAt(cell, this.foldGood, this.foldTotal);
    }
    this.foldGood = 0;
    this.foldTotal = 0;
    this.pending = false;
    this.resum();
  }

  /**
   * After a gap longer than the fine tier, the coarse tier moves on too, to the cell that holds
   * `splitMs − 1` (the fine tier now starts at `splitMs`): what is beyond retention goes.
   */
  moveOn(splitMs: number): void {
    this.flush();
    const ring = this.ring;
    if (!ring.isEmpty) ring.advanceTo(ring.indexOf(splitMs - 1));
    this.resum();
  }

  /**
   * Counts before time `t ≤ splitMs`, from the ring's oldest cell: the cells before the one that
   * holds `t`, and that one pro rata over the part of it the tier covers (the newest ends at `splitMs`).
   */
  cumulativeInto(t: number, splitMs: number, out: Float64Array): void {
    if (this.pending) this.flush();
    const ring = this.ring;
    const cell = ring.indexOf(t);
    const start = ring.startOf(cell);
    const end = Math.min(start + ring.cellMs, splitMs);
    ring.prefixInto(cell, t >= end ? 1 : (t - start) / (end - start), out);
  }

  /** Start of the oldest time the tier still answers for, with the fine tier starting at `splitMs`. */
  retainedFrom(splitMs: number): number {
    const ring = this.ring;
    return ring.isEmpty ? splitMs - (ring.capacity - 1) * ring.cellMs : ring.startOf(ring.lo);
  }

  /** Adds the cells of `source` by their start (so a coarser tier merges them); this tier must be empty. */
  copyFrom(source: CoarseTier): void {
    source.flush();
    const ring = this.ring;
    source.ring.forEachCell((index, counts) => {
      const cell = ring.indexOf(source.ring.startOf(index));
      ring.advanceTo(cell);
      if (cell >= ring.lo) ring.addAt(cell, counts[0]!, counts[1]!);
    });
    this.resum();
  }

  clear(): void {
    this.ring.clear();
    this.foldGood = 0;
    this.foldTotal = 0;
    this.pending = false;
    this.foldCell = Number.NaN;
    this.foldFrom = Number.POSITIVE_INFINITY;
    this.foldTo = Number.NEGATIVE_INFINITY;
    this.sumGood = 0;
    this.sumTotal = 0;
  }

  private resum(): void {
    const ring = this.ring;
    ring.sumAllInto(sum);
    this.sumGood = sum[0]!;
    this.sumTotal = sum[1]!;
  }
}

const sum = new Float64Array(2);
