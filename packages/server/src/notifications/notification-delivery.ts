import { randomBytes } from 'node:crypto';
import type { XopsStore } from '@xops/store';
import type { Clock } from '../clock/clock';
import type { LeaseLogger } from '../lease/lease-keeper';
import { createEmailChannel } from './email-channel';
import type { NotificationChannels } from './notification-sender';
import type { NotificationSettings } from './notification-settings';
import { createNotifier, type Notifier, type NotifierOptions } from './notifier';
import { loadLinkKey } from './signed-link';
import { createSlackChannel } from './slack-channel';
import { createTeamsChannel } from './teams-channel';
import { createWebhookChannel } from './webhook-channel';

/** The `server_secrets` row of the key that signs generic webhooks when no secret is configured. */
export const WEBHOOK_KEY_SECRET = 'webhook-signing-key';

/** The keys notifications are signed with, read (or made) once at start. */
export interface NotificationKeys {
  readonly link: string;
  readonly webhook: string;
}

/** Loads the link-signing key and the webhook secret (the configured one, or the server's own). */
export async function loadNotificationKeys(store: XopsStore, settings: NotificationSettings): Promise<NotificationKeys> {
  const link = await loadLinkKey(store);
  const webhook = settings.webhookSecret ?? await store.getOrCreateServerSecret(WEBHOOK_KEY_SECRET, () => randomBytes(32).toString('base64url'));
  return { link, webhook };
}

/**
 * The real channels (signed webhook, Slack, Teams, and email when SMTP is set) and the delivery
 * loop on them, for `main.ts`. Closing the notifier also closes the SMTP transport.
 */
export function createNotificationDelivery(options: {
  readonly store: XopsStore;
  readonly clock: Clock;
  readonly logger: LeaseLogger;
  readonly holder: string;
  readonly settings: NotificationSettings;
  readonly keys: NotificationKeys;
  /** The URL the server listens on: the public URL unless the settings name one. */
  readonly listenUrl: string;
  readonly onGiveUp?: NotifierOptions['onGiveUp'];
  /** How long a send may take and how long a claim lasts; ADR 0014's 10 s and 60 s by default (tests shorten them). */
  readonly timings?: Pick<NotifierOptions, 'timeoutMs' | 'claimMs'>;
}): Notifier {
  const { settings, keys } = options;
  const secrets = new Map(Object.entries(settings.webhookSecrets ?? {}));
  const email = settings.smtp === undefined ? undefined : createEmailChannel({ smtpUrl: settings.smtp.url, from: settings.smtp.from });
  const channels: NotificationChannels = {
    webhook: createWebhookChannel({ secretFor: (destination) => secrets.get(destination) ?? keys.webhook }),
    slack: createSlackChannel(),
    teams: createTeamsChannel(),
    ...(email === undefined ? {} : { email }),
  };
  const notifier = createNotifier({
    store: options.store, clock: options.clock, logger: options.logger, holder: options.holder, channels,
    links: { publicUrl: settings.publicUrl ?? options.listenUrl, key: keys.link },
    ...(options.onGiveUp === undefined ? {} : { onGiveUp: options.onGiveUp }),
    ...options.timings,
  });
  return {
    ...notifier,
    async close() {
      await notifier.close();
      email?.close();
    },
  };
}
