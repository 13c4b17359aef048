import type { AlertTransitionBody, ReplayResultBody } from '@xops/contracts';
import { describe, expect, it } from 'vitest';
import { replayOutcomes } from './replay-outcome';

describe('replayOutcomes', () => {
  const transition = (at: string, to: AlertTransitionBody['to'], objective = 'available'): AlertTransitionBody => ({
    slo: 'checkout', objective, rule: 'page-fast', at, from: 'pending', to, severity: 'page', value: 20,
  });
  const result: ReplayResultBody = {
    slo: 'checkout', from: '2025-03-01T00:00:00.000Z', to: '2025-03-01T03:00:00.000Z', stepSeconds: 3600, source: 'document',
    at: ['2025-03-01T00:00:00.000Z', '2025-03-01T01:00:00.000Z', '2025-03-01T02:00:00.000Z', '2025-03-01T03:00:00.000Z'],
    objectives: [{ objective: 'available', target: 0.99, sli: [null, 0.995, 0.98, 0.99], errorBudgetRemaining: [null, 0.9, 0.5, 0.4], burnRates: [] }],
    transitions: [transition('2025-03-01T02:30:00.000Z', 'firing'), transition('2025-03-01T01:30:00.000Z', 'firing'), transition('2025-03-01T02:00:00.000Z', 'resolved')],
  };

  it('gives the budget at both ends, what was spent between, and each firing, oldest first', () => {
    const [outcome, ...rest] = replayOutcomes(result);
    expect(rest).toEqual([]);
    expect(outcome?.budgetAtStart).toBe(0.9);
    expect(outcome?.budgetAtEnd).toBe(0.4);
    expect(outcome?.spent).toBeCloseTo(0.5, 10);
    expect(outcome?.fired.map((t) => t.at)).toEqual(['2025-03-01T01:30:00.000Z', '2025-03-01T02:30:00.000Z']);
  });

  it('says nothing of the budget without data', () => {
    const empty = { ...result, objectives: [{ ...result.objectives[0]!, errorBudgetRemaining: [null, null, null, null] }], transitions: [] };
    expect(replayOutcomes(empty)).toEqual([{ objective: 'available', budgetAtStart: null, budgetAtEnd: null, spent: null, fired: [] }]);
  });
});
