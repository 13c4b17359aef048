import { z } from 'zod';
import { withRule } from '../config-rule';
import { descriptionSchema } from '../description';
import { ownField } from '../plain-object';
import { SCRAPE_SOURCE_TYPE, scrapeConnectionDetailsSchema } from './scrape-data-source';

/**
 * zod schema for the `spec` of a DataSource: a source `type` and free-form `connectionDetails`,
 * except for `prometheus-scrape`, whose details say what xops scrapes (`scrapeConnectionDetailsSchema`).
 */
export const dataSourceSpecSchema = withRule(z.strictObject({
  description: descriptionSchema.optional(),
  type: z.string().min(1).describe('the kind of source, e.g. Prometheus or Datadog'),
  connectionDetails: z.record(z.string(), z.unknown()).optional(),
}), (value) => {
  const type = ownField(value, 'type');
  if (typeof type !== 'string' || type.toLowerCase() !== SCRAPE_SOURCE_TYPE) return [];
  const parsed = scrapeConnectionDetailsSchema.safeParse(ownField(value, 'connectionDetails'));
  return parsed.success ? [] : parsed.error.issues.map((issue) => ({ path: ['connectionDetails', ...issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key))], message: issue.message }));
});
/** The `spec` of a DataSource once checked. */
export type DataSourceSpec = z.infer<typeof dataSourceSpecSchema>;
