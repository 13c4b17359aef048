import { describe, expect, it } from 'vitest';
import { formatLabelSet, groupLabelsOf, matchRoutes } from './match-routes';
import type { RouteNode, RouteTree } from './route-tree';
import { DAY, eq, HOUR, MINUTE, re, SECOND } from './testing/routing-fixtures';

const ONCALL = { kind: 'escalation-policy', name: 'checkout-oncall' } as const;
const CHAT = { kind: 'channel', name: 'checkout-chat' } as const;
const TICKET = { kind: 'ticket', project: 'CHK' } as const;

const leaf = (node: Partial<RouteNode>): RouteNode => ({ matchers: [], continue: false, routes: [], ...node });

const checkout: RouteTree = {
  name: 'checkout',
  order: 10,
  root: {
    ...leaf({ matchers: [eq('service', 'checkout')], groupBy: ['alertname'], timings: { groupWaitMs: 10 * SECOND } }),
    target: ONCALL,
    routes: [
      leaf({ matchers: [re('severity', 'page|critical')], continue: true }),
      leaf({ matchers: [eq('severity', 'ticket')], target: TICKET, groupBy: 'all', timings: { repeatIntervalMs: DAY } }),
      leaf({ target: CHAT }),
    ],
  },
};
const catchAll: RouteTree = { name: 'catch-all', order: 100, root: { ...leaf({}), target: { kind: 'channel', name: 'ops-chat' } } };

describe('matchRoutes', () => {
  it('offers an alert to the children in order: a `continue` child lets the next sibling match too', () => {
    const matches = matchRoutes([catchAll, checkout], { alertname: 'HighLatency', service: 'checkout', severity: 'page' });
    expect(matches).toEqual([
      {
        tree: 'checkout',
        routeKey: 'checkout{service="checkout"}/{severity=~"page|critical"}',
        groupKey: 'checkout{service="checkout"}/{severity=~"page|critical"}:{alertname="HighLatency"}',
        groupLabels: { alertname: 'HighLatency' },
        target: ONCALL, // inherited from the root
        timings: { groupWaitMs: 10 * SECOND, groupIntervalMs: 5 * MINUTE, repeatIntervalMs: 4 * HOUR },
      },
      {
        tree: 'checkout',
        routeKey: 'checkout{service="checkout"}/{}',
        groupKey: 'checkout{service="checkout"}/{}:{alertname="HighLatency"}',
        groupLabels: { alertname: 'HighLatency' },
        target: CHAT,
        timings: { groupWaitMs: 10 * SECOND, groupIntervalMs: 5 * MINUTE, repeatIntervalMs: 4 * HOUR },
      },
    ]);
  });

  it('stops at the first child that matches without `continue`, with its own group_by and timings', () => {
    const matches = matchRoutes([checkout], { alertname: 'BudgetBurn', service: 'checkout', severity: 'ticket' });
    expect(matches).toEqual([{
      tree: 'checkout',
      routeKey: 'checkout{service="checkout"}/{severity="ticket"}',
      groupKey: 'checkout{service="checkout"}/{severity="ticket"}:{alertname="BudgetBurn", service="checkout", severity="ticket"}',
      groupLabels: { alertname: 'BudgetBurn', service: 'checkout', severity: 'ticket' },
      target: TICKET,
      timings: { groupWaitMs: 10 * SECOND, groupIntervalMs: 5 * MINUTE, repeatIntervalMs: DAY },
    }]);
  });

  it('without `continue` on the first child, the alert stops there', () => {
    const strict: RouteTree = { ...checkout, root: { ...checkout.root, routes: checkout.root.routes.map((child, index) => (index === 0 ? { ...child, continue: false } : child)) } };
    const matches = matchRoutes([strict], { alertname: 'HighLatency', service: 'checkout', severity: 'critical' });
    expect(matches.map((match) => match.routeKey)).toEqual(['checkout{service="checkout"}/{severity=~"page|critical"}']);
  });

  it('tries trees by order then name, the first that matches taking the alert unless its root continues', () => {
    const other = { alertname: 'DiskFull', service: 'search' };
    expect(matchRoutes([catchAll, checkout], other)).toEqual([{
      tree: 'catch-all', routeKey: 'catch-all{}', groupKey: 'catch-all{}:{}', groupLabels: {},
      target: { kind: 'channel', name: 'ops-chat' }, timings: { groupWaitMs: 30 * SECOND, groupIntervalMs: 5 * MINUTE, repeatIntervalMs: 4 * HOUR },
    }]);
    const page = { alertname: 'HighLatency', service: 'checkout', severity: 'page' };
    expect(matchRoutes([catchAll, checkout], page).every((match) => match.tree === 'checkout')).toBe(true);

    const audit: RouteTree = { name: 'audit', order: 0, root: { ...leaf({ continue: true }), target: { kind: 'channel', name: 'audit-log' } } };
    expect(matchRoutes([checkout, catchAll, audit], page).map((match) => match.routeKey)).toEqual([
      'audit{}', 'checkout{service="checkout"}/{severity=~"page|critical"}', 'checkout{service="checkout"}/{}',
    ]);
    const tie: RouteTree = { ...catchAll, name: 'a-first', order: 100 };
    expect(matchRoutes([catchAll, tie], other).map((match) => match.tree)).toEqual(['a-first']);
  });

  it('lets a node take the alert itself when none of its children match, and inherits down several levels', () => {
    const tree: RouteTree = {
      name: 'platform', order: 0,
      root: {
        ...leaf({ groupBy: ['cluster'] }), target: CHAT,
        routes: [leaf({ matchers: [eq('team', 'db')], timings: { groupIntervalMs: MINUTE }, routes: [leaf({ matchers: [eq('severity', 'page')], target: ONCALL })] })],
      },
    };
    const [deep] = matchRoutes([tree], { team: 'db', severity: 'page', cluster: 'eu-1' });
    expect(deep).toMatchObject({ routeKey: 'platform{}/{team="db"}/{severity="page"}', groupLabels: { cluster: 'eu-1' }, target: ONCALL, timings: { groupIntervalMs: MINUTE } });
    const [middle] = matchRoutes([tree], { team: 'db', severity: 'ticket' });
    expect(middle).toMatchObject({ routeKey: 'platform{}/{team="db"}', groupKey: 'platform{}/{team="db"}:{}', target: CHAT });
    expect(matchRoutes([tree], { team: 'web' })[0]?.routeKey).toBe('platform{}');
  });

  it('keeps sibling keys apart when siblings have the same matchers', () => {
    const tree: RouteTree = { name: 't', order: 0, root: { ...leaf({}), target: CHAT, routes: [leaf({ continue: true, target: ONCALL }), leaf({ target: TICKET })] } };
    expect(matchRoutes([tree], {}).map((match) => match.routeKey)).toEqual(['t{}/{}', 't{}/{}#1']);
  });

  it('matches nothing when no tree takes the alert', () => {
    expect(matchRoutes([checkout], { service: 'search' })).toEqual([]);
    expect(matchRoutes([], { service: 'search' })).toEqual([]);
  });
});

describe('groupLabelsOf', () => {
  it("takes the group_by labels an alert has, or all of them for `...`", () => {
    expect(groupLabelsOf(['alertname', 'region'], { alertname: 'X', service: 'y' })).toEqual({ alertname: 'X' });
    expect(groupLabelsOf('all', { alertname: 'X', service: 'y' })).toEqual({ alertname: 'X', service: 'y' });
    expect(groupLabelsOf([], { alertname: 'X' })).toEqual({});
  });

  it('formats a label set as Prometheus does, names sorted', () => {
    expect(formatLabelSet({ slo: 'checkout-availability', alertname: 'ErrorBudgetBurn' })).toBe('{alertname="ErrorBudgetBurn", slo="checkout-availability"}');
  });
});
