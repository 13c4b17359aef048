import type { ConfigObject, SloStatusListBody, SloSummaryListBody } from '@xops/contracts';
import { testDatabaseEngines } from '@xops/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../src/clock/fake-clock';
import type { SloEvaluator } from '../src/slo/slo-evaluator';
import { brokenSlo, openEvaluatingApp } from './evaluating-app';
import { availabilitySlo, buckets, HOUR, MINUTE, SERIES, T0 } from './slo-fixtures';
import type { TestApp } from './test-app';

// `GET /api/v1/slo-summaries`: the overview's one request, a tenth the size of the statuses
// (issue 6's bench: parsing 3 MB of statuses for 1,000 SLOs held the overview past its 1 s).

/** The checkout SLO at 99 %, with a display name and labels, one of them a list. */
const labelled: ConfigObject = {
  ...availabilitySlo,
  metadata: { name: 'labelled', displayName: 'Checkout, labelled', labels: { team: 'payments', tier: ['1', 'gold'] } },
  spec: { ...availabilitySlo.spec, objectives: [{ displayName: 'Available', target: 0.99 }] },
};

describe.each(testDatabaseEngines())('GET /api/v1/slo-summaries on %s', (engine) => {
  let testApp: TestApp;
  let evaluator: SloEvaluator;
  const clock = new FakeClock(T0);

  beforeEach(async () => {
    clock.set(T0 + 10 * MINUTE);
    ({ testApp, evaluator } = await openEvaluatingApp(engine, clock, labelled, brokenSlo));
  });
  afterEach(async () => { await testApp.close(); });

  const get = async <T>(url: string): Promise<T> => {
    const response = await testApp.call({ url, as: 'viewer' });
    expect(response.statusCode).toBe(200);
    return response.json();
  };
  /** Two clean hours of 1,000 requests per 10 s, then 10 minutes with `bad` of each 1,000 failing. */
  const traffic = (bad: number) => testApp.store.writeBuckets(SERIES, buckets(T0 - 2 * HOUR, T0 + 10 * MINUTE, 1000, (start) => (start >= T0 ? bad : 0)), 'replace');

  it('lists every SLO by name with its Service and labels, and why none has a status before the first evaluation', async () => {
    const body = await get<SloSummaryListBody>('/api/v1/slo-summaries');
    const notYet = (slo: string) => ({ code: 'XOPS_ERR_NOT_READY', message: `SLO "${slo}" has not been evaluated yet: ask again after the next evaluation.` });
    expect(body).toEqual({
      summaries: [
        { slo: 'broken', displayName: 'broken', service: 'checkout', labels: {}, objectives: [], unavailable: notYet('broken') },
        { slo: 'checkout-availability', displayName: 'checkout-availability', service: 'checkout', labels: {}, objectives: [], unavailable: notYet('checkout-availability') },
        { slo: 'labelled', displayName: 'Checkout, labelled', service: 'checkout', labels: { team: ['payments'], tier: ['1', 'gold'] }, objectives: [], unavailable: notYet('labelled') },
      ],
    });
  });

  it('gives each objective\'s SLI, budget left and burn rates, and why an SLO cannot be evaluated', async () => {
    await traffic(10);
    await evaluator.evaluateOnce();
    const { summaries } = await get<SloSummaryListBody>('/api/v1/slo-summaries');
    expect(summaries.map((summary) => summary.slo)).toEqual(['broken', 'checkout-availability', 'labelled']);
    expect(summaries[0]!.unavailable).toEqual({
      code: 'XOPS_ERR_CONFLICT', message: 'SLO "broken": SLI "missing" does not exist; it cannot be evaluated until that is fixed.',
    });
    const checkout = summaries[1]!;
    expect(checkout.unavailable).toBeNull();
    const [objective] = checkout.objectives;
    // 780 buckets of 1,000 requests, the last 60 with 10 failed: 600 of 780,000 against a budget of
    // 0.1 % (780 requests); 1 % (7,800) for `labelled`.
    expect(objective!.objective).toBe('Available');
    expect(objective!.target).toBe(0.999);
    expect(objective!.sli).toBeCloseTo(779_400 / 780_000, 12);
    expect(objective!.errorBudgetRemaining).toBeCloseTo(1 - 600 / 780, 12);
    expect(summaries[2]!.objectives[0]!.errorBudgetRemaining).toBeCloseTo(1 - 600 / 7800, 12);
    // Error ratio over the window ÷ 0.1 %: the last 5 minutes are all 1 % errors (10×); longer
    // windows dilute the 600 errors (30 m: 600 in 180,000 requests, 3.33×), so 5 m burns fastest.
    expect(objective!.fastestBurn!.window).toBe('5m');
    expect(objective!.fastestBurn!.burnRate).toBeCloseTo(10, 9);
    // Nothing burns at 14.4× over an hour, 6× over 6 hours, 3× a day or 1× over 3 days: no alert.
    expect(objective!.alerts).toEqual([]);

    // The same figures as the statuses, in brief.
    const { statuses } = await get<SloStatusListBody>('/api/v1/slo-statuses');
    for (const status of statuses) {
      const summary = summaries.find((candidate) => candidate.slo === status.slo)!;
      expect(summary.objectives).toEqual(status.objectives.map((full) => ({
        objective: full.objective, target: full.target, sli: full.sli, errorBudgetRemaining: full.errorBudget.remaining,
        fastestBurn: full.burnRates.reduce<{ window: string; burnRate: number } | null>((best, { window, burnRate }) =>
          (burnRate !== null && (best === null || burnRate > best.burnRate) ? { window, burnRate } : best), null),
        alerts: [],
      })));
    }
  });

  it('lists the alerts pending or firing, and only those', async () => {
    // 10 % errors for 10 minutes: 6,000 failed, the budget of 780 spent nearly eight times over.
    await traffic(100);
    await evaluator.evaluateOnce();
    const { summaries } = await get<SloSummaryListBody>('/api/v1/slo-summaries');
    const alerts = summaries[1]!.objectives[0]!.alerts;
    expect(alerts.map((alert) => alert.rule)).toContain('budget-exhausted');
    const status = await get<SloStatusListBody>('/api/v1/slo-statuses');
    const active = status.statuses[0]!.objectives[0]!.alerts.filter((alert) => alert.status === 'pending' || alert.status === 'firing');
    expect(alerts).toEqual(active.map(({ rule, status: state, severity }) => ({ rule, status: state, severity })));
  });

  it('needs a token', async () => {
    expect((await testApp.call({ url: '/api/v1/slo-summaries' })).statusCode).toBe(401);
  });
});
