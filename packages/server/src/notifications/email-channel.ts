import { createHash } from 'node:crypto';
import { createTransport } from 'nodemailer';
import { messageFacts } from './message-facts';
import { DeliveryError, type Delivery, type NotificationSender } from './notification-sender';

/** What the email channel needs: where the SMTP server is and who the mail is from. */
export interface EmailChannelOptions {
  /** `smtp://user:pass@mail.example.com:587` (STARTTLS when offered) or `smtps://…:465` (TLS from the start). */
  readonly smtpUrl: string;
  /** The From address, e.g. `xops <xops@example.com>`; its domain also ends the Message-ID. */
  readonly from: string;
  /** How long the SMTP connection may be silent, in ms; 10 s by default, as the delivery loop's timeout. */
  readonly timeoutMs?: number;
}

/** One email as xops writes it. */
export interface RenderedEmail {
  readonly subject: string;
  readonly text: string;
  /** The same on every retry of one notification, so mail systems and readers can drop duplicates. */
  readonly messageId: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** The message as a plain-text email: title, text, facts, the signed links, and the idempotency key in a header. */
export function renderEmail(delivery: Delivery, from: string): RenderedEmail {
  const { message } = delivery;
  const lines = [message.title, ''];
  if (message.text !== '') lines.push(message.text, '');
  for (const fact of messageFacts(message)) lines.push(`${fact.title}: ${fact.value}${fact.url === undefined ? '' : ` (${fact.url})`}`);
  if (message.links) lines.push('', `Acknowledge: ${message.links.ack}`, `Resolve: ${message.links.resolve}`);
  lines.push('', '-- ', 'Sent by xops.');
  // RFC 5322 §3.6.4: a msg-id is `<left@right>`; the key itself may hold characters it does not allow.
  const hash = createHash('sha256').update(delivery.idempotencyKey).digest('hex').slice(0, 32);
  return {
    subject: `[${message.severity}] ${message.title}`,
    text: `${lines.join('\n')}\n`,
    messageId: `<${hash}@${domainOf(from)}>`,
    headers: { 'X-Xops-Idempotency-Key': delivery.idempotencyKey },
  };
}

/**
 * The email channel: sends `renderEmail` to the destination address over SMTP with nodemailer,
 * one connection per message. An SMTP 5xx reply (but 503) or a refused address is permanent;
 * a 4xx reply or a connection problem is retried.
 */
export function createEmailChannel(options: EmailChannelOptions): NotificationSender & { close(): void } {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const transport = createTransport({ url: options.smtpUrl, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs });
  return {
    async send(delivery, signal) {
      const email = renderEmail(delivery, options.from);
      try {
        await transport.sendMail({ from: options.from, to: delivery.destination, ...email, signal });
      } catch (error) {
        throw toDeliveryError(error, delivery.destination);
      }
    },
    close: () => transport.close(),
  };
}

function toDeliveryError(error: unknown, to: string): DeliveryError {
  if (!(error instanceof Error)) return new DeliveryError(`email to ${to} failed: ${String(error)}`);
  const permanent = ('permanent' in error && error.permanent === true) || ('code' in error && error.code === 'EENVELOPE');
  return new DeliveryError(`email to ${to} failed: ${error.message}`, { permanent, cause: error });
}

function domainOf(from: string): string {
  return /@([^\s<>@]+)>?\s*$/.exec(from)?.[1] ?? 'xops.invalid';
}
