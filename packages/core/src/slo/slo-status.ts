import type { AlertState } from './alert-state';
import type { ErrorBudget } from './error-budget';
import type { BudgetingMethod } from './slo-definition';
import type { WindowBounds } from './window-bounds';

/** The burn rate over the last `windowMs`, or null when that window holds no data. */
export interface BurnRateStatus {
  readonly windowMs: number;
  readonly burnRate: number | null;
}

/** Where one objective (or, with `objective: '*'`, a composite as a whole) stands at `at`. */
export interface ObjectiveStatus {
  readonly objective: string;
  /** Fraction; for a composite the weighted mean of its objectives' targets. */
  readonly target: number;
  /** Composite weight (1 unless set); 1 for the composite itself. */
  readonly weight: number;
  /** Over the elapsed window `[window.from, at)`; null without data. */
  readonly sli: number | null;
  /** The SLO window; for a calendar window `to` is the end of the period. */
  readonly window: WindowBounds;
  /** Raw events in the elapsed window (summed over the objectives of a composite). */
  readonly events: { readonly good: number; readonly total: number };
  readonly budget: ErrorBudget;
  /** One per distinct alert window (and the 1-hour exhaustion window), shortest first. */
  readonly burnRates: readonly BurnRateStatus[];
  /** At the last hour's burn rate, ms until the budget is gone; 0 when gone, null when nothing burns. */
  readonly timeToExhaustionMs: number | null;
  readonly alerts: readonly AlertState[];
}

/** One SLO at one evaluation. */
export interface SloStatus {
  readonly slo: string;
  readonly service: string;
  readonly at: number;
  readonly method: BudgetingMethod;
  readonly composite: boolean;
  /** Each objective in definition order, then the composite (`objective: '*'`) when there is one. */
  readonly objectives: readonly ObjectiveStatus[];
}
