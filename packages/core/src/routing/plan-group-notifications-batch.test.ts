import { describe, expect, it } from 'vitest';
import type { LabelSet } from './label-matcher';
import { matchRoutes } from './match-routes';
import { EMPTY_ROUTING_STATE, planGroupNotifications } from './plan-group-notifications';
import type { RouteTree } from './route-tree';
import { eq } from './testing/routing-fixtures';

const T0 = Date.parse('2026-03-02T09:00:00Z');
// group_wait 0 s: a group is told as soon as it is made.
const tree: RouteTree = {
  name: 'checkout', order: 0,
  root: { matchers: [eq('service', 'checkout')], continue: false, routes: [], groupBy: ['alertname'], timings: { groupWaitMs: 0 }, target: { kind: 'escalation-policy', name: 'oncall' } },
};
const report = (instance: string) => {
  const labels: LabelSet = { alertname: 'HighLatency', service: 'checkout', instance };
  return { alert: { labels, startsAt: T0, endsAt: null }, routes: matchRoutes([tree], labels) };
};

describe('planGroupNotifications: a batch of alerts', () => {
  it('takes every alert of the batch in before the due groups flush, so one notification lists them all', () => {
    const step = planGroupNotifications(EMPTY_ROUTING_STATE, { kind: 'alerts', alerts: [report('a'), report('b'), report('c')] }, T0);
    expect(step.notifications.map((n) => [n.reason, n.action, n.firing.map((alert) => alert.labels.instance)])).toEqual([
      ['first notification', 'page', ['a', 'b', 'c']],
    ]);
    // One alert at a time, the first would be told alone and the others 5 minutes later.
    const first = planGroupNotifications(EMPTY_ROUTING_STATE, { kind: 'alert', ...report('a') }, T0);
    const second = planGroupNotifications(first.state, { kind: 'alert', ...report('b') }, T0);
    expect([...first.notifications, ...second.notifications].map((n) => n.firing.length)).toEqual([1]);
  });
});
