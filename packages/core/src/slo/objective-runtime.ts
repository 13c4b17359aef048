import { newAlertRecord, type AlertRecord } from './alert-state-machine';
import { budgetAllowance, type BudgetUnit } from './error-budget';
import type { SliSeries } from './sli-series';

/** How an objective gets its numbers. */
export type ObjectiveSource =
  /** Window sums of one series: raw events (Occurrences) or derived slices (the time-slice methods). */
  | { readonly kind: 'series'; readonly units: SliSeries; readonly unit: 'events' | 'slices'; readonly sliceMs: number }
  /** A Occurrences or RatioTimeslices composite: weighted sums of its objectives' burn rates and spent shares. */
  | { readonly kind: 'weighted' }
  /** A Timeslices composite: a derived series of per-slice costs, each stored as `cost / costScale` (see `SliceRule`). */
  | { readonly kind: 'slice-costs'; readonly units: SliSeries; readonly sliceMs: number; readonly costScale: number };

const scratch = new Float64Array(2);

/**
 * One objective (or composite) of an SLO inside the engine, with the numbers of its last
 * evaluation kept in place: the evaluation loop of 10 000 SLOs allocates nothing per tick.
 * NaN stands for "no data" in the numeric fields.
 *
 * `evaluate` (`prepare`, then `evaluateSloWindow`) computes the SLO-window numbers; the burn rate
 * and event count of each alert window are computed when first asked for (`burnAt`, `eventsAt`) or
 * all at once (`computeAll`, for a status). A multiwindow rule whose short window is calm never
 * needs its long window, which roughly halves the cost of a healthy tick.
 */
export class ObjectiveRuntime {
  readonly alerts: AlertRecord[];
  readonly unit: BudgetUnit;
  /** Budget units in the elapsed window: events, slices (or Σ ratios), or slice costs. */
  good = 0;
  total = 0;
  eventsGood = 0;
  eventsTotal = 0;
  budgetTotal = 0;
  consumed = 0;
  /** Share of the budget spent. */
  share = 0;
  /** Burn rate over the elapsed window: `(1 − SLI) / (1 − target)`. */
  sloBurn = Number.NaN;
  sli = Number.NaN;
  private readonly burn: Float64Array;
  private readonly events: Float64Array;
  // Window j is computed for this evaluation when `readyAt[j] === generation`: counting
  // evaluations costs one addition where clearing flags would cost a call per tick.
  private readonly readyAt: Float64Array;
  private generation = 1;
  // The source, taken apart once: the hot path then reads fields instead of testing string tags.
  private readonly units: SliSeries | null;
  private readonly scale: number;
  private readonly rawEventsOnly: boolean;
  // `1 − target`, the denominator of every burn rate.
  private readonly allowance: number;
  private windowsMs: readonly number[] = [];
  private from = 0;
  private now = 0;
  private goodAtNow = 0;
  private totalAtNow = 0;

  constructor(
    readonly name: string,
    readonly target: number,
    readonly weight: number,
    readonly raw: readonly SliSeries[],
    readonly source: ObjectiveSource,
    readonly components: readonly ObjectiveRuntime[],
    windowCount: number,
    ruleCount: number,
  ) {
    this.alerts = Array.from({ length: ruleCount }, newAlertRecord);
    this.burn = new Float64Array(windowCount);
    this.events = new Float64Array(windowCount);
    this.readyAt = new Float64Array(windowCount);
    this.unit = source.kind === 'series' ? source.unit : 'fraction';
    this.units = source.kind === 'weighted' ? null : source.units;
    this.scale = source.kind === 'slice-costs' ? source.costScale : 1;
    this.rawEventsOnly = source.kind === 'series' && source.unit === 'events';
    this.allowance = 1 - target;
  }

  /** Newest end of a bucket with events over the objective's series (the composite: over all of them); -Infinity if none. */
  lastDataEnd(): number {
    const raw = this.raw;
    let last = raw[0]?.lastDataEnd ?? Number.NEGATIVE_INFINITY;
    for (let i = 1; i < raw.length; i++) last = Math.max(last, raw[i]!.lastDataEnd);
    return last;
  }

  /**
   * Computes SLI and budget at `now` over the SLO window starting at `from` (length `windowMs`,
   * the whole period for a calendar window), and forgets the alert windows `windowsMs` of the
   * last tick. A composite's objectives must have been evaluated first.
   */
  evaluate(windowsMs: readonly number[], from: number, now: number, windowMs: number): void {
    this.prepare(windowsMs, from, now);
    this.evaluateSloWindow(windowMs);
  }

  /**
   * The part of `evaluate` the alert windows need (the cumulative at `now`), for a tick that
   * checks only burn-rate rules: the SLO window's numbers stay those of an earlier tick.
   */
  prepare(windowsMs: readonly number[], from: number, now: number): void {
    this.windowsMs = windowsMs;
    this.from = from;
    this.now = now;
    this.generation++;
    const units = this.units;
    if (units === null) return;
    // Every window ends at `now`: one cumulative read there, then one per window start.
    units.cumulativeInto(now, scratch);
    this.goodAtNow = scratch[0]!;
    this.totalAtNow = scratch[1]!;
  }

  /** The rest of `evaluate`, after `prepare`: SLI and budget over the SLO window. */
  evaluateSloWindow(windowMs: number): void {
    const source = this.source;
    const units = this.units;
    if (units === null || source.kind === 'weighted') {
      this.combine();
      return;
    }
    const allowance = this.allowance;
    units.cumulativeInto(this.from, scratch);
    this.good = (this.goodAtNow - scratch[0]!) * this.scale;
    this.total = this.totalAtNow - scratch[1]!;
    const slicesInWindow = windowMs / source.sliceMs;
    if (source.kind === 'slice-costs') {
      this.budgetTotal = 1;
      this.share = this.good / slicesInWindow;
      this.consumed = this.share;
      this.sloBurn = this.total > 0 ? this.good / this.total : Number.NaN;
      this.sli = 1 - allowance * this.sloBurn;
    } else {
      this.budgetTotal = budgetAllowance(source.unit, this.target, this.total, slicesInWindow);
      this.consumed = this.total - this.good;
      this.share = this.budgetTotal > 0 ? this.consumed / this.budgetTotal : 0;
      // burnRate (burn-rate.ts) written out: a number | null result costs a check and a box per call.
      this.sloBurn = this.total > 0 ? (1 - this.good / this.total) / allowance : Number.NaN;
      this.sli = this.total > 0 ? this.good / this.total : Number.NaN;
    }
    if (this.rawEventsOnly) {
      this.eventsGood = this.good;
      this.eventsTotal = this.total;
    }
  }

  /** Good and total units in `[start, now)` at the last `prepare`, for an objective on a series: one read. */
  sumsSinceInto(start: number, out: Float64Array): void {
    this.units?.cumulativeInto(start, out);
    out[0] = (this.goodAtNow - out[0]!) * this.scale;
    out[1] = this.totalAtNow - out[1]!;
  }

  /** Burn rate over alert window `j` at the last `evaluate`; NaN without data. */
  burnAt(j: number): number {
    if (this.readyAt[j] !== this.generation) this.computeWindow(j);
    return this.burn[j]!;
  }

  /** Raw events over alert window `j` at the last `evaluate`, for the low-traffic guard. */
  eventsAt(j: number): number {
    if (this.readyAt[j] !== this.generation) this.computeWindow(j);
    return this.events[j]!;
  }

  /** Computes every alert window, and the raw events of the SLO window, for a status. */
  computeAll(): void {
    for (let j = 0; j < this.windowsMs.length; j++) this.burnAt(j);
    if (this.rawEventsOnly) return;
    if (this.components.length > 0) {
      this.eventsGood = 0;
      this.eventsTotal = 0;
      for (const c of this.components) {
        c.computeAll();
        this.eventsGood += c.eventsGood;
        this.eventsTotal += c.eventsTotal;
      }
      return;
    }
    const raw = this.raw[0]!;
    raw.cumulativeInto(this.now, scratch);
    const good = scratch[0]!;
    const total = scratch[1]!;
    raw.cumulativeInto(this.from, scratch);
    this.eventsGood = good - scratch[0]!;
    this.eventsTotal = total - scratch[1]!;
  }

  private computeWindow(j: number): void {
    const start = this.now - this.windowsMs[j]!;
    const units = this.units;
    if (units === null) {
      // Σ weight_i × burn_i over the objectives that have data (composite-slo.ts).
      let burn = 0;
      let any = false;
      let events = 0;
      for (const c of this.components) {
        const value = c.burnAt(j);
        events += c.eventsAt(j);
        if (Number.isNaN(value)) continue;
        burn += c.weight * value;
        any = true;
      }
      this.burn[j] = any ? burn : Number.NaN;
      this.events[j] = events;
    } else {
      units.cumulativeInto(start, scratch);
      const good = (this.goodAtNow - scratch[0]!) * this.scale;
      const total = this.totalAtNow - scratch[1]!;
      if (this.source.kind === 'slice-costs') this.burn[j] = total > 0 ? good / total : Number.NaN;
      else this.burn[j] = total > 0 ? (1 - good / total) / this.allowance : Number.NaN;
      this.events[j] = this.rawEventsOnly ? total : this.rawEvents(start);
    }
    this.readyAt[j] = this.generation;
  }

  // Raw events in [start, now): the objective's own series, or its composite's objectives.
  private rawEvents(start: number): number {
    let events = 0;
    for (const series of this.raw) {
      series.cumulativeInto(this.now, scratch);
      const total = scratch[1]!;
      series.cumulativeInto(start, scratch);
      events += total - scratch[1]!;
    }
    return events;
  }

  // Occurrences and RatioTimeslices composites (see composite-slo.ts): the spent share and the
  // burn rate are Σ weight_i × value_i over the objectives that have a value; NaN when none has.
  private combine(): void {
    let share = 0;
    let sloBurn = 0;
    let anyBurn = false;
    for (const c of this.components) {
      share += c.weight * c.share;
      if (!Number.isNaN(c.sloBurn)) {
        sloBurn += c.weight * c.sloBurn;
        anyBurn = true;
      }
    }
    this.share = share;
    this.sloBurn = anyBurn ? sloBurn : Number.NaN;
    this.sli = 1 - (1 - this.target) * this.sloBurn;
    this.good = Number.NaN;
    this.total = Number.NaN;
    this.budgetTotal = 1;
    this.consumed = share;
  }
}
