import type { NotificationMessage } from '@xops/contracts';
import { testDatabaseEngines } from '@xops/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCliHarness, type CliHarness } from './cli-harness';

const T = Date.UTC(2025, 2, 1, 12, 0, 0);
const message: NotificationMessage = {
  title: '#3 checkout is failing', text: '', incident: { id: 'inc-3', number: 3 }, severity: 'SEV1', urgency: 'high', labels: {},
};

describe.each(testDatabaseEngines())('xops get notifications on %s', (engine) => {
  let harness: CliHarness;
  beforeAll(async () => {
    harness = await openCliHarness(engine);
    const { store } = harness;
    const base = { incidentId: 'inc-3', message, destination: 'https://hooks.slack.com/services/T0/B0/secret' } as const;
    const [failed = '', delivered = ''] = await store.enqueueNotifications([
      { ...base, idempotencyKey: 'failed', channel: 'slack', recipient: null, createdAt: T },
      { ...base, idempotencyKey: 'delivered', channel: 'email', destination: 'ana@example.com', recipient: 'ana', createdAt: T + 1000 },
      { ...base, idempotencyKey: 'pending', channel: 'webhook', recipient: 'bo', createdAt: T + 2000 },
    ]);
    await store.claimDueNotifications(T + 1000, 10, 60_000);
    await store.markNotificationDelivered(delivered, T + 1200);
    await store.markNotificationAttemptFailed(failed, 'HTTP 410 from https://hooks.slack.com/…: channel_is_archived', null, T + 1300);
  });
  afterAll(() => harness.close());

  it('lists the failed ones with --failed: when, incident, channel, recipient, status, attempts, last error', async () => {
    const result = await harness.xops(['get', 'notifications', '--failed']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe([
      'WHEN                       INCIDENT   CHANNEL   RECIPIENT                   STATUS   ATTEMPTS   LAST ERROR',
      '2025-03-01T12:00:00.000Z   #3         slack     https://hooks.slack.com/…   failed   1          HTTP 410 from https://hooks.slack.com/…: channel_is_archived',
      '',
    ].join('\n'));
  });

  it('lists every notification newest first, the pending one with its next attempt', async () => {
    const result = await harness.xops(['get', 'notifications']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trimEnd().split('\n').map((line) => line.split(/ {3,}/))).toEqual([
      ['WHEN', 'INCIDENT', 'CHANNEL', 'RECIPIENT', 'STATUS', 'ATTEMPTS', 'LAST ERROR'],
      ['2025-03-01T12:00:02.000Z', '#3', 'webhook', 'bo', 'pending (next 12:00:02Z)', '0', '-'],
      ['2025-03-01T12:00:01.000Z', '#3', 'email', 'ana', 'delivered', '1', '-'],
      ['2025-03-01T12:00:00.000Z', '#3', 'slack', 'https://hooks.slack.com/…', 'failed', '1', 'HTTP 410 from https://hooks.slack.com/…: channel_is_archived'],
    ]);
    const json = JSON.parse((await harness.xops(['get', 'notifications', '--failed', '-o', 'json'])).stdout);
    expect(json).toHaveLength(1);
    expect(json[0]).toMatchObject({ idempotencyKey: 'failed', destination: 'https://hooks.slack.com/…', status: 'failed' });
  });
});
