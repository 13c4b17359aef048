import { z } from 'zod';
import { withRule } from '../config-rule';
import { descriptionSchema } from '../description';
import { ownField } from '../plain-object';
import { isPromqlSourceType, promqlConnectionDetailsSchema } from './promql-data-source';
import { SCRAPE_SOURCE_TYPE, scrapeConnectionDetailsSchema } from './scrape-data-source';

/**
 * zod schema for the `spec` of a DataSource: a source `type` and free-form `connectionDetails`,
 * except for `prometheus-scrape`, whose details say what xops scrapes (`scrapeConnectionDetailsSchema`),
 * and `Prometheus`, whose details say which server xops queries (`promqlConnectionDetailsSchema`).
 */
export const dataSourceSpecSchema = withRule(z.strictObject({
  description: descriptionSchema.optional(),
  type: z.string().min(1).describe('the kind of source, e.g. Prometheus or Datadog'),
  connectionDetails: z.record(z.string(), z.unknown()).optional(),
}), (value) => {
  const type = ownField(value, 'type');
  if (typeof type !== 'string') return [];
  const schema = type.toLowerCase() === SCRAPE_SOURCE_TYPE ? scrapeConnectionDetailsSchema : isPromqlSourceType(type) ? promqlConnectionDetailsSchema : undefined;
  if (schema === undefined) return [];
  if (ownField(value, 'connectionDetails') === undefined) {
    return [{ path: ['connectionDetails'], message: isPromqlSourceType(type) ? '`connectionDetails` is required: at least `url: http://prometheus:9090`' : '`connectionDetails` is required: at least `targets: [http://host:port/metrics]`' }];
  }
  const parsed = schema.safeParse(ownField(value, 'connectionDetails'));
  return parsed.success ? [] : parsed.error.issues.map((issue) => ({ path: ['connectionDetails', ...issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key))], message: issue.message }));
});
/** The `spec` of a DataSource once checked. */
export type DataSourceSpec = z.infer<typeof dataSourceSpecSchema>;
