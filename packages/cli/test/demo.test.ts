import {
  backfillDemoHistory, bootstrapAdminToken, createApp, createDemoFleet, createScraper, createSloEvaluator, createTelemetrySink, FakeClock,
  type DemoFleet, type SloEvaluator,
} from '@xops/server';
import { openTestStore, type TestStore } from '@xops/store';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDocuments } from '../src/commands/demo-documents';

/** 2025-03-01T14:00:00Z: the peak of the fleet's day. */
const T0 = Date.UTC(2025, 2, 1, 14, 0, 0);
const STEP = 10_000;

/** catalog's request counters as its `/metrics` shows them. */
async function catalogCounts(fleet: DemoFleet): Promise<{ ok: number; failed: number }> {
  const text = await (await fetch(fleet.urls.catalog ?? '')).text();
  const count = (code: string) => Number(new RegExp(`http_requests_total\\{service="catalog",code="${code}"\\} (\\d+)`).exec(text)?.[1]);
  return { ok: count('200'), failed: count('500') };
}

describe('the demo fleet, scraped and pushing OTLP in-process on loopback with a fake clock', () => {
  const clock = new FakeClock(T0);
  const logger = pino({ enabled: false });
  let testStore: TestStore;
  let fleet: DemoFleet;
  // The same fleet with catalog on /metrics rather than pushing: what the push must add up to.
  let twin: DemoFleet;
  let baseline: { ok: number; failed: number } | undefined;
  let sink: ReturnType<typeof createTelemetrySink>;
  let evaluator: SloEvaluator;
  let close: () => Promise<void>;
  let step: () => Promise<void>;
  let inject: (body: unknown) => Promise<{ statusCode: number; json(): unknown }>;

  beforeAll(async () => {
    testStore = await openTestStore('sqlite');
    const { store } = testStore;
    fleet = await createDemoFleet({ clock, seed: 7 });
    twin = await createDemoFleet({ clock, seed: 7, otlpServices: [] });
    const documents = await demoDocuments(fleet.services.flatMap((name) => fleet.urls[name] ?? []));
    await store.applyObjects(documents, 'test');
    const token = await bootstrapAdminToken(store);
    sink = createTelemetrySink({ store, clock, logger });
    const scraper = createScraper({ store, sink, clock, logger, holder: 'demo-test' });
    evaluator = createSloEvaluator({ store, clock, logger, holder: 'demo-test' });
    const app = await createApp({ store, version: '0.0.0-test', clock, evaluator, telemetry: { sink, scraper }, demo: fleet });
    // catalog pushes OTLP over real HTTP, as `xops demo` wires it in main.ts.
    fleet.pushTo({ url: `${await app.listen({ host: '127.0.0.1', port: 0 })}/v1/metrics`, token: token ?? '' });
    inject = (body) => app.inject({ method: 'POST', url: '/api/v1/demo/faults', payload: JSON.stringify(body), headers: { authorization: `Bearer ${token ?? ''}`, 'content-type': 'application/json' } });
    // One live loop turn, 10 s of simulated time: traffic and catalog's push, a scrape of every target, held buckets written, an evaluation.
    step = async () => {
      clock.advance(STEP);
      await Promise.all([fleet.advance(), twin.advance()]);
      // catalog's first push only sets baselines, as a first scrape does.
      baseline ??= await catalogCounts(twin);
      await scraper.scrapeAll();
      await sink.flush();
      await evaluator.evaluateOnce();
    };
    close = async () => {
      await evaluator.close();
      await scraper.close();
      await app.close();
      await sink.close();
      await fleet.close();
      await twin.close();
      await testStore.cleanup();
    };
  });
  afterAll(() => close());

  const payments = () => evaluator.status('payments-availability')?.objectives[0];

  it('serves healthy traffic, then a 100 % error fault on payments raises its burn rate and a page alert', { timeout: 20_000 }, async () => {
    // Five healthy minutes: requests are counted and the SLI stays near its 99.98 % normal.
    for (let i = 0; i < 30; i++) await step();
    const healthy = payments();
    expect(healthy?.events.total).toBeGreaterThan(1000);
    expect(healthy?.sli).toBeGreaterThan(0.99);
    expect(healthy?.alerts.filter((alert) => alert.status !== 'inactive' && alert.status !== 'resolved')).toEqual([]);

    const bad = await inject({ service: 'payments', errors: 1, for: '10m' });
    twin.inject({ service: 'payments', errors: 1, latencyMs: 0, untilMs: clock.now() + 600_000 });
    expect(bad.statusCode).toBe(200);
    expect(bad.json()).toEqual([{ service: 'payments', errors: 1, latencyMs: 0, until: new Date(clock.now() + 600_000).toISOString() }]);
    expect((await inject({ service: 'nope', errors: 1 })).statusCode).toBe(404);
    expect((await inject({ service: 'payments', errors: 2 })).statusCode).toBe(400);

    // Every payment fails: the 5-minute burn rate goes to 1/0.001 = 1000× once the short window is all fault.
    let alerting: string | undefined;
    for (let i = 0; i < 30 && alerting === undefined; i++) {
      await step();
      alerting = payments()?.alerts.find((alert) => alert.severity === 'page' && (alert.status === 'pending' || alert.status === 'firing'))?.status;
    }
    expect(alerting).toMatch(/^(pending|firing)$/);
    const burning = payments()?.burnRates.find((rate) => rate.windowMs === 3_600_000)?.burnRate ?? 0;
    expect(burning).toBeGreaterThan(14.4);
    // The cart calls payments on every request, so it fails with it.
    expect(evaluator.status('cart-availability')?.objectives[0]?.sli).toBeLessThan(healthy?.sli ?? 1);
  });

  it('counts catalog, pushed over OTLP, exactly as its /metrics twin counts it, in its SLO and golden signals', async () => {
    const now = await catalogCounts(twin);
    const ok = now.ok - (baseline?.ok ?? NaN);
    const failed = now.failed - (baseline?.failed ?? NaN);
    // At least 30 steps of 10 s at about 24 catalog requests a second (60 % of the peak 40).
    expect(ok).toBeGreaterThan(6000);
    await sink.flush(Infinity);
    const buckets = await testStore.store.readBuckets('catalog-requests', 0, Number.MAX_SAFE_INTEGER);
    expect(buckets.reduce((sum, bucket) => ({ good: sum.good + bucket.good, total: sum.total + bucket.total }), { good: 0, total: 0 })).toEqual({ good: ok, total: ok + failed });
    // The last push lands in the bucket that starts now: the SLO counts it once that bucket is over.
    clock.advance(STEP);
    await evaluator.evaluateOnce();
    expect(evaluator.status('catalog-availability')?.objectives[0]?.events).toMatchObject({ good: ok, total: ok + failed });
    const signals = await testStore.store.readSignalBuckets('catalog', 0, Number.MAX_SAFE_INTEGER);
    const sum = (signal: string, le = '') => signals.filter((bucket) => bucket.signal === signal && bucket.le === le).reduce((total, bucket) => total + bucket.value, 0);
    expect([sum('requests'), sum('errors'), sum('latency', '+Inf')]).toEqual([ok + failed, failed, ok + failed]);
  });
});

/** 2025-03-01T04:00:00Z: traffic at 0.4 of its peak. */
const T4 = Date.UTC(2025, 2, 1, 4, 0, 0);
const DAY = 86_400_000;

describe('the demo fleet with a day of history backfilled at start', () => {
  const clock = new FakeClock(T4 + 3_000);
  const logger = pino({ enabled: false });
  let testStore: TestStore;
  let fleet: DemoFleet;
  let evaluator: SloEvaluator;
  let close: () => Promise<void>;
  let step: () => Promise<void>;
  let end = 0;

  beforeAll(async () => {
    testStore = await openTestStore('sqlite');
    const { store } = testStore;
    fleet = await createDemoFleet({ clock, seed: 7 });
    await store.applyObjects(await demoDocuments(fleet.services.flatMap((name) => fleet.urls[name] ?? [])), 'test');
    end = await backfillDemoHistory({ store, seed: 7, now: clock.now() });
    const sink = createTelemetrySink({ store, clock, logger });
    const scraper = createScraper({ store, sink, clock, logger, holder: 'demo-history-test' });
    evaluator = createSloEvaluator({ store, clock, logger, holder: 'demo-history-test' });
    step = async () => {
      clock.advance(STEP);
      await fleet.advance();
      await scraper.scrapeAll();
      await sink.flush();
      await evaluator.evaluateOnce();
    };
    close = async () => {
      await evaluator.close();
      await scraper.close();
      await sink.close();
      await fleet.close();
      await testStore.cleanup();
    };
  }, 60_000);
  afterAll(() => close());

  const payments = () => evaluator.status('payments-availability')?.objectives[0];
  const fastBurn = () => [...(payments()?.burnRates ?? [])].sort((a, b) => a.windowMs - b.windowMs)[0]?.burnRate ?? Infinity;

  it('holds a day of buckets ending at the bucket boundary before the first scrape, every hour of it busy', async () => {
    expect(end).toBe(T4);
    const buckets = await testStore.store.readBuckets('payments-requests', 0, Number.MAX_SAFE_INTEGER);
    expect(buckets.length).toBe(DAY / STEP);
    expect(buckets[0]?.start).toBe(T4 - DAY);
    expect(buckets.at(-1)?.start).toBe(T4 - STEP);
    for (let hour = 0; hour < 24; hour++) {
      const inHour = buckets.filter((bucket) => Math.floor((bucket.start - (T4 - DAY)) / 3_600_000) === hour);
      expect(inHour.reduce((sum, bucket) => sum + bucket.total, 0)).toBeGreaterThan(0);
    }
  });

  it('starts the SLO with a day of events at the model\'s error rate', async () => {
    await step();
    const status = payments();
    // The model: the gateway gets 40 req/s × the daily shape, 0.6 on average over a whole day;
    // 30 % of its requests go to the cart, which calls payments on every one: 0.3 × 40 × 0.6 × 86 400.
    const expected = 0.3 * 40 * 0.6 * 86_400;
    expect(status?.events.total).toBeGreaterThan(expected * 0.98);
    expect(status?.events.total).toBeLessThan(expected * 1.02);
    // Payments fails 0.02 % of its requests on its own and calls nothing.
    expect(status?.sli).toBeGreaterThan(1 - 0.0002 * 1.5);
    expect(status?.sli).toBeLessThan(1 - 0.0002 * 0.5);
  });

  it('raises the fast burn rate on a one-minute 100 % fault without exhausting the budget', { timeout: 30_000 }, async () => {
    const before = fastBurn();
    expect(before).toBeLessThan(1);
    await fleet.advance();
    fleet.inject({ service: 'payments', errors: 1, latencyMs: 0, untilMs: clock.now() + 60_000 });
    for (let i = 0; i < 9; i++) await step();
    const status = payments();
    // A minute of every request failing in the shortest window (5 min scaled to 28 days: 280 s):
    // a burn rate of about (60 / 280) / 0.001 ≈ 214.
    expect(fastBurn()).toBeGreaterThan(100);
    // At 0.4 of the peak, a minute of payments is 0.3 × 40 × 0.4 × 60 ≈ 288 failures against a
    // budget of 0.001 × ~622 000 ≈ 622 for the day held, ~124 of them spent by the usual errors.
    expect(status?.alerts.find((alert) => alert.rule === 'budget-exhausted')?.status ?? 'inactive').toBe('inactive');
    expect(status?.budget.remaining).toBeGreaterThan(0);
  });
});
