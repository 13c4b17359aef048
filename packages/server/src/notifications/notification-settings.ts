import { z } from 'zod';

/** How this server delivers notifications, read once at start. */
export interface NotificationSettings {
  /** Where people reach xops, for incident URLs and signed links; the listen URL by default. */
  readonly publicUrl?: string;
  /** The secret that signs generic webhooks; without it, a key xops makes and keeps in `server_secrets`. */
  readonly webhookSecret?: string;
  /** A secret of its own for a destination URL, which wins over `webhookSecret`. */
  readonly webhookSecrets?: Readonly<Record<string, string>>;
  /** SMTP for the email channel; without it, email notifications fail at once (and escalate). */
  readonly smtp?: { readonly url: string; readonly from: string };
}

const secretSchema = z.string().min(16, 'a webhook secret needs at least 16 characters');

const envSchema = z.object({
  XOPS_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  XOPS_WEBHOOK_SECRET: secretSchema.optional(),
  XOPS_WEBHOOK_SECRETS: z.string().optional(),
  XOPS_SMTP_URL: z.string().regex(/^smtps?:\/\/\S+$/, 'an SMTP URL looks like smtp://user:pass@mail.example.com:587 or smtps://…:465').optional(),
  XOPS_SMTP_FROM: z.string().min(3).optional(),
});

const perDestinationSchema = z.record(z.url(), secretSchema);

/**
 * Notification settings from the environment: `XOPS_PUBLIC_URL`, `XOPS_WEBHOOK_SECRET`,
 * `XOPS_WEBHOOK_SECRETS` (a JSON object from destination URL to its secret), `XOPS_SMTP_URL` and
 * `XOPS_SMTP_FROM` (`xops <xops@…>` by default). Throws with every problem when one is malformed.
 *
 * @example notificationSettingsFromEnv({ XOPS_SMTP_URL: 'smtp://mail.internal:25', XOPS_SMTP_FROM: 'xops@example.com' })
 */
export function notificationSettingsFromEnv(env: Readonly<Record<string, string | undefined>>): NotificationSettings {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new Error(`notification settings: ${z.prettifyError(parsed.error)}`);
  const { XOPS_PUBLIC_URL, XOPS_WEBHOOK_SECRET, XOPS_WEBHOOK_SECRETS, XOPS_SMTP_URL, XOPS_SMTP_FROM } = parsed.data;
  let webhookSecrets: Record<string, string> | undefined;
  if (XOPS_WEBHOOK_SECRETS !== undefined) {
    const secrets = perDestinationSchema.safeParse(parseJson(XOPS_WEBHOOK_SECRETS));
    if (!secrets.success) throw new Error(`XOPS_WEBHOOK_SECRETS must be a JSON object from destination URL to secret: ${z.prettifyError(secrets.error)}`);
    webhookSecrets = secrets.data;
  }
  return Object.freeze({
    ...(XOPS_PUBLIC_URL === undefined ? {} : { publicUrl: XOPS_PUBLIC_URL }),
    ...(XOPS_WEBHOOK_SECRET === undefined ? {} : { webhookSecret: XOPS_WEBHOOK_SECRET }),
    ...(webhookSecrets === undefined ? {} : { webhookSecrets }),
    ...(XOPS_SMTP_URL === undefined ? {} : { smtp: { url: XOPS_SMTP_URL, from: XOPS_SMTP_FROM ?? 'xops <xops@localhost>' } }),
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
