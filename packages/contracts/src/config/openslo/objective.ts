import { z } from 'zod';
import { withRule } from '../config-rule';
import { durationShorthandSchema } from '../duration';
import { objectNameSchema } from '../object-name';
import { ownField } from '../plain-object';
import { inlineSliSchema } from './sli';

/** The comparison operators of threshold objectives and burn-rate conditions. */
export const COMPARISON_OPS = ['lte', 'gte', 'lt', 'gt'] as const;

/** zod schema for `timeSliceWindow`: a duration-shorthand, or a bare number of minutes (OpenSLO README § Objectives). */
export const timeSliceWindowSchema = z.union(
  [z.number().positive(), durationShorthandSchema({ noun: 'time slice' })],
  { error: 'a time slice is a duration such as 1m or 5m, or a number of minutes such as 5' },
);

/**
 * zod schema for one item of an SLO's `objectives`. Exactly one of `target` and `targetPercent`;
 * the rules that depend on the SLO (budgeting method, threshold SLI, composite) are the SLO's.
 */
export const objectiveSchema = withRule(
  z.strictObject({
    displayName: z.string().optional(),
    op: z.enum(COMPARISON_OPS).optional(),
    value: z.number().optional(),
    target: z.number().gt(0).lt(1).describe('a fraction between 0 and 1, e.g. 0.999 (or write targetPercent: 99.9)').optional(),
    targetPercent: z.number().gt(0).lt(100).describe('a percentage between 0 and 100, e.g. 99.9').optional(),
    timeSliceTarget: z.number().gt(0).lte(1).describe('the share of good values that makes a time slice good, e.g. 0.95').optional(),
    timeSliceWindow: timeSliceWindowSchema.optional(),
    indicator: inlineSliSchema.optional(),
    indicatorRef: objectNameSchema().optional(),
    compositeWeight: z.number().gt(0).describe('how much this objective counts in the composite, e.g. 1 or 2').optional(),
  }),
  (value) => {
    if (typeof value !== 'object' || value === null) return [];
    const hasTarget = ownField(value, 'target') !== undefined;
    const hasPercent = ownField(value, 'targetPercent') !== undefined;
    if (hasTarget && hasPercent) {
      return [{ path: ['targetPercent'], message: 'use either `target` or `targetPercent`, not both: `target: 0.999` is `targetPercent: 99.9`' }];
    }
    if (!hasTarget && !hasPercent) {
      return [{ path: [], message: 'an objective needs `target` (a fraction, e.g. 0.999) or `targetPercent` (a percentage, e.g. 99.9)' }];
    }
    return [];
  },
);
/** One objective of an SLO once checked. */
export type Objective = z.infer<typeof objectiveSchema>;
