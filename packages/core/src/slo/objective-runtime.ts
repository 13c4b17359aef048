import { newAlertRecord, type AlertRecord } from './alert-state-machine';
import type { BudgetUnit } from './error-budget';
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
 */
export class ObjectiveRuntime {
  readonly alerts: AlertRecord[];
  /** Burn rate per alert window of the SLO (same order as its window list). */
  readonly burn: Float64Array;
  /** Raw events per alert window, for the low-traffic guard. */
  readonly events: Float64Array;
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
    this.unit = source.kind === 'series' ? source.unit : 'fraction';
  }

  /** Newest end of a bucket with events over the objective's series (the composite: over all of them). */
  lastDataEnd(): number | null {
    let last: number | null = null;
    for (const series of this.raw) {
      const end = series.lastDataEnd;
      if (end !== null && (last === null || end > last)) last = end;
    }
    return last;
  }

  /**
   * Computes SLI, budget and burn rates at `now` over the SLO window starting at `from` (length
   * `windowMs`, the whole period for a calendar window) and the alert windows `windowsMs`.
   * A composite's objectives must have been evaluated first.
   */
  evaluate(windowsMs: readonly number[], from: number, now: number, windowMs: number): void {
    const source = this.source;
    // Occurrences reads events from the raw series itself: its sums are the event counts.
    const eventsFromUnits = source.kind === 'series' && source.unit === 'events';
    if (!eventsFromUnits) {
      this.sumEvents(from, now, -1);
      for (let j = 0; j < windowsMs.length; j++) this.sumEvents(now - windowsMs[j]!, now, j);
    }
    if (source.kind === 'weighted') this.combine(windowsMs.length);
    else {
      const allowance = 1 - this.target;
      const scale = source.kind === 'slice-costs' ? source.costScale : 1;
      source.units.sumInto(from, now, scratch);
      this.good = scratch[0]! * scale;
      this.total = scratch[1]!;
      if (eventsFromUnits) {
        this.eventsGood = this.good;
        this.eventsTotal = this.total;
      }
      const slicesInWindow = windowMs / source.sliceMs;
      if (source.kind === 'slice-costs') {
        this.budgetTotal = 1;
        this.share = this.good / slicesInWindow;
        this.consumed = this.share;
        this.sloBurn = this.total > 0 ? this.good / this.total : Number.NaN;
      } else {
        this.budgetTotal = allowance * (source.unit === 'events' ? this.total : slicesInWindow);
        this.consumed = this.total - this.good;
        this.share = this.budgetTotal > 0 ? this.consumed / this.budgetTotal : 0;
        this.sloBurn = this.total > 0 ? (1 - this.good / this.total) / allowance : Number.NaN;
      }
      for (let j = 0; j < windowsMs.length; j++) {
        source.units.sumInto(now - windowsMs[j]!, now, scratch);
        const good = scratch[0]! * scale;
        const total = scratch[1]!;
        if (eventsFromUnits) this.events[j] = total;
        if (!(total > 0)) this.burn[j] = Number.NaN;
        else this.burn[j] = source.kind === 'slice-costs' ? good / total : (1 - good / total) / allowance;
      }
    }
    this.sli = source.kind === 'series' ? (this.total > 0 ? this.good / this.total : Number.NaN) : 1 - (1 - this.target) * this.sloBurn;
  }

  // Occurrences and RatioTimeslices composites (see composite-slo.ts): burn rates and spent shares
  // are Σ weight_i × value_i over the objectives that have a value; NaN when none has.
  private combine(windowCount: number): void {
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
    for (let j = 0; j < windowCount; j++) {
      let burn = 0;
      let any = false;
      for (const c of this.components) {
        const value = c.burn[j]!;
        if (Number.isNaN(value)) continue;
        burn += c.weight * value;
        any = true;
      }
      this.burn[j] = any ? burn : Number.NaN;
    }
    this.share = share;
    this.sloBurn = anyBurn ? sloBurn : Number.NaN;
    this.good = Number.NaN;
    this.total = Number.NaN;
    this.budgetTotal = 1;
    this.consumed = share;
  }

  // Raw events over [from, to) into eventsGood/eventsTotal (j = -1) or events[j].
  private sumEvents(from: number, to: number, j: number): void {
    let good = 0;
    let total = 0;
    if (this.components.length > 0) {
      for (const component of this.components) {
        good += j < 0 ? component.eventsGood : 0;
        total += j < 0 ? component.eventsTotal : component.events[j]!;
      }
    } else {
      for (const series of this.raw) {
        series.sumInto(from, to, scratch);
        good += scratch[0]!;
        total += scratch[1]!;
      }
    }
    if (j < 0) {
      this.eventsGood = good;
      this.eventsTotal = total;
    } else {
      this.events[j] = total;
    }
  }
}
