import type { NotificationMessage } from '@xops/contracts';
import type { ClaimedNotification, NotificationRecord, XopsStore } from '@xops/store';
import type { Clock } from '../clock/clock';
import { createLeaseKeeper, type LeaseLogger } from '../lease/lease-keeper';
import { DeliveryError, type Delivery, type NotificationChannels, type NotificationSender } from './notification-sender';
import { publicUrl } from './public-url';
import { redactDestination } from './redact-destination';
import { MAX_ATTEMPTS, retryDelayMs } from './retry-delay';
import { DEFAULT_LINK_TTL_MS, signedLinkUrl, type LinkAction } from './signed-link';

/** The lease the delivery loop runs under (DESIGN.md §5): one replica delivers at a time. */
export const NOTIFICATIONS_LEASE = 'notifications';

/** How notifications get their incident URL and signed ack/resolve links at delivery. */
export interface IncidentLinks {
  /** Where people reach this xops, e.g. `https://xops.example.com`. */
  readonly publicUrl: string;
  /** The link-signing key (`loadLinkKey`). */
  readonly key: string;
  /** How long a link works after the delivery; a day by default. */
  readonly ttlMs?: number;
}

export interface NotifierOptions {
  readonly store: XopsStore;
  readonly clock: Clock;
  readonly logger: LeaseLogger;
  /** This replica in the lease table. */
  readonly holder: string;
  readonly channels: NotificationChannels;
  /** Without it, messages go out as stored: no incident URL or signed links are added. */
  readonly links?: IncidentLinks;
  /**
   * Called once a notification is given up (5 failed attempts, or a permanent refusal), after it
   * is stored as `failed` with its timeline entry: the escalation moves to its next level here.
   */
  readonly onGiveUp?: (notification: NotificationRecord) => void | Promise<void>;
  /** How often the loop looks for due notifications; 1 s by default. */
  readonly tickMs?: number;
  readonly leaseTtlMs?: number;
  /** How long one send may take before it counts as failed; 10 s by default. */
  readonly timeoutMs?: number;
  /** How long a claimed notification is not handed out again (a sender that died is retried then); 60 s by default, more than `timeoutMs`. */
  readonly claimMs?: number;
  /** Sends at once; 8 by default, so a receiver that hangs holds up one slot, not the loop. */
  readonly concurrency?: number;
  /** Notifications claimed per round trip; 50 by default. */
  readonly batchSize?: number;
  /** Attempts before giving up; 5 by default. */
  readonly maxAttempts?: number;
}

export interface Notifier {
  /** Starts the loop: every `tickMs`, deliver what is due while this replica holds the lease. */
  start(): void;
  /** Takes the lease if it can and delivers every notification due now, waiting for all; returns how many were attempted. */
  deliverDue(): Promise<number>;
  /** True while this replica holds the `notifications` lease. */
  delivering(): boolean;
  /** Stops the loop, lets sends in flight finish and record their outcome, and releases the lease. */
  close(): Promise<void>;
}

/**
 * The delivery loop of the outbox (DESIGN.md §5, ADR 0013): claims due notifications, sends each
 * through its channel with a timeout, several at once, and records the outcome. A failed attempt
 * is retried after 5 s × 2ⁿ (at most 10 min); after `maxAttempts`, or at once when the receiver
 * refuses for good, the notification is `failed` and `onGiveUp` is called.
 *
 * @example const notifier = createNotifier({ store, clock, logger, holder, channels: { webhook, slack } });
 *          notifier.start();
 */
export function createNotifier(options: NotifierOptions): Notifier {
  const {
    store, clock, logger, holder, channels, links, onGiveUp,
    tickMs = 1000, leaseTtlMs = 10_000, timeoutMs = 10_000, claimMs = 60_000, concurrency = 8, batchSize = 50, maxAttempts = MAX_ATTEMPTS,
  } = options;
  if (claimMs <= timeoutMs) {
    throw new RangeError(`claimMs (${claimMs}) must exceed timeoutMs (${timeoutMs}): a send still running when its claim lapses could be sent twice at once`);
  }
  const lease = createLeaseKeeper({ store, name: NOTIFICATIONS_LEASE, holder, ttlMs: leaseTtlMs, logger });
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let closing = false;

  async function deliver(row: ClaimedNotification): Promise<void> {
    try {
      const failure = await attempt(row);
      if (failure === undefined) {
        await store.markNotificationDelivered(row.id, clock.now());
      } else if (failure.permanent || row.attempts >= maxAttempts) {
        await giveUp(row, failure.message);
      } else {
        const now = clock.now();
        const next = now + retryDelayMs(row.attempts);
        logger.info({
          notification: row.id, channel: row.channel, destination: redactDestination(row.destination),
          attempt: row.attempts, error: failure.message, retryAt: new Date(next).toISOString(),
        }, 'notification attempt failed');
        await store.markNotificationAttemptFailed(row.id, failure.message, next, now);
      }
    } catch (error) {
      // The outcome could not be stored: the claim lapses and the notification goes out again (at least once).
      logger.warn({ err: error, notification: row.id }, 'cannot record the outcome of a notification; it is retried when its claim lapses');
    }
  }

  /** Sends one notification; undefined when the receiver took it, else why not. */
  async function attempt(row: ClaimedNotification): Promise<DeliveryError | undefined> {
    if (row.attempts > maxAttempts) {
      // Only a sender that died mid-send gets here: the claim counted an attempt with no recorded outcome.
      return new DeliveryError(row.lastError ?? `no outcome was recorded for attempt ${row.attempts - 1}: the sender stopped`, { permanent: true });
    }
    const sender = channels[row.channel];
    if (sender === undefined) return new DeliveryError(`no ${row.channel} channel is configured on this server`, { permanent: true });
    try {
      await sendWithTimeout(sender, toDelivery(row, clock.now()), timeoutMs);
      return undefined;
    } catch (error) {
      return error instanceof DeliveryError ? error : new DeliveryError(error instanceof Error ? error.message : String(error), { cause: error });
    }
  }

  async function giveUp(row: ClaimedNotification, reason: string): Promise<void> {
    const now = clock.now();
    if (!await store.markNotificationAttemptFailed(row.id, reason, null, now)) return;
    logger.warn({ notification: row.id, channel: row.channel, destination: redactDestination(row.destination), attempts: row.attempts, error: reason }, 'gave up a notification');
    try {
      await onGiveUp?.({ ...row, status: 'failed', nextAttemptAt: null, lastError: reason });
    } catch (error) {
      logger.warn({ err: error, notification: row.id }, 'the give-up hook of a failed notification failed');
    }
  }

  function toDelivery(row: ClaimedNotification, sentAt: number): Delivery {
    const message = withLinks(row.message, sentAt);
    return { id: row.id, idempotencyKey: row.idempotencyKey, destination: row.destination, recipient: row.recipient, message, sentAt };
  }

  function withLinks(message: NotificationMessage, sentAt: number): NotificationMessage {
    if (links === undefined || message.incident === null) return message;
    const { incident } = message;
    const expiresAt = sentAt + (links.ttlMs ?? DEFAULT_LINK_TTL_MS);
    const link = (action: LinkAction) => signedLinkUrl(links.publicUrl, links.key, { incidentId: incident.id, action, expiresAt });
    return {
      ...message,
      incident: { ...incident, url: incident.url ?? publicUrl(links.publicUrl, `incidents/${incident.number}`).href },
      links: message.links ?? { ack: link('ack'), resolve: link('resolve') },
    };
  }

  async function pass(): Promise<number> {
    let attempted = 0;
    while (!closing && await lease.renew(clock.now())) {
      const rows = await store.claimDueNotifications(clock.now(), batchSize, claimMs);
      attempted += rows.length;
      await forEachBounded(rows, concurrency, deliver);
      if (rows.length < batchSize) break;
    }
    return attempted;
  }

  const run = (): Promise<number> => {
    running ??= pass().finally(() => { running = undefined; });
    return running;
  };

  return {
    start() {
      timer ??= setInterval(() => {
        run().catch((error: unknown) => logger.warn({ err: error }, 'the notification loop failed; it will try again'));
      }, tickMs);
    },
    deliverDue: run,
    delivering: () => lease.holds(),
    async close() {
      closing = true;
      clearInterval(timer);
      timer = undefined;
      await running?.catch(() => undefined);
      await lease.release();
    },
  };
}

/**
 * Runs `sender.send` and rejects with a `DeliveryError` after `timeoutMs`, aborting the send: the
 * race makes the timeout hold even for a sender that does not listen to its signal.
 */
async function sendWithTimeout(sender: NotificationSender, delivery: Delivery, timeoutMs: number): Promise<void> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new DeliveryError(`no answer within ${timeoutMs} ms`);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    await Promise.race([sender.send(delivery, controller.signal), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** Calls `work` on every item, at most `limit` at a time; `work` must not reject. */
async function forEachBounded<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let item = items[next++]; item !== undefined; item = items[next++]) await work(item);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
