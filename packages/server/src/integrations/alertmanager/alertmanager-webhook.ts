import { alertFingerprint } from '@xops/core';
import type { AlertReport } from '@xops/store';
import { z } from 'zod';
import { alertAnnotationsSchema, alertLabelsSchema, alertSummary } from '../../alerts/alert-labels';
import { parseAlertTime } from '../../alerts/alert-time';

/** The source name of Alertmanager's alerts. */
export const ALERTMANAGER_SOURCE = 'alertmanager';

const FINGERPRINT = /^[0-9a-f]{16}$/;

const timeText = z.string().max(64).refine((text) => parseAlertTime(text) !== undefined, 'an RFC 3339 time, e.g. 2026-08-21T03:14:00.000Z');

/** One alert of the webhook (Alertmanager template/template.go `Alert`); extra fields are ignored. */
const webhookAlertSchema = z.object({
  status: z.enum(['firing', 'resolved'], { error: 'status is firing or resolved' }),
  labels: alertLabelsSchema,
  annotations: alertAnnotationsSchema.optional(),
  startsAt: timeText,
  endsAt: timeText.optional(),
  generatorURL: z.string().max(8192).optional(),
  fingerprint: z.string().max(64).optional(),
});

/**
 * Alertmanager's webhook body, version 4 (notify/webhook/webhook.go `Message`; reference §1.8).
 * Lenient where Alertmanager varies (`truncatedAlerts`, `routeLabels`, `notification_reason`,
 * Grafana's `numFiring` are optional or ignored), strict where the alerts are concerned.
 */
export const alertmanagerWebhookSchema = z.object({
  version: z.string().refine((version) => version === '4', 'xops takes the webhook payload version "4" (every Alertmanager since 0.16 sends it)').optional(),
  groupKey: z.string().max(16_384).optional(),
  truncatedAlerts: z.number().int().nonnegative().optional(),
  status: z.enum(['firing', 'resolved']).optional(),
  receiver: z.string().max(1024).optional(),
  externalURL: z.string().max(8192).optional(),
  alerts: z.array(webhookAlertSchema, { error: 'alerts is the list of the group\'s alerts' }).max(20_000),
});
export type AlertmanagerWebhook = z.infer<typeof alertmanagerWebhookSchema>;

/**
 * The alert reports of one webhook. Each alert is keyed by its fingerprint (Prometheus's label
 * hash, as xops computes it when Alertmanager's is missing), so a re-sent group updates the same
 * alerts. A firing alert fires until told otherwise (Alertmanager zeroes its `endsAt`); a
 * resolved one ends at its `endsAt`, or `now` when that is zero. xops groups with its own Routes;
 * Alertmanager's `groupKey`, receiver and URL are kept as annotations.
 */
export function alertmanagerReports(webhook: AlertmanagerWebhook, now: number): AlertReport[] {
  const context: Record<string, string> = {
    ...(webhook.groupKey === undefined ? {} : { alertmanager_group_key: webhook.groupKey }),
    // The receiver name comes regexp.QuoteMeta-escaped (template/template.go).
    ...(webhook.receiver === undefined ? {} : { alertmanager_receiver: webhook.receiver.replace(/\\(.)/g, '$1') }),
    ...(webhook.externalURL === undefined ? {} : { alertmanager_url: webhook.externalURL }),
  };
  return webhook.alerts.map((alert) => {
    const fingerprint = alert.fingerprint !== undefined && FINGERPRINT.test(alert.fingerprint) ? alert.fingerprint : alertFingerprint(alert.labels);
    const annotations = { ...alert.annotations, ...context, ...(alert.generatorURL === undefined ? {} : { generator_url: alert.generatorURL }) };
    const startsAt = parseAlertTime(alert.startsAt) ?? now;
    const endsAt = alert.status === 'firing' ? null : Math.min(parseAlertTime(alert.endsAt ?? '') ?? now, now);
    return {
      kind: 'report',
      source: ALERTMANAGER_SOURCE,
      dedupKey: fingerprint,
      labels: alert.labels,
      annotations,
      summary: alertSummary(alert.labels, alert.annotations ?? {}, fingerprint),
      startsAt: Math.min(startsAt, now),
      endsAt: endsAt === null ? null : Math.max(endsAt, Math.min(startsAt, now)),
    };
  });
}
