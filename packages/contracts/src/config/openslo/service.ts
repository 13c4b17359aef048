import { z } from 'zod';
import { descriptionSchema } from '../description';

/** zod schema for the `spec` of a Service, the group SLOs belong to. */
export const serviceSpecSchema = z.strictObject({
  description: descriptionSchema.optional(),
});
/** The `spec` of a Service once checked. */
export type ServiceSpec = z.infer<typeof serviceSpecSchema>;
