import type { AlertKey, AlertState, AlertTransition } from './alert-state';
import { alertStateOf, restoreAlertRecord, stepAlert } from './alert-state-machine';
import { checkRule, planRules, type RuleCheck, type RulePlan, type RulePlanning } from './alert-rule-check';
import { EXHAUSTION_LOOKBACK_MS, timeToExhaustionMs } from './burn-rate';
import { budgetFromShare } from './error-budget';
import type { ObjectiveRuntime } from './objective-runtime';
import type { SloDefinition } from './slo-definition';
import { QuietRules } from './quiet-rules';
import type { BurnRateStatus, ObjectiveStatus, SloStatus } from './slo-status';
import { windowBounds } from './window-bounds';

/** The objective name of a composite SLO as a whole (see `AlertKey`). */
export const COMPOSITE_OBJECTIVE = '*';

const nullable = (value: number): number | null => (Number.isNaN(value) ? null : value);

/**
 * One SLO inside the engine: its objectives (and composite), its rules, and the alert state of
 * every objective × rule. `tick` evaluates and moves the alerts; `status` reads the last tick.
 */
export class SloRuntime {
  readonly windowsMs: readonly number[];
  readonly plans: readonly RulePlan[];
  /** When the SLO was first evaluated: the no-data rule counts from here if no data ever came. */
  since: number | null = null;
  // The current SLO window, [from, to); for a rolling window `to` is the last `now`.
  private from = 0;
  private to = 0;
  private readonly exhaustionIndex: number;
  private readonly check: RuleCheck = { holds: false, value: Number.NaN };
  // The key and severity of each alert (objective-major), in one array: building 60 000 alert
  // states a tick by way of definition, plan and rule objects spent most of its time on cache misses.
  private readonly alertNames: readonly (AlertKey & { readonly severity: string })[];
  // Proofs of quiet rules, made from the first tick not observed on (the live loop has none).
  private quiet: readonly (QuietRules | null)[] | null = null;

  constructor(
    readonly definition: SloDefinition,
    /** Objectives in definition order, then the composite, which must come after its parts. */
    readonly objectives: readonly ObjectiveRuntime[],
    planning: RulePlanning = planRules(definition.alertRules),
  ) {
    const { windowsMs, plans } = planning;
    this.windowsMs = windowsMs;
    this.plans = plans;
    this.exhaustionIndex = windowsMs.indexOf(EXHAUSTION_LOOKBACK_MS);
    this.alertNames = objectives.flatMap((objective) => plans.map(({ rule }) => ({ slo: definition.name, objective: objective.name, rule: rule.name, severity: rule.severity })));
  }

  /**
   * Evaluates every objective at `now` and moves every alert, appending each change of status to
   * `transitions`. A tick that is not `observed` (no status or state is read after it: a replay
   * step between points) skips the rules proven quiet (quiet-rules.ts), which moves the same alerts.
   */
  tick(now: number, transitions: AlertTransition[] | null, observed = true): void {
    const since = (this.since ??= now);
    const window = this.definition.window;
    if (window.kind === 'rolling') {
      this.from = now - window.durationMs;
      this.to = now;
    } else if (now < this.from || now >= this.to) {
      // A calendar period only changes at its end: luxon is asked once per period.
      ({ from: this.from, to: this.to } = windowBounds(window, now));
    }
    const from = this.from;
    const windowMs = window.kind === 'rolling' ? window.durationMs : this.to - from;
    const rollingMs = window.kind === 'rolling' ? window.durationMs : Number.NaN;
    const minEvents = this.definition.minEventsForBurnRateAlerts;
    const plans = this.plans;
    const check = this.check;
    const quiets = observed ? this.quiet : (this.quiet ??= this.quietRules());
    for (let o = 0; o < this.objectives.length; o++) {
      const objective = this.objectives[o]!;
      const quiet = quiets === null ? null : quiets[o]!;
      const skips = !observed && quiet !== null;
      if (skips && quiet.all(now)) continue;
      // Without proofs every window is read; with them, only what the rules left to check read:
      // the cumulative at `now` for burn rates (1), the SLO window too for the budget (2).
      let evaluated = skips ? 0 : 2;
      if (evaluated === 2) objective.evaluate(this.windowsMs, from, now, windowMs);
      for (let r = 0; r < plans.length; r++) {
        const plan = plans[r]!;
        if (skips) {
          if (quiet.one(r, now, plan)) continue;
          const needs = plan.rule.kind === 'no-data' ? 0 : plan.rule.kind === 'budget-exhausted' ? 2 : 1;
          if (evaluated === 0 && needs > 0) objective.prepare(this.windowsMs, from, now);
          if (evaluated < 2 && needs === 2) objective.evaluateSloWindow(windowMs);
          if (needs > evaluated) evaluated = needs;
        }
        checkRule(plan, objective, now, minEvents, since, check);
        const record = objective.alerts[r]!;
        const left = stepAlert(record, check.holds, check.value, now, plan.alertAfterMs);
        if (left !== null && transitions !== null) {
          transitions.push({
            slo: this.definition.name, objective: objective.name, rule: plan.rule.name,
            at: now, from: left, to: record.status, severity: plan.rule.severity, value: nullable(record.value),
          });
        }
        if (quiet === null) continue;
        // A proof only speaks for an alert at rest, which one is after a step that does not hold:
        // a rule that holds (at any tick) loses its proof.
        if (check.holds) quiet.forget(r);
        else if (!observed) quiet.prove(r, plan, objective, this.windowsMs, rollingMs, since, now);
      }
    }
  }

  /** Whether every rule of every objective is proven quiet at `now`: an unobserved tick would change nothing. */
  restsAt(now: number): boolean {
    const quiets = this.quiet;
    if (quiets === null) return false;
    for (let o = 0; o < quiets.length; o++) if (quiets[o]?.all(now) !== true) return false;
    return true;
  }

  /** What the last `tick` found; each alert state is also appended to `states` when given. */
  status(now: number, states?: AlertState[]): SloStatus {
    // `map` sizes each array exactly; `push` would give a 17-slot backing store to each of the
    // three arrays of every status, a fifth of its bytes, all copied by the scavenger mid-tick.
    const objectives = this.objectives.map((objective) => this.objectiveStatus(objective, states));
    return {
      slo: this.definition.name,
      service: this.definition.service,
      at: now,
      method: this.definition.method,
      composite: this.definition.composite,
      objectives,
    };
  }

  objectiveStatus(objective: ObjectiveRuntime, states?: AlertState[]): ObjectiveStatus {
    objective.computeAll();
    const window = this.definition.window;
    const windowMs = window.kind === 'rolling' ? window.durationMs : this.to - this.from;
    const budget = budgetFromShare(objective.unit, objective.budgetTotal, objective.consumed, objective.share, (1 - objective.target) * windowMs);
    const burnRates = this.windowsMs.map((ms, j): BurnRateStatus => ({ windowMs: ms, burnRate: nullable(objective.burnAt(j)) }));
    // One object per alert for the status and the list of states alike: they are the same values.
    const o = this.objectives.indexOf(objective);
    const alerts = objective.alerts.map((record, r) => {
      const names = this.alertNames[o * this.plans.length + r]!;
      return alertStateOf(names, names.severity, record);
    });
    if (states !== undefined) for (const alert of alerts) states.push(alert);
    return {
      objective: objective.name,
      target: objective.target,
      weight: objective.weight,
      sli: nullable(objective.sli),
      window: { from: this.from, to: this.to },
      events: { good: objective.eventsGood, total: objective.eventsTotal },
      budget,
      burnRates,
      timeToExhaustionMs: timeToExhaustionMs(budget.remaining, nullable(objective.burnAt(this.exhaustionIndex)), windowMs),
      alerts,
    };
  }

  /** Takes over a saved state; false when this SLO has no such objective or rule. */
  restore(state: AlertState): boolean {
    const objective = this.objectives.find((o) => o.name === state.objective);
    const r = this.plans.findIndex((plan) => plan.rule.name === state.rule);
    if (objective === undefined || r < 0) return false;
    restoreAlertRecord(objective.alerts[r]!, state);
    // A proof assumed the alert at rest.
    for (const quiet of this.quiet ?? []) quiet?.reset();
    return true;
  }

  /** Carries the alert records of objectives and rules that keep their names over from `previous`. */
  inherit(previous: SloRuntime): void {
    this.since = previous.since;
    for (const objective of this.objectives) {
      const old = previous.objectives.find((o) => o.name === objective.name);
      if (old === undefined) continue;
      this.plans.forEach((plan, r) => {
        const before = previous.plans.findIndex((p) => p.rule.name === plan.rule.name);
        if (before >= 0) Object.assign(objective.alerts[r]!, old.alerts[before]!);
      });
    }
  }

  // Proofs are made for plain Occurrences objectives, whose windows are sums of one raw series; a
  // composite reads its objectives' numbers every tick.
  private quietRules(): (QuietRules | null)[] {
    const provable = !this.definition.composite && this.definition.method === 'Occurrences';
    return this.objectives.map((objective) => (provable && objective.raw.length === 1 ? new QuietRules(objective.raw[0]!, this.plans) : null));
  }

}
