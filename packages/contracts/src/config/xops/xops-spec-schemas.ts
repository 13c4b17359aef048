import type { z } from 'zod';
import { maintenanceWindowSpecSchema } from './maintenance-window';
import { routeSpecSchema } from './route';
import { escalationPolicySpecSchema } from './escalation-policy';
import { scheduleSpecSchema } from './schedule';
import { teamSpecSchema } from './team';

/** The `spec` schema of every xops.dev/v1 kind that is checked, by kind; the others take any mapping. */
export const XOPS_SPEC_SCHEMAS: ReadonlyMap<string, z.ZodType<Readonly<Record<string, unknown>>>> = new Map<string, z.ZodType<Readonly<Record<string, unknown>>>>([
  ['Team', teamSpecSchema],
  ['Schedule', scheduleSpecSchema],
  ['EscalationPolicy', escalationPolicySpecSchema],
  ['Route', routeSpecSchema],
  ['MaintenanceWindow', maintenanceWindowSpecSchema],
]);
