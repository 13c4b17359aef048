import { createHmac } from 'node:crypto';
import type { WebhookNotification } from '@xops/contracts';
import type { Delivery, NotificationSender } from './notification-sender';
import { postJson } from './post-json';

/** The headers of a generic webhook delivery (ADR 0014). */
export const WEBHOOK_HEADERS = {
  signature: 'x-xops-signature',
  idempotencyKey: 'x-xops-idempotency-key',
  timestamp: 'x-xops-timestamp',
} as const;

/** The body of a generic webhook delivery: the message with what a receiver needs to deduplicate. */
export function renderWebhookBody(delivery: Delivery): WebhookNotification {
  return {
    version: '1',
    idempotencyKey: delivery.idempotencyKey,
    id: delivery.id,
    recipient: delivery.recipient,
    sentAt: new Date(delivery.sentAt).toISOString(),
    ...delivery.message,
  };
}

/**
 * `sha256=<hex HMAC-SHA256 of the raw body>`, GitHub's `X-Hub-Signature-256` format: a receiver
 * recomputes it over the bytes it received with the shared secret and compares in constant time.
 */
export function webhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * The generic webhook channel: POSTs the message as JSON, signed with the destination's secret
 * (`secretFor`), with `X-Xops-Idempotency-Key` and `X-Xops-Timestamp` (epoch seconds of `sentAt`,
 * which the signed body also carries, so a receiver can refuse replays of old deliveries).
 *
 * @example createWebhookChannel({ secretFor: (url) => secrets.get(url) ?? serverSecret })
 */
export function createWebhookChannel(options: { readonly secretFor: (destination: string) => string }): NotificationSender {
  return {
    async send(delivery, signal) {
      const body = JSON.stringify(renderWebhookBody(delivery));
      await postJson(delivery.destination, body, {
        signal,
        headers: {
          [WEBHOOK_HEADERS.signature]: webhookSignature(options.secretFor(delivery.destination), body),
          [WEBHOOK_HEADERS.idempotencyKey]: delivery.idempotencyKey,
          [WEBHOOK_HEADERS.timestamp]: String(Math.floor(delivery.sentAt / 1000)),
        },
      });
    },
  };
}
