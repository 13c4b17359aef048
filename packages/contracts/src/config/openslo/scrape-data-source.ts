import { z } from 'zod';

/** The DataSource `spec.type` whose targets xops scrapes itself (case-insensitive). */
export const SCRAPE_SOURCE_TYPE = 'prometheus-scrape';

const SCRAPE_DURATION = /^(\d{1,7})(ms|s|m)$/;

/** `15s` → 15000, `500ms` → 500, `1m` → 60000; undefined when it does not parse. */
export function parseScrapeDuration(text: string): number | undefined {
  const [, amount, unit] = SCRAPE_DURATION.exec(text) ?? [];
  if (amount === undefined) return undefined;
  return Number(amount) * (unit === 'ms' ? 1 : unit === 's' ? 1000 : 60_000);
}

const durationSchema = (what: string, min: number, max: number) => z.string().refine((text) => {
  const ms = parseScrapeDuration(text);
  return ms !== undefined && ms >= min && ms <= max;
}, { message: `${what} is a duration such as 15s, 500ms or 1m, from ${min} ms to ${max / 1000} s` });

/**
 * zod schema for the `connectionDetails` of a `prometheus-scrape` DataSource: the `/metrics`
 * URLs xops scrapes, how often (`interval`, 15s by default) and how long it waits (`timeout`,
 * 5s by default, at most the interval).
 */
export const scrapeConnectionDetailsSchema = z.strictObject({
  targets: z.array(z.url({ protocol: /^https?$/ }).describe('an http(s) URL such as http://10.0.0.5:9100/metrics')).min(1).max(1000),
  interval: durationSchema('interval', 1000, 3_600_000).optional(),
  timeout: durationSchema('timeout', 100, 600_000).optional(),
}).refine((details) => (parseScrapeDuration(details.timeout ?? '5s') ?? 0) <= (parseScrapeDuration(details.interval ?? '15s') ?? 0), {
  message: 'timeout must not be longer than interval', path: ['timeout'],
});
export type ScrapeConnectionDetails = z.infer<typeof scrapeConnectionDetailsSchema>;
