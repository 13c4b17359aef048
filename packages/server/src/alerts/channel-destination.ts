import { alertNotificationTargetSpecSchema, type ConfigObject, type NotificationChannel } from '@xops/contracts';
import type { Result } from '@xops/core';
import type { ChannelDestination } from '@xops/store';

/** The annotation that gives the URL or address of an AlertNotificationTarget whose `target` only names its type. */
export const DESTINATION_ANNOTATION = 'xops.dev/destination';

const TYPES: readonly NotificationChannel[] = ['slack', 'teams', 'webhook', 'email'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Where an AlertNotificationTarget (OpenSLO) delivers, for a route's `channel`. OpenSLO's
 * `spec.target` is free text; xops reads it as:
 * - a URL: `https://hooks.slack.com/…` is Slack, `https://….webhook.office.com/…` (or a Power
 *   Automate / Logic Apps URL) is Teams, any other http(s) URL a signed generic webhook;
 * - an email address, or `mailto:` one: email;
 * - `slack`, `teams`, `webhook` or `email`: that type, with the URL or address in the
 *   annotation `xops.dev/destination`, so a secret webhook URL can stay out of `target`.
 * Anything else, or a type without its destination, is an error that says what to write.
 *
 * @example channelDestination(target) // → { ok: true, value: { channel: 'slack', destination: 'https://hooks.slack.com/services/T0/B0/x' } }
 */
export function channelDestination(object: ConfigObject): Result<ChannelDestination, string> {
  const name = object.metadata.name;
  const spec = alertNotificationTargetSpecSchema.safeParse(object.spec);
  if (!spec.success) return { ok: false, error: `AlertNotificationTarget "${name}" has no valid spec.target` };
  const target = spec.data.target.trim();
  const type = TYPES.find((known) => known === target.toLowerCase());
  if (type !== undefined) {
    const destination = object.metadata.annotations?.[DESTINATION_ANNOTATION]?.trim() ?? '';
    if (destination === '') {
      return { ok: false, error: `AlertNotificationTarget "${name}" says ${type} but not where: set metadata.annotations["${DESTINATION_ANNOTATION}"] to the ${type === 'email' ? 'email address' : 'webhook URL'}` };
    }
    return checked(name, type, destination);
  }
  const inferred = inferChannel(target);
  if (inferred === undefined) {
    return { ok: false, error: `AlertNotificationTarget "${name}": target "${target.slice(0, 80)}" is neither a webhook URL, an email address, nor one of ${TYPES.join(', ')}` };
  }
  return checked(name, inferred, target.replace(/^mailto:/i, ''));
}

function inferChannel(target: string): NotificationChannel | undefined {
  if (/^mailto:/i.test(target) || EMAIL.test(target)) return 'email';
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const host = url.hostname.toLowerCase();
  if (host === 'hooks.slack.com') return 'slack';
  if (host.endsWith('.webhook.office.com') || host.endsWith('.logic.azure.com') || host.endsWith('.powerplatform.com')) return 'teams';
  return 'webhook';
}

function checked(name: string, channel: NotificationChannel, destination: string): Result<ChannelDestination, string> {
  if (channel === 'email') {
    return EMAIL.test(destination) ? { ok: true, value: { channel, destination } } : { ok: false, error: `AlertNotificationTarget "${name}": "${destination.slice(0, 80)}" is not an email address` };
  }
  try {
    const url = new URL(destination);
    if (url.protocol === 'https:' || url.protocol === 'http:') return { ok: true, value: { channel, destination } };
  } catch {
    // Falls through to the error below.
  }
  return { ok: false, error: `AlertNotificationTarget "${name}": "${destination.slice(0, 80)}" is not an http(s) URL` };
}
