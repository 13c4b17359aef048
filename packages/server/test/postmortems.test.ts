import type { PostmortemBody } from '@xops/contracts';
import { testDatabaseEngines } from '@xops/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../src/clock/fake-clock';
import { applyCheckout, DAY, SERIES } from './slo-fixtures';
import { openTestApp, type TestApp, type TestCaller } from './test-app';

const T0 = Date.UTC(2026, 2, 4, 10, 0, 0); // Wednesday 4 March 2026, 10:00 UTC
const MINUTE = 60_000;

describe.each(testDatabaseEngines())('postmortems on %s', (engine) => {
  let t: TestApp;
  let clock: FakeClock;
  beforeEach(async () => {
    clock = new FakeClock(T0);
    t = await openTestApp(engine, { clock });
    // checkout-availability: 99.9 % of checkout requests over a rolling 30 days, Occurrences.
    await applyCheckout(t.store);
    await t.store.writeBuckets(SERIES, [
      { start: T0 - 31 * DAY, good: 0, total: 1000 }, // before the SLO's window at the resolve: counts nowhere
      { start: T0 - 10 * DAY, good: 198_000, total: 198_000 },
      { start: T0, good: 950, total: 1000 }, // during the incident: 50 bad
      { start: T0 + 10 * MINUTE, good: 1000, total: 1000 },
      { start: T0 + 40 * MINUTE, good: 500, total: 1000 }, // after the resolve: not the incident's
    ], 'replace');
  });
  afterEach(async () => { await t.close(); });

  const call = async (minutes: number, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, as: TestCaller = 'responder', payload?: Record<string, unknown>) => {
    clock.set(T0 + minutes * MINUTE);
    return t.call({ method, url, as, ...(payload === undefined ? {} : { payload }) });
  };
  const small = async () => {
    expect((await call(0, 'POST', '/api/v1/incidents', 'responder', { title: 'Checkout errors', severity: 'SEV2', services: ['checkout'], commander: 'alice' })).statusCode).toBe(201);
    expect((await call(2, 'POST', '/api/v1/incidents/1/acknowledge')).statusCode).toBe(200);
    expect((await call(5, 'POST', '/api/v1/incidents/1/notes', 'editor', { text: 'Rolled back deploy 42 | pool size 5 → 50' })).statusCode).toBe(200);
    expect((await call(10, 'GET', '/api/v1/incidents/1/postmortem', 'viewer')).statusCode).toBe(404);
    expect((await call(30, 'POST', '/api/v1/incidents/1/resolve')).statusCode).toBe(200);
  };

  it('drafts the postmortem at the resolve with the error budget the incident consumed', async () => {
    await small();
    const response = await call(31, 'GET', '/api/v1/incidents/1/postmortem', 'viewer');
    expect(response.statusCode, response.body).toBe(200);
    const postmortem: PostmortemBody = response.json();
    // Window at the resolve: [10:30 − 30 d, 10:30). Events in it: 198 000 + 1000 + 1000 = 200 000,
    // so the budget is (1 − 0.999) × 200 000 = 200 bad events; the incident had 50 bad of 2000 → 25 %.
    expect(postmortem.impact).toEqual([{
      slo: 'checkout-availability', service: 'checkout', objective: 'Available', target: 0.999, unit: 'events',
      bad: 50, total: 2000, budget: 200, budgetConsumedPercent: 25,
      windowFrom: new Date(T0 + 30 * MINUTE - 30 * DAY).toISOString(), windowTo: new Date(T0 + 30 * MINUTE).toISOString(), problem: null,
    }]);
    expect(postmortem).toMatchObject({
      status: 'draft', complete: true, updatedBy: 'xops', createdAt: new Date(T0 + 30 * MINUTE).toISOString(),
      summary: 'SEV2 incident #1 "Checkout errors" affected checkout for 30 min, from 2026-03-04 10:00:00 UTC to 2026-03-04 10:30:00 UTC. '
        + 'It was acknowledged after 2 min and mitigated after 30 min.',
    });
    expect(postmortem.contributingFactors.map((factor) => factor.answer)).toEqual(['', '', '', '']);
    expect(postmortem.timeline).toHaveLength(5);
  });

  it('tracks action items: an open one makes the incident incomplete', async () => {
    await small();
    const added = await call(35, 'POST', '/api/v1/incidents/1/action-items', 'responder', { title: 'Alert on checkout 5xx', owner: 'bob', due: '2026-03-11' });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ id: '1-1', owner: 'bob', due: '2026-03-11', status: 'open', overdue: false });
    expect((await call(35, 'POST', '/api/v1/incidents/1/action-items', 'responder', { title: 'x', owner: 'bob', due: '2026-02-30' })).statusCode).toBe(400);
    expect(((await call(36, 'GET', '/api/v1/incidents/1', 'viewer')).json())).toMatchObject({ complete: false, openActionItems: 1 });
    expect(((await call(36, 'GET', '/api/v1/incidents/1/postmortem', 'viewer')).json())).toMatchObject({ complete: false });
    expect((await call(37, 'PATCH', '/api/v1/incidents/1/action-items/1-1', 'responder', { status: 'done' })).json()).toMatchObject({ status: 'done' });
    expect(((await call(38, 'GET', '/api/v1/incidents/1', 'viewer')).json())).toMatchObject({ complete: true, openActionItems: 0 });
    expect((await call(39, 'DELETE', '/api/v1/incidents/1/action-items/1', 'responder')).statusCode).toBe(204);
    expect((await call(39, 'DELETE', '/api/v1/incidents/1/action-items/1', 'responder')).statusCode).toBe(404);
    expect((await call(39, 'GET', '/api/v1/incidents/1/action-items', 'viewer')).json()).toEqual([]);
  });

  it('exports the postmortem as Markdown', async () => {
    await small();
    expect((await call(35, 'POST', '/api/v1/incidents/1/action-items', 'responder', { title: 'Alert on checkout 5xx before customers notice', owner: 'bob', due: '2026-03-11' })).statusCode).toBe(201);
    const draft: PostmortemBody = (await call(40, 'GET', '/api/v1/incidents/1/postmortem', 'viewer')).json();
    const [first, ...rest] = draft.contributingFactors;
    const edited = await call(40, 'PUT', '/api/v1/incidents/1/postmortem', 'responder', {
      status: 'in-review', contributingFactors: [{ question: first!.question, answer: 'Deploy 42 shipped a connection-pool limit of 5.' }, ...rest],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ status: 'in-review', updatedBy: 'responder-bot', summary: draft.summary });

    const exported = await call(50, 'GET', '/api/v1/incidents/1/postmortem.md', 'viewer');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(exported.body).toBe(`# Postmortem #1: Checkout errors

Status: in-review. Complete: no (1 open action item).

- Severity: SEV2
- Services: checkout
- Opened: 2026-03-04 10:00:00 UTC
- Acknowledged: 2026-03-04 10:02:00 UTC (after 2 min)
- Mitigated: 2026-03-04 10:30:00 UTC (after 30 min)
- Resolved: 2026-03-04 10:30:00 UTC (after 30 min)
- Commander: alice

## Summary

SEV2 incident #1 "Checkout errors" affected checkout for 30 min, from 2026-03-04 10:00:00 UTC to 2026-03-04 10:30:00 UTC. It was acknowledged after 2 min and mitigated after 30 min.

## Impact

| SLO | Objective | Target | Bad during the incident | Budget of the window | Budget consumed |
|---|---|---|---|---|---|
| checkout-availability | Available | 99.9% | 50 of 2000 events | 200 events | 25% |

## Timeline

| Time (UTC) | Who | What |
|---|---|---|
| 2026-03-04 10:00:00 | responder-bot | #1 opened: Checkout errors |
| 2026-03-04 10:00:00 | responder-bot | Commander: alice |
| 2026-03-04 10:02:00 | responder-bot | Acknowledged |
| 2026-03-04 10:05:00 | editor-bot | Rolled back deploy 42 \\| pool size 5 → 50 |
| 2026-03-04 10:30:00 | responder-bot | Resolved |

## Contributing factors

_Blameless: these questions are about the system, not about people._

### What changed in the system, its load or its dependencies that set this off?

Deploy 42 shipped a connection-pool limit of 5.

### Which safeguards (tests, canaries, limits, alerts) should have stopped or caught it sooner, and why did they not?

_Not answered yet._

### What made it hard to see, diagnose or mitigate: dashboards, runbooks, tooling, access?

_Not answered yet._

### Where else could the same conditions cause an incident?

_Not answered yet._

## Action items

| ID | Action | Owner | Due | Status |
|---|---|---|---|---|
| 1-1 | Alert on checkout 5xx before customers notice | bob | 2026-03-11 | open |
`);
  });
});
