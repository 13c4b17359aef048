import { z } from 'zod';
import { descriptionSchema } from '../description';

/** zod schema for the `spec` of an AlertNotificationTarget: where alerts go (`target`). */
export const alertNotificationTargetSpecSchema = z.strictObject({
  target: z.string().min(1).describe('where alerts are delivered, e.g. email, slack or webhook'),
  description: descriptionSchema.optional(),
});
/** The `spec` of an AlertNotificationTarget once checked. */
export type AlertNotificationTargetSpec = z.infer<typeof alertNotificationTargetSpecSchema>;
