import { z } from 'zod';
import { descriptionSchema } from '../description';
import { durationShorthandSchema } from '../duration';
import { COMPARISON_OPS } from './objective';

/**
 * zod schema for the `condition` of an AlertCondition: the burn rate over `lookbackWindow` compared
 * with `threshold`, holding for `alertAfter` (default `0m`) before it alerts. `burnrate` is the
 * only kind OpenSLO v1 defines.
 */
export const burnRateConditionSchema = z.strictObject({
  kind: z.literal('burnrate').optional(),
  op: z.enum(COMPARISON_OPS).describe('how the burn rate is compared with threshold: lte, gte, lt or gt'),
  threshold: z.number().describe('the burn rate to compare with, e.g. 14.4'),
  lookbackWindow: durationShorthandSchema({ noun: 'window' }).describe('how far back the burn rate is measured, e.g. 1h'),
  alertAfter: durationShorthandSchema({ noun: 'delay', allowZero: true }).optional(),
});

/** zod schema for the `spec` of an AlertCondition. */
export const alertConditionSpecSchema = z.strictObject({
  description: descriptionSchema.optional(),
  severity: z.string().min(1).describe('how urgent the alert is, e.g. page or ticket'),
  condition: burnRateConditionSchema,
});
/** The `spec` of an AlertCondition once checked. */
export type AlertConditionSpec = z.infer<typeof alertConditionSpecSchema>;
