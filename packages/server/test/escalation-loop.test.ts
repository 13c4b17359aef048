import type { IncidentDetailsBody } from '@xops/contracts';
import { testDatabaseEngines } from '@xops/store';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../src/clock/fake-clock';
import { createEscalationLoop, type EscalationLoop } from '../src/incidents/escalation-loop';
import { oncallBundle } from './oncall-fixtures';
import { openTestApp, type TestApp } from './test-app';

// Wednesday 4 March 2026, 10:00 UTC = 11:00 in Berlin. payments-primary: dora has weekdays
// 09:00–17:00 CET (office-hours layer). The payments policy: level 1 payments-primary (15 min),
// level 2 ana or ben in turn (10 min), level 3 dora (10 min), then once more.
const T0 = Date.UTC(2026, 2, 4, 10, 0, 0);
const MINUTE = 60_000;
const quiet = pino({ enabled: false });

describe.each(testDatabaseEngines())('the escalation loop on %s', (engine) => {
  let t: TestApp;
  let clock: FakeClock;
  let loop: EscalationLoop;
  beforeEach(async () => {
    clock = new FakeClock(T0);
    t = await openTestApp(engine, { clock });
    const applied = await t.call({ method: 'POST', url: '/api/v1/apply', as: 'editor', payload: { documents: oncallBundle } });
    expect(applied.statusCode, applied.body).toBe(200);
    loop = createEscalationLoop({ store: t.store, clock, logger: quiet, holder: 'test-replica', intervalMs: 1000 });
  });
  afterEach(async () => {
    await loop.close();
    await t.close();
  });

  const declare = async () => {
    const response = await t.call({
      method: 'POST', url: '/api/v1/incidents', as: 'responder',
      payload: { title: 'Checkout errors', severity: 'SEV2', services: ['checkout'], escalationPolicy: 'payments' },
    });
    expect(response.statusCode, response.body).toBe(201);
    const body: IncidentDetailsBody = response.json();
    return body;
  };
  const pages = async (incidentId: string) => (await t.store.listNotifications({ incidentId }))
    .map((row) => [row.createdAt - T0, row.idempotencyKey.replace(incidentId, 'I'), row.channel, row.destination])
    .sort((a, b) => Number(a[0]) - Number(b[0]) || String(a[1]).localeCompare(String(b[1])));

  it('pages level 1 at opening, level 2 after its 15 minutes, and nobody after the acknowledgement', async () => {
    const incident = await declare();
    // Level 1 at once: dora, who lists no contact method, by her email.
    expect(await pages(incident.id)).toEqual([[0, 'incident:I:level:1:round:0:dora:email', 'email', 'dora@example.com']]);
    expect(incident.escalation).toEqual({
      policy: 'payments', team: 'payments', status: 'active', level: 2, round: 0, nextAt: new Date(T0 + 15 * MINUTE).toISOString(), updatedAt: new Date(T0).toISOString(),
    });

    clock.set(T0 + 15 * MINUTE - 1000);
    expect(await loop.tick()).toEqual([]);
    clock.set(T0 + 15 * MINUTE);
    // Level 2 is round-robin over ana and ben: incident 1, round 0 → (1 + 0) mod 2 = 1 → ben, by Teams.
    expect(await loop.tick()).toEqual([{
      incidentId: incident.id, paged: { at: T0 + 15 * MINUTE, level: 2, round: 0, users: ['ben'] }, notifications: 1, status: 'active',
      next: { level: 3, round: 0, at: T0 + 25 * MINUTE },
    }]);
    expect(loop.holdsLease()).toBe(true);
    // A second pass at the same time pages nothing more.
    expect(await loop.tick()).toEqual([]);

    clock.set(T0 + 17 * MINUTE);
    expect((await t.call({ method: 'POST', url: `/api/v1/incidents/${incident.id}/acknowledge`, as: 'responder' })).statusCode).toBe(200);
    clock.set(T0 + 60 * MINUTE);
    expect(await loop.tick()).toEqual([]);
    expect(await pages(incident.id)).toEqual([
      [0, 'incident:I:level:1:round:0:dora:email', 'email', 'dora@example.com'],
      [15 * MINUTE, 'incident:I:level:2:round:0:ben:teams', 'teams', 'https://example.webhook.office.com/webhookb2/payments-ben'],
    ]);
    const details: IncidentDetailsBody = (await t.call({ url: '/api/v1/incidents/1', as: 'viewer' })).json();
    expect(details.escalation).toMatchObject({ status: 'stopped', nextAt: null });
    expect(details.timeline.map((event) => [(Date.parse(event.at) - T0) / MINUTE, event.kind, event.actor, event.text])).toEqual([
      [0, 'opened', 'responder-bot', '#1 opened: Checkout errors'],
      [0, 'escalation', 'xops', 'Escalation policy "payments" started'],
      [0, 'page', 'xops', 'Paged dora (level 1) by email dora@example.com'],
      [15, 'page', 'xops', 'Paged ben (level 2) by teams https://example.webhook.office.com/webhookb2/payments-ben'],
      [17, 'state', 'responder-bot', 'Acknowledged'],
      [17, 'escalation', 'responder-bot', 'Escalation stopped: the incident was acknowledged'],
    ]);
  });

  it('moves to the next level at once when a page\'s delivery gives up, once per level', async () => {
    const incident = await declare();
    clock.set(T0 + 2 * MINUTE);
    const key = `incident:${incident.id}:level:1:round:0:dora:email`;
    expect(await loop.deliveryGaveUp(key)).toMatchObject({ paged: { at: T0 + 2 * MINUTE, level: 2, users: ['ben'] }, next: { level: 3, at: T0 + 12 * MINUTE } });
    expect(await loop.deliveryGaveUp(key)).toBeUndefined();
    expect(await loop.deliveryGaveUp('channel:ops-chat:group:x')).toBeUndefined();
    // Level 3 keeps its own delay from the early page: due at 12 min, not 25.
    clock.set(T0 + 12 * MINUTE);
    expect((await loop.tick()).map((outcome) => outcome.paged?.users)).toEqual([['dora']]);
  });

  it('pages nothing while another replica holds the lease', async () => {
    const incident = await declare();
    expect(await t.store.acquireLease('escalations', 'other-replica', T0, 60 * MINUTE)).toBe(true);
    clock.set(T0 + 15 * MINUTE);
    expect(await loop.tick()).toEqual([]);
    expect(loop.holdsLease()).toBe(false);
    expect(await pages(incident.id)).toHaveLength(1);
  });
});
