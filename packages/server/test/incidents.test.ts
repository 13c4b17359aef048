import type { IncidentDetailsBody, IncidentReportBody } from '@xops/contracts';
import { testDatabaseEngines } from '@xops/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../src/clock/fake-clock';
import { loadLinkKey, signedLinkUrl } from '../src/notifications/signed-link';
import { openTestApp, type TestApp, type TestCaller } from './test-app';

const T0 = Date.UTC(2026, 2, 4, 10, 0, 0); // Wednesday 4 March 2026, 10:00 UTC
const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe.each(testDatabaseEngines())('incidents API on %s', (engine) => {
  let t: TestApp;
  let clock: FakeClock;
  beforeEach(async () => {
    clock = new FakeClock(T0);
    t = await openTestApp(engine, { clock });
  });
  afterEach(async () => { await t.close(); });

  const post = (url: string, as: TestCaller, payload?: Record<string, unknown>) =>
    t.call({ method: 'POST', url, as, ...(payload === undefined ? {} : { payload }) });
  const declare = async (payload: Record<string, unknown>) => {
    const response = await post('/api/v1/incidents', 'responder', payload);
    expect(response.statusCode, response.body).toBe(201);
    const body: IncidentDetailsBody = response.json();
    return body;
  };
  const at = async (minutes: number, url: string, as: TestCaller = 'responder', payload?: Record<string, unknown>) => {
    clock.set(T0 + minutes * MINUTE);
    const response = await post(url, as, payload);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  it('records every change on the timeline with who made it, and moves the state forward only', async () => {
    const declared = await declare({ title: 'Checkout errors', severity: 'SEV2', services: ['checkout'], commander: 'alice' });
    expect(declared).toMatchObject({
      number: 1, state: 'triggered', severity: 'SEV2', services: ['checkout'], roles: { commander: 'alice' }, declaredBy: 'responder-bot',
      createdAt: iso(T0), escalation: null, postmortem: null, complete: false, openActionItems: 0,
    });
    await at(2, '/api/v1/incidents/1/acknowledge');
    await at(5, '/api/v1/incidents/%231/notes', 'editor', { text: 'Rolled back deploy 42' });
    await at(6, '/api/v1/incidents/1/roles', 'responder', { role: 'scribe', person: 'bob' });
    await at(7, '/api/v1/incidents/1/severity', 'responder', { severity: 'SEV1' });
    await at(8, '/api/v1/incidents/1/updates', 'responder', { text: 'We are rolling back a faulty release.' });
    await at(20, '/api/v1/incidents/1/mitigate', 'admin');
    expect(await at(21, '/api/v1/incidents/1/mitigate')).toMatchObject({ state: 'mitigated', mitigatedAt: iso(T0 + 20 * MINUTE) });
    expect(await at(45, `/api/v1/incidents/${declared.id}/resolve`)).toMatchObject({
      state: 'resolved', severity: 'SEV1', roles: { commander: 'alice', scribe: 'bob' },
      acknowledgedAt: iso(T0 + 2 * MINUTE), mitigatedAt: iso(T0 + 20 * MINUTE), resolvedAt: iso(T0 + 45 * MINUTE), complete: true, openActionItems: 0,
    });

    const details: IncidentDetailsBody = (await t.call({ url: '/api/v1/incidents/1', as: 'viewer' })).json();
    expect(details.timeline.map((event) => [event.at, event.kind, event.actor, event.text, event.public])).toEqual([
      [iso(T0), 'opened', 'responder-bot', '#1 opened: Checkout errors', false],
      [iso(T0), 'role', 'responder-bot', 'Commander: alice', false],
      [iso(T0 + 2 * MINUTE), 'state', 'responder-bot', 'Acknowledged', false],
      [iso(T0 + 5 * MINUTE), 'note', 'editor-bot', 'Rolled back deploy 42', false],
      [iso(T0 + 6 * MINUTE), 'role', 'responder-bot', 'Scribe: bob', false],
      [iso(T0 + 7 * MINUTE), 'severity', 'responder-bot', 'Severity SEV2 → SEV1', false],
      [iso(T0 + 8 * MINUTE), 'public-update', 'responder-bot', 'We are rolling back a faulty release.', true],
      [iso(T0 + 20 * MINUTE), 'state', 'admin', 'Mitigated', false],
      [iso(T0 + 45 * MINUTE), 'state', 'responder-bot', 'Resolved', false],
    ]);
    expect(details.postmortem).toEqual({ status: 'draft', updatedAt: iso(T0 + 45 * MINUTE) });

    // Backwards is refused, and a viewer cannot act.
    const again = await post('/api/v1/incidents/1/acknowledge', 'responder');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('Incident 1: the incident is resolved already; it cannot be acknowledged again.');
    expect((await post('/api/v1/incidents/1/notes', 'viewer', { text: 'x' })).statusCode).toBe(403);
    expect((await post('/api/v1/incidents/7/acknowledge', 'responder')).statusCode).toBe(404);
  });

  it('lists incidents by state and refuses an escalation policy that is not applied', async () => {
    await declare({ title: 'A', severity: 'SEV3', services: [] });
    await declare({ title: 'B', severity: 'SEV4', services: [] });
    await at(1, '/api/v1/incidents/1/resolve');
    const list = async (query: string) => ((await t.call({ url: `/api/v1/incidents${query}`, as: 'viewer' })).json() as { number: number }[]).map((i) => i.number);
    expect(await list('')).toEqual([2, 1]);
    expect(await list('?state=open')).toEqual([2]);
    expect(await list('?state=resolved')).toEqual([1]);
    const refused = await post('/api/v1/incidents', 'responder', { title: 'C', severity: 'SEV1', escalationPolicy: 'nope' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toBe('escalationPolicy: EscalationPolicy "nope" does not exist: apply it first, or leave the policy out.');
  });

  it('acknowledges from a signed link without a token, after a confirmation that changes nothing, and refuses a changed or expired one', async () => {
    const { id } = await declare({ title: 'Checkout errors', severity: 'SEV2', services: ['checkout'] });
    const key = await loadLinkKey(t.store);
    const link = (action: 'ack' | 'resolve', expiresAt: number) => new URL(signedLinkUrl('http://xops.test', key, { incidentId: id, action, expiresAt }));
    // What a browser does when the confirmation's button is pressed: an empty form posted to the link.
    const follow = (url: URL) => t.call({
      method: 'POST', url: `${url.pathname}${url.search}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: '',
    });

    clock.set(T0 + 3 * MINUTE);
    const ack = link('ack', T0 + 60 * MINUTE);
    // Opening the link (or a mail scanner fetching it) only asks.
    const opened = await t.call({ url: `${ack.pathname}${ack.search}` });
    expect(opened.statusCode).toBe(200);
    expect(opened.body).toContain('<h1>Acknowledge incident #1?</h1><p>Checkout errors (triggered)</p><form method="post"><button type="submit"');
    expect(await t.store.getIncident(id)).toMatchObject({ state: 'triggered', acknowledgedAt: null });
    const tampered = new URL(ack);
    tampered.searchParams.set('exp', String(T0 + 600 * MINUTE));
    expect((await follow(tampered)).statusCode).toBe(403);
    const answered = await follow(ack);
    expect(answered.statusCode).toBe(200);
    expect(answered.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(answered.body).toContain('<h1>Incident #1 acknowledged</h1>');
    expect((await t.store.getIncident(id))).toMatchObject({ state: 'acknowledged', acknowledgedAt: T0 + 3 * MINUTE });
    expect((await t.store.listIncidentEvents(id)).at(-1)).toMatchObject({ kind: 'state', actor: 'signed link', text: 'Acknowledged' });

    clock.set(T0 + 61 * MINUTE);
    expect((await follow(link('resolve', T0 + 61 * MINUTE))).statusCode).toBe(410);
    const resolved = await follow(link('resolve', T0 + 120 * MINUTE));
    expect(resolved.body).toContain('<h1>Incident #1 resolved</h1>');
    expect((await follow(link('ack', T0 + 120 * MINUTE))).body).toContain('<h1>Incident #1 is resolved already</h1>');
  });

  it('reports MTTA and MTTR per service and team, counts, and the overdue action items', async () => {
    const service = (name: string, team: string) => ({ apiVersion: 'openslo/v1', kind: 'Service', metadata: { name, labels: { team } }, spec: {} });
    const applied = await t.call({ method: 'POST', url: '/api/v1/apply', as: 'editor', payload: { documents: [{ object: service('checkout', 'web') }, { object: service('payments', 'payments') }] } });
    expect(applied.statusCode, applied.body).toBe(200);
    // #1 checkout at T0: ack +2 min, resolved +30 min. #2 checkout and payments at T0 + 60: ack +4, resolved +60.
    // #3 payments at T0 + 120: ack +10, still open.
    await declare({ title: 'one', severity: 'SEV2', services: ['checkout'] });
    await at(2, '/api/v1/incidents/1/acknowledge');
    await at(30, '/api/v1/incidents/1/resolve');
    clock.set(T0 + 60 * MINUTE);
    await declare({ title: 'two', severity: 'SEV1', services: ['checkout', 'payments'] });
    await at(64, '/api/v1/incidents/2/acknowledge');
    await at(120, '/api/v1/incidents/2/resolve');
    await declare({ title: 'three', severity: 'SEV2', services: ['payments'] });
    await at(130, '/api/v1/incidents/3/acknowledge');
    // Action items of #1: one overdue (due yesterday), one due today, one done though overdue.
    const item = async (title: string, due: string) => {
      const response = await post('/api/v1/incidents/1/action-items', 'responder', { title, owner: 'bob', due });
      expect(response.statusCode, response.body).toBe(201);
      return response.json();
    };
    expect(await item('Alert on checkout 5xx', '2026-03-03')).toMatchObject({ id: '1-1', status: 'open', overdue: true });
    await item('Add a canary stage', '2026-03-04');
    await item('Write the runbook', '2026-03-01');
    expect((await t.call({ method: 'PATCH', url: '/api/v1/incidents/1/action-items/3', as: 'responder', payload: { status: 'done' } })).json()).toMatchObject({ id: '1-3', status: 'done', overdue: false });

    clock.set(T0 + 180 * MINUTE);
    const response = await t.call({ url: `/api/v1/reports/incidents?from=${iso(T0 - MINUTE)}&to=${iso(T0 + 180 * MINUTE)}`, as: 'viewer' });
    expect(response.statusCode, response.body).toBe(200);
    const report: IncidentReportBody = response.json();
    // MTTA (2 + 4 + 10) / 3 min = 320 s; MTTR (30 + 60) / 2 min = 2700 s.
    expect(report.total).toEqual({
      incidents: 3, acknowledged: 3, resolved: 2, mttaSeconds: 320, mttrSeconds: 2700,
      bySeverity: { SEV1: 1, SEV2: 2, SEV3: 0, SEV4: 0 }, byState: { triggered: 0, acknowledged: 1, mitigated: 0, resolved: 2 },
    });
    // checkout: #1 and #2 → MTTA 3 min, MTTR 45 min; payments: #2 and #3 → MTTA 7 min, MTTR 60 min (#3 is open).
    const checkout = { incidents: 2, acknowledged: 2, resolved: 2, mttaSeconds: 180, mttrSeconds: 2700 };
    const payments = { incidents: 2, acknowledged: 2, resolved: 1, mttaSeconds: 420, mttrSeconds: 3600 };
    expect(report.services).toEqual([{ service: 'checkout', ...checkout }, { service: 'payments', ...payments }]);
    expect(report.teams).toEqual([{ team: 'payments', ...payments }, { team: 'web', ...checkout }]);
    expect(report.overdueActionItems).toMatchObject([{ id: '1-1', title: 'Alert on checkout 5xx', owner: 'bob', due: '2026-03-03', overdue: true, incident: { number: 1, title: 'one' } }]);

    const incidents = (await t.call({ url: '/api/v1/incidents', as: 'viewer' })).json() as { number: number; complete: boolean; openActionItems: number }[];
    expect(incidents.map((one) => [one.number, one.complete, one.openActionItems])).toEqual([[3, false, 0], [2, true, 0], [1, false, 2]]);
    // Only incidents opened in the range count.
    const later: IncidentReportBody = (await t.call({ url: `/api/v1/reports/incidents?from=${iso(T0 + 100 * MINUTE)}`, as: 'viewer' })).json();
    expect(later.total).toMatchObject({ incidents: 1, mttaSeconds: 600, mttrSeconds: null });
  });
});
