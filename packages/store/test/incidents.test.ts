import { applyIncidentAction } from '@xops/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore, testDatabaseEngines, type TestStore } from '../src/index';

const T0 = Date.UTC(2026, 2, 1, 10, 0, 0);

describe.each(testDatabaseEngines())('incidents on %s', (engine) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore(engine);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  const open = (groupKey: string | null, title: string) => t.store.openIncident({
    title, severity: 'SEV2', groupKey, services: ['checkout'], escalationPolicy: 'checkout-oncall', declaredBy: null,
  }, T0);

  it('numbers incidents 1, 2, 3, finds them by number, and writes an opened entry for each', async () => {
    const numbers = [];
    for (const title of ['a', 'b', 'c']) numbers.push((await open(`g-${title}`, title)).number);
    expect(numbers).toEqual([1, 2, 3]);
    const first = await t.store.getIncident('#1');
    expect(first).toMatchObject({ number: 1, title: 'a', state: 'triggered', severity: 'SEV2', services: ['checkout'], roles: {}, createdAt: T0, acknowledgedAt: null });
    expect(await t.store.getIncident(first!.id)).toEqual(first);
    expect(await t.store.listIncidentEvents(first!.id)).toEqual([{
      id: expect.any(Number), incidentId: first!.id, at: T0, kind: 'opened', actor: 'xops', text: '#1 opened: a', public: false,
      details: { severity: 'SEV2', groupKey: 'g-a', services: ['checkout'] },
    }]);
    expect((await t.store.listIncidents()).map((i) => i.number)).toEqual([3, 2, 1]);
  });

  it('changes an incident through a decision, writing lifecycle and timeline together', async () => {
    const incident = await open('g', 'x');
    const result = await t.store.changeIncident('#1', (current) => {
      const applied = applyIncidentAction(current, { kind: 'acknowledge' }, T0 + 90_000);
      if (!applied.ok) return applied;
      return { ok: true, value: { lifecycle: applied.value.incident, events: [{ at: T0 + 90_000, kind: 'state', actor: 'alice', text: 'acknowledged' }] } };
    }, T0 + 90_000);
    expect(result).toMatchObject({ ok: true, value: { id: incident.id, state: 'acknowledged', acknowledgedAt: T0 + 90_000, updatedAt: T0 + 90_000 } });
    expect(await t.store.getIncident(incident.id)).toMatchObject({ state: 'acknowledged', acknowledgedAt: T0 + 90_000 });
    expect((await t.store.listIncidentEvents(incident.id)).map((e) => e.kind)).toEqual(['opened', 'state']);
    expect((await t.store.listIncidents({ state: 'open' })).length).toBe(1);
    expect(await t.store.listIncidents({ state: 'resolved' })).toEqual([]);
  });

  it('writes nothing when the decision refuses, and answers undefined for no such incident', async () => {
    const incident = await open('g', 'x');
    expect(await t.store.changeIncident(incident.id, () => ({ ok: false, error: 'no' }), T0 + 1)).toEqual({ ok: false, error: 'no' });
    expect(await t.store.getIncident(incident.id)).toEqual(incident);
    expect(await t.store.changeIncident('#99', () => ({ ok: false, error: 'unused' }), T0)).toBeUndefined();
  });

  it('keeps the timeline in time order, then in the order written', async () => {
    const incident = await open(null, 'declared');
    await t.store.appendIncidentEvents(incident.id, [
      { at: T0 + 2000, kind: 'note', actor: 'alice', text: 'second' },
      { at: T0 + 1000, kind: 'public-update', actor: 'bob', text: 'first', public: true },
    ]);
    expect((await t.store.listIncidentEvents(incident.id)).map((e) => [e.text, e.public])).toEqual([
      ['#1 opened: declared', false], ['first', true], ['second', false],
    ]);
  });
});
