import type { AlertState } from '@xops/core';
import { describe, expect, it } from 'vitest';
import { alertChanges, alertKey } from './alert-changes';

const state = (rule: string, overrides: Partial<AlertState> = {}): AlertState => ({
  slo: 'checkout', objective: 'Available', rule, status: 'inactive', severity: 'page',
  activeSince: null, firedAt: null, resolvedAt: null, value: null, ...overrides,
});
const savedOf = (...states: AlertState[]) => new Map(states.map((s) => [alertKey(s), s]));

describe('alertChanges', () => {
  it('writes what changed: status and times always, the value only while pending or firing', () => {
    const firing = state('fast', { status: 'firing', activeSince: 1000, firedAt: 1000, value: 20 });
    const quiet = state('slow', { value: 0.5 });
    const changes = alertChanges({
      saved: savedOf(firing),
      evaluated: [{ ...firing, value: 25 }, { ...quiet, value: 0.7 }, state('never')],
      transitions: [], unknown: new Set(), now: 2000,
    });
    // 'slow' and 'never' never left inactive: no row is the same as an inactive one.
    expect(changes).toEqual({ states: [{ ...firing, value: 25 }], transitions: [] });
    expect(alertChanges({ saved: savedOf(firing), evaluated: [firing], transitions: [], unknown: new Set(), now: 2000 }).states).toEqual([]);
  });

  it('ends alerts that nothing evaluates any more, unless their SLO is only unknown for now', () => {
    const saved = savedOf(
      state('gone-firing', { status: 'firing', activeSince: 1000, firedAt: 1000, value: 20 }),
      state('gone-pending', { status: 'pending', activeSince: 1500, value: 3 }),
      state('gone-resolved', { status: 'resolved', activeSince: 1000, firedAt: 1000, resolvedAt: 1200 }),
      { ...state('other', { status: 'firing', activeSince: 1000, firedAt: 1000 }), slo: 'search' },
    );
    const changes = alertChanges({ saved, evaluated: [], transitions: [], unknown: new Set(['search']), now: 2000 });
    expect(changes.states).toEqual([
      state('gone-firing', { status: 'resolved', activeSince: 1000, firedAt: 1000, resolvedAt: 2000 }),
      state('gone-pending'),
    ]);
    expect(changes.transitions).toEqual([
      { slo: 'checkout', objective: 'Available', rule: 'gone-firing', at: 2000, from: 'firing', to: 'resolved', severity: 'page', value: null },
      { slo: 'checkout', objective: 'Available', rule: 'gone-pending', at: 2000, from: 'pending', to: 'inactive', severity: 'page', value: null },
    ]);
  });
});
