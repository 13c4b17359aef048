import type { ObjectiveSummaryBody, SloSummaryBody, StoredObject } from '@xops/contracts';
import { describe, expect, it } from 'vitest';
import { buildSloRows } from './slo-row';

function stored(kind: string, name: string, object: Record<string, unknown>): StoredObject {
  return {
    kind, name, apiVersion: 'openslo/v1', object, revision: 1, sourceText: '', sourceFile: null,
    appliedBy: 'test', createdAt: '2025-03-01T00:00:00.000Z', updatedAt: '2025-03-01T00:00:00.000Z',
  };
}

function objective(overrides: Partial<ObjectiveSummaryBody> = {}): ObjectiveSummaryBody {
  return {
    objective: 'available', target: 0.999, sli: 0.9995, errorBudgetRemaining: 0.5,
    fastestBurn: { window: '1h', burnRate: 3.5 },
    alerts: [],
    ...overrides,
  };
}

function summary(objectives: ObjectiveSummaryBody[], unavailable: SloSummaryBody['unavailable'] = null): SloSummaryBody {
  return { slo: 'checkout-availability', displayName: 'Checkout availability', service: 'checkout', labels: { tier: ['0', 'critical'] }, objectives, unavailable };
}

describe('buildSloRows', () => {
  const service = stored('Service', 'checkout', { metadata: { name: 'checkout', displayName: 'Checkout', labels: { team: 'payments', tier: '1' } } });

  it('makes one row per objective with the fastest burn and the budget as the API gives them, and the labels of SLO over Service', () => {
    const [row, ...rest] = buildSloRows([summary([objective()])], [service]);
    expect(rest).toEqual([]);
    expect(row).toEqual({
      key: 'checkout-availability', slo: 'checkout-availability', objective: null, displayName: 'Checkout availability',
      service: 'checkout', labels: { team: ['payments'], tier: ['0', 'critical'] }, team: 'payments',
      target: 0.999, sli: 0.9995, budgetRemaining: 0.5, fastestBurn: { window: '1h', rate: 3.5 },
      alert: { level: 'ok', severity: null, rule: null }, problem: null, state: 'ok',
    });
  });

  it('names objectives when there are several, and takes the worst alert: a firing page before other firing alerts', () => {
    const rows = buildSloRows([summary([
      objective({ objective: 'available', alerts: [{ rule: 'pending-one', status: 'pending', severity: 'page' }] }),
      objective({ objective: 'fast', sli: null, alerts: [
        { rule: 'ticket', status: 'firing', severity: 'ticket' },
        { rule: 'page', status: 'firing', severity: 'page' },
      ] }),
      objective({ objective: 'quiet', sli: null }),
    ])], [service]);
    expect(rows.map((row) => [row.key, row.objective, row.state, row.alert.rule])).toEqual([
      ['checkout-availability/available', 'available', 'pending', 'pending-one'],
      ['checkout-availability/fast', 'fast', 'firing', 'page'],
      ['checkout-availability/quiet', 'quiet', 'no-data', null],
    ]);
  });

  it('keeps an SLO without status as one row that says why', () => {
    const [row] = buildSloRows([summary([], { code: 'XOPS_ERR_NOT_READY', message: 'not evaluated yet' })], []);
    expect(row).toMatchObject({ key: 'checkout-availability', state: 'unknown', problem: 'not evaluated yet', target: null, team: null, labels: { tier: ['0', 'critical'] } });
  });
});
