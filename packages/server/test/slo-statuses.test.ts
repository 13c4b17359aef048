import type { ConfigObject, SloStatusListBody } from '@xops/contracts';
import { testDatabaseEngines } from '@xops/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../src/clock/fake-clock';
import type { SloEvaluator } from '../src/slo/slo-evaluator';
import { brokenSlo, openEvaluatingApp } from './evaluating-app';
import { availabilitySlo, buckets, HOUR, MINUTE, SERIES, T0 } from './slo-fixtures';
import type { TestApp } from './test-app';

// `GET /api/v1/slo-statuses`: the overview's one request for every SLO (issue 6's bench: one
// status request per SLO took the overview of 1,000 SLOs far past its 1 s).

/** The checkout SLO at 99 %, named `status`: its name is what `/api/v1/slos/status` would have taken. */
const namedStatus: ConfigObject = { ...availabilitySlo, metadata: { name: 'status' }, spec: { ...availabilitySlo.spec, objectives: [{ displayName: 'Available', target: 0.99 }] } };

describe.each(testDatabaseEngines())('GET /api/v1/slo-statuses on %s', (engine) => {
  let testApp: TestApp;
  let evaluator: SloEvaluator;
  const clock = new FakeClock(T0);

  beforeEach(async () => {
    clock.set(T0 + 10 * MINUTE);
    ({ testApp, evaluator } = await openEvaluatingApp(engine, clock, namedStatus, brokenSlo));
    // Two clean hours of 1,000 requests per 10 s, then 10 minutes with 10 of each 1,000 failing.
    await testApp.store.writeBuckets(SERIES, buckets(T0 - 2 * HOUR, T0 + 10 * MINUTE, 1000, (start) => (start >= T0 ? 10 : 0)), 'replace');
  });
  afterEach(async () => { await testApp.close(); });

  const list = async (): Promise<SloStatusListBody> => {
    const response = await testApp.call({ url: '/api/v1/slo-statuses', as: 'viewer' });
    expect(response.statusCode).toBe(200);
    return response.json();
  };

  it('says why no SLO has a status before the first evaluation', async () => {
    expect(await list()).toEqual({
      statuses: [],
      unavailable: ['broken', 'checkout-availability', 'status'].map((slo) => ({
        slo, code: 'XOPS_ERR_NOT_READY', message: `SLO "${slo}" has not been evaluated yet: ask again after the next evaluation.`,
      })),
    });
  });

  it('answers every SLO\'s status by name, each as its own status route does, and why one has none', async () => {
    await evaluator.evaluateOnce();
    const body = await list();
    expect(body.statuses.map((status) => status.slo)).toEqual(['checkout-availability', 'status']);
    expect(body.unavailable).toEqual([{
      slo: 'broken', code: 'XOPS_ERR_CONFLICT', message: 'SLO "broken": SLI "missing" does not exist; it cannot be evaluated until that is fixed.',
    }]);
    // 780 buckets of 1,000 requests, 60 of them with 10 failed: 600 of 780,000. The budget is
    // 0.1 % (780 requests) for checkout-availability and 1 % (7,800) for `status`.
    const [checkout, status] = body.statuses.map((entry) => entry.objectives[0]!);
    expect(checkout!.events).toEqual({ good: 779_400, total: 780_000 });
    expect(checkout!.errorBudget.remaining).toBeCloseTo(1 - 600 / 780, 12);
    expect(status!.errorBudget.remaining).toBeCloseTo(1 - 600 / 7800, 12);
    for (const entry of body.statuses) {
      const one = await testApp.call({ url: `/api/v1/slos/${entry.slo}/status`, as: 'viewer' });
      expect(one.json()).toEqual(entry);
    }
    // The SLO named `status` is still an object at its own path.
    expect((await testApp.call({ url: '/api/v1/slos/status', as: 'viewer' })).json()).toMatchObject({ kind: 'SLO', name: 'status' });
  });

  it('needs a token', async () => {
    expect((await testApp.call({ url: '/api/v1/slo-statuses' })).statusCode).toBe(401);
  });
});
