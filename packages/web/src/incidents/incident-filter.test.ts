import type { IncidentViewBody } from '@xops/contracts';
import { describe, expect, it } from 'vitest';
import { ALL_INCIDENTS, incidentMatches, incidentServices } from './incident-filter';

function incident(number: number, fields: Partial<IncidentViewBody>): IncidentViewBody {
  return {
    id: `i${String(number)}`, number, title: `Incident ${String(number)}`, state: 'triggered', severity: 'SEV2', groupKey: null, services: [],
    roles: {}, escalationPolicy: null, declaredBy: 'ana', createdAt: '2026-03-01T10:00:00.000Z', acknowledgedAt: null, mitigatedAt: null,
    resolvedAt: null, updatedAt: '2026-03-01T10:00:00.000Z', complete: false, openActionItems: 0, ...fields,
  };
}

const INCIDENTS = [
  incident(1, { state: 'triggered', severity: 'SEV1', services: ['payments'] }),
  incident(2, { state: 'acknowledged', severity: 'SEV2', services: ['cart', 'payments'] }),
  incident(3, { state: 'mitigated', severity: 'SEV3', services: ['catalog'] }),
  incident(4, { state: 'resolved', severity: 'SEV2', services: [] }),
];
const numbers = (filter: Parameters<typeof incidentMatches>[1]) => INCIDENTS.filter((item) => incidentMatches(item, filter)).map((item) => item.number);

describe('incidentMatches', () => {
  it('lets everything through without filters', () => {
    expect(numbers(ALL_INCIDENTS)).toEqual([1, 2, 3, 4]);
  });

  it('filters by state, open meaning not resolved', () => {
    expect(numbers({ ...ALL_INCIDENTS, state: 'open' })).toEqual([1, 2, 3]);
    expect(numbers({ ...ALL_INCIDENTS, state: 'resolved' })).toEqual([4]);
    expect(numbers({ ...ALL_INCIDENTS, state: 'acknowledged' })).toEqual([2]);
  });

  it('filters by severity and by service, all filters together', () => {
    expect(numbers({ ...ALL_INCIDENTS, severity: 'SEV2' })).toEqual([2, 4]);
    expect(numbers({ ...ALL_INCIDENTS, service: 'payments' })).toEqual([1, 2]);
    expect(numbers({ state: 'open', severity: 'SEV2', service: 'payments' })).toEqual([2]);
  });
});

describe('incidentServices', () => {
  it('lists each named service once, sorted', () => {
    expect(incidentServices(INCIDENTS)).toEqual(['cart', 'catalog', 'payments']);
  });
});
