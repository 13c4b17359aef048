import { z } from 'zod';
import { instantSchema } from './instant';

/** The body of `POST /api/v1/slos/{name}/backfill`: the range to fill from the SLO's PromQL sources; `to` is now by default. */
export function backfillRequestSchema(now: () => number = Date.now) {
  return z.strictObject({
    from: instantSchema(now).describe('the start of the range to fill, rounded down to 10 s'),
    to: instantSchema(now).optional().describe('the end of the range (exclusive), rounded up to 10 s; now by default'),
  });
}
export type BackfillRequest = z.input<ReturnType<typeof backfillRequestSchema>>;

/** The answer of a backfill: what range was filled, which series, and how many 10-second buckets with events were written. */
export const backfillResultSchema = z.object({
  slo: z.string(),
  from: z.string().describe('RFC 3339'),
  to: z.string().describe('RFC 3339'),
  series: z.array(z.string()).describe('the SLI series filled'),
  buckets: z.number().int().nonnegative().describe('buckets written (those that counted at least one event)'),
}).meta({ id: 'BackfillResult' });
export type BackfillResultBody = z.infer<typeof backfillResultSchema>;

const ruleLabels = z.record(z.string(), z.string());
/** The answer of `GET /api/v1/prometheus-rules`: Prometheus rule groups, as a rule file holds them. */
export const prometheusRulesSchema = z.object({
  groups: z.array(z.object({
    name: z.string(),
    rules: z.array(z.union([
      z.object({ record: z.string(), expr: z.string(), labels: ruleLabels }),
      z.object({ alert: z.string(), expr: z.string(), for: z.string().optional(), labels: ruleLabels, annotations: ruleLabels }),
    ])),
  })),
}).meta({ id: 'PrometheusRules' });
export type PrometheusRulesBody = z.infer<typeof prometheusRulesSchema>;
