import type { NotificationMessage } from '@xops/contracts';
import { openTestStore, testDatabaseEngines, type NewNotification, type TestStore } from '@xops/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const T = Date.UTC(2025, 2, 1, 12, 0, 0);
const LEASE = 60_000;

const message: NotificationMessage = {
  title: '#7 checkout-availability burning 14.4x budget',
  text: 'The 1h/5m burn rate is over 14.4.',
  incident: { id: 'inc-7', number: 7 },
  severity: 'SEV2',
  urgency: 'high',
  labels: { service: 'checkout', severity: 'page' },
};

function page(key: string, overrides: Partial<NewNotification> = {}): NewNotification {
  return {
    idempotencyKey: key, incidentId: null, channel: 'webhook', destination: 'https://hooks.example.com/page',
    recipient: 'ana', message, createdAt: T, ...overrides,
  };
}

describe.each(testDatabaseEngines())('notification outbox on %s', (engine) => {
  let t: TestStore;
  beforeEach(async () => { t = await openTestStore(engine); });
  afterEach(() => t.cleanup());

  it('inserts a notification once per idempotency key, even twice in one batch', async () => {
    const first = await t.store.enqueueNotifications([page('incident:1:level:0:round:0:ana:webhook'), page('incident:1:level:0:round:0:bo:webhook', { recipient: 'bo' })]);
    expect(first).toHaveLength(2);
    // A retried decision writes the same keys again: nothing new is stored.
    expect(await t.store.enqueueNotifications([page('incident:1:level:0:round:0:ana:webhook', { recipient: 'someone-else' })])).toEqual([]);
    const again = await t.store.enqueueNotifications([page('k2'), page('k2')]);
    expect(again).toHaveLength(1);

    const listed = await t.store.listNotifications();
    expect(listed).toHaveLength(3);
    expect(listed.find((row) => row.idempotencyKey === 'incident:1:level:0:round:0:ana:webhook')).toEqual({
      id: first[0], idempotencyKey: 'incident:1:level:0:round:0:ana:webhook', incidentId: null, channel: 'webhook',
      destination: 'https://hooks.example.com/page', recipient: 'ana', message, status: 'pending', attempts: 0,
      nextAttemptAt: T, lastError: null, createdAt: T, deliveredAt: null,
    });
  });

  it('claims due rows only, counts the attempt and holds them for leaseMs', async () => {
    await t.store.enqueueNotifications([page('a'), page('b', { createdAt: T + 1000 }), page('later', { createdAt: T + 30_000 })]);
    const claimed = await t.store.claimDueNotifications(T + 1000, 10, LEASE);
    expect(claimed.map((row) => [row.idempotencyKey, row.attempts, row.nextAttemptAt])).toEqual([['a', 1, T + 61_000], ['b', 1, T + 61_000]]);
    // In flight: not due again before the claim lapses; `later` is due at its own time.
    expect(await t.store.claimDueNotifications(T + 29_999, 10, LEASE)).toEqual([]);
    expect((await t.store.claimDueNotifications(T + 60_999, 10, LEASE)).map((row) => row.idempotencyKey)).toEqual(['later']);
    expect((await t.store.claimDueNotifications(T + 61_000, 10, LEASE)).map((row) => [row.idempotencyKey, row.attempts])).toEqual([['a', 2], ['b', 2]]);
  });

  it('hands a claimed row whose sender died to the next claim after leaseMs, with a second attempt', async () => {
    const [id] = await t.store.enqueueNotifications([page('crash')]);
    await t.store.claimDueNotifications(T, 10, LEASE);
    // The sender dies here: neither delivered nor failed is recorded.
    const retried = await t.store.claimDueNotifications(T + LEASE, 10, LEASE);
    expect(retried.map((row) => [row.id, row.attempts, row.nextAttemptAt])).toEqual([[id, 2, T + 2 * LEASE]]);
    expect(await t.store.markNotificationDelivered(id ?? '', T + LEASE + 120)).toBe(true);
    expect(await t.store.claimDueNotifications(T + 10 * LEASE, 10, LEASE)).toEqual([]);
    const [row] = await t.store.listNotifications();
    expect(row).toMatchObject({ status: 'delivered', attempts: 2, nextAttemptAt: null, deliveredAt: T + LEASE + 120, lastError: null });
  });

  it('gives each due row to exactly one of two claims running at once', async () => {
    await t.store.enqueueNotifications(Array.from({ length: 40 }, (_, i) => page(`n${i}`)));
    const [a, b] = await Promise.all([t.store.claimDueNotifications(T, 25, LEASE), t.store.claimDueNotifications(T, 25, LEASE)]);
    const ids = [...(a ?? []), ...(b ?? [])].map((row) => row.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(40);
  });

  it('reschedules a failed attempt, then gives up with a timeline entry on the incident', async () => {
    const incident = await t.store.openIncident({
      title: 'checkout down', severity: 'SEV2', groupKey: null, services: ['checkout'], escalationPolicy: null, declaredBy: 'ana',
    }, T);
    const [id = ''] = await t.store.enqueueNotifications([page('p', { incidentId: incident.id })]);
    await t.store.claimDueNotifications(T, 10, LEASE);
    expect(await t.store.markNotificationAttemptFailed(id, 'HTTP 503 from https://hooks.example.com', T + 5000, T)).toBe(true);
    expect((await t.store.listNotifications({ incidentId: incident.id }))[0])
      .toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: T + 5000, lastError: 'HTTP 503 from https://hooks.example.com' });

    await t.store.claimDueNotifications(T + 5000, 10, LEASE);
    expect(await t.store.markNotificationAttemptFailed(id, 'connection refused', null, T + 5100)).toBe(true);
    // Given up already: a late mark changes nothing.
    expect(await t.store.markNotificationAttemptFailed(id, 'late', null, T + 6000)).toBe(false);
    expect(await t.store.markNotificationDelivered(id, T + 6000)).toBe(false);

    const failed = await t.store.listNotifications({ status: 'failed' });
    expect(failed.map((row) => [row.id, row.attempts, row.nextAttemptAt, row.lastError])).toEqual([[id, 2, null, 'connection refused']]);
    expect(await t.store.listNotifications({ status: 'pending' })).toEqual([]);
    const events = await t.store.listIncidentEvents(incident.id);
    expect(events.at(-1)).toMatchObject({
      at: T + 5100, kind: 'notification-failed', actor: 'xops',
      text: 'Notification to ana by webhook failed after 2 attempts: connection refused',
      details: { notificationId: id, idempotencyKey: 'p', channel: 'webhook', attempts: 2, error: 'connection refused' },
    });
  });

  it('lists newest first, filtered by status and incident, at most limit', async () => {
    await t.store.enqueueNotifications([
      page('old', { createdAt: T }), page('mid', { createdAt: T + 1, incidentId: 'inc-1' }), page('new', { createdAt: T + 2, incidentId: 'inc-1' }),
    ]);
    expect((await t.store.listNotifications()).map((row) => row.idempotencyKey)).toEqual(['new', 'mid', 'old']);
    expect((await t.store.listNotifications({ incidentId: 'inc-1', limit: 1 })).map((row) => row.idempotencyKey)).toEqual(['new']);
    expect(await t.store.listNotifications({ status: 'delivered' })).toEqual([]);
  });

  it('makes a server secret once and hands every caller that same value', async () => {
    const first = await t.store.getOrCreateServerSecret('link-signing', () => 'secret-1');
    const second = await t.store.getOrCreateServerSecret('link-signing', () => 'secret-2');
    expect([first, second]).toEqual(['secret-1', 'secret-1']);
    const raced = await Promise.all(['x', 'y', 'z'].map((value) => t.store.getOrCreateServerSecret('raced', () => value)));
    expect(new Set(raced).size).toBe(1);
  });
});
