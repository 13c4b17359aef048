import type { AlertTransition } from '@xops/core';
import { describe, expect, it } from 'vitest';
import { sloAlertReport } from './slo-alert-report';

const T = Date.UTC(2026, 2, 4, 10, 0, 0);
const transition = (rule: string, severity: string, from: AlertTransition['from'], to: AlertTransition['to']): AlertTransition => ({
  slo: 'checkout-availability', objective: '*', rule, at: T, from, to, severity, value: 1.5,
});

describe('sloAlertReport', () => {
  it('turns a firing ticket-tier rule into a warning alert, named by its kind', () => {
    expect(sloAlertReport(transition('no-data', 'ticket', 'pending', 'firing'), undefined)).toEqual({
      kind: 'report', source: 'slo', dedupKey: 'checkout-availability/*/no-data',
      labels: { alertname: 'SLONoData', slo: 'checkout-availability', objective: '*', severity: 'warning', rule: 'no-data' },
      annotations: { slo_severity: 'ticket' }, summary: 'SLO checkout-availability has no data (rule no-data)', startsAt: T, endsAt: null,
    });
    expect(sloAlertReport(transition('budget-exhausted', 'critical', 'inactive', 'firing'), undefined)).toMatchObject({
      labels: { alertname: 'ErrorBudgetExhausted', severity: 'critical' }, summary: 'SLO checkout-availability has exhausted its error budget (rule budget-exhausted, value 1.5)',
    });
  });

  it('resolves by the dedup key, and ignores what neither fires nor resolves', () => {
    expect(sloAlertReport(transition('burn-rate-6x', 'page', 'firing', 'resolved'), undefined)).toEqual({ kind: 'resolve', source: 'slo', dedupKey: 'checkout-availability/*/burn-rate-6x', at: T });
    expect(sloAlertReport(transition('burn-rate-6x', 'page', 'inactive', 'pending'), undefined)).toBeUndefined();
    expect(sloAlertReport(transition('burn-rate-6x', 'page', 'pending', 'inactive'), undefined)).toBeUndefined();
  });
});
