import { z } from 'zod';

/** One series of a `query_range` matrix: its labels and `[unix seconds, value]` points, oldest first. */
export interface RangeSeries {
  readonly labels: Readonly<Record<string, string>>;
  readonly points: readonly (readonly [timeMs: number, value: number])[];
}

export type ParsedQueryRange =
  | { readonly ok: true; readonly series: readonly RangeSeries[] }
  | { readonly ok: false; readonly error: string };

// The envelope of the Prometheus HTTP API (https://prometheus.io/docs/prometheus/latest/querying/api/#range-queries):
// values are strings, since they may be NaN or ±Inf.
const matrixSchema = z.object({
  status: z.literal('success'),
  data: z.object({
    resultType: z.literal('matrix'),
    result: z.array(z.object({
      metric: z.record(z.string(), z.string()),
      values: z.array(z.tuple([z.number(), z.string()])).optional(),
    })),
  }),
});
const errorSchema = z.object({ status: z.literal('error'), errorType: z.string().optional(), error: z.string().optional() });

/**
 * Reads the JSON body of a `query_range` answer into series with times in ms and numeric values;
 * points that are not finite numbers are dropped. Never throws: anything else is `{ ok: false }`
 * with a message fit for the data source's health.
 *
 * @example parseQueryRange({ status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values: [[10, '3']] }] } })
 *   → { ok: true, series: [{ labels: {}, points: [[10000, 3]] }] }
 */
export function parseQueryRange(body: unknown): ParsedQueryRange {
  const failed = errorSchema.safeParse(body);
  if (failed.success) return { ok: false, error: `the source refused the query: ${failed.data.errorType ?? 'error'}: ${failed.data.error ?? 'no reason given'}`.slice(0, 500) };
  const parsed = matrixSchema.safeParse(body);
  if (!parsed.success) return { ok: false, error: 'the source answered with something other than a Prometheus query_range matrix' };
  return {
    ok: true,
    series: parsed.data.data.result.map((entry) => ({
      labels: entry.metric,
      points: (entry.values ?? []).flatMap(([seconds, text]) => {
        // Number('') and Number(' ') are 0: an empty value is no value.
        const value = text.trim() === '' ? Number.NaN : Number(text);
        const timeMs = Math.round(seconds * 1000);
        return Number.isFinite(value) && Number.isFinite(timeMs) ? [[timeMs, value] as const] : [];
      }),
    })),
  };
}
