import { z } from 'zod';

/** The lifecycle of an alert as the API shows it (core's `AlertStatus`). */
export const ALERT_STATUSES = ['inactive', 'pending', 'firing', 'resolved'] as const;
export const alertStatusSchema = z.enum(ALERT_STATUSES);

const instant = z.string().describe('ISO 8601 UTC, e.g. 2025-03-01T12:00:00.000Z');

/** One alert instance (SLO × objective × rule) as `GET /api/v1/alerts` returns it; `objective` is `*` for a composite as a whole. */
export const alertStateSchema = z.object({
  slo: z.string(),
  objective: z.string(),
  rule: z.string(),
  status: alertStatusSchema,
  severity: z.string(),
  /** Since when the condition has held (pending or firing). */
  activeSince: instant.nullable(),
  firedAt: instant.nullable(),
  resolvedAt: instant.nullable(),
  /** What decided it, e.g. the long-window burn rate. */
  value: z.number().nullable(),
}).meta({ id: 'AlertState' });
export type AlertStateBody = z.infer<typeof alertStateSchema>;

/** One change of an alert's status, as `GET /api/v1/alerts/transitions` and replay return it. */
export const alertTransitionSchema = z.object({
  slo: z.string(),
  objective: z.string(),
  rule: z.string(),
  at: instant,
  from: alertStatusSchema,
  to: alertStatusSchema,
  severity: z.string(),
  value: z.number().nullable(),
}).meta({ id: 'AlertTransition' });
export type AlertTransitionBody = z.infer<typeof alertTransitionSchema>;
