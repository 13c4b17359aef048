import { z } from 'zod';

/**
 * The health of one scrape target, or of one PromQL source (`kind: promql`: `url` is its base URL,
 * `lastScrape` its last poll, `samples` the buckets that poll wrote), as `GET /api/v1/targets` shows it.
 */
export const targetHealthSchema = z.object({
  kind: z.enum(['scrape', 'promql']).optional().describe('promql for a Prometheus DataSource xops queries; scrape when left out'),
  dataSource: z.string(),
  url: z.string(),
  /** `unknown` until its first scrape (or while this replica does not hold the scrape lease). */
  health: z.enum(['up', 'down', 'unknown']),
  intervalMs: z.number(),
  timeoutMs: z.number(),
  lastScrape: z.string().nullable().describe('RFC 3339'),
  lastDurationMs: z.number().nullable(),
  lastError: z.string().nullable(),
  /** Samples in the last successful scrape. */
  samples: z.number(),
});
export type TargetHealth = z.infer<typeof targetHealthSchema>;

export const targetsBodySchema = z.object({
  /** This replica holds the scrape lease, so its health figures are live. */
  scraping: z.boolean(),
  targets: z.array(targetHealthSchema),
  /** Why a telemetry selector counts nothing, e.g. a histogram without the objective's bucket. */
  problems: z.array(z.string()),
});
export type TargetsBody = z.infer<typeof targetsBodySchema>;
