import { z } from 'zod';
import { incidentSeveritySchema } from './incident';

const instant = z.string().describe('ISO 8601 UTC, e.g. 2025-03-01T12:00:00.000Z');

/** How a notification travels (issue 5): a signed JSON webhook, Slack or Teams incoming webhooks, or email over SMTP. */
export const NOTIFICATION_CHANNELS = ['webhook', 'slack', 'teams', 'email'] as const;
export const notificationChannelSchema = z.enum(NOTIFICATION_CHANNELS);
export type NotificationChannel = z.infer<typeof notificationChannelSchema>;

/**
 * Where a notification of the outbox stands: `pending` until a receiver took it (2xx, or the SMTP
 * server accepted it), then `delivered`; `failed` once xops gave up (5 attempts, or a refusal that
 * retrying cannot fix).
 */
export const NOTIFICATION_STATUSES = ['pending', 'delivered', 'failed'] as const;
export const notificationStatusSchema = z.enum(NOTIFICATION_STATUSES);
export type NotificationStatus = z.infer<typeof notificationStatusSchema>;

/** The incident a notification is about; `url` is filled in at delivery when the writer left it out. */
export const notificationIncidentSchema = z.object({
  id: z.string(),
  number: z.number().int().positive(),
  url: z.string().optional(),
});

/** Signed links that acknowledge or resolve the incident without a token (ADR 0013). */
export const notificationLinksSchema = z.object({ ack: z.string(), resolve: z.string() });

/**
 * One message as the outbox stores it and every channel renders it. Written in the transaction
 * that decided to notify; the delivery loop adds the incident's URL and signed `links` at send
 * time when they are absent, so a link's expiry counts from the delivery, not the decision.
 */
export const notificationMessageSchema = z.object({
  title: z.string().min(1),
  text: z.string(),
  /** Null for a notify-only channel message that belongs to no incident. */
  incident: notificationIncidentSchema.nullable(),
  severity: incidentSeveritySchema,
  /** PagerDuty's urgency: `high` wakes someone, `low` waits. */
  urgency: z.enum(['high', 'low']),
  links: notificationLinksSchema.optional(),
  labels: z.record(z.string(), z.string()),
});
export type NotificationMessage = z.infer<typeof notificationMessageSchema>;

/**
 * The JSON body of the generic webhook channel, version 1. Signed: `X-Xops-Signature:
 * sha256=<hex HMAC-SHA256 of the raw body>`; `X-Xops-Idempotency-Key` repeats `idempotencyKey`.
 */
export const webhookNotificationSchema = notificationMessageSchema.extend({
  version: z.literal('1'),
  /** Equal on every retry of the same notification: a receiver drops what it has seen. */
  idempotencyKey: z.string(),
  /** The notification's id in the outbox. */
  id: z.string(),
  /** Who the notification is for, e.g. the person paged; null for a channel. */
  recipient: z.string().nullable(),
  sentAt: instant,
}).meta({ id: 'WebhookNotification' });
export type WebhookNotification = z.infer<typeof webhookNotificationSchema>;

/** One notification of the outbox as `GET /api/v1/notifications` lists it. */
export const notificationSchema = z.object({
  id: z.string(),
  idempotencyKey: z.string(),
  incident: z.object({ id: z.string(), number: z.number().int().positive() }).nullable(),
  title: z.string(),
  channel: notificationChannelSchema,
  /** An email address, or only the scheme and host of a webhook URL: the rest of a Slack or Teams URL is its secret. */
  destination: z.string(),
  recipient: z.string().nullable(),
  status: notificationStatusSchema,
  attempts: z.number().int().nonnegative(),
  /** When the next attempt is due; null once delivered or failed. */
  nextAttemptAt: instant.nullable(),
  lastError: z.string().nullable(),
  createdAt: instant,
  deliveredAt: instant.nullable(),
}).meta({ id: 'Notification' });
export type NotificationBody = z.infer<typeof notificationSchema>;
