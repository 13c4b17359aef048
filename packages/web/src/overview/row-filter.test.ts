import { describe, expect, it } from 'vitest';
import { NO_FILTER, rowMatches, teamsOf } from './row-filter';
import type { SloRow } from './slo-row';

function row(overrides: Partial<SloRow>): SloRow {
  return {
    key: 'k', slo: 'k', objective: null, displayName: 'k', service: 'svc', labels: {}, team: null, target: 0.99, sli: 0.995,
    budgetRemaining: 0.5, fastestBurn: null, alert: { level: 'ok', severity: null, rule: null }, problem: null, state: 'ok', ...overrides,
  };
}

describe('rowMatches', () => {
  const payments = row({ team: 'payments', labels: { team: ['payments'], tier: ['0', 'critical'] }, state: 'firing' });

  it('lets every row through without filters', () => {
    expect(rowMatches(payments, NO_FILTER)).toBe(true);
  });

  it('filters by team and by state', () => {
    expect(rowMatches(payments, { ...NO_FILTER, team: 'payments' })).toBe(true);
    expect(rowMatches(payments, { ...NO_FILTER, team: 'search' })).toBe(false);
    expect(rowMatches(payments, { ...NO_FILTER, state: 'firing' })).toBe(true);
    expect(rowMatches(payments, { ...NO_FILTER, state: 'ok' })).toBe(false);
  });

  it('filters by a label, with any value or one of its values', () => {
    expect(rowMatches(payments, { ...NO_FILTER, label: 'tier' })).toBe(true);
    expect(rowMatches(payments, { ...NO_FILTER, label: ' tier = critical ' })).toBe(true);
    expect(rowMatches(payments, { ...NO_FILTER, label: 'tier=1' })).toBe(false);
    expect(rowMatches(payments, { ...NO_FILTER, label: 'region' })).toBe(false);
  });
});

describe('teamsOf', () => {
  it('lists each team once, sorted', () => {
    expect(teamsOf([row({ team: 'search' }), row({ team: null }), row({ team: 'payments' }), row({ team: 'search' })])).toEqual(['payments', 'search']);
  });
});
