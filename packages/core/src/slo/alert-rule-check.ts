import { EXHAUSTION_LOOKBACK_MS } from './burn-rate';
import type { ObjectiveRuntime } from './objective-runtime';
import type { AlertRuleDefinition, ComparisonOp } from './slo-definition';

/** A rule with the positions of its windows in the SLO's window list. */
export interface RulePlan {
  readonly rule: AlertRuleDefinition;
  /** Multiwindow: long window; burn-rate: lookback window; -1 otherwise. */
  readonly longIndex: number;
  /** Multiwindow: short window; -1 otherwise. */
  readonly shortIndex: number;
  /** How long the condition must hold before the alert fires (OpenSLO `alertAfter`); 0 for the others. */
  readonly alertAfterMs: number;
  /**
   * The threshold (factor) less the tolerance of `compare`, worked out once with the same
   * arithmetic: values ≥ `low` count as ≥ the threshold. NaN for rules without one.
   */
  readonly low: number;
}

/** The windows an SLO's rules read and how each rule reads them (`planRules`); SLOs with equal rules share one. */
export interface RulePlanning {
  readonly windowsMs: readonly number[];
  readonly plans: readonly RulePlan[];
}

/**
 * Every distinct window an SLO's rules read, shortest first, plus the 1-hour window that projects
 * the time to exhaustion; and each rule's positions in it.
 */
export function planRules(rules: readonly AlertRuleDefinition[]): RulePlanning {
  const set = new Set<number>([EXHAUSTION_LOOKBACK_MS]);
  for (const rule of rules) {
    if (rule.kind === 'multiwindow-burn-rate') set.add(rule.longWindowMs).add(rule.shortWindowMs);
    if (rule.kind === 'burn-rate') set.add(rule.lookbackWindowMs);
  }
  const windowsMs = [...set].sort((a, b) => a - b);
  const plans = rules.map((rule): RulePlan => {
    if (rule.kind === 'multiwindow-burn-rate') {
      return { rule, longIndex: windowsMs.indexOf(rule.longWindowMs), shortIndex: windowsMs.indexOf(rule.shortWindowMs), alertAfterMs: 0, low: lowOf(rule.factor) };
    }
    if (rule.kind === 'burn-rate') {
      return { rule, longIndex: windowsMs.indexOf(rule.lookbackWindowMs), shortIndex: -1, alertAfterMs: rule.alertAfterMs, low: lowOf(rule.threshold) };
    }
    return { rule, longIndex: -1, shortIndex: -1, alertAfterMs: 0, low: Number.NaN };
  });
  return { windowsMs, plans };
}

// `threshold − slack` as `compare` computes it for 'gte'.
function lowOf(threshold: number): number {
  return threshold - TOLERANCE * Math.abs(threshold);
}

// Burn rates are ratios of sums compared with factors written in decimal: 1 − 0.999 is
// 0.0010000000000000009 in binary, so a burn of exactly 3 computes as 2.9999999999999973. Values
// within this relative distance of the threshold count as equal to it.
const TOLERANCE = 1e-9;

/** Whether `value op threshold` holds, with equality up to `TOLERANCE`. */
export function compare(value: number, op: ComparisonOp, threshold: number): boolean {
  const slack = TOLERANCE * Math.abs(threshold);
  switch (op) {
    case 'gte': return value >= threshold - slack;
    case 'gt': return value > threshold + slack;
    case 'lte': return value <= threshold + slack;
    case 'lt': return value < threshold - slack;
  }
}

/** The outcome of one rule check; `value` is what the decision rested on (NaN: none). */
export interface RuleCheck {
  holds: boolean;
  value: number;
}

/**
 * Whether a rule's condition holds for an objective that was just evaluated at `now`.
 *
 * - multiwindow-burn-rate (SRE Workbook approach 6): burn rates over the long AND the short window
 *   are both ≥ factor, and the long window holds at least `minEvents` events (low-traffic guard).
 *   Value: the long-window burn rate; while the short window alone rules the condition out, the
 *   short one (the long window is then not even computed).
 * - burn-rate (OpenSLO AlertCondition): `burnRate(lookback) op threshold`; with `gt`/`gte` the
 *   lookback window must also hold `minEvents` events. A window without data holds no condition.
 * - no-data: the newest bucket with events ended at least `afterMs` ago (an SLI that never reported
 *   counts from `since`, when the SLO was first evaluated). Value: that age in ms.
 * - budget-exhausted: remaining budget ≤ 0. Value: the remaining fraction.
 */
export function checkRule(plan: RulePlan, objective: ObjectiveRuntime, now: number, minEvents: number, since: number, out: RuleCheck): void {
  const rule = plan.rule;
  switch (rule.kind) {
    case 'multiwindow-burn-rate': {
      const short = objective.burnAt(plan.shortIndex);
      if (!(short >= plan.low)) {
        out.value = short;
        out.holds = false;
        return;
      }
      const long = objective.burnAt(plan.longIndex);
      out.value = long;
      out.holds = long >= plan.low && objective.eventsAt(plan.longIndex) >= minEvents;
      return;
    }
    case 'burn-rate': {
      const rate = objective.burnAt(plan.longIndex);
      const guarded = rule.op === 'gt' || rule.op === 'gte';
      out.value = rate;
      out.holds = !Number.isNaN(rate) && compare(rate, rule.op, rule.threshold) && (!guarded || objective.eventsAt(plan.longIndex) >= minEvents);
      return;
    }
    case 'no-data': {
      const last = objective.lastDataEnd();
      const age = now - (last === Number.NEGATIVE_INFINITY ? since : last);
      out.value = age;
      out.holds = age >= rule.afterMs;
      return;
    }
    case 'budget-exhausted': {
      out.value = Math.min(1, 1 - objective.share);
      out.holds = out.value <= 0;
      return;
    }
  }
}
