import type { AlertTransitionBody, IncidentViewBody } from '@xops/contracts';
import { describe, expect, it } from 'vitest';
import { timelineEvents, toMarkers } from './timeline-events';

const at = (minute: number) => new Date(Date.UTC(2025, 2, 1, 12, minute)).toISOString();
const ms = (minute: number) => Date.UTC(2025, 2, 1, 12, minute);

describe('timelineEvents', () => {
  const transition = (minute: number, from: AlertTransitionBody['from'], to: AlertTransitionBody['to']): AlertTransitionBody => ({
    slo: 'checkout', objective: 'available', rule: 'page-fast', at: at(minute), from, to, severity: 'page', value: 15,
  });
  const incident = {
    id: 'i1', number: 7, title: 'Checkout errors', state: 'resolved', severity: 'SEV2', groupKey: null, services: ['checkout'], roles: {},
    escalationPolicy: null, declaredBy: null, createdAt: at(12), acknowledgedAt: null, mitigatedAt: null, resolvedAt: at(40), updatedAt: at(40),
    complete: true, openActionItems: 0,
  } satisfies IncidentViewBody;

  it('merges alert transitions and the incidents of the service, oldest first, within the range', () => {
    const events = timelineEvents({
      transitions: [transition(30, 'firing', 'resolved'), transition(10, 'pending', 'firing'), transition(5, 'inactive', 'pending'), transition(70, 'resolved', 'pending')],
      incidents: [incident, { ...incident, id: 'i2', number: 8, services: ['search'] }],
      service: 'checkout', from: ms(0), to: ms(60),
    });
    expect(events).toEqual([
      { at: ms(5), kind: 'alert-pending', text: 'page-fast (page) inactive → pending on available' },
      { at: ms(10), kind: 'alert-firing', text: 'page-fast (page) pending → firing on available' },
      { at: ms(12), kind: 'incident-opened', text: 'Incident #7 Checkout errors opened (SEV2)' },
      { at: ms(30), kind: 'alert-resolved', text: 'page-fast (page) firing → resolved on available' },
      { at: ms(40), kind: 'incident-resolved', text: 'Incident #7 Checkout errors resolved' },
    ]);
    expect(toMarkers(events.slice(0, 1))).toEqual([{ at: ms(5) / 1000, kind: 'alert-pending', label: 'page-fast (page) inactive → pending on available' }]);
  });
});
