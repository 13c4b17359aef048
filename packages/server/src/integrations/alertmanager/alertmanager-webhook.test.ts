import { describe, expect, it } from 'vitest';
import { alertmanagerReports, alertmanagerWebhookSchema } from './alertmanager-webhook';

const NOW = Date.UTC(2026, 7, 21, 4, 0, 0);
const webhook = (alert: Record<string, unknown>) => alertmanagerWebhookSchema.parse({
  version: '4', groupKey: '{}:{alertname="X"}', truncatedAlerts: 3, status: 'resolved', receiver: 'team\\-a\\.prod', externalURL: 'http://am:9093',
  alerts: [{ labels: { alertname: 'X' }, startsAt: '2026-08-21T03:14:00Z', ...alert }],
});

describe('alertmanagerReports', () => {
  it('keys alerts by fingerprint, unescapes the receiver, and keeps the group key', () => {
    const [report] = alertmanagerReports(webhook({ status: 'firing', endsAt: '0001-01-01T00:00:00Z', fingerprint: 'c4f2a1d0e9b87a36' }), NOW);
    expect(report).toEqual({
      kind: 'report', source: 'alertmanager', dedupKey: 'c4f2a1d0e9b87a36', labels: { alertname: 'X' },
      annotations: { alertmanager_group_key: '{}:{alertname="X"}', alertmanager_receiver: 'team-a.prod', alertmanager_url: 'http://am:9093' },
      summary: 'X', startsAt: Date.UTC(2026, 7, 21, 3, 14), endsAt: null,
    });
  });

  it('ends a resolved alert at its endsAt, or now when that is zero; computes a missing fingerprint', () => {
    // FNV-1a 64 over "alertname" 0xFF "X" 0xFF (prometheus/common model/signature.go), worked out with Python.
    const [ended] = alertmanagerReports(webhook({ status: 'resolved', endsAt: '2026-08-21T03:44:00Z' }), NOW);
    expect(ended).toMatchObject({ dedupKey: 'd2aeefc389ca7746', endsAt: Date.UTC(2026, 7, 21, 3, 44) });
    const [zero] = alertmanagerReports(webhook({ status: 'resolved', endsAt: '0001-01-01T00:00:00Z' }), NOW);
    expect(zero).toMatchObject({ endsAt: NOW });
  });
});
