import { describe, expect, it } from 'vitest';
import { explainRouting } from './explain-routing';
import { EMPTY_ROUTING_STATE } from './plan-group-notifications';
import type { RouteTree } from './route-tree';
import { NO_SUPPRESSION_RULES } from './suppression';
import { eq, HOUR } from './testing/routing-fixtures';
import { urgencyOf } from './urgency';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const tree: RouteTree = {
  name: 'checkout', order: 0,
  root: {
    matchers: [eq('service', 'checkout')], continue: false, groupBy: ['alertname'], target: { kind: 'escalation-policy', name: 'checkout-oncall' },
    routes: [{ matchers: [eq('team', 'data')], continue: false, target: { kind: 'ticket', project: 'DATA' }, routes: [] }],
  },
};

describe('urgencyOf', () => {
  it('maps severities to urgency: only the ticket tier and below wait', () => {
    const of = (severity?: string): string => urgencyOf(severity === undefined ? {} : { severity });
    expect([of('page'), of('critical'), of('error'), of('P1'), of('')]).toEqual(['high', 'high', 'high', 'high', 'high']);
    expect([of('ticket'), of('warning'), of('INFO'), of('low'), of('none')]).toEqual(['low', 'low', 'low', 'low', 'low']);
    expect(of()).toBe('high');
  });
});

describe('explainRouting', () => {
  const context = { trees: [tree], rules: NO_SUPPRESSION_RULES, state: EMPTY_ROUTING_STATE, now: T0 };

  it('says which route takes an alert and whether it pages', () => {
    const page = explainRouting({ alertname: 'HighLatency', service: 'checkout', severity: 'page' }, context);
    expect(page.urgency).toBe('high');
    expect(page.routes.map((r) => [r.match.routeKey, r.outcome])).toEqual([['checkout{service="checkout"}', 'page']]);
    const ticket = explainRouting({ alertname: 'HighLatency', service: 'checkout', severity: 'ticket' }, context);
    expect(ticket.routes.map((r) => r.outcome)).toEqual(['notify']);
    const data = explainRouting({ alertname: 'Lag', service: 'checkout', team: 'data', severity: 'critical' }, context);
    expect(data.routes.map((r) => [r.match.routeKey, r.outcome])).toEqual([['checkout{service="checkout"}/{team="data"}', 'ticket']]);
    expect(explainRouting({ service: 'search' }, context).routes).toEqual([]);
  });

  it('shows a silence or a maintenance window holding it back', () => {
    const labels = { alertname: 'HighLatency', service: 'checkout', severity: 'page' };
    const silenced = explainRouting(labels, { ...context, rules: { ...NO_SUPPRESSION_RULES, silences: [{ id: 's1', matchers: [eq('alertname', 'HighLatency')], startsAt: T0, endsAt: T0 + HOUR }] } });
    expect(silenced.routes.map((r) => r.outcome)).toEqual(['suppressed']);
    expect(silenced.suppression.silencedBy).toEqual(['s1']);
    const window = { name: 'patching', matchers: [], start: '2026-03-02T08:00:00', timeZone: 'UTC', durationMs: 2 * HOUR, suppress: 'pages' as const };
    const held = explainRouting(labels, { ...context, rules: { ...NO_SUPPRESSION_RULES, maintenanceWindows: [window] } });
    expect(held.routes.map((r) => r.outcome)).toEqual(['notify']);
    expect(held.suppression).toEqual({ mutes: 'pages', silencedBy: [], inhibitedBy: [], maintenanceBy: ['patching'] });
  });
});
