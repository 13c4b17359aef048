import type { NotificationChannel, NotificationMessage } from '@xops/contracts';

/** One attempt to deliver one notification, as the delivery loop hands it to a channel. */
export interface Delivery {
  /** The notification's id in the outbox. */
  readonly id: string;
  /** The same on every attempt: receivers drop what they have already seen by it. */
  readonly idempotencyKey: string;
  /** A webhook URL, or an email address. */
  readonly destination: string;
  readonly recipient: string | null;
  /** The stored message, with the incident's URL and signed ack/resolve links added when known. */
  readonly message: NotificationMessage;
  /** When this attempt started, epoch ms. */
  readonly sentAt: number;
}

/** A channel's sender: resolves once the receiver took the message, rejects otherwise. */
export interface NotificationSender {
  /** Stops (rejects) when `signal` aborts: the delivery loop's timeout. */
  send(delivery: Delivery, signal: AbortSignal): Promise<void>;
}

/** The senders a server has, by channel; a notification for a channel with none fails at once. */
export type NotificationChannels = Readonly<Partial<Record<NotificationChannel, NotificationSender>>>;

/**
 * A delivery that did not work. `permanent` when trying again cannot help (HTTP 4xx but 408 and
 * 429, an SMTP 5xx reply, a malformed address), as Alertmanager's retry stage decides
 * (notify/util.go `Retrier.Check`): the loop then gives up at once, so the escalation moves on.
 */
export class DeliveryError extends Error {
  readonly permanent: boolean;

  constructor(message: string, options: { permanent?: boolean; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'DeliveryError';
    this.permanent = options.permanent ?? false;
  }
}
