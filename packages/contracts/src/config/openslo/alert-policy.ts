import { z } from 'zod';
import { withRule } from '../config-rule';
import { descriptionSchema } from '../description';
import { exactlyOneItemSchema } from '../exactly-one-item';
import { inlineOrRefRule, inlineShape } from '../inline-or-ref';
import { objectNameSchema } from '../object-name';
import { alertConditionSpecSchema } from './alert-condition';
import { alertNotificationTargetSpecSchema } from './alert-notification-target';

const conditionItemSchema = withRule(
  z.strictObject({ conditionRef: objectNameSchema().optional(), ...inlineShape('AlertCondition', alertConditionSpecSchema) }),
  inlineOrRefRule('conditionRef', 'AlertCondition'),
);

const targetItemSchema = withRule(
  z.strictObject({ targetRef: objectNameSchema().optional(), ...inlineShape('AlertNotificationTarget', alertNotificationTargetSpecSchema) }),
  inlineOrRefRule('targetRef', 'AlertNotificationTarget'),
);

/**
 * zod schema for the `spec` of an AlertPolicy: exactly one condition (OpenSLO v1 keeps the list
 * for future use) and at least one notification target, each inline or by reference.
 */
export const alertPolicySpecSchema = z.strictObject({
  description: descriptionSchema.optional(),
  alertWhenNoData: z.boolean().optional(),
  alertWhenResolved: z.boolean().optional(),
  alertWhenBreaching: z.boolean().optional(),
  conditions: exactlyOneItemSchema(conditionItemSchema, (count) => `\`conditions\` takes exactly one condition in OpenSLO v1, not ${count}: give each further condition an AlertPolicy of its own`),
  notificationTargets: z.array(targetItemSchema).min(1),
});
/** The `spec` of an AlertPolicy once checked; conditions and targets are inline or references. */
export type AlertPolicySpec = z.infer<typeof alertPolicySpecSchema>;
