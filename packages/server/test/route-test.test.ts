import type { RouteTestResultBody } from '@xops/contracts';
import { alertFingerprint } from '@xops/core';
import { testDatabaseEngines } from '@xops/store';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../src/clock/fake-clock';
import { oncallBundle } from './oncall-fixtures';
import { openTestApp, type TestApp } from './test-app';

const NOW = Date.parse('2026-01-07T16:50:00Z');
const PAGE_ROUTE = 'payments{service=~"checkout|payments"}/{severity=~"page|critical"}';

const people = {
  ana: { name: 'ana', displayName: 'Ana Alves', email: 'ana@example.com', contactMethods: [{ type: 'email', address: 'ana@example.com' }, { type: 'slack', address: '@ana' }] },
  ben: { name: 'ben', displayName: 'Ben Becker', email: 'ben@example.com', contactMethods: [{ type: 'teams', address: 'https://example.webhook.office.com/webhookb2/payments-ben' }] },
  dora: { name: 'dora', displayName: 'Dora Dietrich', email: 'dora@example.com', contactMethods: [{ type: 'email', address: 'dora@example.com' }] },
};
type Name = keyof typeof people;
const direct = (name: Name) => ({ ...people[name], schedule: null, source: null });
const primary = (name: Name, source: { kind: 'layer'; layer: string } | { kind: 'override' }) => ({ ...people[name], schedule: 'payments-primary', source });
const page = (at: string, level: number, round: number, users: unknown[]) => ({ at: `2026-01-07T${at}.000Z`, level, round, users });

const paymentsLevels = [
  { level: 1, mode: 'all', escalateAfter: '15m', targets: [{ kind: 'schedule', schedule: 'payments-primary' }] },
  { level: 2, mode: 'round-robin', escalateAfter: '10m', targets: [{ kind: 'user', user: 'ana' }, { kind: 'user', user: 'ben' }] },
  { level: 3, mode: 'all', escalateAfter: '10m', targets: [{ kind: 'user', user: 'dora' }] },
];
const NOTES = [
  'Silences are not checked: the simulator does not read the stored silences yet.',
  'Inhibition looks only at the alerts given in `firing`, not at the alerts firing on the server.',
  'Times assume a new group: an alert that joins a group already notified is told at that group\'s next group_interval.',
];

describe.each(testDatabaseEngines())('POST /api/v1/routes/test on %s', (engine) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp(engine, { clock: new FakeClock(NOW) });
    const applied = await t.call({ method: 'POST', url: '/api/v1/apply', as: 'editor', payload: { documents: oncallBundle } });
    expect(applied.statusCode, applied.body).toBe(200);
  });
  afterEach(async () => { await t.close(); });

  async function simulate(payload: object): Promise<RouteTestResultBody> {
    const response = await t.call({ method: 'POST', url: '/api/v1/routes/test', as: 'viewer', payload });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  it('traces a page through both matching routes, its group and every page of the escalation, across a handoff', async () => {
    const labels = { alertname: 'PaymentsDown', service: 'payments', severity: 'page' };
    // Now is Wednesday 16:50Z: ana's evening (16:00–17:00Z) before ben's override from 17:00Z.
    // The group notifies after group_wait (30s); level 1 then, level 2 15m later, level 3 10m after
    // that; the repeat starts 10m after level 3, when the schedule has ben on call.
    expect(await simulate({ labels })).toEqual({
      at: '2026-01-07T16:50:00.000Z',
      labels,
      fingerprint: alertFingerprint(labels),
      severity: 'page',
      urgency: 'high',
      suppression: { mutes: 'none', silencedBy: [], inhibitedBy: [], maintenanceBy: [] },
      routes: [
        {
          tree: 'payments', routeKey: PAGE_ROUTE, continue: true,
          groupKey: `${PAGE_ROUTE}:{alertname="PaymentsDown", service="payments"}`,
          groupLabels: { alertname: 'PaymentsDown', service: 'payments' },
          target: { kind: 'escalation-policy', name: 'payments' },
          groupWait: '30s', groupInterval: '5m', repeatInterval: '4h', firstNotificationAt: '2026-01-07T16:50:30.000Z',
          outcome: 'page', reason: 'pages escalation policy payments: high urgency (severity "page")',
          escalation: {
            policy: 'payments', repeat: 1, levels: paymentsLevels,
            pages: [
              page('16:50:30', 1, 0, [primary('ana', { kind: 'layer', layer: 'weekly' })]),
              page('17:05:30', 2, 0, [direct('ana')]),
              page('17:15:30', 3, 0, [direct('dora')]),
              page('17:25:30', 1, 1, [primary('ben', { kind: 'override' })]),
              page('17:40:30', 2, 1, [direct('ben')]),
              page('17:50:30', 3, 1, [direct('dora')]),
            ],
            unstaffed: [], problem: null,
          },
        },
        {
          tree: 'payments', routeKey: `${PAGE_ROUTE}#1`, continue: false,
          groupKey: `${PAGE_ROUTE}#1:{alertname="PaymentsDown", service="payments"}`,
          groupLabels: { alertname: 'PaymentsDown', service: 'payments' },
          target: { kind: 'channel', name: 'payments-chat' },
          groupWait: '30s', groupInterval: '5m', repeatInterval: '4h', firstNotificationAt: '2026-01-07T16:50:30.000Z',
          outcome: 'notify', reason: 'notifies channel payments-chat; a channel never pages', escalation: null,
        },
      ],
      notes: NOTES,
    });
  });

  it('turns the round-robin level by the incident number', async () => {
    const result = await simulate({ labels: { alertname: 'PaymentsDown', service: 'payments', severity: 'page' }, incidentNumber: 1 });
    const level2 = result.routes[0]?.escalation?.pages.filter((p) => p.level === 2).map((p) => p.users.map((u) => u.name));
    expect(level2).toEqual([['ben'], ['ana']]);
  });

  it('files a ticket-tier alert as a ticket, with the route\'s own repeat interval, and never pages', async () => {
    const result = await simulate({ labels: { alertname: 'PaymentsSlow', service: 'payments', severity: 'ticket' }, at: '2026-01-07T03:00:00Z' });
    expect(result.urgency).toBe('low');
    expect(result.routes).toEqual([{
      tree: 'payments', routeKey: 'payments{service=~"checkout|payments"}/{severity=~"ticket|warning|info"}', continue: false,
      groupKey: 'payments{service=~"checkout|payments"}/{severity=~"ticket|warning|info"}:{alertname="PaymentsSlow", service="payments"}',
      groupLabels: { alertname: 'PaymentsSlow', service: 'payments' },
      target: { kind: 'ticket', project: 'PAY' },
      groupWait: '30s', groupInterval: '5m', repeatInterval: '1d', firstNotificationAt: '2026-01-07T03:00:30.000Z',
      outcome: 'ticket', reason: 'files a ticket in project PAY; a ticket never pages', escalation: null,
    }]);
  });

  it('tells the escalation policy of a low-urgency alert without paging anyone', async () => {
    const result = await simulate({ labels: { alertname: 'PaymentsSlow', service: 'payments', severity: 'low' } });
    expect(result.routes.map((r) => [r.routeKey, r.outcome, r.reason])).toEqual([
      ['payments{service=~"checkout|payments"}', 'notify', 'tells escalation policy payments without paging anyone: low urgency (severity "low")'],
    ]);
    expect(result.routes[0]?.escalation).toEqual({ policy: 'payments', repeat: 1, levels: paymentsLevels, pages: [], unstaffed: [], problem: null });
  });

  it('passes a level with nobody on call to the next at once', async () => {
    // 20:00Z is after db-oncall's weekday hours (08:00–16:00Z): level 1 has nobody, level 2 pages ana and dora at once.
    const result = await simulate({ labels: { alertname: 'DbDown', service: 'payments', team: 'db', severity: 'critical' }, at: '2026-01-07T20:00:00Z' });
    expect(result.routes.map((r) => [r.routeKey, r.groupWait, r.firstNotificationAt])).toEqual([
      ['payments{service=~"checkout|payments"}/{team="db"}', '0s', '2026-01-07T20:00:00.000Z'],
    ]);
    expect(result.routes[0]?.escalation).toMatchObject({
      policy: 'db', repeat: 0,
      unstaffed: [{ at: '2026-01-07T20:00:00.000Z', level: 1, round: 0 }],
      pages: [{ at: '2026-01-07T20:00:00.000Z', level: 2, round: 0, users: [direct('ana'), direct('dora')] }],
    });
  });

  it('shows an inhibition by a firing alert of the same region, and none by another region', async () => {
    const labels = { alertname: 'CheckoutErrors', service: 'checkout', region: 'eu', severity: 'page' };
    const inhibited = await simulate({ labels, firing: [{ labels: { alertname: 'PaymentProviderDown', region: 'eu' } }] });
    expect(inhibited.suppression).toEqual({
      mutes: 'all', silencedBy: [], maintenanceBy: [],
      inhibitedBy: [{ rule: 'provider-down', source: { alertname: 'PaymentProviderDown', region: 'eu' } }],
    });
    const why = 'nobody is notified: inhibited by rule provider-down while {alertname="PaymentProviderDown", region="eu"} fires';
    expect(inhibited.routes.map((r) => [r.outcome, r.reason, r.escalation?.pages.length ?? null])).toEqual([['suppressed', why, 0], ['suppressed', why, null]]);
    const elsewhere = await simulate({ labels, firing: [{ labels: { alertname: 'PaymentProviderDown', region: 'us' } }] });
    expect(elsewhere.suppression.mutes).toBe('none');
    expect(elsewhere.routes.map((r) => r.outcome)).toEqual(['page', 'notify']);
  });

  it('holds pages back during the weekly maintenance window, 02:00–04:00 Berlin time in winter and summer', async () => {
    const labels = { alertname: 'CheckoutErrors', service: 'checkout', severity: 'page' };
    // Saturday 7 March 02:30 CET is 01:30Z; Saturday 4 April 02:30 CEST is 00:30Z, and 04:30 CEST (02:30Z) is after it.
    const winter = await simulate({ labels, at: '2026-03-07T01:30:00Z' });
    expect(winter.suppression).toEqual({
      mutes: 'pages', silencedBy: [], inhibitedBy: [], maintenanceBy: [{ name: 'checkout-db-patching', suppress: 'pages', until: '2026-03-07T03:00:00.000Z' }],
    });
    expect(winter.routes.map((r) => [r.outcome, r.reason])).toEqual([
      ['notify', 'tells escalation policy payments without paging anyone: maintenance window checkout-db-patching until 2026-03-07T03:00:00.000Z'],
      ['notify', 'notifies channel payments-chat; a channel never pages'],
    ]);
    const summer = await simulate({ labels, at: '2026-04-04T00:30:00Z' });
    expect(summer.suppression.maintenanceBy).toEqual([{ name: 'checkout-db-patching', suppress: 'pages', until: '2026-04-04T02:00:00.000Z' }]);
    const after = await simulate({ labels, at: '2026-04-04T02:30:00Z' });
    expect([after.suppression.mutes, after.routes[0]?.outcome]).toEqual(['none', 'page']);
  });

  it('sends what no team route takes to the catch-all, one group per alert', async () => {
    const result = await simulate({ labels: { alertname: 'DiskFull', service: 'search', instance: 'db1' } });
    expect(result.urgency).toBe('high'); // no severity: high, so nothing is dropped in silence
    expect(result.routes.map((r) => [r.tree, r.routeKey, r.groupKey, r.target, r.outcome, r.reason])).toEqual([[
      'catch-all', 'catch-all{}', 'catch-all{}:{alertname="DiskFull", instance="db1", service="search"}',
      { kind: 'channel', name: 'ops-chat' }, 'notify', 'notifies channel ops-chat; a channel never pages',
    ]]);
  });

  it('says when no route takes the alert, and when a route names a policy that does not exist', async () => {
    expect((await t.call({ method: 'DELETE', url: '/api/v1/routes/catch-all', as: 'editor' })).statusCode).toBe(200);
    expect((await simulate({ labels: { service: 'search' } })).routes).toEqual([]);
    const ghost = { apiVersion: 'xops.dev/v1', kind: 'Route', metadata: { name: 'ghost' }, spec: { matchers: ['service="ghost"'], target: { escalationPolicy: 'ghost' } } };
    await t.store.applyObjects([{ object: ghost, sourceText: '', sourceFile: null }], 'test');
    const result = await simulate({ labels: { service: 'ghost', severity: 'page' } });
    expect(result.routes[0]?.escalation).toEqual({
      policy: 'ghost', repeat: 0, levels: [], pages: [], unstaffed: [], problem: 'EscalationPolicy "ghost" does not exist: nobody would be paged',
    });
  });

  it('answers any labels with a simulation, and any body or query with a 2xx or an enveloped 4xx, never a 5xx', async () => {
    const labelName = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,10}$/);
    const labels = fc.dictionary(fc.oneof(labelName, fc.constantFrom('service', 'severity', 'team', 'alertname', 'region')), fc.oneof(
      // Any text but NUL, which the input guard refuses in every body (it cannot be stored).
      fc.string({ unit: 'binary', maxLength: 40 }).filter((value) => !value.includes('\u0000')), fc.constantFrom('payments', 'checkout', 'page', 'ticket', 'db', 'eu'),
    ), { minKeys: 1, maxKeys: 6 });
    await fc.assert(fc.asyncProperty(labels, fc.integer({ min: 0, max: 4_102_444_800_000 }), async (alert, at) => {
      const response = await t.call({ method: 'POST', url: '/api/v1/routes/test', as: 'viewer', payload: { labels: alert, at } });
      expect(response.statusCode, response.body).toBe(200);
      const body: RouteTestResultBody = response.json();
      for (const route of body.routes) expect(route.escalation === null).toBe(route.target.kind !== 'escalation-policy');
    }), { numRuns: 60 });
    const handled = (response: { statusCode: number; body: string }) => {
      expect(response.statusCode, response.body).toBeLessThan(500);
      if (response.statusCode >= 400) expect(JSON.parse(response.body).error.code).toMatch(/^XOPS_ERR_/);
    };
    await fc.assert(fc.asyncProperty(fc.jsonValue(), async (value) => {
      handled(await t.call({ method: 'POST', url: '/api/v1/routes/test', as: 'viewer', payload: JSON.stringify(value), headers: { 'content-type': 'application/json' } }));
    }), { numRuns: 60 });
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }).map(encodeURIComponent), fc.constantFrom('9999999999999999', '253402300799999', 'now-1d', '0'));
    await fc.assert(fc.asyncProperty(text, text, text, async (from, to, user) => {
      handled(await t.call({ url: `/api/v1/schedules/payments-primary/final?from=${from}&to=${to}`, as: 'viewer' }));
      handled(await t.call({ url: `/api/v1/schedules/payments-primary.ics?user=${user}&from=${from}`, as: 'viewer' }));
      handled(await t.call({ url: `/api/v1/oncall?at=${to}&schedule=${user}`, as: 'viewer' }));
    }), { numRuns: 40 });
  });

  it('refuses an alert without labels, a bad label name or time, and a caller without a token', async () => {
    const post = (payload: object, as?: 'viewer') => t.call({ method: 'POST', url: '/api/v1/routes/test', payload, ...(as === undefined ? {} : { as }) });
    for (const payload of [{}, { labels: {} }, { labels: { 'bad-name': 'x' } }, { labels: { a: 'b' }, at: 'soon' }, { labels: { a: 'b' }, extra: 1 }]) {
      const response = await post(payload, 'viewer');
      expect([response.statusCode, response.json().error.code], JSON.stringify(payload)).toEqual([400, 'XOPS_ERR_VALIDATION']);
    }
    expect((await post({ labels: { a: 'b' } })).statusCode).toBe(401);
  });
});
