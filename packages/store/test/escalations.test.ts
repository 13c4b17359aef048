import { applyIncidentAction } from '@xops/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore, testDatabaseEngines, type EscalationSnapshot, type TestStore } from '../src/index';

const T0 = Date.UTC(2026, 2, 4, 10, 0, 0); // a Wednesday
const MINUTE = 60_000;

// Level 1: ana (email and two Slack handles), 15 min; level 2: ben, 10 min; no repeat. Cem is on no level.
const snapshot: EscalationSnapshot = {
  policy: {
    name: 'payments', repeat: 0, levels: [
      { targets: [{ kind: 'user', user: 'ana' }], mode: 'all', escalateAfterMs: 15 * MINUTE },
      { targets: [{ kind: 'user', user: 'ben' }], mode: 'all', escalateAfterMs: 10 * MINUTE },
    ],
  },
  team: 'payments',
  schedules: [],
  people: {
    ana: [{ type: 'email', address: 'ana@example.com' }, { type: 'slack', address: '@ana' }, { type: 'slack', address: '#payments-oncall' }],
    ben: [{ type: 'webhook', address: 'https://pager.example.com/ben' }],
  },
};

describe.each(testDatabaseEngines())('escalations on %s', (engine) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore(engine);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  const open = () => t.store.openIncident({
    title: 'Checkout errors', severity: 'SEV2', groupKey: null, services: ['checkout'], escalationPolicy: 'payments', declaredBy: 'alice',
  }, T0, { escalation: snapshot });

  it('pages level 1 in the transaction that opens the incident: one outbox row per contact method', async () => {
    const incident = await open();
    expect(await t.store.getEscalation(incident.id)).toMatchObject({ level: 2, round: 0, nextAt: T0 + 15 * MINUTE, status: 'active' });
    const rows = await t.store.listNotifications({ incidentId: incident.id });
    expect(rows.map((row) => [row.idempotencyKey, row.channel, row.destination, row.recipient, row.createdAt]).sort()).toEqual([
      [`incident:${incident.id}:level:1:round:0:ana:email`, 'email', 'ana@example.com', 'ana', T0],
      [`incident:${incident.id}:level:1:round:0:ana:slack`, 'slack', '@ana', 'ana', T0],
      [`incident:${incident.id}:level:1:round:0:ana:slack-2`, 'slack', '#payments-oncall', 'ana', T0],
    ]);
    expect(rows[0]?.message).toEqual({
      title: '#1 Checkout errors',
      text: 'SEV2 incident #1 on checkout: you are paged at level 1 of escalation policy "payments". Acknowledge to stop the escalation.',
      incident: { id: incident.id, number: 1 }, severity: 'SEV2', urgency: 'high',
      labels: { policy: 'payments', level: '1', round: '0', services: 'checkout' },
    });
    expect((await t.store.listIncidentEvents(incident.id)).map((event) => [event.at, event.kind, event.actor, event.text])).toEqual([
      [T0, 'opened', 'alice', '#1 opened: Checkout errors'],
      [T0, 'escalation', 'xops', 'Escalation policy "payments" started'],
      [T0, 'page', 'xops', 'Paged ana (level 1) by email ana@example.com, slack @ana, slack #payments-oncall'],
    ]);
  });

  it('pages level 2 only once it is due, once, then runs out', async () => {
    const incident = await open();
    expect(await t.store.listDueEscalations(T0 + 15 * MINUTE - 1, 10)).toEqual([]);
    expect(await t.store.advanceEscalation(incident.id, T0 + 15 * MINUTE - 1, { when: 'due' })).toBeUndefined();
    expect(await t.store.listDueEscalations(T0 + 15 * MINUTE, 10)).toEqual([incident.id]);
    expect(await t.store.advanceEscalation(incident.id, T0 + 15 * MINUTE, { when: 'due' })).toEqual({
      incidentId: incident.id, paged: { at: T0 + 15 * MINUTE, level: 2, round: 0, users: ['ben'] }, notifications: 1, status: 'exhausted', next: null,
    });
    expect(await t.store.advanceEscalation(incident.id, T0 + 30 * MINUTE, { when: 'due' })).toBeUndefined();
    expect(await t.store.getEscalation(incident.id)).toMatchObject({ status: 'exhausted', nextAt: null });
    expect((await t.store.listIncidentEvents(incident.id)).slice(3).map((event) => event.text)).toEqual([
      'Paged ben (level 2) by webhook https://pager.example.com/ben',
      'Escalation ended: policy "payments" paged its last level: nobody further will be paged',
    ]);
  });

  it('stops on acknowledgement, in the same transaction, and pages nobody after', async () => {
    const incident = await open();
    await t.store.changeIncident(incident.id, (current) => {
      const applied = applyIncidentAction(current, { kind: 'acknowledge' }, T0 + 2 * MINUTE);
      return applied.ok
        ? { ok: true, value: { lifecycle: applied.value.incident, events: [{ at: T0 + 2 * MINUTE, kind: 'state', actor: 'ana', text: 'acknowledged' }] } }
        : applied;
    }, T0 + 2 * MINUTE);
    expect(await t.store.getEscalation(incident.id)).toMatchObject({ status: 'stopped', nextAt: null });
    expect(await t.store.listDueEscalations(T0 + 60 * MINUTE, 10)).toEqual([]);
    expect(await t.store.advanceEscalation(incident.id, T0 + 60 * MINUTE, { when: 'now' })).toBeUndefined();
    expect((await t.store.listIncidentEvents(incident.id)).at(-1)).toMatchObject({ kind: 'escalation', actor: 'ana', text: 'Escalation stopped: the incident was acknowledged' });
    expect(await t.store.listNotifications({ incidentId: incident.id })).toHaveLength(3);
  });

  it('moves on at once after a failed delivery, once for however many deliveries of that level failed', async () => {
    const incident = await open();
    const after = { level: 1, round: 0 };
    expect(await t.store.advanceEscalation(incident.id, T0 + MINUTE, { when: 'now', after })).toMatchObject({ paged: { level: 2, users: ['ben'] } });
    expect(await t.store.advanceEscalation(incident.id, T0 + MINUTE, { when: 'now', after })).toBeUndefined();
    expect((await t.store.listNotifications({ incidentId: incident.id })).map((row) => row.recipient).sort()).toEqual(['ana', 'ana', 'ana', 'ben']);
  });
});
