import type { AlertState, IncidentSeverity, IncidentState, ObjectiveStatus, SloDefinition, SloStatus } from '@xops/core';
import { defaultBurnRateRules } from '@xops/core';
import { describe, expect, it } from 'vitest';
import { incidentImpact, publicStatusAt, sloImpact, worstState } from './component-state';

const DAY = 86_400_000;

// The SRE Workbook's tiers for a 30-day window: burn-rate-14.4x and -6x page, -3x and -1x ticket,
// then no-data and budget-exhausted (ticket).
const definition: SloDefinition = {
  name: 'checkout-availability', service: 'checkout', window: { kind: 'rolling', durationMs: 30 * DAY }, method: 'Occurrences',
  objectives: [{ name: 'Available', target: 0.999, seriesKey: 's', compositeWeight: 1 }], composite: false,
  alertRules: defaultBurnRateRules(30 * DAY), minEventsForBurnRateAlerts: 100,
};

const alert = (rule: string, status: AlertState['status']): AlertState => ({
  slo: 'checkout-availability', objective: 'Available', rule, status, severity: 'n/a', activeSince: null, firedAt: null, resolvedAt: null, value: null,
});

function status(objective: { sli?: number | null; remaining?: number; alerts?: AlertState[] }): SloStatus {
  const entry: ObjectiveStatus = {
    objective: 'Available', target: 0.999, weight: 1, sli: objective.sli === undefined ? 0.9995 : objective.sli,
    window: { from: 0, to: 30 * DAY }, events: { good: 0, total: 0 },
    budget: { unit: 'events', total: 1, consumed: 0, remaining: objective.remaining ?? 0.5, totalMs: 0, remainingMs: 0 },
    burnRates: [], timeToExhaustionMs: null, alerts: objective.alerts ?? [],
  };
  return { slo: 'checkout-availability', service: 'checkout', at: 30 * DAY, method: 'Occurrences', composite: false, objectives: [entry] };
}

describe('sloImpact', () => {
  it('is degraded while a paging burn-rate alert fires, whatever the budget', () => {
    expect(defaultBurnRateRules(30 * DAY).map((rule) => `${rule.name}:${rule.severity}`)).toEqual([
      'burn-rate-14.4x:page', 'burn-rate-6x:page', 'burn-rate-3x:ticket', 'burn-rate-1x:ticket', 'no-data:ticket', 'budget-exhausted:ticket',
    ]);
    expect(sloImpact(status({ alerts: [alert('burn-rate-14.4x', 'firing')] }), definition)).toBe('degraded');
    expect(sloImpact(status({ alerts: [alert('burn-rate-6x', 'firing')] }), definition)).toBe('degraded');
  });

  it('is degraded when the budget is spent (remaining at or below zero), with data', () => {
    expect(sloImpact(status({ remaining: 0 }), definition)).toBe('degraded');
    expect(sloImpact(status({ remaining: -2.5 }), definition)).toBe('degraded');
    // Without data the budget says nothing about users.
    expect(sloImpact(status({ sli: null, remaining: 0 }), definition)).toBe('operational');
  });

  it('stays operational for ticket-tier, no-data and pending or resolved alerts', () => {
    for (const alerts of [
      [alert('burn-rate-3x', 'firing'), alert('burn-rate-1x', 'firing'), alert('no-data', 'firing')],
      [alert('burn-rate-14.4x', 'pending'), alert('burn-rate-6x', 'resolved')],
    ]) expect(sloImpact(status({ alerts }), definition)).toBe('operational');
  });

  it('judges a custom rule by the urgency of its severity: critical pages, warning does not', () => {
    const custom = (severity: string): SloDefinition => ({
      ...definition,
      alertRules: [{ kind: 'burn-rate', name: 'fast', severity, op: 'gte', threshold: 10, lookbackWindowMs: 3_600_000, alertAfterMs: 0 }],
    });
    const firing = status({ alerts: [alert('fast', 'firing')] });
    expect(sloImpact(firing, custom('critical'))).toBe('degraded');
    expect(sloImpact(firing, custom('warning'))).toBe('operational');
  });
});

describe('incidentImpact', () => {
  const impact = (severity: IncidentSeverity, state: IncidentState) => incidentImpact({ severity, state });

  it('maps SEV1 to a major outage, SEV2 to a partial outage, SEV3 to degraded and SEV4 to nothing while open', () => {
    for (const state of ['triggered', 'acknowledged'] as const) {
      expect([impact('SEV1', state), impact('SEV2', state), impact('SEV3', state), impact('SEV4', state)])
        .toEqual(['major-outage', 'partial-outage', 'degraded', 'operational']);
    }
  });

  it('is at most degraded once mitigated, and nothing once resolved', () => {
    expect([impact('SEV1', 'mitigated'), impact('SEV2', 'mitigated'), impact('SEV3', 'mitigated'), impact('SEV4', 'mitigated')])
      .toEqual(['degraded', 'degraded', 'degraded', 'operational']);
    expect(impact('SEV1', 'resolved')).toBe('operational');
  });
});

describe('worstState and publicStatusAt', () => {
  it('takes the worst state, operational for none', () => {
    expect(worstState([])).toBe('operational');
    expect(worstState(['degraded', 'major-outage', 'partial-outage'])).toBe('major-outage');
    expect(worstState(['operational', 'degraded'])).toBe('degraded');
  });

  it('names the status an incident had at a time from its lifecycle times', () => {
    const incident = { mitigatedAt: 200, resolvedAt: 300 };
    expect([100, 199, 200, 299, 300, 400].map((at) => publicStatusAt(incident, at)))
      .toEqual(['investigating', 'investigating', 'monitoring', 'monitoring', 'resolved', 'resolved']);
    expect(publicStatusAt({ mitigatedAt: null, resolvedAt: null }, 1000)).toBe('investigating');
  });
});
