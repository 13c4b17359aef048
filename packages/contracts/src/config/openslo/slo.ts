import { z } from 'zod';
import { withRule } from '../config-rule';
import { descriptionSchema } from '../description';
import { exactlyOneItemSchema } from '../exactly-one-item';
import { inlineOrRefRule, inlineShape } from '../inline-or-ref';
import { objectNameSchema } from '../object-name';
import { alertPolicySpecSchema } from './alert-policy';
import { objectiveSchema } from './objective';
import { inlineSliSchema } from './sli';
import { sloSpecProblems } from './slo-rules';
import { timeWindowSchema } from './time-window';

/**
 * How an SLO spends its budget: `Occurrences` counts good events against all events, `Timeslices`
 * good slices against all slices, `RatioTimeslices` averages the ratio of each slice.
 */
export const BUDGETING_METHODS = ['Occurrences', 'Timeslices', 'RatioTimeslices'] as const;
/** One of {@link BUDGETING_METHODS}. */
export type BudgetingMethod = (typeof BUDGETING_METHODS)[number];

const alertPolicyItemSchema = withRule(
  z.strictObject({ alertPolicyRef: objectNameSchema().optional(), ...inlineShape('AlertPolicy', alertPolicySpecSchema) }),
  inlineOrRefRule('alertPolicyRef', 'AlertPolicy'),
);

/**
 * zod schema for the `spec` of an SLO (OpenSLO README § SLO). `timeWindow` and `budgetingMethod`
 * may be left out as the README's own example does; every other rule is in `sloSpecProblems`.
 */
export const sloSpecSchema = withRule(
  z.strictObject({
    description: descriptionSchema.optional(),
    service: objectNameSchema().describe('the name of the Service this SLO belongs to, e.g. checkout'),
    indicator: inlineSliSchema.optional(),
    indicatorRef: objectNameSchema().optional(),
    timeWindow: exactlyOneItemSchema(timeWindowSchema, (count) => `\`timeWindow\` takes exactly one window in OpenSLO v1, not ${count}: one rolling or calendar-aligned window per SLO`).optional(),
    budgetingMethod: z.enum(BUDGETING_METHODS).optional(),
    objectives: z.array(objectiveSchema).min(1),
    // `alertPolicies:` with nothing after it appears in OpenSLO's own examples; it means none.
    alertPolicies: z.array(alertPolicyItemSchema).nullable().optional(),
  }),
  sloSpecProblems,
);
/** The `spec` of an SLO once checked. */
export type SloSpec = z.infer<typeof sloSpecSchema>;
