import { createApp, createDemoFleet, createScraper, createSloEvaluator, createTelemetrySink, FakeClock, bootstrapAdminToken, type DemoFleet, type SloEvaluator } from '@xops/server';
import { openTestStore, type TestStore } from '@xops/store';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDocuments } from '../src/commands/demo-documents';

/** 2025-03-01T14:00:00Z: the peak of the fleet's day. */
const T0 = Date.UTC(2025, 2, 1, 14, 0, 0);
const STEP = 10_000;

describe('the demo fleet, scraped in-process on loopback with a fake clock', () => {
  const clock = new FakeClock(T0);
  const logger = pino({ enabled: false });
  let testStore: TestStore;
  let fleet: DemoFleet;
  let evaluator: SloEvaluator;
  let close: () => Promise<void>;
  let step: () => Promise<void>;
  let inject: (body: unknown) => Promise<{ statusCode: number; json(): unknown }>;

  beforeAll(async () => {
    testStore = await openTestStore('sqlite');
    const { store } = testStore;
    fleet = await createDemoFleet({ clock, seed: 7 });
    const documents = await demoDocuments(['gateway', 'cart', 'payments', 'catalog'].map((name) => fleet.urls[name] ?? ''));
    await store.applyObjects(documents, 'test');
    const token = await bootstrapAdminToken(store);
    const sink = createTelemetrySink({ store, clock, logger });
    const scraper = createScraper({ store, sink, clock, logger, holder: 'demo-test' });
    evaluator = createSloEvaluator({ store, clock, logger, holder: 'demo-test' });
    const app = await createApp({ store, version: '0.0.0-test', clock, evaluator, telemetry: { sink, scraper }, demo: fleet });
    inject = (body) => app.inject({ method: 'POST', url: '/api/v1/demo/faults', payload: JSON.stringify(body), headers: { authorization: `Bearer ${token ?? ''}`, 'content-type': 'application/json' } });
    // One live loop turn, 10 s of simulated time: traffic, a scrape of every target, held buckets written, an evaluation.
    step = async () => {
      clock.advance(STEP);
      fleet.advance();
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
});
