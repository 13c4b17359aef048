import type { SloStatusBody } from '@xops/contracts';
import type { AlertTransition } from '@xops/core';
import { openTestStore, testDatabaseEngines, type TestStore, type XopsStore } from '@xops/store';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../src/clock/fake-clock';
import { latestBucketSeq } from '../src/slo/bucket-feed';
import { createSloEvaluator, SLO_EVALUATION_LEASE, type SloEvaluator } from '../src/slo/slo-evaluator';
import {
  applyCheckout, applyDocuments, availabilitySlo, BUCKET, buckets, DAY, HOUR, MINUTE, requestsSli, SECOND, SERIES, T0,
} from './slo-fixtures';
import { openTestApp, type TestApp } from './test-app';

const quiet = pino({ enabled: false });
const evaluatorOn = (store: XopsStore, clock: FakeClock, holder = 'replica-a'): SloEvaluator =>
  createSloEvaluator({ store, clock, logger: quiet, holder, intervalMs: 10_000, leaseTtlMs: 10_000 });
const brief = (t: AlertTransition) => `${(t.at - T0) / SECOND}s ${t.rule} ${t.from}→${t.to}`;

describe.each(testDatabaseEngines())('the SLO evaluator on %s', (engine) => {
  let testApp: TestApp | undefined;
  let extra: TestStore | undefined;
  const others: SloEvaluator[] = [];
  afterEach(async () => {
    for (const evaluator of others.splice(0)) await evaluator.close();
    await testApp?.close();
    await extra?.cleanup();
    testApp = undefined;
    extra = undefined;
  });

  async function open(clock: FakeClock) {
    let evaluator: SloEvaluator | undefined;
    testApp = await openTestApp(engine, { clock, evaluator: (store) => (evaluator = evaluatorOn(store, clock)) });
    await applyCheckout(testApp.store);
    return { ...testApp, evaluator: evaluator! };
  }

  it('works out SLI, budget, burn rates and time to exhaustion as by hand', async () => {
    const clock = new FakeClock(T0);
    const { store, evaluator, call } = await open(clock);
    // Two hours of 1000 requests per 10 s, one request in two buckets failed: 720 000 requests, 360 failed.
    await store.writeBuckets(SERIES, buckets(T0 - 2 * HOUR, T0, 1000, (start) => ((start - T0) / BUCKET) % 2 === 0 ? 1 : 0), 'replace');
    const outcome = await evaluator.evaluateOnce();
    expect(outcome).toMatchObject({ at: T0, leader: true, transitions: [] });

    const response = await call({ url: '/api/v1/slos/checkout-availability/status', as: 'viewer' });
    expect(response.statusCode).toBe(200);
    const body: SloStatusBody = response.json();
    expect(body).toMatchObject({
      slo: 'checkout-availability', service: 'checkout', evaluatedAt: '2025-03-01T00:00:00.000Z', budgetingMethod: 'Occurrences',
      composite: false, window: { kind: 'rolling', duration: '30d', durationSeconds: 2_592_000 }, minEventsForBurnRateAlerts: 100,
    });
    expect(body.alertRules.map((rule) => [rule.name, rule.severity, rule.windows, rule.burnRate])).toEqual([
      ['burn-rate-14.4x', 'page', ['1h', '5m'], 14.4],
      ['burn-rate-6x', 'page', ['6h', '30m'], 6],
      ['burn-rate-3x', 'ticket', ['1d', '2h'], 3],
      ['burn-rate-1x', 'ticket', ['3d', '6h'], 1],
      ['no-data', 'ticket', ['10m'], null],
      ['budget-exhausted', 'ticket', [], null],
    ]);
    const [objective] = body.objectives;
    expect(body.objectives).toHaveLength(1);
    expect(objective).toMatchObject({
      objective: 'Available', target: 0.999, weight: 1,
      window: { from: '2025-01-30T00:00:00.000Z', to: '2025-03-01T00:00:00.000Z' },
      events: { good: 719_640, total: 720_000 },
      errorBudget: { unit: 'events', consumed: 360 },
    });
    // SLI 719 640 / 720 000; budget 0.1 % × 720 000 = 720 requests, half spent; as time 0.1 % × 30 d = 2592 s.
    expect(objective!.sli).toBeCloseTo(0.9995, 12);
    expect(objective!.errorBudget.total).toBeCloseTo(720, 9);
    expect(objective!.errorBudget.remaining).toBeCloseTo(0.5, 12);
    expect(objective!.errorBudget.totalSeconds).toBeCloseTo(2592, 9);
    expect(objective!.errorBudget.remainingSeconds).toBeCloseTo(1296, 9);
    // Every window sees one failure in 2000 requests: 0.05 % against a 0.1 % allowance burns at 0.5.
    expect(objective!.burnRates.map((rate) => rate.window)).toEqual(['5m', '30m', '1h', '2h', '6h', '1d', '3d']);
    for (const rate of objective!.burnRates) expect(rate.burnRate).toBeCloseTo(0.5, 12);
    // Half the budget left at half the sustainable rate: 0.5 × 30 d / 0.5 = 30 d.
    expect(objective!.timeToExhaustionSeconds).toBeCloseTo(2_592_000, 3);
    expect(objective!.alerts.map((alert) => [alert.rule, alert.status])).toEqual([
      ['burn-rate-14.4x', 'inactive'], ['burn-rate-6x', 'inactive'], ['burn-rate-3x', 'inactive'],
      ['burn-rate-1x', 'inactive'], ['no-data', 'inactive'], ['budget-exhausted', 'inactive'],
    ]);
  });

  it('pages 60 s into a full outage after 30 clean days, saves each transition once, and resolves 5 min after it ends', async () => {
    const clock = new FakeClock(T0);
    const { store, evaluator } = await open(clock);
    await store.writeBuckets(SERIES, buckets(T0 - 30 * DAY, T0, 1000), 'replace');
    await store.compactBuckets(T0);
    expect((await evaluator.evaluateOnce()).transitions).toEqual([]);

    // The outage fills the buckets of [T0, T0 + 5 min); each bucket is written as it ends, then a tick.
    const seen: AlertTransition[] = [];
    let budgetAtPage: number | undefined;
    for (let end = T0 + BUCKET; end <= T0 + 10 * MINUTE; end += BUCKET) {
      const bad = end <= T0 + 5 * MINUTE ? 1000 : 0;
      await store.writeBuckets(SERIES, [{ start: end - BUCKET, good: 1000 - bad, total: 1000 }], 'replace');
      clock.set(end);
      const outcome = await evaluator.evaluateOnce();
      expect(outcome.leader).toBe(true);
      seen.push(...outcome.transitions);
      if (outcome.transitions.some((t) => t.rule === 'burn-rate-14.4x' && t.to === 'firing')) {
        budgetAtPage = outcome.statuses[0]?.objectives[0]?.budget.remaining;
      }
    }
    // 14.4× over 1 h needs 14.4 × 0.1 % × 3600 s = 51.84 s of outage: the 6th bad bucket, ending at 60 s
    // (Workbook bound: 51.84 s ≤ t ≤ 51.84 s + one bucket + one interval). 6× over 6 h: 129.6 s → 130 s;
    // 3× over 1 d and 1× over 3 d: 259.2 s → 260 s. The page's 5-minute window is clean again once
    // its oldest bucket starts after the last bad one ([290 s, 300 s)): at 600 s.
    expect(seen.map(brief)).toEqual([
      '60s burn-rate-14.4x inactive→firing',
      '130s burn-rate-6x inactive→firing',
      '260s burn-rate-3x inactive→firing',
      '260s burn-rate-1x inactive→firing',
      '600s burn-rate-14.4x firing→resolved',
    ]);
    const page = seen[0]!;
    expect(page.at - T0).toBeGreaterThanOrEqual(51_840);
    expect(page.at - T0).toBeLessThanOrEqual(51_840 + BUCKET + 10_000);
    // Long-window burn rate when it fired: 6 bad buckets in 360, 1.67 % against 0.1 %.
    expect(page.value).toBeCloseTo(6 / 360 / 0.001, 6);
    // 6 000 of a 259 200-request budget (0.1 % of 30 days at 100 requests/s): 2.3 % spent.
    expect(budgetAtPage).toBeCloseTo(1 - 6000 / 259_200, 6);

    const stored = await store.listAlertTransitions({ slo: 'checkout-availability' });
    expect([...stored].reverse().map(brief)).toEqual(seen.map(brief));
    const states = await store.listAlertStates('checkout-availability');
    expect(states.find((state) => state.rule === 'burn-rate-14.4x')).toMatchObject({
      status: 'resolved', severity: 'page', firedAt: T0 + MINUTE, resolvedAt: T0 + 10 * MINUTE,
    });
  }, 60_000);

  it('lets a standby evaluate without writing, and take over after the TTL without firing anything again', async () => {
    const clock = new FakeClock(T0);
    const { store, evaluator: holder } = await open(clock);
    const standby = evaluatorOn(store, clock, 'replica-b');
    others.push(standby);
    // A full outage over the last 65 minutes: every burn-rate tier fires, and the budget is gone.
    await store.writeBuckets(SERIES, buckets(T0 - 65 * MINUTE, T0, 1000, () => 1000), 'replace');

    const first = await holder.evaluateOnce();
    expect(first).toMatchObject({ leader: true, saved: true });
    expect(first.transitions.map((t) => `${t.rule}→${t.to}`)).toEqual([
      'burn-rate-14.4x→firing', 'burn-rate-6x→firing', 'burn-rate-3x→firing', 'burn-rate-1x→firing', 'budget-exhausted→firing',
    ]);
    const watching = await standby.evaluateOnce();
    expect(watching).toMatchObject({ leader: false, saved: false, transitions: [] });
    expect(standby.holdsLease()).toBe(false);
    // The standby answers status too, with the holder's alert states.
    expect(standby.status('checkout-availability')?.objectives[0]?.alerts.filter((a) => a.status === 'firing')).toHaveLength(5);

    // The holder stops (no renewal). Before its lease runs out the standby still only watches.
    clock.advance(9 * SECOND);
    expect(await standby.evaluateOnce()).toMatchObject({ leader: false });
    clock.advance(SECOND);
    const takeover = await standby.evaluateOnce();
    expect(takeover).toMatchObject({ leader: true, transitions: [] });
    expect(await store.getLease(SLO_EVALUATION_LEASE)).toEqual({ holder: 'replica-b', expiresAt: T0 + 20 * SECOND });

    // It goes on evaluating: the outage ends, and the new holder resolves the page.
    await store.writeBuckets(SERIES, buckets(T0 - MINUTE, T0 + 5 * MINUTE + BUCKET, 1000), 'replace');
    clock.set(T0 + 5 * MINUTE + BUCKET);
    expect((await standby.evaluateOnce()).transitions.map((t) => `${t.rule}→${t.to}`)).toEqual(['burn-rate-14.4x→resolved']);
    // The old holder comes back: the lease is taken, so it writes nothing.
    expect(await holder.evaluateOnce()).toMatchObject({ leader: false, saved: false });

    const rows = await store.listAlertTransitions({ slo: 'checkout-availability' });
    expect([...rows].reverse().map(brief)).toEqual([
      '0s burn-rate-14.4x inactive→firing', '0s burn-rate-6x inactive→firing', '0s burn-rate-3x inactive→firing',
      '0s burn-rate-1x inactive→firing', '0s budget-exhausted inactive→firing', '310s burn-rate-14.4x firing→resolved',
    ]);
    await standby.close();
    expect(await store.getLease(SLO_EVALUATION_LEASE)).toBeUndefined();
  });

  it('follows new and late buckets, reloads a series whose folded past changed, and recompiles changed SLOs', async () => {
    const clock = new FakeClock(T0);
    const { store, evaluator, call } = await open(clock);
    await store.writeBuckets(SERIES, buckets(T0 - 12 * HOUR, T0, 1000), 'replace');
    await evaluator.evaluateOnce();
    const events = () => evaluator.status('checkout-availability')?.objectives[0]?.events;
    expect(events()).toEqual({ good: 4_320_000, total: 4_320_000 });

    // Late data 1 h back (the engine's exact part) and 8 h back (only sums kept there: reloaded).
    await store.writeBuckets(SERIES, [{ start: T0 - HOUR, good: 500, total: 1000 }, { start: T0 - 8 * HOUR, good: 0, total: 1000 }], 'replace');
    clock.advance(BUCKET);
    await store.writeBuckets(SERIES, [{ start: T0, good: 1000, total: 1000 }], 'replace');
    await evaluator.evaluateOnce();
    expect(events()).toEqual({ good: 4_319_500, total: 4_321_000 });

    await applyDocuments(store, { ...availabilitySlo, spec: { ...availabilitySlo.spec, objectives: [{ displayName: 'Available', targetPercent: 99 }] } });
    await evaluator.evaluateOnce();
    expect(evaluator.status('checkout-availability')?.objectives[0]?.target).toBe(0.99);
    expect(events()).toEqual({ good: 4_319_500, total: 4_321_000 });

    // Its SLI deleted, the SLO cannot be evaluated: the status says why.
    await store.deleteObjects([{ kind: 'SLI', name: SERIES }], 'test');
    await evaluator.evaluateOnce();
    const response = await call({ url: '/api/v1/slos/checkout-availability/status', as: 'viewer' });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toEqual({ error: {
      code: 'XOPS_ERR_CONFLICT', message: `SLO "checkout-availability": SLI "${SERIES}" does not exist; it cannot be evaluated until that is fixed.`,
    } });
    expect((await call({ url: '/api/v1/slos/nope/status', as: 'viewer' })).statusCode).toBe(404);
  });

  it('keeps the alerts of an SLO it cannot compile for a while, and ends those of a deleted SLO', async () => {
    const clock = new FakeClock(T0);
    const { store, evaluator, call } = await open(clock);
    await store.writeBuckets(SERIES, buckets(T0 - 65 * MINUTE, T0 + 5 * MINUTE, 1000, () => 1000), 'replace');
    expect((await evaluator.evaluateOnce()).transitions).toHaveLength(5);
    const firing = async () => (await store.listAlertStates()).filter((state) => state.status === 'firing').map((state) => state.rule);
    expect(await firing()).toEqual(['budget-exhausted', 'burn-rate-14.4x', 'burn-rate-1x', 'burn-rate-3x', 'burn-rate-6x']);

    // Its SLI gone, nobody knows whether it still burns: its alerts stay as they are.
    await store.deleteObjects([{ kind: 'SLI', name: SERIES }], 'test');
    clock.advance(BUCKET);
    expect((await evaluator.evaluateOnce()).transitions).toEqual([]);
    expect(await firing()).toHaveLength(5);
    // Back again, it picks up where it was: nothing fires twice.
    await applyDocuments(store, requestsSli);
    clock.advance(BUCKET);
    expect((await evaluator.evaluateOnce()).transitions).toEqual([]);

    // Deleted, its firing alerts resolve, each with its transition.
    await store.deleteObjects([{ kind: 'SLO', name: 'checkout-availability' }], 'test');
    clock.advance(BUCKET);
    const ended = await evaluator.evaluateOnce();
    expect(ended.transitions.map(brief)).toEqual([
      '30s budget-exhausted firing→resolved', '30s burn-rate-14.4x firing→resolved', '30s burn-rate-1x firing→resolved',
      '30s burn-rate-3x firing→resolved', '30s burn-rate-6x firing→resolved',
    ]);
    expect(await firing()).toEqual([]);
    expect((await call({ url: '/api/v1/alerts?status=firing', as: 'viewer' })).json()).toEqual([]);
    clock.advance(BUCKET);
    expect(await evaluator.evaluateOnce()).toMatchObject({ saved: false, transitions: [] });
  });

  it('rolls day-old golden-signal rows into minutes on its hourly compaction turn, as the lease holder only', async () => {
    const clock = new FakeClock(T0);
    const { store, evaluator: holder } = await open(clock);
    const standby = evaluatorOn(store, clock, 'replica-b');
    others.push(standby);
    // The minute that ended a day before T0: six 10-second rows of 5 requests.
    const minute = T0 - DAY - MINUTE;
    const row = (start: number, value: number) => ({ service: 'checkout', signal: 'requests' as const, le: '', start, value, samples: 1 });
    await store.writeSignalBuckets(Array.from({ length: 6 }, (_, i) => row(minute + i * BUCKET, 5)));
    expect(await holder.evaluateOnce()).toMatchObject({ leader: true });
    const rolled = { service: 'checkout', signal: 'requests', le: '', start: minute, resolutionMs: 60_000 };
    expect(await store.readSignalBuckets('checkout', 0, T0)).toEqual([{ ...rolled, value: 30, samples: 6 }]);

    // A late row for that minute: the standby does not roll it up, nor does the holder before the hour is out.
    await store.writeSignalBuckets([row(minute + BUCKET, 7)]);
    expect(await standby.evaluateOnce()).toMatchObject({ leader: false });
    clock.advance(HOUR - SECOND);
    expect(await holder.evaluateOnce()).toMatchObject({ leader: true });
    expect((await store.readSignalBuckets('checkout', 0, T0)).map((bucket) => bucket.resolutionMs)).toEqual([60_000, 10_000]);
    clock.advance(SECOND);
    await holder.evaluateOnce();
    expect(await store.readSignalBuckets('checkout', 0, T0)).toEqual([{ ...rolled, value: 37, samples: 7 }]);
  });

  it('finds the newest change number of the bucket store', async () => {
    extra = await openTestStore(engine);
    const { store } = extra;
    expect(await latestBucketSeq(store)).toBe(0);
    for (const [series, count] of [['a', 37], ['b', 1], ['a', 5]] as const) {
      await store.writeBuckets(series, buckets(T0, T0 + count * BUCKET, 10), 'replace');
      const all = await store.readBucketChanges(0, 100_000);
      expect(await latestBucketSeq(store)).toBe(Math.max(...all.map((change) => change.seq)));
    }
  });
});
