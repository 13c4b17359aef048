/**
 * The SLO as the engine sees it: every duration in milliseconds, every reference resolved.
 * `contracts` compiles OpenSLO documents into this shape; `core` never sees YAML.
 */
export type BudgetingMethod = 'Occurrences' | 'Timeslices' | 'RatioTimeslices';

export type ComparisonOp = 'lt' | 'lte' | 'gt' | 'gte';

export type TimeWindow = RollingWindow | CalendarWindow;

export interface RollingWindow {
  readonly kind: 'rolling';
  readonly durationMs: number;
}

/** A calendar-aligned window: `count` `unit`s starting at `startTime` (local time in `timeZone`), repeating. */
export interface CalendarWindow {
  readonly kind: 'calendar';
  readonly unit: 'minute' | 'hour' | 'day' | 'week' | 'month' | 'quarter' | 'year';
  readonly count: number;
  /** Local wall-clock time `YYYY-MM-DDTHH:mm:ss` in `timeZone`, the anchor the periods repeat from. */
  readonly startTime: string;
  /** IANA zone, e.g. `Europe/Berlin`. */
  readonly timeZone: string;
}

export interface ObjectiveDefinition {
  /** Stable within the SLO: the objective's displayName, else `objective-<index>`. */
  readonly name: string;
  /** Fraction in (0, 1), e.g. 0.999. */
  readonly target: number;
  /** Timeslices only: share of good events that makes a slice good, in (0, 1]. */
  readonly timeSliceTarget?: number;
  /** Timeslices and RatioTimeslices: slice length. */
  readonly timeSliceWindowMs?: number;
  /** The bucket series that feeds this objective (see `seriesKeyFor…` in contracts). */
  readonly seriesKey: string;
  /** Composite SLOs: weight of this objective, default 1. */
  readonly compositeWeight: number;
}

export type AlertSeverity = string;

/** One way an SLO can alert. Each is evaluated per objective (and for the composite as a whole). */
export type AlertRuleDefinition =
  | MultiWindowBurnRateRule
  | BurnRateConditionRule
  | NoDataRule
  | BudgetExhaustedRule;

/** SRE Workbook ch. 5 "multiwindow, multi-burn-rate": fires when both windows burn at ≥ `factor`. */
export interface MultiWindowBurnRateRule {
  readonly kind: 'multiwindow-burn-rate';
  readonly name: string;
  readonly severity: AlertSeverity;
  readonly factor: number;
  readonly longWindowMs: number;
  readonly shortWindowMs: number;
}

/** An OpenSLO AlertCondition of kind `burnrate`, honoured as written. */
export interface BurnRateConditionRule {
  readonly kind: 'burn-rate';
  readonly name: string;
  readonly severity: AlertSeverity;
  readonly op: ComparisonOp;
  readonly threshold: number;
  readonly lookbackWindowMs: number;
  /** The condition must hold this long before the alert fires (pending until then). */
  readonly alertAfterMs: number;
}

/** Fires when the SLI has reported nothing for `afterMs`. */
export interface NoDataRule {
  readonly kind: 'no-data';
  readonly name: string;
  readonly severity: AlertSeverity;
  readonly afterMs: number;
}

/** Fires when the remaining error budget is at or below zero. */
export interface BudgetExhaustedRule {
  readonly kind: 'budget-exhausted';
  readonly name: string;
  readonly severity: AlertSeverity;
}

export interface SloDefinition {
  readonly name: string;
  readonly service: string;
  readonly window: TimeWindow;
  readonly method: BudgetingMethod;
  readonly objectives: readonly ObjectiveDefinition[];
  /** True when objectives have their own indicators (OpenSLO composite SLO). */
  readonly composite: boolean;
  readonly alertRules: readonly AlertRuleDefinition[];
  /**
   * Low-traffic guard: a burn-rate rule may fire only when its long window holds at least this
   * many events, so one failed request at 3 a.m. pages nobody. 0 turns the guard off.
   */
  readonly minEventsForBurnRateAlerts: number;
}
