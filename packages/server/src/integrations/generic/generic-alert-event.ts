import { alertFingerprint } from '@xops/core';
import type { AlertReport } from '@xops/store';
import { z } from 'zod';
import { alertAnnotationsSchema, alertLabelsSchema, alertSummary } from '../../alerts/alert-labels';
import { parseAlertTime } from '../../alerts/alert-time';

/** The source name of the generic JSON endpoint's alerts. */
export const GENERIC_SOURCE = 'alerts';

/** The most alerts one request may carry. */
const MAX_EVENTS = 10_000;

const timeSchema = z.union([
  z.number().int().min(0).max(253_402_300_799_999),
  z.string().max(64).refine((text) => typeof parseAlertTime(text) === 'number', 'an RFC 3339 time, e.g. 2026-03-04T10:00:00Z'),
], { error: 'an RFC 3339 time (2026-03-04T10:00:00Z) or epoch milliseconds' });

/** One event of `POST /api/v1/alerts/events`. */
export const genericAlertEventSchema = z.strictObject({
  labels: alertLabelsSchema.describe('the alert\'s identity and what routes match, e.g. {"alertname": "DiskFull", "service": "cart", "severity": "critical"}'),
  annotations: alertAnnotationsSchema.optional().describe('text about it, e.g. {"summary": "…", "runbook_url": "…"}'),
  status: z.enum(['firing', 'resolved'], { error: 'status is firing or resolved' }),
  startsAt: timeSchema.optional().describe('when it began; now unless given'),
  endsAt: timeSchema.optional().describe('firing: when it ends unless sent again (none: until resolved); resolved: when it ended (now unless given)'),
  dedupKey: z.string().min(1).max(255).optional().describe('the alert\'s key; its label fingerprint unless given'),
});
export type GenericAlertEvent = z.infer<typeof genericAlertEventSchema>;

/**
 * The body: one event, or a list of them. Checked by hand rather than with a union, so a bad
 * event gets its own message (`1.labels.severity: a label value is text …`), not "invalid input".
 */
export const genericAlertBodySchema = z.unknown().transform((body, ctx): GenericAlertEvent[] => {
  const list = Array.isArray(body);
  const parsed = (list ? z.array(genericAlertEventSchema).min(1, 'send at least one event').max(MAX_EVENTS) : genericAlertEventSchema).safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key)), message: issue.message });
    return z.NEVER;
  }
  return Array.isArray(parsed.data) ? parsed.data : [parsed.data];
}).describe('one alert event {labels, annotations?, status: firing|resolved, startsAt?, endsAt?, dedupKey?}, or a list of them');

const instant = (value: string | number | undefined): number | undefined =>
  value === undefined ? undefined : typeof value === 'number' ? value : parseAlertTime(value) ?? undefined;

/** The alert report of one event at `now`. */
export function genericAlertReport(event: GenericAlertEvent, now: number): AlertReport {
  const fingerprint = alertFingerprint(event.labels);
  const startsAt = Math.min(instant(event.startsAt) ?? now, now);
  const given = instant(event.endsAt);
  const endsAt = event.status === 'firing' ? given ?? null : Math.max(startsAt, Math.min(given ?? now, now));
  const annotations = event.annotations ?? {};
  return {
    kind: 'report',
    source: GENERIC_SOURCE,
    dedupKey: event.dedupKey ?? fingerprint,
    labels: event.labels,
    annotations,
    summary: alertSummary(event.labels, annotations, fingerprint),
    startsAt,
    endsAt,
  };
}
