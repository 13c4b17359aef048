import type { CoarseTier } from './coarse-tier';
import { PrefixRing } from './prefix-ring';

/**
 * The recent part of an `SliSeries`: one exact, replaceable cell per `cellMs` for the last
 * `capacity` cells. A cell that leaves it is folded into the coarse tier; a jump of more than the
 * whole tier moves the coarse tier on as well.
 */
export class FineTier {
  readonly ring: PrefixRing;
  readonly cellMs: number;
  /** Start of the tier (−Infinity while empty), kept up to date with the head. */
  split = Number.NEGATIVE_INFINITY;
  /** Start of the cell after the head (NaN while empty): where the next bucket in time order starts. */
  nextStart = Number.NaN;
  private readonly scratch = new Float64Array(2);

  constructor(
    options: { readonly cellMs: number; readonly capacity: number; readonly originMs: number },
    private readonly coarse: CoarseTier,
  ) {
    this.cellMs = options.cellMs;
    this.ring = new PrefixRing(options);
  }

  /** Pushes cell `hi + 1` of a non-empty tier, folding the cell that leaves. */
  append(good: number, total: number): void {
    const scratch = this.scratch;
    const leaving = this.split;
    this.ring.push(good, total, scratch);
    if (scratch[0] !== 0 || scratch[1] !== 0) this.coarse.fold(leaving, scratch[0]!, scratch[1]!);
    this.split += this.cellMs;
    this.nextStart += this.cellMs;
  }

  /** Replaces cells `[first, last]`: the first gets the counts, the others nothing. */
  replaceCells(first: number, last: number, good: number, total: number): void {
    const ring = this.ring;
    const scratch = this.scratch;
    this.moveHeadTo(last);
    for (let cell = first; cell <= last; cell++) {
      ring.sumCells(cell, cell + 1, scratch);
      const dGood = (cell === first ? good : 0) - scratch[0]!;
      const dTotal = (cell === first ? total : 0) - scratch[1]!;
      if (dGood !== 0 || dTotal !== 0) ring.addAt(cell, dGood, dTotal);
    }
  }

  /** Moves the head to `cell` (no-op if not newer), folding what leaves. */
  moveHeadTo(cell: number): void {
    const ring = this.ring;
    const jump = ring.isEmpty ? 0 : cell - ring.hi;
    ring.advanceTo(cell, this.fold);
    this.settle();
    // After a gap longer than the fine tier, the coarse tier moves on too.
    if (jump >= ring.capacity) this.coarse.moveOn(this.split);
  }

  /** Writes the cells of buckets given oldest first, all within one tier's span, then moves the head to `head`. */
  writeTail(starts: readonly { readonly start: number; readonly good: number; readonly total: number }[], from: number, to: number, head: number): void {
    const ring = this.ring;
    for (let i = from; i < to; i++) {
      const { start, good, total } = starts[i]!;
      const cell = ring.indexOf(start);
      if (ring.isEmpty) {
        ring.advanceTo(cell);
        ring.addAt(cell, good, total);
      } else {
        ring.advanceTo(cell - 1);
        ring.push(good, total, this.scratch);
      }
    }
    ring.advanceTo(head);
    this.settle();
  }

  clear(): void {
    this.ring.clear();
    this.split = Number.NEGATIVE_INFINITY;
    this.nextStart = Number.NaN;
  }

  private settle(): void {
    this.split = this.ring.startOf(this.ring.lo);
    this.nextStart = this.ring.startOf(this.ring.hi + 1);
  }

  private readonly fold = (index: number, counts: Float64Array): void => {
    this.coarse.fold(this.ring.startOf(index), counts[0]!, counts[1]!);
  };
}
