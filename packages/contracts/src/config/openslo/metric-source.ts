import { z } from 'zod';
import { withRule } from '../config-rule';
import { objectNameSchema } from '../object-name';
import { ownField } from '../plain-object';

/**
 * zod schema for an SLI's `metricSource`: where the numbers come from. `spec` is free-form (the
 * query fields of that source type); `type` may be left out only when `metricSourceRef` names a
 * DataSource that supplies it (OpenSLO README § Notes (SLI)).
 */
export const metricSourceSchema = withRule(
  z.strictObject({
    metricSourceRef: objectNameSchema().optional(),
    type: z.string().min(1).optional(),
    spec: z.record(z.string(), z.unknown()).describe('the query of this source as free-form fields, e.g. query: ...; use {} when it needs none'),
  }),
  (value) => (ownField(value, 'metricSourceRef') === undefined && ownField(value, 'type') === undefined
    ? [{ path: ['type'], message: '`type` is required when there is no `metricSourceRef`: name the source type, e.g. Prometheus, or refer to a DataSource with metricSourceRef' }]
    : []),
);

/** zod schema for one metric of an SLI (`thresholdMetric`, `good`, `bad`, `total`, `raw`): `{ metricSource }`. */
export const metricSchema = z.strictObject({ metricSource: metricSourceSchema });
