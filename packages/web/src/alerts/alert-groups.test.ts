import type { IncomingAlertBody } from '@xops/contracts';
import { describe, expect, it } from 'vitest';
import { alertPhase, groupAlerts } from './alert-groups';

function alert(id: string, fields: Partial<IncomingAlertBody>): IncomingAlertBody {
  return {
    id, source: 'alertmanager', dedupKey: id, fingerprint: '0123456789abcdef', labels: { alertname: id }, annotations: {},
    summary: id, severity: 'page', status: 'firing', startsAt: '2026-03-01T10:00:00.000Z', endsAt: null,
    receivedAt: '2026-03-01T10:00:00.000Z', route: null, groupKey: null, outcome: null, target: null, suppressedBy: [], incident: null,
    ...fields,
  };
}

const ROUTE = 'payments{service=~"checkout|payments"}/{severity=~"page|critical"}';

describe('alertPhase', () => {
  it('reads firing, pending, suppressed and resolved from status and outcome', () => {
    expect(alertPhase({ status: 'firing', outcome: 'paged', suppressedBy: [] })).toBe('firing');
    expect(alertPhase({ status: 'firing', outcome: 'waiting', suppressedBy: [] })).toBe('pending');
    expect(alertPhase({ status: 'firing', outcome: 'suppressed', suppressedBy: ['silence:s1'] })).toBe('suppressed');
    expect(alertPhase({ status: 'firing', outcome: 'notified', suppressedBy: ['maintenance:friday'] })).toBe('suppressed');
    expect(alertPhase({ status: 'resolved', outcome: 'waiting', suppressedBy: [] })).toBe('resolved');
    expect(alertPhase({ status: 'firing', outcome: null, suppressedBy: [] })).toBe('firing');
  });
});

describe('groupAlerts', () => {
  it('puts the alerts of one group key together, with the route, group labels, target and incident of the group', () => {
    const key = `${ROUTE}:{alertname="PaymentsDown", service="payments"}`;
    const groups = groupAlerts([
      alert('a', { groupKey: key, route: ROUTE, target: 'escalation-policy/payments', outcome: 'paged', startsAt: '2026-03-01T10:00:00.000Z' }),
      alert('b', { groupKey: key, route: ROUTE, target: 'escalation-policy/payments', outcome: 'paged', startsAt: '2026-03-01T10:05:00.000Z', incident: { id: 'i1', number: 4 } }),
    ]);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({
      key, route: ROUTE, groupLabels: '{alertname="PaymentsDown", service="payments"}', target: 'escalation-policy/payments',
      phase: 'firing', incident: { id: 'i1', number: 4 },
    });
    // Newest first within a phase.
    expect(groups[0]?.alerts.map((member) => member.id)).toEqual(['b', 'a']);
  });

  it('gathers unrouted alerts in one group with no route', () => {
    const groups = groupAlerts([alert('x', { outcome: 'unrouted' }), alert('y', { outcome: 'unrouted' })]);
    expect(groups.map((group) => [group.key, group.route, group.groupLabels, group.alerts.length])).toEqual([['', null, null, 2]]);
  });

  it('orders groups firing, pending, suppressed, resolved, then by their newest alert', () => {
    const groups = groupAlerts([
      alert('resolved', { groupKey: 'r:{}', route: 'r', status: 'resolved', startsAt: '2026-03-01T12:00:00.000Z' }),
      alert('muted', { groupKey: 'm:{}', route: 'm', outcome: 'suppressed', suppressedBy: ['silence:1'], startsAt: '2026-03-01T12:00:00.000Z' }),
      alert('waiting', { groupKey: 'w:{}', route: 'w', outcome: 'waiting', startsAt: '2026-03-01T12:00:00.000Z' }),
      alert('old-page', { groupKey: 'o:{}', route: 'o', outcome: 'paged', startsAt: '2026-03-01T08:00:00.000Z' }),
      alert('new-page', { groupKey: 'n:{}', route: 'n', outcome: 'paged', startsAt: '2026-03-01T09:00:00.000Z' }),
    ]);
    expect(groups.map((group) => [group.key, group.phase])).toEqual([
      ['n:{}', 'firing'], ['o:{}', 'firing'], ['w:{}', 'pending'], ['m:{}', 'suppressed'], ['r:{}', 'resolved'],
    ]);
  });

  it('gives a group the phase of its most urgent alert, and lists that alert first', () => {
    const [group] = groupAlerts([
      alert('gone', { groupKey: 'g:{}', route: 'g', status: 'resolved', startsAt: '2026-03-01T11:00:00.000Z' }),
      alert('live', { groupKey: 'g:{}', route: 'g', outcome: 'waiting', startsAt: '2026-03-01T09:00:00.000Z' }),
    ]);
    expect(group?.phase).toBe('pending');
    expect(group?.alerts.map((member) => member.id)).toEqual(['live', 'gone']);
  });

  it('answers no alerts with no groups', () => {
    expect(groupAlerts([])).toEqual([]);
  });
});
