import { z } from 'zod';
import { descriptionSchema } from '../description';

/** zod schema for the `spec` of a DataSource: a source `type` and free-form `connectionDetails`. */
export const dataSourceSpecSchema = z.strictObject({
  description: descriptionSchema.optional(),
  type: z.string().min(1).describe('the kind of source, e.g. Prometheus or Datadog'),
  connectionDetails: z.record(z.string(), z.unknown()).optional(),
});
/** The `spec` of a DataSource once checked. */
export type DataSourceSpec = z.infer<typeof dataSourceSpecSchema>;
