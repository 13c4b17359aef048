import type { ObjectiveStatusBody, SloStatusBody, StoredObject } from '@xops/contracts';
import { describe, expect, it } from 'vitest';
import { buildSloRows, type StatusResult } from './slo-row';

function stored(kind: string, name: string, object: Record<string, unknown>): StoredObject {
  return {
    kind, name, apiVersion: 'openslo/v1', object, revision: 1, sourceText: '', sourceFile: null,
    appliedBy: 'test', createdAt: '2025-03-01T00:00:00.000Z', updatedAt: '2025-03-01T00:00:00.000Z',
  };
}

function objective(overrides: Partial<ObjectiveStatusBody> = {}): ObjectiveStatusBody {
  return {
    objective: 'available', target: 0.999, weight: 1, sli: 0.9995,
    window: { from: '2025-02-01T00:00:00.000Z', to: '2025-03-01T00:00:00.000Z' },
    events: { good: 9995, total: 10_000 },
    errorBudget: { unit: 'events', total: 10, consumed: 5, remaining: 0.5, totalSeconds: 2419.2, remainingSeconds: 1209.6 },
    burnRates: [{ window: '5m', windowSeconds: 300, burnRate: 2 }, { window: '1h', windowSeconds: 3600, burnRate: 3.5 }, { window: '6h', windowSeconds: 21_600, burnRate: null }],
    timeToExhaustionSeconds: null,
    alerts: [],
    ...overrides,
  };
}

function status(slo: string, objectives: ObjectiveStatusBody[]): SloStatusBody {
  return {
    slo, service: 'checkout', evaluatedAt: '2025-03-01T00:00:00.000Z', budgetingMethod: 'Occurrences', composite: false,
    window: { kind: 'rolling', duration: '28d', durationSeconds: 2_419_200 }, alertRules: [], minEventsForBurnRateAlerts: 100, objectives,
  };
}

describe('buildSloRows', () => {
  const service = stored('Service', 'checkout', { metadata: { name: 'checkout', displayName: 'Checkout', labels: { team: 'payments', tier: '1' } } });
  const slo = stored('SLO', 'checkout-availability', {
    metadata: { name: 'checkout-availability', labels: { tier: ['0', 'critical'] } }, spec: { service: 'checkout' },
  });

  it('makes one row per objective with the fastest burn, the budget as the API gives it, and the labels of SLO over Service', () => {
    const statuses = new Map<string, StatusResult>([['checkout-availability', { ok: true, value: status('checkout-availability', [objective()]) }]]);
    const [row, ...rest] = buildSloRows([slo], [service], statuses);
    expect(rest).toEqual([]);
    expect(row).toEqual({
      key: 'checkout-availability', slo: 'checkout-availability', objective: null, displayName: 'checkout-availability',
      service: 'checkout', labels: { team: ['payments'], tier: ['0', 'critical'] }, team: 'payments',
      target: 0.999, sli: 0.9995, budgetRemaining: 0.5, fastestBurn: { window: '1h', rate: 3.5 },
      alert: { level: 'ok', severity: null, rule: null }, problem: null, state: 'ok',
    });
  });

  it('names objectives when there are several, and takes the worst alert: a firing page before other firing alerts', () => {
    const alert = { slo: 'checkout-availability', objective: 'fast', activeSince: null, firedAt: null, resolvedAt: null, value: null };
    const statuses = new Map<string, StatusResult>([['checkout-availability', { ok: true, value: status('checkout-availability', [
      objective({ objective: 'available', alerts: [{ ...alert, rule: 'pending-one', status: 'pending', severity: 'page' }] }),
      objective({ objective: 'fast', sli: null, alerts: [
        { ...alert, rule: 'ticket', status: 'firing', severity: 'ticket' },
        { ...alert, rule: 'page', status: 'firing', severity: 'page' },
      ] }),
      objective({ objective: 'quiet', sli: null }),
    ]) }]]);
    const rows = buildSloRows([slo], [service], statuses);
    expect(rows.map((row) => [row.key, row.objective, row.state, row.alert.rule])).toEqual([
      ['checkout-availability/available', 'available', 'pending', 'pending-one'],
      ['checkout-availability/fast', 'fast', 'firing', 'page'],
      ['checkout-availability/quiet', 'quiet', 'no-data', null],
    ]);
  });

  it('keeps an SLO without status as one row that says why', () => {
    const statuses = new Map<string, StatusResult>([['checkout-availability', { ok: false, problem: 'not evaluated yet' }]]);
    const [row] = buildSloRows([slo], [], statuses);
    expect(row).toMatchObject({ key: 'checkout-availability', state: 'unknown', problem: 'not evaluated yet', target: null, team: null, labels: { tier: ['0', 'critical'] } });
  });
});
