import { z } from 'zod';

/** One objective as a row of the dashboard's overview: where it stands, without the detail. */
export const objectiveSummarySchema = z.object({
  objective: z.string().describe('`*` for a composite SLO as a whole'),
  target: z.number(),
  sli: z.number().nullable(),
  errorBudgetRemaining: z.number().describe('the fraction of the error budget left, below 0 when overspent'),
  fastestBurn: z.object({ window: z.string(), burnRate: z.number() }).nullable()
    .describe('the highest burn rate over the alert windows (the shorter window on a tie); null when none has data'),
  alerts: z.array(z.object({ rule: z.string(), status: z.enum(['pending', 'firing']), severity: z.string() }))
    .describe('the alert rules pending or firing now; the others are left out'),
});
export type ObjectiveSummaryBody = z.infer<typeof objectiveSummarySchema>;

/**
 * An applied SLO as the overview lists it: its name, Service and labels as applied, and each
 * objective's summary at the latest evaluation, or why there is none.
 */
export const sloSummarySchema = z.object({
  slo: z.string(),
  displayName: z.string().describe('`metadata.displayName`, or the name'),
  service: z.string(),
  labels: z.record(z.string(), z.array(z.string())).describe('the SLO\'s own `metadata.labels`, each value as a list'),
  objectives: z.array(objectiveSummarySchema).describe('as getSloStatus orders them; empty when `unavailable` says why'),
  unavailable: z.object({
    code: z.enum(['XOPS_ERR_CONFLICT', 'XOPS_ERR_NOT_READY']).describe('CONFLICT: the SLO cannot be evaluated as applied; NOT_READY: not evaluated yet'),
    message: z.string(),
  }).nullable(),
}).meta({ id: 'SloSummary' });
export type SloSummaryBody = z.infer<typeof sloSummarySchema>;

/**
 * `GET /api/v1/slo-summaries`: every applied SLO, ordered by name, as the dashboard's overview
 * shows it. A tenth of `GET /api/v1/slo-statuses` (~300 bytes an SLO instead of ~2.9 kB), which
 * with 1,000 SLOs took most of the overview's time to interactive (`npm run bench -- web`).
 */
export const sloSummaryListSchema = z.object({ summaries: z.array(sloSummarySchema) }).meta({ id: 'SloSummaryList' });
export type SloSummaryListBody = z.infer<typeof sloSummaryListSchema>;
