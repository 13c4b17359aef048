import type { RulePlan } from './alert-rule-check';
import type { ObjectiveRuntime } from './objective-runtime';
import type { SliSeries } from './sli-series';

// How far ahead a proof looks, as shares of its window, tried in turn: far means fewer proofs,
// near means less of the window leaves meanwhile (a tighter bound). A window without a bad event
// needs no total at all: it stays quiet until a bad event comes (see `proveWindow`).
const REACH_SHARES = [0.75, 0.25, 1 / 32];
// No new proof of a rule that could not be proven before this, at most, nor after an eighth of its window.
const MAX_RETRY_MS = 900_000;
// Burn rates are computed as (1 − good/total)/(1 − target) in floating point: a bound this far
// (relatively) below the threshold cannot be crossed by rounding.
const MARGIN = 1e-6;
const NO_PROOF = Number.NEGATIVE_INFINITY;

const scratch = new Float64Array(2);

/**
 * Proofs that the alert rules of one Occurrences objective cannot hold for a while, so that a tick
 * nobody looks at (a replay step that records no point) skips them instead of reading their windows.
 *
 * A proof is made right after an exact check at t0 that did not hold, with the alert inactive or
 * resolved: a step that does not hold then changes nothing but the alert's last value, which only a
 * status shows, and a status always comes from a full tick. For a window of length S and a burn
 * threshold θ (the rule holds when the window's bad events reach (1 − target)·θ of its events), over
 * (t0, t1] with t1 − t0 ≤ S/2:
 *
 *     bad(t)   ≤ bad(t0) + bad appended since t0          (the window drops old cells, gains new ones)
 *     total(t) ≥ total(t0) − total of [t0 − S, t1 − S)     (what leaves it by t1, read once at t0)
 *
 * so the rule cannot hold while the bad events appended stay within (1 − target)·θ·total_min −
 * bad(t0), less a margin. This needs window sums that only change by appends: the series has seen
 * nothing else since (`SliSeries.revision`), no data ahead of the clock (`end ≤ now`), and the
 * window lies in the fine tier or starts in a coarse cell already complete (`settledAt`). The
 * budget-exhausted rule is the SLO window at θ = 1 (rolling windows). The no-data rule needs no
 * bound: its own condition is two reads of fields, checked as it is at every step.
 */
export class QuietRules {
  // Per rule: proven quiet while now < until and appendedBad ≤ badLimit; no new attempt before retryAt.
  private readonly until: Float64Array;
  private readonly badLimit: Float64Array;
  private readonly retryAt: Float64Array;
  private revision = Number.NaN;
  // The same for every rule at once, so a quiet step is one check.
  private allUntil = NO_PROOF;
  private allBadLimit = NO_PROOF;
  // The no-data rules' delay (the shortest; +Infinity without one), and when the SLO was first evaluated.
  private readonly noDataAfterMs: number;
  private since = Number.NaN;

  constructor(
    private readonly series: SliSeries,
    plans: readonly RulePlan[],
  ) {
    this.until = new Float64Array(plans.length).fill(NO_PROOF);
    this.badLimit = new Float64Array(plans.length);
    this.retryAt = new Float64Array(plans.length).fill(NO_PROOF);
    let noDataAfterMs = Number.POSITIVE_INFINITY;
    for (const { rule } of plans) if (rule.kind === 'no-data') noDataAfterMs = Math.min(noDataAfterMs, rule.afterMs);
    this.noDataAfterMs = noDataAfterMs;
  }

  /** Whether every rule is proven not to hold at `now`. */
  all(now: number): boolean {
    const series = this.series;
    return now < this.allUntil && series.revision === this.revision && series.appendedBad <= this.allBadLimit && !(series.end > now) && this.dataAt(now, this.noDataAfterMs);
  }

  /** Whether rule `r` is proven not to hold at `now`. */
  one(r: number, now: number, plan: RulePlan): boolean {
    if (!(now < this.until[r]!)) return false;
    const series = this.series;
    if (plan.rule.kind === 'no-data') return this.dataAt(now, plan.rule.afterMs);
    return series.revision === this.revision && series.appendedBad <= this.badLimit[r]! && !(series.end > now);
  }

  /** Forgets the proof of rule `r`: it holds, or its alert is not at rest. */
  forget(r: number): void {
    if (this.until[r] === NO_PROOF) return;
    this.until[r] = NO_PROOF;
    this.combine();
  }

  /** Forgets every proof (the alert states were changed from outside). */
  reset(): void {
    this.until.fill(NO_PROOF);
    this.retryAt.fill(NO_PROOF);
    this.combine();
  }

  /**
   * After an exact check at `now` found rule `r` not holding with its alert at rest, tries to prove
   * it quiet for a while. `rollingMs` is the SLO window (NaN for a calendar one), `since` when the SLO was first evaluated.
   */
  prove(r: number, plan: RulePlan, objective: ObjectiveRuntime, windowsMs: readonly number[], rollingMs: number, since: number, now: number): void {
    const series = this.series;
    this.since = since;
    if (now < this.retryAt[r]! || series.end > now) return;
    if (series.revision !== this.revision) {
      this.until.fill(NO_PROOF);
      this.revision = series.revision;
    }
    const rule = plan.rule;
    // The window and threshold the rule needs to reach: the budget-exhausted rule holds when the
    // spent share (1 − good/total)/(1 − target) over the SLO window reaches 1.
    let windowMs = Number.NaN;
    let threshold = plan.low;
    if (rule.kind === 'no-data') {
      // At rest it stays so while data keeps coming: `dataAt` checks that at every step.
      this.until[r] = Number.POSITIVE_INFINITY;
      this.badLimit[r] = Number.POSITIVE_INFINITY;
      this.combine();
      return;
    }
    // A multiwindow rule needs both windows to burn: either one calm is proof enough (after an
    // incident the short window stays hot for hours while the long one is far from its factor).
    let otherMs = Number.NaN;
    if (rule.kind === 'multiwindow-burn-rate') {
      windowMs = windowsMs[plan.shortIndex]!;
      otherMs = windowsMs[plan.longIndex]!;
    } else if (rule.kind === 'burn-rate' && (rule.op === 'gt' || rule.op === 'gte')) windowMs = windowsMs[plan.longIndex]!;
    else if (rule.kind === 'budget-exhausted') {
      windowMs = rollingMs;
      threshold = 1;
    }
    if (!this.proveWindow(r, objective, windowMs, threshold, now) && !this.proveWindow(r, objective, otherMs, threshold, now)) {
      this.until[r] = NO_PROOF;
      // Not provable now (the window burns, or it cannot be bounded): try again a while later, not every step.
      this.retryAt[r] = Number.isNaN(windowMs) ? Number.POSITIVE_INFINITY : now + Math.min(windowMs / 8, MAX_RETRY_MS);
    }
    this.combine();
  }

  // The no-data condition, exactly as `checkRule` has it, false: the newest data is younger than `afterMs`.
  private dataAt(now: number, afterMs: number): boolean {
    const last = this.series.lastDataEnd;
    return now - (last === Number.NEGATIVE_INFINITY ? this.since : last) < afterMs;
  }

  private proveWindow(r: number, objective: ObjectiveRuntime, windowMs: number, threshold: number, now: number): boolean {
    const series = this.series;
    const allowance = 1 - objective.target;
    // Below this, rounding in 1 − good/total (about 1e-16 absolute) could matter against the margin.
    if (!(threshold * allowance > 1e-9) || Number.isNaN(windowMs)) return false;
    const fine = windowMs <= series.fineSpanMs;
    objective.sumsSinceInto(now - windowMs, scratch);
    const bad = scratch[1]! - scratch[0]!;
    if (bad === 0 && fine) {
      // No bad event in it: the burn stays 0 (or NaN without events) until one is appended, however long.
      this.until[r] = Number.POSITIVE_INFINITY;
      this.badLimit[r] = series.appendedBad;
      return true;
    }
    for (const share of REACH_SHARES) {
      const t1 = now + windowMs * share;
      if (!(fine || series.settledAt(t1 - windowMs))) continue;
      // What of the window every window until t1 keeps: [t1 − S, now).
      objective.sumsSinceInto(t1 - windowMs, scratch);
      const maxBad = threshold * (1 - MARGIN) * allowance * scratch[1]!;
      if (!(bad <= maxBad)) continue;
      this.until[r] = t1;
      this.badLimit[r] = series.appendedBad + (maxBad - bad);
      return true;
    }
    return false;
  }

  private combine(): void {
    let until = Number.POSITIVE_INFINITY;
    let badLimit = Number.POSITIVE_INFINITY;
    for (let r = 0; r < this.until.length; r++) {
      until = Math.min(until, this.until[r]!);
      badLimit = Math.min(badLimit, this.badLimit[r]!);
    }
    this.allUntil = this.until.length === 0 ? NO_PROOF : until;
    this.allBadLimit = badLimit;
  }
}
