import { z } from 'zod';
import { BUDGETING_METHODS } from '../config/openslo/slo';
import { alertStateSchema } from './alert';

const instant = z.string().describe('ISO 8601 UTC, e.g. 2025-03-01T12:00:00.000Z');

/** The burn rate over one alert window, e.g. `{ window: '1h', windowSeconds: 3600, burnRate: 14.4 }`; null without data. */
export const burnRateSchema = z.object({
  window: z.string().describe('the window as a duration, e.g. 5m, 1h, 3d'),
  windowSeconds: z.number(),
  burnRate: z.number().nullable(),
});

/**
 * An objective's error budget. `total` and `consumed` are in `unit`: events (Occurrences), slices
 * (Timeslices, RatioTimeslices) or a share (a composite as a whole); `remaining` is the fraction left.
 */
export const errorBudgetSchema = z.object({
  unit: z.enum(['events', 'slices', 'fraction']),
  total: z.number(),
  consumed: z.number(),
  remaining: z.number().describe('1 − consumed / total: at most 1, below 0 when overspent'),
  totalSeconds: z.number().describe('the budget as time: (1 − target) × window length'),
  remainingSeconds: z.number().describe('remaining × totalSeconds'),
});

/** Where one objective stands; `objective` is `*` for a composite SLO as a whole. */
export const objectiveStatusSchema = z.object({
  objective: z.string(),
  target: z.number(),
  weight: z.number(),
  sli: z.number().nullable().describe('over the elapsed window; null without data'),
  window: z.object({ from: instant, to: instant }),
  events: z.object({ good: z.number(), total: z.number() }),
  errorBudget: errorBudgetSchema,
  burnRates: z.array(burnRateSchema).describe('one per alert window, shortest first'),
  timeToExhaustionSeconds: z.number().nullable().describe('at the last hour\'s burn rate; 0 when spent, null when nothing burns'),
  alerts: z.array(alertStateSchema),
}).meta({ id: 'ObjectiveStatus' });
export type ObjectiveStatusBody = z.infer<typeof objectiveStatusSchema>;

/** An SLO's window as defined: rolling with a duration, or calendar-aligned. */
export const sloWindowSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rolling'), duration: z.string().describe('e.g. 30d'), durationSeconds: z.number() }),
  z.object({
    kind: z.literal('calendar'),
    unit: z.enum(['minute', 'hour', 'day', 'week', 'month', 'quarter', 'year']),
    count: z.number(),
    startTime: z.string(),
    timeZone: z.string(),
  }),
]);

/** One alert rule of an SLO, summarised: which windows it watches, and at what burn rate. */
export const alertRuleSummarySchema = z.object({
  name: z.string(),
  kind: z.enum(['multiwindow-burn-rate', 'burn-rate', 'no-data', 'budget-exhausted']),
  severity: z.string(),
  windows: z.array(z.string()).describe('long then short window for multiwindow rules, the lookback for burn-rate, the silence for no-data'),
  burnRate: z.number().nullable().describe('the factor or threshold the burn rate is compared with'),
});

/** `GET /api/v1/slos/{name}/status`: the SLO at its latest evaluation. */
export const sloStatusSchema = z.object({
  slo: z.string(),
  service: z.string(),
  evaluatedAt: instant,
  budgetingMethod: z.enum(BUDGETING_METHODS),
  composite: z.boolean(),
  window: sloWindowSchema,
  alertRules: z.array(alertRuleSummarySchema),
  minEventsForBurnRateAlerts: z.number(),
  /** Each objective in definition order, then the composite (`*`) when there is one. */
  objectives: z.array(objectiveStatusSchema),
}).meta({ id: 'SloStatus' });
export type SloStatusBody = z.infer<typeof sloStatusSchema>;

/**
 * `GET /api/v1/slo-statuses`: every applied SLO at its latest evaluation in one answer (the
 * dashboard's overview), ordered by name, and why the others have no status (the codes and
 * messages `GET /api/v1/slos/{name}/status` would answer).
 */
export const sloStatusListSchema = z.object({
  statuses: z.array(sloStatusSchema),
  unavailable: z.array(z.object({
    slo: z.string(),
    code: z.enum(['XOPS_ERR_CONFLICT', 'XOPS_ERR_NOT_READY']).describe('CONFLICT: the SLO cannot be evaluated as applied; NOT_READY: not evaluated yet'),
    message: z.string(),
  })),
}).meta({ id: 'SloStatusList' });
export type SloStatusListBody = z.infer<typeof sloStatusListSchema>;
