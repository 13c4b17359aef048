import { z } from 'zod';
import type { ConfigProblem } from '../config-object';
import { withRule } from '../config-rule';
import { descriptionSchema } from '../description';
import { metadataSchema } from '../metadata';
import { ownField } from '../plain-object';
import { metricSchema } from './metric-source';
import { sliSelectorProblems } from './sli-selectors';

const has = (value: unknown, key: string): boolean => ownField(value, key) !== undefined;

function ratioMetricProblems(value: unknown): readonly ConfigProblem[] {
  if (typeof value !== 'object' || value === null) return [];
  const problems: ConfigProblem[] = [];
  if (has(value, 'raw')) {
    for (const key of ['good', 'bad', 'total']) {
      if (has(value, key)) problems.push({ path: [key], message: `\`${key}\` cannot be used with \`raw\`: give either \`raw\` with \`rawType\` (a precomputed ratio), or \`good\` or \`bad\` with \`total\`` });
    }
    if (!has(value, 'rawType')) problems.push({ path: ['rawType'], message: '`rawType` is required with `raw`: `success` when the stored ratio is good/total, `failure` when it is bad/total' });
    return problems;
  }
  if (has(value, 'rawType')) problems.push({ path: ['rawType'], message: '`rawType` only goes with `raw`: remove it (`good` or `bad` already says which ratio this is)' });
  const good = has(value, 'good');
  const bad = has(value, 'bad');
  const total = has(value, 'total');
  if (!good && !bad && !total) {
    problems.push({ path: [], message: '`ratioMetric` needs `good` or `bad` together with `total`, or `raw` with `rawType`' });
    return problems;
  }
  if (good && bad) problems.push({ path: ['bad'], message: 'use either `good` or `bad`, not both: the ratio is good/total or (total − bad)/total' });
  if (!good && !bad) problems.push({ path: ['good'], message: '`good` or `bad` is required with `total`: the numerator of the ratio' });
  if (!total) problems.push({ path: ['total'], message: '`total` is required with `good` or `bad`: the denominator of the ratio' });
  return problems;
}

/**
 * zod schema for `ratioMetric`: `good` or `bad` with `total`, or a precomputed `raw` ratio with
 * `rawType` (OpenSLO README § SLI). `counter` says whether the metrics only ever increase.
 */
export const ratioMetricSchema = withRule(
  z.strictObject({
    counter: z.boolean().optional(),
    good: metricSchema.optional(),
    bad: metricSchema.optional(),
    total: metricSchema.optional(),
    rawType: z.enum(['success', 'failure']).optional(),
    raw: metricSchema.optional(),
  }),
  ratioMetricProblems,
);

/** zod schema for the `spec` of an SLI: exactly one of `thresholdMetric` or `ratioMetric`. */
export const sliSpecSchema = withRule(
  z.strictObject({
    description: descriptionSchema.optional(),
    thresholdMetric: metricSchema.optional(),
    ratioMetric: ratioMetricSchema.optional(),
  }),
  (value) => {
    if (typeof value !== 'object' || value === null) return [];
    if (has(value, 'thresholdMetric') && has(value, 'ratioMetric')) {
      return [{ path: ['ratioMetric'], message: 'use either `thresholdMetric` or `ratioMetric`, not both' }];
    }
    if (!has(value, 'thresholdMetric') && !has(value, 'ratioMetric')) {
      return [{ path: [], message: 'an SLI needs `ratioMetric` (good or bad events against total) or `thresholdMetric` (one value compared with a threshold)' }];
    }
    return sliSelectorProblems(value);
  },
);
/** The `spec` of an SLI once checked. */
export type SliSpec = z.infer<typeof sliSpecSchema>;

/** zod schema for an SLI written inside an SLO or an objective: `metadata` and `spec` (`kind: SLI` optional). */
export const inlineSliSchema = z.strictObject({
  kind: z.literal('SLI').optional(),
  metadata: metadataSchema,
  spec: sliSpecSchema,
});
