import type { AlertState, AlertTransition } from '@xops/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore, testDatabaseEngines } from '@xops/store';
import type { TestStore } from '@xops/store';
import { runRawSql } from './raw-sql';

const LEASE = 'slo-eval';
const T = Date.UTC(2025, 2, 1, 10, 0, 0);

const firing: AlertState = {
  slo: 'checkout', objective: 'Available', rule: 'page-fast', status: 'firing', severity: 'page',
  activeSince: T - 60_000, firedAt: T, resolvedAt: null, value: 14.4,
};
const fired: AlertTransition = {
  slo: 'checkout', objective: 'Available', rule: 'page-fast', at: T, from: 'pending', to: 'firing', severity: 'page', value: 14.4,
};

describe.each(testDatabaseEngines())('alert states on %s', (engine) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore(engine);
    await t.store.acquireLease(LEASE, 'replica-a', T - 5_000, 15_000); // held until T + 10 s
  });
  afterEach(() => t.cleanup());

  const save = (holder: string, now: number, states: AlertState[], transitions: AlertTransition[]) =>
    t.store.saveEvaluation({ lease: LEASE, holder, now, states, transitions });

  it('saves a tick of the lease holder: states and transitions', async () => {
    expect(await save('replica-a', T, [firing], [fired])).toBe(true);
    expect(await t.store.listAlertStates()).toEqual([firing]);
    expect(await t.store.listAlertTransitions()).toEqual([fired]);
  });

  it('writes nothing for a replica that does not hold the lease, and says so', async () => {
    expect(await save('replica-b', T, [firing], [fired])).toBe(false);
    expect(await t.store.listAlertStates()).toEqual([]);
    expect(await t.store.listAlertTransitions()).toEqual([]);
  });

  it('writes nothing for the former holder once its lease has expired', async () => {
    expect(await save('replica-a', T + 10_000, [firing], [fired])).toBe(false);
    expect(await t.store.listAlertStates()).toEqual([]);
    // …nor after another replica took over.
    await t.store.acquireLease(LEASE, 'replica-b', T + 10_000, 15_000);
    expect(await save('replica-a', T + 10_001, [firing], [fired])).toBe(false);
    expect(await save('replica-b', T + 10_001, [firing], [fired])).toBe(true);
  });

  it('replaces a state by its key and keeps the others', async () => {
    const other: AlertState = { ...firing, rule: 'ticket-slow', status: 'pending', severity: 'ticket', firedAt: null, value: 3.5 };
    await save('replica-a', T, [firing, other], []);
    const resolved: AlertState = { ...firing, status: 'resolved', resolvedAt: T + 5_000, value: 0.2 };
    await save('replica-a', T + 5_000, [resolved], []);
    expect(await t.store.listAlertStates()).toEqual([resolved, other]);
    expect(await t.store.listAlertStates('checkout')).toHaveLength(2);
    expect(await t.store.listAlertStates('search')).toEqual([]);
  });

  it('records a transition once, however often the tick is saved', async () => {
    await save('replica-a', T, [firing], [fired, fired]);
    await save('replica-a', T + 1_000, [firing], [fired]);
    expect(await t.store.listAlertTransitions()).toEqual([fired]);
  });

  it('has the database itself refuse a duplicate transition', async () => {
    await save('replica-a', T, [], [fired]);
    const insert = `insert into alert_transitions (slo, objective, rule, at, from_status, to_status, severity, value)
      values ('checkout', 'Available', 'page-fast', ${T}, 'inactive', 'firing', 'ticket', 1)`;
    const refused = runRawSql(engine, t.options, insert);
    // PostgreSQL's SQLSTATE unique_violation, or better-sqlite3's extended result code.
    await expect(refused).rejects.toMatchObject({ code: engine === 'postgres' ? '23505' : 'SQLITE_CONSTRAINT_UNIQUE' });
    expect(await t.store.listAlertTransitions()).toEqual([fired]);
  });

  it('lists transitions newest first, by SLO and time range [from, to), up to a limit', async () => {
    const at = (slo: string, offset: number, to: AlertTransition['to']): AlertTransition =>
      ({ ...fired, slo, at: T + offset, from: to === 'firing' ? 'pending' : 'firing', to });
    const all = [at('checkout', 0, 'firing'), at('search', 1_000, 'firing'), at('checkout', 2_000, 'resolved'), at('checkout', 3_000, 'firing')];
    await save('replica-a', T, [], all);
    expect((await t.store.listAlertTransitions()).map((x) => x.at - T)).toEqual([3_000, 2_000, 1_000, 0]);
    expect((await t.store.listAlertTransitions({ slo: 'checkout' })).map((x) => x.at - T)).toEqual([3_000, 2_000, 0]);
    expect((await t.store.listAlertTransitions({ from: T + 1_000, to: T + 3_000 })).map((x) => x.at - T)).toEqual([2_000, 1_000]);
    expect((await t.store.listAlertTransitions({ limit: 1 })).map((x) => x.at - T)).toEqual([3_000]);
  });

  it('stores a value that is not a finite number as no value', async () => {
    await save('replica-a', T, [{ ...firing, value: Number.NaN }], [{ ...fired, value: Number.POSITIVE_INFINITY }]);
    expect((await t.store.listAlertStates())[0]?.value).toBeNull();
    expect((await t.store.listAlertTransitions())[0]?.value).toBeNull();
  });
});
