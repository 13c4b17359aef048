import { notificationSchema, notificationStatusSchema, type NotificationBody } from '@xops/contracts';
import type { NotificationRecord, XopsStore } from '@xops/store';
import { z } from 'zod';
import { errorResponses } from '../http/error-envelope';
import type { ZodApp } from '../http/zod-app';
import { redactDestination } from './redact-destination';

const notificationsQuerySchema = z.object({
  status: notificationStatusSchema.optional().describe('only notifications in this status, e.g. failed'),
  incident: z.string().min(1).max(253).optional().describe('only the notifications of this incident (its id)'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/**
 * `GET /api/v1/notifications?status&incident&limit` (viewer): the notification outbox, newest
 * first. Webhook URLs show their scheme and host only: the rest of a Slack or Teams URL is its secret.
 */
export function registerNotificationRoutes(app: ZodApp, { store }: { store: XopsStore }): void {
  app.get('/api/v1/notifications', {
    config: { access: 'viewer' },
    schema: {
      operationId: 'listNotifications', tags: ['notifications'],
      summary: 'Notifications of the outbox, newest first: pending (with their next attempt), delivered, or failed (given up).',
      querystring: notificationsQuerySchema,
      response: { 200: z.array(notificationSchema), ...errorResponses(401) },
    },
  }, async (request) => {
    const { status, incident, limit } = request.query;
    const rows = await store.listNotifications({ status, incidentId: incident, limit });
    return rows.map(toNotificationBody);
  });
}

/** A stored notification as the API shows it. */
export function toNotificationBody(row: NotificationRecord): NotificationBody {
  const incident = row.message?.incident ?? null;
  return {
    id: row.id,
    idempotencyKey: row.idempotencyKey,
    incident: incident === null ? null : { id: incident.id, number: incident.number },
    title: row.message?.title ?? '(a message this version cannot read)',
    channel: row.channel,
    destination: redactDestination(row.destination),
    recipient: row.recipient,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: isoOrNull(row.nextAttemptAt),
    lastError: row.lastError,
    createdAt: new Date(row.createdAt).toISOString(),
    deliveredAt: isoOrNull(row.deliveredAt),
  };
}

const isoOrNull = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
