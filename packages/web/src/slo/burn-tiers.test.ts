import type { SloStatusBody } from '@xops/contracts';
import { describe, expect, it } from 'vitest';
import { burnTiers } from './burn-tiers';

type Rule = SloStatusBody['alertRules'][number];

describe('burnTiers', () => {
  const rules: Rule[] = [
    { name: 'page-fast', kind: 'multiwindow-burn-rate', severity: 'page', windows: ['1h', '5m'], burnRate: 14.4 },
    { name: 'no-data', kind: 'no-data', severity: 'ticket', windows: ['15m'], burnRate: null },
    { name: 'ticket-slow', kind: 'burn-rate', severity: 'ticket', windows: ['3d'], burnRate: 1 },
    { name: 'exhausted', kind: 'budget-exhausted', severity: 'page', windows: [], burnRate: null },
  ];

  it('makes one chart per burn-rate rule, with its windows and threshold', () => {
    expect(burnTiers(rules, ['5m', '1h', '3d'])).toEqual([
      { title: 'page-fast', severity: 'page', threshold: 14.4, windows: ['1h', '5m'] },
      { title: 'ticket-slow', severity: 'ticket', threshold: 1, windows: ['3d'] },
    ]);
  });

  it('leaves out rules whose windows the series lacks, and falls back to every window', () => {
    expect(burnTiers(rules, ['5m', '1h'])).toEqual([{ title: 'page-fast', severity: 'page', threshold: 14.4, windows: ['1h', '5m'] }]);
    expect(burnTiers([], ['5m', '1h'])).toEqual([{ title: 'Burn rates', severity: null, threshold: null, windows: ['5m', '1h'] }]);
    expect(burnTiers([], [])).toEqual([]);
  });
});
