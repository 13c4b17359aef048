import { createApiClient, type AlertTransitionBody, type ConfigObject, type ReplayResultBody, type SloSeriesBody } from '@xops/contracts';
import { testDatabaseEngines } from '@xops/store';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../src/clock/fake-clock';
import { createSloEvaluator, type SloEvaluator } from '../src/slo/slo-evaluator';
import { applyCheckout, availabilitySlo, BUCKET, buckets, HOUR, MINUTE, SECOND, SERIES, T0 } from './slo-fixtures';
import { openTestApp, type TestApp } from './test-app';

const iso = (ms: number) => new Date(ms).toISOString();
const brief = (t: AlertTransitionBody) => `${(Date.parse(t.at) - T0) / SECOND}s ${t.rule} ${t.from}→${t.to}`;
const outage = (start: number) => (start >= T0 && start < T0 + 5 * MINUTE ? 1000 : 0);

/** The value of one sample in Prometheus text, by metric name and exact label set. */
function sample(text: string, name: string, labels: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe.each(testDatabaseEngines())('SLO routes on %s', (engine) => {
  let testApp: TestApp;
  let evaluator: SloEvaluator;
  let clock: FakeClock;

  // Two clean hours, then a full outage over [T0, T0 + 5 min), clean again until T0 + 15 min.
  beforeEach(async () => {
    clock = new FakeClock(T0);
    testApp = await openTestApp(engine, {
      clock,
      evaluator: (store) => (evaluator = createSloEvaluator({ store, clock, logger: pino({ enabled: false }), holder: 'replica-a' })),
    });
    await applyCheckout(testApp.store);
    await testApp.store.writeBuckets(SERIES, buckets(T0 - 2 * HOUR, T0 + 15 * MINUTE, 1000, outage), 'replace');
  });
  afterEach(async () => { await testApp.close(); });

  it('serves the SLI, remaining budget and burn rates over time, worked out by hand', async () => {
    const response = await testApp.call({ url: `/api/v1/slos/checkout-availability/series?from=${iso(T0)}&to=${iso(T0 + 10 * MINUTE)}&step=5m`, as: 'viewer' });
    expect(response.statusCode).toBe(200);
    const body: SloSeriesBody = response.json();
    expect(body).toMatchObject({
      slo: 'checkout-availability', from: iso(T0), to: iso(T0 + 10 * MINUTE), stepSeconds: 300,
      at: [iso(T0), iso(T0 + 5 * MINUTE), iso(T0 + 10 * MINUTE)],
    });
    const [objective] = body.objectives;
    expect(objective).toMatchObject({ objective: 'Available', target: 0.999 });
    // 720 clean buckets; then 30 bad of 750; then 30 bad of 780 (1000 requests each).
    expect(objective!.sli).toEqual([1, 0.96, 750 / 780]);
    // Budget 0.1 % of all requests so far: 720, 750, 780 requests; 30 000 failed.
    const remaining = objective!.errorBudgetRemaining;
    [1, 1 - 30_000 / 750, 1 - 30_000 / 780].forEach((value, i) => expect(remaining[i]).toBeCloseTo(value, 9));
    const burn = (window: string) => objective!.burnRates.find((rate) => rate.window === window)?.values ?? [];
    expect(objective!.burnRates.map((rate) => rate.window)).toEqual(['5m', '30m', '1h', '2h', '6h', '1d', '3d']);
    // (bad / total) / 0.1 %: the 5-minute window is all bad at 5 min and clean at 10; the hour holds 30 bad of 360.
    [0, 1000, 0].forEach((value, i) => expect(burn('5m')[i]).toBeCloseTo(value, 9));
    [0, 30 / 360 / 0.001, 30 / 360 / 0.001].forEach((value, i) => expect(burn('1h')[i]).toBeCloseTo(value, 9));
    [0, 30 / 750 / 0.001, 30 / 780 / 0.001].forEach((value, i) => expect(burn('6h')[i]).toBeCloseTo(value, 9));
  });

  it('refuses steps below 10 s, backward spans, too many points and unknown SLOs', async () => {
    const series = (query: string) => testApp.call({ url: `/api/v1/slos/checkout-availability/series?${query}`, as: 'viewer' });
    const first = await series('step=5s');
    expect(first.statusCode).toBe(400);
    expect(first.json().error.code).toBe('XOPS_ERR_VALIDATION');
    expect((await series(`from=${iso(T0)}&to=${iso(T0 - MINUTE)}`)).statusCode).toBe(400);
    const many = await series(`from=${T0 - 2 * 86_400_000}&to=${T0}&step=10s`);
    expect(many.json()).toEqual({ error: {
      code: 'XOPS_ERR_VALIDATION', message: 'That is 17281 points; at most 11000 are served: use a step of at least 20s.', details: { points: 17_281 },
    } });
    // No step: about 1000 points. A day at 90 s per point is 961 points.
    expect((await series('from=now-1d')).json().at).toHaveLength(961);
    expect((await testApp.call({ url: '/api/v1/slos/nope/series', as: 'viewer' })).statusCode).toBe(404);
    expect((await testApp.call({ url: '/api/v1/slos/checkout-availability/series' })).statusCode).toBe(401);
  });

  it('replays the stored SLO with every transition, the same as the live loop saved', async () => {
    // The live loop first, ticking every 10 s over the same buckets.
    for (let now = T0; now <= T0 + 10 * MINUTE; now += BUCKET) {
      clock.set(now);
      await evaluator.evaluateOnce();
    }
    const body = { slo: 'checkout-availability', from: iso(T0), to: iso(T0 + 10 * MINUTE), step: '5m' };
    expect((await testApp.call({ method: 'POST', url: '/api/v1/replay', payload: body, as: 'viewer' })).statusCode).toBe(403);
    const response = await testApp.call({ method: 'POST', url: '/api/v1/replay', payload: body, as: 'editor' });
    expect(response.statusCode).toBe(200);
    const replay: ReplayResultBody = response.json();
    expect(replay).toMatchObject({ slo: 'checkout-availability', source: 'stored', stepSeconds: 300, at: [iso(T0), iso(T0 + 5 * MINUTE), iso(T0 + 10 * MINUTE)] });
    expect(replay.objectives[0]?.sli).toEqual([1, 0.96, 750 / 780]);
    // With only two hours of history the window is small: one bad bucket in 721 burns at 1.39×
    // (≥ 1×) and spends the 721-request budget at 10 s; 3 in 723 burn 4.15× at 30 s; 5 in 725
    // burn 6.9× at 50 s; 6 bad in the hour burn 16.7× at 60 s; the page's 5 minutes are clean at 600 s.
    expect(replay.transitions.map(brief)).toEqual([
      '10s burn-rate-1x inactive→firing',
      '10s budget-exhausted inactive→firing',
      '30s burn-rate-3x inactive→firing',
      '50s burn-rate-6x inactive→firing',
      '60s burn-rate-14.4x inactive→firing',
      '600s burn-rate-14.4x firing→resolved',
    ]);
    const live = await testApp.call({ url: '/api/v1/alerts/transitions?slo=checkout-availability', as: 'viewer' });
    expect((live.json() as AlertTransitionBody[]).reverse()).toEqual(replay.transitions);
  });

  it('replays a changed SLO document before it is applied', async () => {
    const document: ConfigObject = {
      ...availabilitySlo,
      spec: {
        ...availabilitySlo.spec,
        alertPolicies: [{
          kind: 'AlertPolicy',
          metadata: { name: 'fast-page' },
          spec: {
            conditions: [{ kind: 'AlertCondition', metadata: { name: 'fast' }, spec: { severity: 'page', condition: { kind: 'burnrate', op: 'gte', threshold: 100, lookbackWindow: '5m', alertAfter: '2m' } } }],
            notificationTargets: [{ targetRef: 'on-call' }],
          },
        }],
      },
    };
    const replay = (payload: Record<string, unknown>) => testApp.call({ method: 'POST', url: '/api/v1/replay', as: 'editor', payload });
    const response = await replay({ slo: 'checkout-availability', from: T0, to: T0 + 10 * MINUTE, document });
    expect(response.statusCode).toBe(200);
    const body: ReplayResultBody = response.json();
    expect(body.source).toBe('document');
    // 100× over 5 min needs 3 bad buckets in 30: holds from 30 s, fires 2 min later, and stops once
    // fewer than 3 of the last bad buckets ([270 s, 300 s)) are in the window: at 580 s.
    expect(body.transitions.map(brief)).toEqual([
      '30s fast-page inactive→pending',
      '150s fast-page pending→firing',
      '580s fast-page firing→resolved',
    ]);
    // Not applied: the stored SLO is unchanged.
    expect((await testApp.store.getObject('SLO', 'checkout-availability'))?.revision).toBe(1);

    const renamed = await replay({ slo: 'other', from: T0, to: T0 + MINUTE, document });
    expect(renamed.statusCode).toBe(422);
    expect(renamed.json().error.details.problems).toEqual([
      { index: 0, path: ['metadata', 'name'], message: 'the document must be the SLO `other` that `slo` names, not SLO `checkout-availability`' },
    ]);
    const broken = await replay({ slo: 'checkout-availability', from: T0, to: T0 + MINUTE, document: { ...document, spec: { ...document.spec, indicatorRef: 'missing' } } });
    expect(broken.statusCode).toBe(422);
    expect(broken.json().error.code).toBe('XOPS_ERR_CONFIG_INVALID');
  });

  it('answers status 503 before the first evaluation, and in shapes the typed API client reads', async () => {
    const before = await testApp.call({ url: '/api/v1/slos/checkout-availability/status', as: 'viewer' });
    expect(before.statusCode).toBe(503);
    expect(before.json().error.code).toBe('XOPS_ERR_NOT_READY');
    clock.set(T0 + 10 * MINUTE);
    await evaluator.evaluateOnce();

    // The client parses every answer with the contracts' schemas, so this checks the routes' shapes end to end.
    const viaInject: typeof fetch = async (input, init) => {
      const url = new URL(String(input));
      const response = await testApp.app.inject({
        method: init?.method as 'GET' | 'POST', url: `${url.pathname}${url.search}`,
        headers: init?.headers as Record<string, string>, payload: init?.body as string | undefined,
      });
      return new Response(response.body, { status: response.statusCode });
    };
    const client = createApiClient({ server: 'http://xops.test', token: testApp.tokens.editor, fetch: viaInject });
    expect((await client.getSloStatus('checkout-availability')).objectives[0]?.sli).toBe(750 / 780);
    expect((await client.getSloSeries('checkout-availability', { from: 'now-10m', step: '5m' })).at).toEqual([iso(T0), iso(T0 + 5 * MINUTE), iso(T0 + 10 * MINUTE)]);
    expect((await client.replay({ slo: 'checkout-availability', from: 'now-10m', to: 'now' })).transitions).toHaveLength(6);
    expect(await client.listAlerts({ status: 'pending' })).toEqual([]);
    expect(await client.listAlertTransitions({ slo: 'checkout-availability', limit: 2 })).toHaveLength(2);
  });

  it('lists alert states and transitions, and exports the SLO metrics', async () => {
    for (let now = T0; now <= T0 + 10 * MINUTE; now += BUCKET) {
      clock.set(now);
      await evaluator.evaluateOnce();
    }
    const alerts = async (query: string) => (await testApp.call({ url: `/api/v1/alerts${query}`, as: 'viewer' })).json();
    expect((await alerts('?status=firing')).map((a: { rule: string; severity: string }) => `${a.rule}/${a.severity}`))
      .toEqual(['budget-exhausted/ticket', 'burn-rate-1x/ticket', 'burn-rate-3x/ticket', 'burn-rate-6x/page']);
    expect(await alerts('?status=resolved&slo=checkout-availability')).toEqual([{
      slo: 'checkout-availability', objective: 'Available', rule: 'burn-rate-14.4x', status: 'resolved', severity: 'page',
      activeSince: iso(T0 + MINUTE), firedAt: iso(T0 + MINUTE), resolvedAt: iso(T0 + 10 * MINUTE), value: expect.any(Number),
    }]);
    expect(await alerts('?slo=other')).toEqual([]);
    const transitions = await testApp.call({ url: `/api/v1/alerts/transitions?from=${iso(T0 + MINUTE)}&to=${iso(T0 + 10 * MINUTE)}`, as: 'viewer' });
    expect((transitions.json() as AlertTransitionBody[]).map(brief)).toEqual(['60s burn-rate-14.4x inactive→firing']);

    const metrics = (await testApp.call({ url: '/metrics' })).body;
    const labels = 'slo="checkout-availability",objective="Available"';
    expect(sample(metrics, 'xops_slo_sli', labels)).toBeCloseTo(750 / 780, 12);
    expect(sample(metrics, 'xops_slo_error_budget_remaining', labels)).toBeCloseTo(1 - 30_000 / 780, 9);
    expect(sample(metrics, 'xops_slo_burn_rate', `${labels},window="1h"`)).toBeCloseTo(30 / 360 / 0.001, 9);
    expect(sample(metrics, 'xops_slo_burn_rate', `${labels},window="5m"`)).toBe(0);
    expect(sample(metrics, 'xops_slo_alerts_firing', `${labels},severity="page"`)).toBe(1);
    expect(sample(metrics, 'xops_slo_alerts_firing', `${labels},severity="ticket"`)).toBe(3);
  });
});
