import { z } from 'zod';

const instant = z.string().describe('ISO 8601 UTC, e.g. 2026-03-04T10:00:00.000Z');

/**
 * What routing did with an alert, last (ADR 0013): `unrouted` (no Route takes it), `waiting` (its
 * group has not notified yet: group_wait or group_interval), `paged` (an escalation policy was
 * paged: an incident opened or was joined), `notified` (told without waking anyone: a channel,
 * or a policy at low urgency), `ticket`, `suppressed` (a silence or an inhibition mutes it),
 * `undelivered` (its channel has no destination xops can send to).
 */
export const ALERT_OUTCOMES = ['unrouted', 'waiting', 'paged', 'notified', 'ticket', 'suppressed', 'undelivered'] as const;
export const alertOutcomeSchema = z.enum(ALERT_OUTCOMES);
export type AlertOutcome = z.infer<typeof alertOutcomeSchema>;

/** Where an alert's source sent it: `alertmanager`, `pagerduty`, `alerts` (generic JSON), `slo` (the SLO engine). */
export const ALERT_SOURCES = ['alertmanager', 'pagerduty', 'alerts', 'slo'] as const;
export const alertSourceSchema = z.enum(ALERT_SOURCES);
export type AlertSource = z.infer<typeof alertSourceSchema>;

const incidentRefSchema = z.object({ id: z.string(), number: z.number().int().positive() });

/** One alert a source sent, as `GET /api/v1/alerts/incoming` lists it, with what routing did with it. */
export const incomingAlertSchema = z.object({
  id: z.string(),
  source: alertSourceSchema,
  /** The source's key: Alertmanager's fingerprint, PagerDuty's dedup_key, the SLO's `slo/objective/rule`. */
  dedupKey: z.string(),
  /** Prometheus's label-set fingerprint (16 hex digits): the alert's identity in routing. */
  fingerprint: z.string(),
  labels: z.record(z.string(), z.string()),
  annotations: z.record(z.string(), z.string()),
  summary: z.string(),
  severity: z.string(),
  /** `firing` until it resolved or its `endsAt` passed. */
  status: z.enum(['firing', 'resolved']),
  startsAt: instant,
  endsAt: instant.nullable(),
  receivedAt: instant,
  /** The route that took it (`tree{matchers}/{child matchers}`), or null. */
  route: z.string().nullable(),
  groupKey: z.string().nullable(),
  outcome: alertOutcomeSchema.nullable(),
  /** Who or what was told: `escalation-policy/payments`, `channel/ops-chat`, `ticket/PAY`. */
  target: z.string().nullable(),
  /** Why it is quiet: `silence:<id>`, `inhibited:<rule>:<fingerprint>`, `maintenance:<window>`. */
  suppressedBy: z.array(z.string()),
  incident: incidentRefSchema.nullable(),
}).meta({ id: 'IncomingAlert' });
export type IncomingAlertBody = z.infer<typeof incomingAlertSchema>;

/** What an alert endpoint answers for each alert it took in (Alertmanager webhook, generic JSON). */
export const alertIntakeResultSchema = z.object({
  accepted: z.number().int().nonnegative(),
  alerts: z.array(z.object({
    dedupKey: z.string(),
    fingerprint: z.string().nullable(),
    /** Null when the alert was not known (a resolve of an alert never seen). */
    status: z.enum(['firing', 'resolved']).nullable(),
    outcome: alertOutcomeSchema.nullable(),
    incident: incidentRefSchema.nullable(),
  })),
}).meta({ id: 'AlertIntakeResult' });
export type AlertIntakeResultBody = z.infer<typeof alertIntakeResultSchema>;
