import { createHash, createHmac } from 'node:crypto';
import type { NotificationBody, NotificationMessage } from '@xops/contracts';
import { testDatabaseEngines, type IncidentRecord, type NewNotification, type NotificationRecord } from '@xops/store';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeClock } from '../src/clock/fake-clock';
import { createNotificationDelivery, loadNotificationKeys } from '../src/notifications/notification-delivery';
import { createNotifier, NOTIFICATIONS_LEASE, type Notifier, type NotifierOptions } from '../src/notifications/notifier';
import { loadLinkKey, verifyLink } from '../src/notifications/signed-link';
import { createSlackChannel } from '../src/notifications/slack-channel';
import { createWebhookChannel } from '../src/notifications/webhook-channel';
import { startHttpReceiver, startSmtpReceiver, type HttpReceiver, type SmtpReceiver } from './notification-peers';
import { openTestApp, type TestApp } from './test-app';

const T = Date.UTC(2025, 2, 1, 12, 0, 0);
const DAY = 86_400_000;
const PUBLIC = 'https://xops.example.com';
const SECRET = 'default-webhook-secret-0123456789';
const OWN_SECRET = 'own-webhook-secret-9876543210';
const quiet = pino({ enabled: false });

const hmacHex = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest('hex');
// The documented link format (ADR 0014), worked out here rather than by the code under test.
const linkSig = (key: string, action: string, exp: number, id: string) => createHmac('sha256', key).update(`xops-link-v1\n${action}\n${exp}\n${id}`).digest('base64url');

describe.each(testDatabaseEngines())('notification delivery on %s', (engine) => {
  let t: TestApp;
  let clock: FakeClock;
  let receiver: HttpReceiver;
  let incident: IncidentRecord;
  let message: NotificationMessage;
  const notifiers: Notifier[] = [];

  beforeEach(async () => {
    clock = new FakeClock(T);
    t = await openTestApp(engine, { clock });
    receiver = await startHttpReceiver();
    incident = await t.store.openIncident({
      title: 'checkout is failing', severity: 'SEV2', groupKey: 'checkout-group', services: ['checkout'], escalationPolicy: null, declaredBy: null,
    }, T - 60_000);
    message = {
      title: `#${incident.number} checkout is failing`,
      text: 'Error rate 12% > 1% for 5m & rising',
      incident: { id: incident.id, number: incident.number },
      severity: 'SEV2',
      urgency: 'high',
      labels: { severity: 'page', service: 'checkout' },
    };
  });
  afterEach(async () => {
    for (const notifier of notifiers.splice(0)) await notifier.close();
    await receiver.close();
    await t.close();
  });

  const page = (path: string, key: string, overrides: Partial<NewNotification> = {}): NewNotification => ({
    idempotencyKey: key, incidentId: incident.id, channel: 'webhook', destination: `${receiver.url}${path}`,
    recipient: 'ana', message, createdAt: clock.now(), ...overrides,
  });

  async function webhookNotifier(options: Partial<NotifierOptions> = {}): Promise<Notifier> {
    const notifier = createNotifier({
      store: t.store, clock, logger: quiet, holder: 'replica-a',
      channels: { webhook: createWebhookChannel({ secretFor: () => SECRET }) },
      links: { publicUrl: PUBLIC, key: await loadLinkKey(t.store) },
      timeoutMs: 1000,
      ...options,
    });
    notifiers.push(notifier);
    return notifier;
  }

  const row = async (id: string | undefined): Promise<NotificationRecord | undefined> => (await t.store.listNotifications()).find((one) => one.id === id);

  describe('through every channel', () => {
    let smtp: SmtpReceiver;
    beforeEach(async () => { smtp = await startSmtpReceiver(); });
    afterEach(() => smtp.close());

    it('signs the webhook, renders Slack and Teams messages and sends the email, each with its idempotency key and signed links', async () => {
      const keyOf = (method: string) => `incident:${incident.id}:level:0:round:0:ana:${method}`;
      const ids = await t.store.enqueueNotifications([
        page('/hook', keyOf('webhook')),
        page('/own-secret', keyOf('webhook-2')),
        page('/services/T000/B000/XXXX', keyOf('slack'), { channel: 'slack', recipient: null }),
        page('/teams', keyOf('teams'), { channel: 'teams', recipient: null }),
        page('', keyOf('email'), { channel: 'email', destination: 'ana@example.com' }),
      ]);
      const settings = {
        publicUrl: PUBLIC, webhookSecret: SECRET, webhookSecrets: { [`${receiver.url}/own-secret`]: OWN_SECRET },
        smtp: { url: `smtp://127.0.0.1:${smtp.port}`, from: 'xops <xops@example.com>' },
      };
      const keys = await loadNotificationKeys(t.store, settings);
      const notifier = createNotificationDelivery({ store: t.store, clock, logger: quiet, holder: 'replica-a', settings, keys, listenUrl: 'http://127.0.0.1:1' });
      notifiers.push(notifier);

      expect(await notifier.deliverDue()).toBe(5);

      const exp = T + DAY;
      const ack = `${PUBLIC}/api/v1/incidents/${incident.id}/ack/signed?exp=${exp}&sig=${linkSig(keys.link, 'ack', exp, incident.id)}`;
      const resolve = `${PUBLIC}/api/v1/incidents/${incident.id}/resolve/signed?exp=${exp}&sig=${linkSig(keys.link, 'resolve', exp, incident.id)}`;
      const incidentUrl = `${PUBLIC}/incidents/${incident.number}`;
      const byPath = (path: string) => receiver.requests.find((request) => request.path === path);

      // The generic webhook: the message as JSON, signed with the destination's secret.
      const hook = byPath('/hook');
      expect(JSON.parse(hook?.body ?? '')).toEqual({
        version: '1', idempotencyKey: keyOf('webhook'), id: ids[0], recipient: 'ana', sentAt: '2025-03-01T12:00:00.000Z',
        title: '#1 checkout is failing', text: 'Error rate 12% > 1% for 5m & rising',
        incident: { id: incident.id, number: 1, url: incidentUrl },
        severity: 'SEV2', urgency: 'high', links: { ack, resolve }, labels: { severity: 'page', service: 'checkout' },
      });
      expect(hook?.headers).toMatchObject({
        'content-type': 'application/json',
        'x-xops-signature': `sha256=${hmacHex(SECRET, hook?.body ?? '')}`,
        'x-xops-idempotency-key': keyOf('webhook'),
        'x-xops-timestamp': '1740830400',
      });
      const own = byPath('/own-secret');
      expect(own?.headers['x-xops-signature']).toBe(`sha256=${hmacHex(OWN_SECRET, own?.body ?? '')}`);
      expect(own?.headers['x-xops-signature']).not.toBe(`sha256=${hmacHex(SECRET, own?.body ?? '')}`);

      // The links work: the incident helper's route checks them with verifyLink.
      const sig = new URL(ack).searchParams.get('sig') ?? '';
      expect(verifyLink(keys.link, { incidentId: incident.id, action: 'ack', expiresAt: exp, signature: sig }, T + 1000).ok).toBe(true);

      expect(JSON.parse(byPath('/services/T000/B000/XXXX')?.body ?? '')).toEqual({
        text: '[SEV2] #1 checkout is failing',
        blocks: [
          { type: 'header', text: { type: 'plain_text', text: '#1 checkout is failing', emoji: true } },
          { type: 'section', text: { type: 'mrkdwn', text: 'Error rate 12% &gt; 1% for 5m &amp; rising' } },
          {
            type: 'section',
            fields: [
              { type: 'mrkdwn', text: '*Severity*\nSEV2' },
              { type: 'mrkdwn', text: '*Urgency*\nhigh' },
              { type: 'mrkdwn', text: `*Incident*\n<${incidentUrl}|#1>` },
              { type: 'mrkdwn', text: '*Labels*\nservice=checkout, severity=page' },
            ],
          },
          {
            type: 'context',
            elements: [{ type: 'mrkdwn', text: `<${ack.replace('&', '&amp;')}|Acknowledge>  ·  <${resolve.replace('&', '&amp;')}|Resolve>  ·  <${incidentUrl}|Open #1>` }],
          },
        ],
        unfurl_links: false,
        unfurl_media: false,
      });

      expect(JSON.parse(byPath('/teams')?.body ?? '')).toEqual({
        type: 'message',
        attachments: [{
          contentType: 'application/vnd.microsoft.card.adaptive',
          contentUrl: null,
          content: {
            $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
            type: 'AdaptiveCard',
            version: '1.2',
            body: [
              { type: 'TextBlock', text: '#1 checkout is failing', wrap: true, weight: 'Bolder', size: 'Medium', style: 'heading', color: 'Attention' },
              { type: 'TextBlock', text: 'Error rate 12% > 1% for 5m & rising', wrap: true },
              {
                type: 'FactSet',
                facts: [
                  { title: 'Severity', value: 'SEV2' }, { title: 'Urgency', value: 'high' },
                  { title: 'Incident', value: '#1' }, { title: 'Labels', value: 'service=checkout, severity=page' },
                ],
              },
            ],
            actions: [
              { type: 'Action.OpenUrl', title: 'Acknowledge', url: ack },
              { type: 'Action.OpenUrl', title: 'Resolve', url: resolve },
              { type: 'Action.OpenUrl', title: 'Open #1', url: incidentUrl },
            ],
            msteams: { width: 'Full' },
          },
        }],
      });

      expect(smtp.emails).toHaveLength(1);
      const [email] = smtp.emails;
      expect(email?.from).toBe('xops@example.com');
      expect(email?.to).toEqual(['ana@example.com']);
      expect(email?.headers.get('subject')).toBe('[SEV2] #1 checkout is failing');
      expect(email?.headers.get('message-id')).toBe(`<${createHash('sha256').update(keyOf('email')).digest('hex').slice(0, 32)}@example.com>`);
      expect(email?.headers.get('x-xops-idempotency-key')).toBe(keyOf('email'));
      expect(email?.text).toBe([
        '#1 checkout is failing', '', 'Error rate 12% > 1% for 5m & rising', '',
        'Severity: SEV2', 'Urgency: high', `Incident: #1 (${incidentUrl})`, 'Labels: service=checkout, severity=page', '',
        `Acknowledge: ${ack}`, `Resolve: ${resolve}`, '', '-- ', 'Sent by xops.', '',
      ].join('\n'));

      const rows = await t.store.listNotifications();
      expect(rows.map((one) => [one.status, one.attempts, one.deliveredAt, one.nextAttemptAt])).toEqual(Array.from({ length: 5 }, () => ['delivered', 1, T, null]));
    });
  });

  it('retries a receiver that fails twice after 5 s, then 10 s, and delivers on the third attempt', async () => {
    receiver.answer('/flaky', { status: 503, body: 'busy' }, { status: 503, body: 'busy' }, { status: 204 });
    const [id] = await t.store.enqueueNotifications([page('/flaky', 'flaky')]);
    const notifier = await webhookNotifier();

    expect(await notifier.deliverDue()).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: T + 5000, lastError: `HTTP 503 from ${receiver.url}/…: busy` });
    clock.set(T + 4999);
    expect(await notifier.deliverDue()).toBe(0);
    clock.set(T + 5000);
    expect(await notifier.deliverDue()).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'pending', attempts: 2, nextAttemptAt: T + 15_000 });
    clock.set(T + 14_999);
    expect(await notifier.deliverDue()).toBe(0);
    clock.set(T + 15_000);
    expect(await notifier.deliverDue()).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'delivered', attempts: 3, nextAttemptAt: null, deliveredAt: T + 15_000, lastError: null });

    // Every attempt carried the same idempotency key, so the receiver can drop repeats.
    expect(receiver.requests.map((request) => [request.headers['x-xops-idempotency-key'], JSON.parse(request.body).sentAt])).toEqual([
      ['flaky', '2025-03-01T12:00:00.000Z'], ['flaky', '2025-03-01T12:00:05.000Z'], ['flaky', '2025-03-01T12:00:15.000Z'],
    ]);
  });

  it('times out a receiver that hangs and retries it, while the others are delivered at once', async () => {
    receiver.answer('/hang', 'hang');
    const [hung, first, second] = await t.store.enqueueNotifications([
      page('/hang', 'hang', { createdAt: T - 2 }), page('/a', 'a', { createdAt: T - 1 }), page('/b', 'b'),
    ]);
    const notifier = await webhookNotifier({ timeoutMs: 2000 });

    let settled = false;
    const started = performance.now();
    const pass = notifier.deliverDue().finally(() => { settled = true; });
    await vi.waitFor(() => expect(receiver.requests.map((request) => request.path).sort()).toEqual(['/a', '/b', '/hang']), { timeout: 1800, interval: 10 });
    // The two good receivers were reached while the hanging one still held its slot.
    expect(settled).toBe(false);
    expect(await pass).toBe(3);
    expect(performance.now() - started).toBeGreaterThanOrEqual(1990);

    expect(await row(first)).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(await row(second)).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(await row(hung)).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: T + 5000, lastError: 'no answer within 2000 ms' });
  });

  it('gives up after 5 attempts at 0, 5, 15, 35 and 75 s: failed, on the timeline, listed, and handed to onGiveUp', async () => {
    receiver.answer('/down', { status: 502, body: 'bad gateway' });
    const [id = ''] = await t.store.enqueueNotifications([page('/down', 'down')]);
    const gaveUp: NotificationRecord[] = [];
    const notifier = await webhookNotifier({ onGiveUp: (notification) => { gaveUp.push(notification); } });

    const nextAttempts: (number | null | undefined)[] = [];
    for (const at of [0, 5000, 15_000, 35_000, 75_000]) {
      clock.set(T + at);
      expect(await notifier.deliverDue()).toBe(1);
      nextAttempts.push((await row(id))?.nextAttemptAt);
    }
    expect(nextAttempts).toEqual([T + 5000, T + 15_000, T + 35_000, T + 75_000, null]);
    const error = `HTTP 502 from ${receiver.url}/…: bad gateway`;
    expect(await row(id)).toMatchObject({ status: 'failed', attempts: 5, lastError: error, deliveredAt: null });
    expect(gaveUp.map((one) => [one.id, one.status, one.attempts, one.lastError])).toEqual([[id, 'failed', 5, error]]);
    clock.set(T + 10 * 60_000);
    expect(await notifier.deliverDue()).toBe(0);
    expect(receiver.requests).toHaveLength(5);

    expect((await t.store.listIncidentEvents(incident.id)).at(-1)).toMatchObject({
      at: T + 75_000, kind: 'notification-failed', actor: 'xops', text: `Notification to ana by webhook failed after 5 attempts: ${error}`,
    });
    const listed = await t.call({ url: '/api/v1/notifications?status=failed', as: 'viewer' });
    expect(listed.statusCode).toBe(200);
    expect(listed.json<NotificationBody[]>()).toEqual([{
      id, idempotencyKey: 'down', incident: { id: incident.id, number: 1 }, title: '#1 checkout is failing', channel: 'webhook',
      destination: `${receiver.url}/…`, recipient: 'ana', status: 'failed', attempts: 5, nextAttemptAt: null, lastError: error,
      createdAt: '2025-03-01T12:00:00.000Z', deliveredAt: null,
    }]);
    expect((await t.call({ url: '/api/v1/notifications?status=pending', as: 'viewer' })).json()).toEqual([]);
    expect((await t.call({ url: '/api/v1/notifications' })).statusCode).toBe(401);
  });

  it('gives up at once when the receiver refuses for good or the channel is not configured', async () => {
    receiver.answer('/gone', { status: 410, body: 'channel_is_archived' });
    const [gone, unsent, handle] = await t.store.enqueueNotifications([
      page('/gone', 'gone'), page('', 'mail', { channel: 'email', destination: 'ana@example.com' }),
      page('', 'slack-handle', { channel: 'slack', destination: '#payments-oncall' }),
    ]);
    const gaveUp: string[] = [];
    const notifier = await webhookNotifier({
      channels: { webhook: createWebhookChannel({ secretFor: () => SECRET }), slack: createSlackChannel() },
      onGiveUp: (notification) => { gaveUp.push(notification.id); },
    });
    expect(await notifier.deliverDue()).toBe(3);
    expect(await row(gone)).toMatchObject({ status: 'failed', attempts: 1, lastError: `HTTP 410 from ${receiver.url}/…: channel_is_archived` });
    expect(await row(unsent)).toMatchObject({ status: 'failed', attempts: 1, lastError: 'no email channel is configured on this server' });
    expect(await row(handle)).toMatchObject({
      status: 'failed', attempts: 1,
      lastError: '"#payments-oncall" is not a Slack incoming-webhook URL: xops posts to Slack through incoming webhooks (https://hooks.slack.com/services/…)',
    });
    expect(gaveUp.sort()).toEqual([gone, unsent, handle].sort());
    expect(receiver.requests.map((request) => request.path)).toEqual(['/gone']);
  });

  it('sends again, after the claim lapses, a notification whose sender died mid-send', async () => {
    const [id] = await t.store.enqueueNotifications([page('/hook', 'crash')]);
    // Another replica claimed it and was killed before it could send or record anything.
    expect(await t.store.claimDueNotifications(T, 50, 60_000)).toHaveLength(1);
    const notifier = await webhookNotifier({ claimMs: 60_000 });

    clock.set(T + 59_999);
    expect(await notifier.deliverDue()).toBe(0);
    expect(receiver.requests).toHaveLength(0);
    clock.set(T + 60_000);
    expect(await notifier.deliverDue()).toBe(1);
    expect(receiver.requests.map((request) => request.headers['x-xops-idempotency-key'])).toEqual(['crash']);
    expect(await row(id)).toMatchObject({ status: 'delivered', attempts: 2, deliveredAt: T + 60_000 });
  });

  it('delivers from one replica only: the holder of the notifications lease', async () => {
    await t.store.enqueueNotifications([page('/hook', 'once')]);
    const standby = await webhookNotifier({ holder: 'replica-b' });
    const leader = await webhookNotifier({ holder: 'replica-a' });
    expect(await leader.deliverDue()).toBe(1);
    await t.store.enqueueNotifications([page('/hook', 'twice')]);
    expect(await standby.deliverDue()).toBe(0);
    expect(standby.delivering()).toBe(false);
    expect(await t.store.getLease(NOTIFICATIONS_LEASE)).toEqual({ holder: 'replica-a', expiresAt: T + 10_000 });
    expect(receiver.requests).toHaveLength(1);
  });

  it('keeps one link-signing key in the store for every replica', async () => {
    const key = await loadLinkKey(t.store);
    expect(key).toMatch(/^[\w-]{43}$/);
    expect(await loadLinkKey(t.store)).toBe(key);
  });
});
