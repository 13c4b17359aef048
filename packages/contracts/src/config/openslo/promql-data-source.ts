import { z } from 'zod';
import { parseScrapeDuration } from './scrape-data-source';

/** The DataSource `spec.type` of a Prometheus-compatible server xops queries with PromQL (case-insensitive). */
export const PROMQL_SOURCE_TYPE = 'prometheus';

/** True when a DataSource or metricSource `type` names a PromQL source (`Prometheus`, any case). */
export function isPromqlSourceType(type: unknown): boolean {
  return typeof type === 'string' && type.toLowerCase() === PROMQL_SOURCE_TYPE;
}

/**
 * zod schema for the `connectionDetails` of a `Prometheus` DataSource (docs/adr/0008): the base
 * `url` of a Prometheus-compatible HTTP API (xops calls `<url>/api/v1/query_range`), at most one of
 * `bearerToken` or `basicAuth`, extra `headers` (e.g. a Mimir tenant), and `timeout` per request (10s by default, 100 ms to 5 min).
 */
export const promqlConnectionDetailsSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'url must be an http(s) URL of the Prometheus HTTP API, such as http://prometheus:9090' }).describe('the base URL of the Prometheus HTTP API, e.g. http://prometheus:9090'),
  bearerToken: z.string().min(1).optional(),
  basicAuth: z.strictObject({ username: z.string().min(1), password: z.string() }).optional(),
  headers: z.array(z.strictObject({ name: z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'must be an HTTP header name'), value: z.string() })).max(20).optional()
    .describe('extra request headers, e.g. [{ name: X-Scope-OrgID, value: shop }] for Mimir or Cortex'),
  timeout: z.string().refine((text) => {
    const ms = parseScrapeDuration(text);
    return ms !== undefined && ms >= 100 && ms <= 300_000;
  }, { message: 'timeout is a duration such as 10s or 500ms, from 100 ms to 300 s' }).optional(),
}).refine((details) => details.bearerToken === undefined || details.basicAuth === undefined, {
  message: 'give either bearerToken or basicAuth, not both', path: ['basicAuth'],
});
export type PromqlConnectionDetails = z.infer<typeof promqlConnectionDetailsSchema>;
