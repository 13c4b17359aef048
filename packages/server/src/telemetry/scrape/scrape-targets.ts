import { dataSourceSpecSchema, parseScrapeDuration, SCRAPE_SOURCE_TYPE, scrapeConnectionDetailsSchema, type StoredObject } from '@xops/contracts';

/** One URL to scrape, from a `prometheus-scrape` DataSource. */
export interface ScrapeTarget {
  readonly dataSource: string;
  readonly url: string;
  readonly intervalMs: number;
  readonly timeoutMs: number;
}

/**
 * The targets of every `prometheus-scrape` DataSource among `objects`, re-validated as they come
 * out of the store; one that no longer validates is skipped (it was checked when applied).
 *
 * @example a DataSource with `connectionDetails: { targets: [http://a/metrics], interval: 15s }`
 *   → [{ dataSource: 'checkout-pods', url: 'http://a/metrics', intervalMs: 15000, timeoutMs: 5000 }]
 */
export function scrapeTargets(objects: readonly StoredObject[]): ScrapeTarget[] {
  return objects.filter((object) => object.kind === 'DataSource').flatMap((object) => {
    const spec = dataSourceSpecSchema.safeParse(object.object.spec);
    if (!spec.success || spec.data.type.toLowerCase() !== SCRAPE_SOURCE_TYPE) return [];
    const details = scrapeConnectionDetailsSchema.safeParse(spec.data.connectionDetails);
    if (!details.success) return [];
    const intervalMs = parseScrapeDuration(details.data.interval ?? '15s') ?? 15_000;
    const timeoutMs = parseScrapeDuration(details.data.timeout ?? '5s') ?? 5_000;
    return [...new Set(details.data.targets)].map((url) => ({ dataSource: object.name, url, intervalMs, timeoutMs }));
  });
}
