import type { z } from 'zod';
import { alertConditionSpecSchema } from './alert-condition';
import { alertNotificationTargetSpecSchema } from './alert-notification-target';
import { alertPolicySpecSchema } from './alert-policy';
import { dataSourceSpecSchema } from './data-source';
import { serviceSpecSchema } from './service';
import { sliSpecSchema } from './sli';
import { sloSpecSchema } from './slo';

/** The `spec` schema of every OpenSLO v1 kind, by kind. */
export const OPENSLO_SPEC_SCHEMAS: ReadonlyMap<string, z.ZodType<Readonly<Record<string, unknown>>>> = new Map<string, z.ZodType<Readonly<Record<string, unknown>>>>([
  ['Service', serviceSpecSchema],
  ['SLI', sliSpecSchema],
  ['SLO', sloSpecSchema],
  ['DataSource', dataSourceSpecSchema],
  ['AlertPolicy', alertPolicySpecSchema],
  ['AlertCondition', alertConditionSpecSchema],
  ['AlertNotificationTarget', alertNotificationTargetSpecSchema],
]);
