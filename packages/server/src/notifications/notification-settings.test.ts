import { describe, expect, it } from 'vitest';
import { notificationSettingsFromEnv } from './notification-settings';
import { redactDestination } from './redact-destination';

describe('notification settings', () => {
  it('reads the public URL, webhook secrets and SMTP from the environment', () => {
    expect(notificationSettingsFromEnv({
      XOPS_PUBLIC_URL: 'https://xops.example.com',
      XOPS_WEBHOOK_SECRET: 'a-secret-of-16-chars',
      XOPS_WEBHOOK_SECRETS: '{"https://hooks.example.com/page":"another-secret-of-16"}',
      XOPS_SMTP_URL: 'smtp://mail.internal:25',
      PATH: '/usr/bin',
    })).toEqual({
      publicUrl: 'https://xops.example.com',
      webhookSecret: 'a-secret-of-16-chars',
      webhookSecrets: { 'https://hooks.example.com/page': 'another-secret-of-16' },
      smtp: { url: 'smtp://mail.internal:25', from: 'xops <xops@localhost>' },
    });
    expect(notificationSettingsFromEnv({})).toEqual({});
  });

  it('refuses a short secret, a malformed SMTP URL and per-destination secrets that are not a JSON object', () => {
    expect(() => notificationSettingsFromEnv({ XOPS_WEBHOOK_SECRET: 'short' })).toThrow('a webhook secret needs at least 16 characters');
    expect(() => notificationSettingsFromEnv({ XOPS_SMTP_URL: 'mail.internal' })).toThrow('an SMTP URL looks like smtp://');
    expect(() => notificationSettingsFromEnv({ XOPS_WEBHOOK_SECRETS: 'not json' })).toThrow('XOPS_WEBHOOK_SECRETS must be a JSON object');
  });
});

describe('redactDestination', () => {
  it('keeps an email address and only the scheme and host of a URL', () => {
    expect(redactDestination('ana@example.com')).toBe('ana@example.com');
    expect(redactDestination('https://hooks.slack.com/services/T0/B0/XyZ')).toBe('https://hooks.slack.com/…');
    expect(redactDestination('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
    expect(redactDestination('http://[oops')).toBe('(not a valid URL)');
  });
});
