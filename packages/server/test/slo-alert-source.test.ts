import type { IncidentDetailsBody, IncomingAlertBody } from '@xops/contracts';
import type { AlertTransition, SloDefinition } from '@xops/core';
import { testDatabaseEngines } from '@xops/store';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAlertGroupsLoop } from '../src/alerts/alert-groups-loop';
import { createAlertPipeline } from '../src/alerts/alert-pipeline';
import { createSloAlertSource, type SloAlertSource } from '../src/alerts/slo-alert-source';
import { FakeClock } from '../src/clock/fake-clock';
import { alertBundle } from './alert-fixtures';
import { openTestApp, type TestApp } from './test-app';

const T0 = Date.UTC(2026, 2, 4, 10, 0, 0);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const iso = (ms: number) => new Date(ms).toISOString();
const quiet = pino({ enabled: false });

const checkout: SloDefinition = {
  name: 'checkout-availability', service: 'checkout', window: { kind: 'rolling', durationMs: 28 * 24 * HOUR }, method: 'Occurrences',
  objectives: [{ name: 'availability', target: 0.999, seriesKey: 'checkout', compositeWeight: 1 }], composite: false, minEventsForBurnRateAlerts: 0,
  alertRules: [{ kind: 'multiwindow-burn-rate', name: 'burn-rate-14.4x', severity: 'page', factor: 14.4, longWindowMs: HOUR, shortWindowMs: 5 * MINUTE }],
};
const transition = (at: number, from: AlertTransition['from'], to: AlertTransition['to']): AlertTransition => ({
  slo: 'checkout-availability', objective: 'availability', rule: 'burn-rate-14.4x', at, from, to, severity: 'page', value: to === 'firing' ? 15.234 : null,
});

describe.each(testDatabaseEngines())('the SLO alert source on %s', (engine) => {
  let t: TestApp;
  let clock: FakeClock;
  const sources: SloAlertSource[] = [];
  beforeEach(async () => {
    clock = new FakeClock(T0);
    t = await openTestApp(engine, { clock });
    const applied = await t.call({ method: 'POST', url: '/api/v1/apply', as: 'editor', payload: { documents: alertBundle } });
    expect(applied.statusCode, applied.body).toBe(200);
    expect(await t.store.acquireLease('slo-evaluation', 'evaluator', T0 - HOUR, 100 * HOUR)).toBe(true);
  });
  afterEach(async () => {
    for (const source of sources.splice(0)) await source.close();
    await t.close();
  });

  const record = async (...transitions: AlertTransition[]) => {
    expect(await t.store.saveEvaluation({ lease: 'slo-evaluation', holder: 'evaluator', now: clock.now(), states: [], transitions })).toBe(true);
  };
  /** A replica's source; a new one stands for a restart. */
  const source = (holder: string) => {
    const made = createSloAlertSource({
      store: t.store, pipeline: createAlertPipeline({ store: t.store, clock }), clock, logger: quiet, holder,
      definition: (slo) => (slo === checkout.name ? checkout : undefined),
    });
    sources.push(made);
    return made;
  };

  it('turns a burn-rate alert into an incident, resolves it, and takes no transition in twice across restarts', async () => {
    // Fired 2 minutes ago: older than group_wait, so its new group notifies at once.
    await record(transition(T0 - 3 * MINUTE, 'inactive', 'pending'), transition(T0 - 2 * MINUTE, 'pending', 'firing'));
    const first = source('replica-a');
    expect(await first.tick()).toBe(2);

    const [incident] = await t.store.listIncidents();
    expect(incident).toMatchObject({ number: 1, severity: 'SEV2', services: ['checkout'], state: 'triggered', createdAt: T0 });
    const summary = 'SLO checkout-availability (objective availability) burning its error budget (rule burn-rate-14.4x, value 15.23)';
    expect(incident?.title).toBe(summary);
    const alerts: IncomingAlertBody[] = (await t.call({ url: '/api/v1/alerts/incoming?source=slo', as: 'viewer' })).json();
    expect(alerts).toEqual([expect.objectContaining({
      source: 'slo', dedupKey: 'checkout-availability/availability/burn-rate-14.4x', status: 'firing', startsAt: iso(T0 - 2 * MINUTE), endsAt: null,
      labels: { alertname: 'ErrorBudgetBurn', slo: 'checkout-availability', objective: 'availability', service: 'checkout', severity: 'critical', rule: 'burn-rate-14.4x' },
      annotations: { slo_severity: 'page' }, outcome: 'paged', target: 'escalation-policy/payments', incident: { id: incident?.id, number: 1 },
    })]);

    // A restart (another replica) reads from the stored cursor: nothing again.
    expect(await source('replica-b').tick()).toBe(0);
    expect(await first.tick()).toBe(0);

    clock.set(T0 + 20 * MINUTE);
    await record(transition(T0 + 19 * MINUTE, 'firing', 'resolved'));
    expect(await first.tick()).toBe(1);
    const details: IncidentDetailsBody = (await t.call({ url: '/api/v1/incidents/1', as: 'viewer' })).json();
    expect(details).toMatchObject({ state: 'resolved', resolvedAt: iso(T0 + 20 * MINUTE) });
    expect(details.timeline.filter((event) => event.kind === 'alert' || event.kind === 'alert-resolved').map((event) => [event.at, event.kind, event.actor, event.text])).toEqual([
      [iso(T0), 'alert', 'slo', `Alert: ${summary}`],
      [iso(T0 + 20 * MINUTE), 'alert-resolved', 'slo', `Resolved: ${summary}`],
    ]);
    expect((await t.store.listIncidents()).length).toBe(1);
    expect(await t.store.readSloAlertCursor()).toBe(3);
  });

  it('leaves the cursor where it was when the transaction fails, so a transition is not lost', async () => {
    await record(transition(T0 - 2 * MINUTE, 'pending', 'firing'));
    const pipeline = createAlertPipeline({ store: t.store, clock });
    // Another replica moved the cursor meanwhile: the batch is refused, nothing is written.
    await expect(pipeline.intakeWithCursor([], { name: 'slo-alerts', from: 5, to: 6 })).rejects.toThrow('the cursor slo-alerts is not at 5 any more');
    expect(await t.store.readSloAlertCursor()).toBe(0);
    expect(await source('replica-a').tick()).toBe(1);
    expect((await t.store.listIncidents()).length).toBe(1);
  });

  it('ties the group timers to the alert-groups loop: a fresh SLO alert waits for group_wait', async () => {
    await record(transition(T0, 'pending', 'firing'));
    expect(await source('replica-a').tick()).toBe(1);
    expect(await t.store.listIncidents()).toEqual([]);
    const loop = createAlertGroupsLoop({ store: t.store, pipeline: createAlertPipeline({ store: t.store, clock }), clock, logger: quiet, holder: 'replica-a' });
    clock.set(T0 + 30_000);
    expect(await loop.tick()).toEqual({ groups: 1, notifications: 1 });
    await loop.close();
    expect((await t.store.listIncidents()).map((incident) => incident.createdAt)).toEqual([T0 + 30_000]);
  });
});
