import { randomBytes } from 'node:crypto';
import type { AlertReport } from '@xops/store';
import { z } from 'zod';
import { parseAlertTime } from '../../alerts/alert-time';

/** The source name of PagerDuty-shaped events. */
export const PAGERDUTY_SOURCE = 'pagerduty';

const text = (max: number) => z.string({ error: (issue) => (issue.input === undefined ? 'is missing' : 'must be a string') }).max(max, `must be at most ${max} characters`);

/**
 * A PagerDuty Events API v2 event (PagerDuty/developer-docs docs/events-API-v2/02-Trigger-Events.md):
 * `trigger` needs `payload.summary` (≤ 1024), `payload.source` and `payload.severity`;
 * `acknowledge` and `resolve` need the `dedup_key` of the alert they change.
 */
export const pagerdutyEventSchema = z.object({
  routing_key: text(1024).optional(),
  event_action: z.enum(['trigger', 'acknowledge', 'resolve'], { error: 'must be one of trigger, acknowledge or resolve' }),
  dedup_key: text(255).min(1, 'must not be empty').optional(),
  payload: z.object({
    summary: text(1024).min(1, 'must not be blank'),
    source: text(1024).min(1, 'must not be blank'),
    severity: z.enum(['critical', 'error', 'warning', 'info'], { error: 'must be one of critical, error, warning or info' }),
    timestamp: text(64).refine((value) => typeof parseAlertTime(value) === 'number', 'must be an ISO 8601 time, e.g. 2015-07-17T08:42:58.315+0000').optional(),
    component: text(1024).optional(),
    group: text(1024).optional(),
    class: text(1024).optional(),
    custom_details: z.unknown().optional(),
  }, { error: (issue) => (issue.input === undefined ? 'is missing' : 'must be an object') }).optional(),
  images: z.array(z.unknown()).max(100).optional(),
  links: z.array(z.unknown()).max(100).optional(),
  client: text(1024).optional(),
  client_url: text(8192).optional(),
}, { error: 'the event must be a JSON object' }).superRefine((event, ctx) => {
  if (event.event_action === 'trigger' && event.payload === undefined) ctx.addIssue({ code: 'custom', path: ['payload'], message: 'is missing' });
  if (event.event_action !== 'trigger' && event.dedup_key === undefined) {
    ctx.addIssue({ code: 'custom', path: ['dedup_key'], message: `is missing: ${event.event_action} needs the dedup_key of the alert it changes` });
  }
});
export type PagerdutyEvent = z.infer<typeof pagerdutyEventSchema>;

/** The problems of an event in PagerDuty's words, one string each: `'payload.summary' is missing`. */
export function pagerdutyProblems(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return path === '' ? issue.message : `'${path}' ${issue.message}`;
  });
}

/** A new dedup key as PagerDuty makes one for a trigger without: 32 hex digits. */
export function newDedupKey(): string {
  return randomBytes(16).toString('hex');
}

/**
 * The alert report of an event at `now`. A trigger's labels are `{alertname, dedup_key,
 * severity, source}` and `component`, `group`, `class` when given (routes match on them);
 * `alertname` is the `class`, or `PagerDutyEvent`. The summary, custom details, client and links
 * are annotations.
 */
export function pagerdutyReport(event: PagerdutyEvent, dedupKey: string, now: number): AlertReport {
  if (event.event_action === 'acknowledge') return { kind: 'acknowledge', source: PAGERDUTY_SOURCE, dedupKey };
  if (event.event_action === 'resolve' || event.payload === undefined) return { kind: 'resolve', source: PAGERDUTY_SOURCE, dedupKey, at: now };
  const { payload } = event;
  const optional = (name: string, value: string | undefined): Record<string, string> => (value === undefined || value === '' ? {} : { [name]: value });
  const details = payload.custom_details === undefined ? undefined : JSON.stringify(payload.custom_details);
  const startsAt = payload.timestamp === undefined ? now : parseAlertTime(payload.timestamp) ?? now;
  return {
    kind: 'report',
    source: PAGERDUTY_SOURCE,
    dedupKey,
    labels: {
      alertname: payload.class ?? 'PagerDutyEvent',
      dedup_key: dedupKey,
      severity: payload.severity,
      source: payload.source,
      ...optional('component', payload.component),
      ...optional('group', payload.group),
      ...optional('class', payload.class),
    },
    annotations: {
      summary: payload.summary,
      ...optional('custom_details', details === undefined ? undefined : details.slice(0, 65_536)),
      ...optional('client', event.client),
      ...optional('client_url', event.client_url),
      ...optional('links', event.links === undefined ? undefined : JSON.stringify(event.links).slice(0, 65_536)),
    },
    summary: payload.summary,
    startsAt: Math.min(startsAt, now),
    endsAt: null,
  };
}
