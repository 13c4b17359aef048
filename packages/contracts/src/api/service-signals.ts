import { z } from 'zod';

/** One point of a service's golden signals, summarising the 10-second buckets in `(at − step, at]`. */
export const signalPointSchema = z.object({
  at: z.string().describe('RFC 3339, the end of the step'),
  /** Requests per second over the step; null without a `requests` selector or without samples in the step. */
  requestsPerSecond: z.number().nullable(),
  /** Errors over requests in the step, 0…1; null when no request was counted. */
  errorRatio: z.number().nullable(),
  /** Latency quantiles in seconds, Prometheus `histogram_quantile` over the step's bucket increases. */
  latencyP50: z.number().nullable(),
  latencyP90: z.number().nullable(),
  latencyP99: z.number().nullable(),
  /** Mean of the saturation gauge over the step. */
  saturation: z.number().nullable(),
});
export type SignalPoint = z.infer<typeof signalPointSchema>;

/** The body of `GET /api/v1/services/{name}/signals`. */
export const serviceSignalsSchema = z.object({
  service: z.string(),
  from: z.string(),
  to: z.string(),
  stepSeconds: z.number(),
  /** Which signals the Service declares (its `xops.dev/*` annotations). */
  declared: z.array(z.enum(['requests', 'errors', 'latency', 'saturation'])),
  points: z.array(signalPointSchema),
});
export type ServiceSignals = z.infer<typeof serviceSignalsSchema>;
