import { SliSeries, type SliSeriesOptions } from './sli-series';

/** One input of a slice rule: a raw series and how its slices are judged. */
export interface SliceSource {
  readonly series: SliSeries;
  /** Timeslices: a slice is good when good/total ≥ this. */
  readonly sliceTarget: number;
  /** Composite Timeslices: what a bad slice of this source costs, `weight / (1 − target)`. */
  readonly badCost: number;
}

/**
 * How one slice becomes a `(good, total)` cell of the derived series:
 * - `timeslices` (OpenSLO Timeslices): `(1, 1)` for a good slice, `(0, 1)` for a bad one.
 * - `ratio` (OpenSLO RatioTimeslices): `(good/total, 1)`, so sums give Σ ratios and slice counts.
 * - `composite-timeslices`: `(cost / costScale, 1)` where cost is the largest `badCost` among the
 *   sources that are bad in that slice (0 when none is): "a bad slice of any objective is a bad
 *   slice of the composite" (OpenSLO, reference/slo.md §1.3), weighted. `costScale`, the largest
 *   `badCost`, keeps cells within `good ≤ total` like every bucket.
 * A slice in which no source has events gives `(0, 0)`: it is neither good nor bad.
 */
export type SliceRule = 'timeslices' | 'ratio' | 'composite-timeslices';

const scratch = new Float64Array(2);

/**
 * Turns raw 10-second series into a series with one cell per time slice, so that the SLI, the
 * budget and every burn rate of the time-slice methods are window sums like Occurrences.
 *
 * A slice is derived once it has ended: when a bucket arrives at or after its end (`catchUp` at
 * ingest), or when the clock passes its end (`catchUp` at evaluation). A late bucket re-derives
 * its slice (`refresh`), replacing the old cell. Slices are only derived from the fine tier of the
 * sources, where raw 10-second data is still kept.
 */
export class SliceDeriver {
  readonly output: SliSeries;
  readonly rule: SliceRule;
  readonly sources: readonly SliceSource[];
  readonly sliceMs: number;
  readonly originMs: number;
  /** Composite Timeslices: what a cell's `good` of 1 stands for (the largest `badCost`). */
  readonly costScale: number;
  private derivedThrough: number | null = null;

  constructor(rule: SliceRule, sources: readonly SliceSource[], options: SliSeriesOptions & { readonly cellMs: number; readonly originMs: number }) {
    this.rule = rule;
    this.sources = sources;
    this.sliceMs = options.cellMs;
    this.originMs = options.originMs;
    this.costScale = Math.max(0, ...sources.map((source) => source.badCost));
    this.output = new SliSeries(options);
  }

  /** Derives every slice that ends at or before `time`, from where it left off. */
  catchUp(time: number): void {
    const boundary = this.sliceStart(time);
    let from = this.derivedThrough ?? Number.NEGATIVE_INFINITY;
    // Raw data older than the sources' fine tier is gone: nothing to derive there.
    for (const source of this.sources) {
      const fineStart = source.series.fineStart;
      if (fineStart > Number.NEGATIVE_INFINITY) from = Math.max(from, this.sliceStart(fineStart + this.sliceMs - 1));
    }
    if (Number.isFinite(from) && from < boundary && this.hasEvents(from, boundary)) {
      for (let start = from; start < boundary; start += this.sliceMs) this.derive(start, false);
    }
    if (this.derivedThrough === null || boundary > this.derivedThrough) this.derivedThrough = boundary;
  }

  /** Re-derives the already derived slices that overlap `[from, to)`, after a late bucket. */
  refresh(from: number, to: number): void {
    if (this.derivedThrough === null || from >= this.derivedThrough) return;
    const end = Math.min(to, this.derivedThrough);
    for (let start = this.sliceStart(from); start < end; start += this.sliceMs) this.derive(start, true);
  }

  /** Takes over what a deriver with the same slice grid derived (when its sources were rebuilt). */
  adopt(previous: SliceDeriver): void {
    this.output.copyFrom(previous.output);
    this.derivedThrough = previous.derivedThrough;
  }

  /** Forgets every slice (before the sources are reloaded). */
  reset(): void {
    this.output.clear();
    this.derivedThrough = null;
  }

  private sliceStart(time: number): number {
    return this.originMs + Math.floor((time - this.originMs) / this.sliceMs) * this.sliceMs;
  }

  private hasEvents(from: number, to: number): boolean {
    for (const source of this.sources) {
      source.series.sumInto(from, to, scratch);
      if (scratch[1]! > 0) return true;
    }
    return false;
  }

  private derive(start: number, replace: boolean): void {
    const end = start + this.sliceMs;
    let good = 0;
    let total = 0;
    for (const source of this.sources) {
      source.series.sumInto(start, end, scratch);
      const events = scratch[1]!;
      if (events <= 0) continue;
      const ratio = scratch[0]! / events;
      total = 1;
      if (this.rule === 'ratio') good = ratio;
      else if (this.rule === 'timeslices') good = ratio >= source.sliceTarget ? 1 : 0;
      else if (ratio < source.sliceTarget) good = Math.max(good, source.badCost / this.costScale);
    }
    // An empty slice that was never written needs no write: the derived series reads it as empty.
    if (total === 0 && !replace) return;
    this.output.set({ start, good, total, resolutionMs: this.sliceMs });
  }
}
