import type { NotificationMessage } from '@xops/contracts';
import { incidentSeverityOfAlerts, type GroupNotification } from '@xops/core';

const MAX_LINES = 20;

/**
 * The message of a group notification to a channel, as Alertmanager's default templates word it:
 * title `[FIRING:2] HighLatency checkout` (the group labels' values) or `[RESOLVED] …`, then one
 * line per alert with its summary. Belongs to no incident; its severity is the alerts' worst.
 *
 * @example groupMessage(notification, (alert) => summaries.get(alert.fingerprint) ?? '')
 */
export function groupMessage(notification: GroupNotification, summaryOf: (fingerprint: string) => string | undefined): NotificationMessage {
  const { firing, resolved, groupLabels } = notification;
  const status = firing.length > 0 ? `FIRING:${firing.length}` : 'RESOLVED';
  const names = Object.keys(groupLabels).sort().map((name) => groupLabels[name] ?? '');
  const line = (prefix: string) => (alert: GroupNotification['firing'][number]) =>
    `${prefix}: ${summaryOf(alert.fingerprint) ?? alert.labels.alertname ?? alert.fingerprint}`;
  const lines = [...firing.map(line('Firing')), ...resolved.map(line('Resolved'))];
  const shown = lines.length > MAX_LINES ? [...lines.slice(0, MAX_LINES), `… and ${lines.length - MAX_LINES} more`] : lines;
  return {
    title: `[${status}] ${names.length > 0 ? names.join(' ') : notification.routeKey}`,
    text: `${notification.reason} (route ${notification.routeKey}).\n${shown.join('\n')}`,
    incident: null,
    severity: incidentSeverityOfAlerts([...firing, ...resolved].map((alert) => alert.labels)),
    urgency: notification.urgency,
    labels: { ...groupLabels, notification_reason: notification.reason },
  };
}
