import type { ConfigObject } from '@xops/contracts';
import { describe, expect, it } from 'vitest';
import { channelDestination } from './channel-destination';

const target = (text: string, annotations?: Record<string, string>): ConfigObject => ({
  apiVersion: 'openslo/v1', kind: 'AlertNotificationTarget', metadata: { name: 'ops-chat', ...(annotations === undefined ? {} : { annotations }) }, spec: { target: text },
});

describe('channelDestination', () => {
  it('reads the channel from a URL or an address', () => {
    expect(channelDestination(target('https://hooks.slack.com/services/T0/B0/x'))).toEqual({ ok: true, value: { channel: 'slack', destination: 'https://hooks.slack.com/services/T0/B0/x' } });
    expect(channelDestination(target('https://acme.webhook.office.com/webhookb2/1'))).toEqual({ ok: true, value: { channel: 'teams', destination: 'https://acme.webhook.office.com/webhookb2/1' } });
    expect(channelDestination(target('https://hooks.example.com/xops'))).toEqual({ ok: true, value: { channel: 'webhook', destination: 'https://hooks.example.com/xops' } });
    expect(channelDestination(target('mailto:ops@example.com'))).toEqual({ ok: true, value: { channel: 'email', destination: 'ops@example.com' } });
    expect(channelDestination(target('ops@example.com'))).toEqual({ ok: true, value: { channel: 'email', destination: 'ops@example.com' } });
  });

  it('takes a type with its destination from the annotation, and says what is missing', () => {
    expect(channelDestination(target('slack', { 'xops.dev/destination': 'https://hooks.slack.com/services/T0/B0/y' })))
      .toEqual({ ok: true, value: { channel: 'slack', destination: 'https://hooks.slack.com/services/T0/B0/y' } });
    expect(channelDestination(target('slack'))).toEqual({
      ok: false, error: 'AlertNotificationTarget "ops-chat" says slack but not where: set metadata.annotations["xops.dev/destination"] to the webhook URL',
    });
    expect(channelDestination(target('email', { 'xops.dev/destination': 'not an address' })))
      .toEqual({ ok: false, error: 'AlertNotificationTarget "ops-chat": "not an address" is not an email address' });
    expect(channelDestination(target('pagerduty'))).toEqual({
      ok: false, error: 'AlertNotificationTarget "ops-chat": target "pagerduty" is neither a webhook URL, an email address, nor one of slack, teams, webhook, email',
    });
  });
});
