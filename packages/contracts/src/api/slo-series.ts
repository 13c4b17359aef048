import { z } from 'zod';
import { alertTransitionSchema } from './alert';
import { instantSchema } from './instant';

/** The finest step of a series or replay: one bucket, 10 s. */
export const MIN_SERIES_STEP_MS = 10_000;
/** The most points one series or replay answer holds. */
export const MAX_SERIES_POINTS = 11_000;

const STEP = /^(\d{1,9})(s|m|h|d)?$/;
const STEP_MS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A step as a duration (`10s`, `5m`, `1h`, `1d`) or a bare number of seconds, as Prometheus takes it; ms, or undefined. */
export function parseStep(text: string): number | undefined {
  const match = STEP.exec(text);
  if (match === null) return undefined;
  return Number(match[1]) * (STEP_MS[match[2] ?? 's'] ?? 1000);
}

/** zod schema for a step: a string as `parseStep` reads it or a number of seconds, at least 10 s; gives ms. */
export const stepSchema = z.union([z.number().positive(), z.string()]).transform((value, ctx) => {
  const ms = typeof value === 'number' ? Math.round(value * 1000) : parseStep(value);
  if (ms === undefined || ms < MIN_SERIES_STEP_MS || ms % MIN_SERIES_STEP_MS !== 0) {
    ctx.issues.push({ code: 'custom', message: `step \`${String(value)}\` must be a whole number of 10-second buckets, at least 10s: e.g. 10s, 5m, 1h, or 60 for a minute`, input: value });
    return z.NEVER;
  }
  return ms;
}).describe('a duration such as 10s, 5m, 1h (or a number of seconds), a multiple of 10s');

/** One objective over time, in columns that line up with the answer's `at`. */
export const objectiveSeriesSchema = z.object({
  objective: z.string(),
  target: z.number(),
  sli: z.array(z.number().nullable()),
  errorBudgetRemaining: z.array(z.number().nullable()).describe('the fraction of the error budget left, below 0 when overspent'),
  burnRates: z.array(z.object({ window: z.string(), windowSeconds: z.number(), values: z.array(z.number().nullable()) })),
});

/** `GET /api/v1/slos/{name}/series`: every objective at each step of `[from, to]`. */
export const sloSeriesSchema = z.object({
  slo: z.string(),
  from: z.string(),
  to: z.string(),
  stepSeconds: z.number(),
  /** The time of each point, ISO 8601 UTC; every column of `objectives` has one value per entry. */
  at: z.array(z.string()),
  objectives: z.array(objectiveSeriesSchema),
}).meta({ id: 'SloSeries' });
export type SloSeriesBody = z.infer<typeof sloSeriesSchema>;

/**
 * zod schema for the body of `POST /api/v1/replay`; `now` reads relative instants (`now-30d`).
 * `document` tries an SLO (changed, or not yet applied) before applying it.
 */
export function replayRequestSchema(now: () => number = Date.now) {
  return z.strictObject({
    slo: z.string().min(1).max(253).describe('the SLO to replay; with `document`, its metadata.name'),
    from: instantSchema(now),
    to: instantSchema(now),
    step: stepSchema.optional().describe('how often to record a point; the engine itself steps every 10 s as the live loop does'),
    document: z.unknown().optional().describe('an SLO document (openslo/v1) to replay instead of the stored one'),
  });
}
/** What a client sends to `POST /api/v1/replay`. */
export type ReplayRequest = z.input<ReturnType<typeof replayRequestSchema>>;

/** The answer of `POST /api/v1/replay`: the series over `[from, to]` and every alert transition, oldest first. */
export const replayResultSchema = sloSeriesSchema.extend({
  source: z.enum(['stored', 'document']).describe('whether the stored SLO or the given document was replayed'),
  transitions: z.array(alertTransitionSchema),
}).meta({ id: 'ReplayResult' });
export type ReplayResultBody = z.infer<typeof replayResultSchema>;
