import type { AlertIntakeResultBody, IncidentDetailsBody, IncomingAlertBody, SilenceBody } from '@xops/contracts';
import { testDatabaseEngines, type AlertReport } from '@xops/store';
import { alertFingerprint } from '@xops/core';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAlertGroupsLoop, type AlertGroupsLoop } from '../src/alerts/alert-groups-loop';
import { createAlertPipeline } from '../src/alerts/alert-pipeline';
import { FakeClock } from '../src/clock/fake-clock';
import { alertBundle, alertmanagerWebhook, ingestToken } from './alert-fixtures';
import { openTestApp, type TestApp } from './test-app';

// Wednesday 4 March 2026, 10:00 UTC = 11:00 in Berlin: level 1 of the payments policy is
// payments-primary, whose office-hours layer has dora, reached by her email (oncall-fixtures.ts).
const T0 = Date.UTC(2026, 2, 4, 10, 0, 0);
const SECOND = 1000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const iso = (ms: number) => new Date(ms).toISOString();
const quiet = pino({ enabled: false });
const SUMMARY = 'checkout-availability burning 14.4x budget (1h/5m windows)';
const GROUP = 'payments-alerts{team="payments"}:{alertname="ErrorBudgetBurn", slo="checkout-availability"}';

describe.each(testDatabaseEngines())('the alert pipeline on %s', (engine) => {
  let t: TestApp;
  let clock: FakeClock;
  let loop: AlertGroupsLoop;
  let tokens: { alertmanager: string; alerts: string };
  beforeEach(async () => {
    clock = new FakeClock(T0);
    t = await openTestApp(engine, { clock });
    const applied = await t.call({ method: 'POST', url: '/api/v1/apply', as: 'editor', payload: { documents: alertBundle } });
    expect(applied.statusCode, applied.body).toBe(200);
    tokens = { alertmanager: await ingestToken(t.store, 'alertmanager-prod', ['ingest:alertmanager']), alerts: await ingestToken(t.store, 'cron', ['ingest:alerts']) };
    loop = createAlertGroupsLoop({ store: t.store, pipeline: createAlertPipeline({ store: t.store, clock }), clock, logger: quiet, holder: 'test-replica' });
  });
  afterEach(async () => {
    await loop.close();
    await t.close();
  });

  const post = async (url: string, token: string, payload: unknown) => {
    const response = await t.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
    expect(response.statusCode, response.body).toBe(200);
    const body: AlertIntakeResultBody = response.json();
    return body;
  };
  const webhook = (options: Parameters<typeof alertmanagerWebhook>[0]) => post('/api/v1/integrations/alertmanager', tokens.alertmanager, alertmanagerWebhook(options));
  const timeline = async (ref: string) => {
    const details: IncidentDetailsBody = (await t.call({ url: `/api/v1/incidents/${ref}`, as: 'viewer' })).json();
    return { details, events: details.timeline.map((event) => [event.at, event.kind, event.actor, event.text]) };
  };
  const incoming = async () => {
    const response = await t.call({ url: '/api/v1/alerts/incoming', as: 'viewer' });
    expect(response.statusCode, response.body).toBe(200);
    const body: IncomingAlertBody[] = response.json();
    return body;
  };

  it('opens an incident after group_wait for an Alertmanager alert, pages, and resolves it with the alert', async () => {
    const fired = await webhook({ status: 'firing', startsAt: iso(T0) });
    expect(fired).toEqual({ accepted: 1, alerts: [{ dedupKey: 'c4f2a1d0e9b87a36', fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/), status: 'firing', outcome: 'waiting', incident: null }] });

    // group_wait is 30 s: nothing at 29 s, the incident at 30 s.
    clock.set(T0 + 29 * SECOND);
    expect(await loop.tick()).toEqual({ groups: 0, notifications: 0 });
    expect(await t.store.listIncidents()).toEqual([]);
    clock.set(T0 + 30 * SECOND);
    expect(await loop.tick()).toEqual({ groups: 1, notifications: 1 });

    const opened = await timeline('1');
    expect(opened.details).toMatchObject({
      number: 1, title: SUMMARY, state: 'triggered', severity: 'SEV2', services: [], createdAt: iso(T0 + 30 * SECOND),
      escalation: { policy: 'payments', status: 'active', level: 2, round: 0, nextAt: iso(T0 + 30 * SECOND + 15 * MINUTE) },
    });
    expect(opened.events).toEqual([
      [iso(T0 + 30 * SECOND), 'opened', 'xops', `#1 opened: ${SUMMARY}`],
      [iso(T0 + 30 * SECOND), 'alert', 'alertmanager', `Alert: ${SUMMARY}`],
      [iso(T0 + 30 * SECOND), 'escalation', 'xops', 'Escalation policy "payments" started'],
      [iso(T0 + 30 * SECOND), 'page', 'xops', 'Paged dora (level 1) by email dora@example.com'],
    ]);
    const pages = await t.store.listNotifications({ incidentId: opened.details.id });
    expect(pages.map((row) => [row.idempotencyKey, row.channel, row.destination, row.createdAt])).toEqual([
      [`incident:${opened.details.id}:level:1:round:0:dora:email`, 'email', 'dora@example.com', T0 + 30 * SECOND],
    ]);
    const [alert] = await incoming();
    expect(alert).toMatchObject({
      source: 'alertmanager', dedupKey: 'c4f2a1d0e9b87a36', status: 'firing', route: 'payments-alerts{team="payments"}', groupKey: GROUP,
      outcome: 'paged', target: 'escalation-policy/payments', suppressedBy: [], incident: { id: opened.details.id, number: 1 }, summary: SUMMARY, severity: 'page',
      annotations: {
        summary: SUMMARY, runbook_url: 'https://runbooks.example/slo-burn', generator_url: 'http://prometheus.example.internal:9090/graph?g0.expr=...',
        alertmanager_group_key: '{}/{team="payments"}:{alertname="ErrorBudgetBurn", slo="checkout-availability"}',
        alertmanager_receiver: 'xops-ingest', alertmanager_url: 'http://alertmanager.example.internal:9093',
      },
    });

    // Alertmanager re-sends the firing group: nothing new happens.
    clock.set(T0 + 5 * MINUTE);
    expect((await webhook({ status: 'firing', startsAt: iso(T0) })).alerts[0]).toMatchObject({ outcome: 'paged', incident: { number: 1 } });
    expect((await timeline('1')).events).toHaveLength(4);
    // The group's next look, group_interval after its first: nothing changed, nothing told.
    clock.set(T0 + 5 * MINUTE + 30 * SECOND);
    expect(await loop.tick()).toEqual({ groups: 1, notifications: 0 });

    // The resolve: the incident resolves in the same transaction, and its paging stops.
    clock.set(T0 + 10 * MINUTE);
    const resolved = await webhook({ status: 'resolved', startsAt: iso(T0), endsAt: iso(T0 + 9 * MINUTE) });
    expect(resolved.alerts[0]).toMatchObject({ status: 'resolved', incident: { number: 1 } });
    const closed = await timeline('1');
    expect(closed.details).toMatchObject({ state: 'resolved', resolvedAt: iso(T0 + 10 * MINUTE), escalation: { status: 'stopped', nextAt: null } });
    expect(closed.events.slice(4)).toEqual([
      [iso(T0 + 10 * MINUTE), 'alert-resolved', 'alertmanager', `Resolved: ${SUMMARY}`],
      [iso(T0 + 10 * MINUTE), 'state', 'xops', 'Resolved'],
      [iso(T0 + 10 * MINUTE), 'escalation', 'xops', 'Escalation stopped: every alert of the incident resolved'],
    ]);
    // The group tells the resolution at its next look and then ends; no page goes out again.
    clock.set(T0 + 30 * SECOND + 10 * MINUTE);
    expect(await loop.tick()).toEqual({ groups: 1, notifications: 1 });
    clock.set(T0 + HOUR);
    expect(await loop.tick()).toEqual({ groups: 0, notifications: 0 });
    expect(await t.store.listNotifications()).toHaveLength(1);
  });

  it('opens nothing for a silenced alert, and says which silence holds it', async () => {
    const created = await t.call({ method: 'POST', url: '/api/v1/silences', as: 'responder', payload: { matchers: ['team="payments"', 'slo=~"checkout-.*"'], duration: '2h', comment: 'load test' } });
    expect(created.statusCode, created.body).toBe(201);
    const silence: SilenceBody = created.json();
    expect(silence).toEqual({
      id: expect.any(String), matchers: ['team="payments"', 'slo=~"checkout-.*"'], startsAt: iso(T0), endsAt: iso(T0 + 2 * HOUR), untilResolved: null,
      comment: 'load test', createdBy: 'responder-bot', createdAt: iso(T0), expiredAt: null, state: 'active',
    });
    expect((await webhook({ status: 'firing', startsAt: iso(T0) })).alerts[0]).toMatchObject({ outcome: 'suppressed', incident: null });
    clock.set(T0 + 30 * SECOND);
    expect(await loop.tick()).toEqual({ groups: 1, notifications: 0 });
    expect(await t.store.listIncidents()).toEqual([]);
    expect(await t.store.listNotifications()).toEqual([]);
    expect((await incoming())[0]).toMatchObject({ outcome: 'suppressed', suppressedBy: [`silence:${silence.id}`] });

    // Expired by hand: the group pages at its next look (group_interval, 5 min after its first).
    clock.set(T0 + MINUTE);
    const expired = await t.call({ method: 'DELETE', url: `/api/v1/silences/${silence.id}`, as: 'responder' });
    expect(expired.json()).toMatchObject({ state: 'expired', expiredAt: iso(T0 + MINUTE) });
    clock.set(T0 + 5 * MINUTE + 30 * SECOND);
    expect(await loop.tick()).toEqual({ groups: 1, notifications: 1 });
    expect((await t.store.listIncidents()).map((incident) => [incident.number, incident.createdAt])).toEqual([[1, T0 + 5 * MINUTE + 30 * SECOND]]);
  });

  it('tells a channel about generic JSON alerts, one message for the batch, and their resolution', async () => {
    const alerts = ['disk-a', 'disk-b'].map((instance) => ({
      labels: { alertname: 'DiskFull', service: 'cart', severity: 'warning', instance },
      annotations: { summary: `${instance} is 95% full` },
      status: 'firing',
    }));
    const sent = await post('/api/v1/alerts/events', tokens.alerts, alerts);
    expect(sent.alerts.map((alert) => [alert.status, alert.outcome, alert.incident])).toEqual([['firing', 'notified', null], ['firing', 'notified', null]]);
    const [message] = await t.store.listNotifications();
    expect(message).toMatchObject({
      idempotencyKey: `alerts:cart{service="cart"}:{alertname="DiskFull"}@${T0}:channel:ops-chat`,
      incidentId: null, channel: 'slack', destination: 'https://hooks.slack.com/services/T000/B000/opschat', recipient: null, createdAt: T0,
      message: {
        title: '[FIRING:2] DiskFull',
        text: 'first notification (route cart{service="cart"}).\nFiring: disk-a is 95% full\nFiring: disk-b is 95% full',
        incident: null, severity: 'SEV4', urgency: 'low', labels: { alertname: 'DiskFull', notification_reason: 'first notification' },
      },
    });

    clock.set(T0 + 30 * SECOND);
    const one = await post('/api/v1/alerts/events', tokens.alerts, { ...alerts[0], status: 'resolved' });
    expect(one.alerts[0]).toMatchObject({ status: 'resolved' });
    // group_interval is 1 min: the resolution is told at the group's next look.
    clock.set(T0 + MINUTE);
    expect(await loop.tick()).toEqual({ groups: 1, notifications: 1 });
    const [latest] = await t.store.listNotifications();
    expect(latest?.message).toMatchObject({ title: '[FIRING:1] DiskFull', text: 'some alerts resolved (route cart{service="cart"}).\nFiring: disk-b is 95% full\nResolved: disk-a is 95% full' });
  });

  it('finds an alert by its fingerprint when Alertmanager keys it by that fingerprint, as a real Alertmanager does', async () => {
    // The fixture's fingerprint is made up; Alertmanager's own is the label hash xops computes
    // too, and such alerts are found by their key rather than the fingerprint index (migration 0009).
    const body = alertmanagerWebhook({ status: 'firing', startsAt: iso(T0) });
    const [sent] = body.alerts;
    const fingerprint = alertFingerprint(sent?.labels ?? {});
    const fired = await post('/api/v1/integrations/alertmanager', tokens.alertmanager, { ...body, alerts: [{ ...sent, fingerprint }] });
    expect(fired.alerts).toEqual([{ dedupKey: fingerprint, fingerprint, status: 'firing', outcome: 'waiting', incident: null }]);
    // The group's first look reads its member by fingerprint: the incident opens with the alert.
    clock.set(T0 + 30 * SECOND);
    expect(await loop.tick()).toEqual({ groups: 1, notifications: 1 });
    expect((await timeline('1')).events.slice(0, 2)).toEqual([
      [iso(T0 + 30 * SECOND), 'opened', 'xops', `#1 opened: ${SUMMARY}`],
      [iso(T0 + 30 * SECOND), 'alert', 'alertmanager', `Alert: ${SUMMARY}`],
    ]);
    const created = await t.call({ method: 'POST', url: '/api/v1/silences', as: 'responder', payload: { matchers: ['alertname="ErrorBudgetBurn"'], untilResolved: fingerprint, comment: 'fixing it' } });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ untilResolved: { fingerprint, startsAt: iso(T0) }, state: 'active' });
  });

  it('takes requests made at once in one transaction: each is answered with its own alerts, the channel told once for all', async () => {
    const pipeline = createAlertPipeline({ store: t.store, clock });
    const disk = (instance: string): AlertReport => ({
      kind: 'report', source: 'alerts', dedupKey: instance, labels: { alertname: 'DiskFull', service: 'cart', severity: 'warning', instance },
      annotations: {}, summary: `${instance} is 95% full`, startsAt: T0, endsAt: null,
    });
    const answers = await Promise.all([pipeline.intake([disk('disk-a')], 'cron'), pipeline.intake([disk('disk-b'), disk('disk-c')], 'cron')]);
    expect(answers.map((answer) => answer.alerts.map((alert) => [alert.dedupKey, alert.status, alert.outcome]))).toEqual([
      [['disk-a', 'firing', 'notified']],
      [['disk-b', 'firing', 'notified'], ['disk-c', 'firing', 'notified']],
    ]);
    expect(pipeline.intakeCounts()).toEqual({ requests: 2, transactions: 1 });
    // Taken one after the other, disk-b and disk-c would have waited for the group's next look.
    const messages = await t.store.listNotifications();
    expect(messages.map((message) => message.message?.text)).toEqual([
      'first notification (route cart{service="cart"}).\nFiring: disk-a is 95% full\nFiring: disk-b is 95% full\nFiring: disk-c is 95% full',
    ]);
  });

  it('counts the requests taken in and their transactions at /metrics', async () => {
    await webhook({ status: 'firing', startsAt: iso(T0) });
    await webhook({ status: 'resolved', startsAt: iso(T0), endsAt: iso(T0 + MINUTE) });
    const text = (await t.app.inject({ url: '/metrics' })).body;
    expect(text).toContain('\nxops_alert_intake_requests_total 2\n');
    expect(text).toContain('\nxops_alert_intake_transactions_total 2\n');
  });

  it('mutes an alert while its region is down, and a silence until it resolves, then tells it when it fires again', async () => {
    const event = (labels: Record<string, string>, status: 'firing' | 'resolved') => post('/api/v1/alerts/events', tokens.alerts, { labels, status });
    const regionDown = { alertname: 'RegionDown', region: 'eu', team: 'infra' };
    const disk = { alertname: 'DiskFull', service: 'cart', region: 'eu' };
    const [down] = (await event(regionDown, 'firing')).alerts;
    expect(down).toMatchObject({ outcome: 'unrouted' });
    const [full] = (await event(disk, 'firing')).alerts;
    expect(full).toMatchObject({ outcome: 'suppressed' });
    expect((await incoming()).find((alert) => alert.fingerprint === full?.fingerprint)).toMatchObject({ suppressedBy: [`inhibited:region-down:${down?.fingerprint}`] });

    clock.set(T0 + 10 * SECOND);
    const created = await t.call({ method: 'POST', url: '/api/v1/silences', as: 'responder', payload: { matchers: ['alertname="DiskFull"'], untilResolved: full?.fingerprint, comment: 'replacing the disk' } });
    expect(created.statusCode, created.body).toBe(201);
    const silence: SilenceBody = created.json();
    expect(silence).toMatchObject({ endsAt: null, untilResolved: { fingerprint: full?.fingerprint, startsAt: iso(T0) }, state: 'active' });

    // The region recovers, but the silence still holds the disk alert at the group's next look.
    clock.set(T0 + 20 * SECOND);
    await event(regionDown, 'resolved');
    clock.set(T0 + MINUTE);
    expect(await loop.tick()).toEqual({ groups: 1, notifications: 0 });
    // The disk alert resolves: its silence ends with it; the alert was never told, so neither is its end.
    clock.set(T0 + 2 * MINUTE);
    await event(disk, 'resolved');
    const ended: SilenceBody = (await t.call({ url: `/api/v1/silences/${silence.id}`, as: 'viewer' })).json();
    expect(ended).toMatchObject({ state: 'expired', expiredAt: iso(T0 + 2 * MINUTE) });
    expect(await t.store.listNotifications()).toEqual([]);

    // It fires again: a new episode, not silenced, told at once.
    clock.set(T0 + 3 * MINUTE);
    expect((await event(disk, 'firing')).alerts[0]).toMatchObject({ outcome: 'notified' });
    expect((await t.store.listNotifications()).map((row) => row.message?.title)).toEqual(['[FIRING:1] DiskFull']);
  });
});
