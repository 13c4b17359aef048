import { describe, expect, it } from 'vitest';
import { compareRisk, groupByService } from './risk-order';
import type { SloRow } from './slo-row';

function row(key: string, overrides: Partial<SloRow> = {}): SloRow {
  return {
    key, slo: key, objective: null, displayName: key, service: 'svc', labels: {}, team: null, target: 0.99, sli: 0.995,
    budgetRemaining: 0.5, fastestBurn: null, alert: { level: 'ok', severity: null, rule: null }, problem: null, state: 'ok', ...overrides,
  };
}

describe('compareRisk', () => {
  it('puts firing pages first, then other firing alerts, pending, the rest, and rows without status last', () => {
    const rows = [
      row('unknown', { problem: 'not evaluated yet', budgetRemaining: null, state: 'unknown' }),
      row('quiet'),
      row('pending', { alert: { level: 'pending', severity: 'page', rule: 'r' } }),
      row('ticket', { alert: { level: 'firing', severity: 'ticket', rule: 'r' }, budgetRemaining: 0.9 }),
      row('page', { alert: { level: 'firing', severity: 'page', rule: 'r' }, budgetRemaining: 0.95 }),
    ];
    expect(rows.sort(compareRisk).map((r) => r.key)).toEqual(['page', 'ticket', 'pending', 'quiet', 'unknown']);
  });

  it('orders by budget left, then by the fastest burn, then by name', () => {
    const rows = [
      row('b-slow', { budgetRemaining: 0.2, fastestBurn: { window: '1h', rate: 1 } }),
      row('spent', { budgetRemaining: -0.3 }),
      row('a-fast', { budgetRemaining: 0.2, fastestBurn: { window: '5m', rate: 12 } }),
      row('c-none', { budgetRemaining: 0.2 }),
      row('b-none', { budgetRemaining: 0.2 }),
      row('full', { budgetRemaining: 1 }),
    ];
    expect(rows.sort(compareRisk).map((r) => r.key)).toEqual(['spent', 'a-fast', 'b-slow', 'b-none', 'c-none', 'full']);
  });
});

describe('groupByService', () => {
  it('orders services by their riskiest row and lists services without rows last, by name', () => {
    const groups = groupByService([
      row('cart-latency', { service: 'cart', budgetRemaining: 0.7 }),
      row('pay', { service: 'payments', budgetRemaining: 0.1 }),
      row('cart-avail', { service: 'cart', budgetRemaining: 0.05 }),
      row('gw', { service: 'gateway', budgetRemaining: 0.5 }),
    ], [
      { name: 'zeta', displayName: 'Zeta' }, { name: 'cart', displayName: 'Cart' }, { name: 'alpha', displayName: 'Alpha' },
    ]);
    expect(groups.map((group) => [group.service, group.displayName, group.rows.map((r) => r.key)])).toEqual([
      ['cart', 'Cart', ['cart-avail', 'cart-latency']],
      ['payments', 'payments', ['pay']],
      ['gateway', 'gateway', ['gw']],
      ['alpha', 'Alpha', []],
      ['zeta', 'Zeta', []],
    ]);
  });
});
