import { describe, expect, it } from 'vitest';
import { alertFingerprint } from './alert-fingerprint';
import type { LabelSet } from './label-matcher';
import { matchRoutes } from './match-routes';
import { EMPTY_ROUTING_STATE, nextRoutingWakeAt, planGroupNotifications } from './plan-group-notifications';
import type { RouteNode, RouteTree } from './route-tree';
import { NO_SUPPRESSION_RULES, type SuppressionRules } from './suppression';
import { drive, eq, HOUR, MINUTE, re, SECOND, viewOf, type ScriptedAlert } from './testing/routing-fixtures';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const ONCALL = { kind: 'escalation-policy', name: 'checkout-oncall' } as const;
const CHAT = { kind: 'channel', name: 'checkout-chat' } as const;

const leaf = (node: Partial<RouteNode>): RouteNode => ({ matchers: [], continue: false, routes: [], ...node });
/** The checkout tree: pages checkout-oncall, one group per alertname, Alertmanager's timings. */
const checkout: RouteTree = { name: 'checkout', order: 0, root: { ...leaf({ matchers: [eq('service', 'checkout')], groupBy: ['alertname'] }), target: ONCALL } };

const firing = (at: number, labels: LabelSet): ScriptedAlert => ({ at, alert: { labels, startsAt: at, endsAt: null } });
const resolved = (at: number, startsAt: number, labels: LabelSet): ScriptedAlert => ({ at, alert: { labels, startsAt, endsAt: at } });
const latency = (instance: string): LabelSet => ({ alertname: 'HighLatency', service: 'checkout', severity: 'page', instance });

describe('planGroupNotifications: grouping', () => {
  it('waits group_wait for a new group, tells changes at group_interval, repeats after repeat_interval', () => {
    const burn = { alertname: 'BudgetBurn', service: 'checkout', severity: 'ticket', instance: 'slo' };
    const { notifications, state } = drive({
      trees: [checkout],
      script: [
        firing(T0, latency('a')),
        firing(T0 + 10 * SECOND, latency('b')),
        firing(T0 + 20 * SECOND, burn),
        firing(T0 + MINUTE, latency('c')),
        resolved(T0 + 6 * MINUTE, T0, latency('a')),
        resolved(T0 + 4 * HOUR + 20 * MINUTE, T0 + 10 * SECOND, latency('b')),
        resolved(T0 + 4 * HOUR + 20 * MINUTE, T0 + MINUTE, latency('c')),
      ],
      until: T0 + 4 * HOUR + 30 * MINUTE,
    });
    const latencyGroup = 'checkout{service="checkout"}:{alertname="HighLatency"}';
    const burnGroup = 'checkout{service="checkout"}:{alertname="BudgetBurn"}';
    expect(notifications.map((n) => viewOf(n, 'instance', T0))).toEqual([
      // a and b share a group: one notification 30 s after a arrived, none for each alert.
      { at: 30 * SECOND, groupKey: latencyGroup, reason: 'first notification', action: 'page', urgency: 'high', firing: ['a', 'b'], resolved: [] },
      // BudgetBurn has a group of its own, 30 s after it arrived; a ticket-tier alert does not page.
      { at: 50 * SECOND, groupKey: burnGroup, reason: 'first notification', action: 'notify', urgency: 'low', firing: ['slo'], resolved: [] },
      // c arrived at 1 min, after the first flush: it waits for the next tick, 30 s + 5 min.
      { at: 5 * MINUTE + 30 * SECOND, groupKey: latencyGroup, reason: 'new alerts added', action: 'page', urgency: 'high', firing: ['a', 'b', 'c'], resolved: [] },
      // a resolved at 6 min: told at the following tick, without waking anyone again.
      { at: 10 * MINUTE + 30 * SECOND, groupKey: latencyGroup, reason: 'some alerts resolved', action: 'notify', urgency: 'high', firing: ['b', 'c'], resolved: ['a'] },
      // Nothing changes for 4 h: both groups repeat on the first tick 4 h after their last notification.
      { at: 4 * HOUR + 50 * SECOND, groupKey: burnGroup, reason: 'repeat interval elapsed', action: 'notify', urgency: 'low', firing: ['slo'], resolved: [] },
      { at: 4 * HOUR + 10 * MINUTE + 30 * SECOND, groupKey: latencyGroup, reason: 'repeat interval elapsed', action: 'page', urgency: 'high', firing: ['b', 'c'], resolved: [] },
      { at: 4 * HOUR + 20 * MINUTE + 30 * SECOND, groupKey: latencyGroup, reason: 'all alerts resolved', action: 'notify', urgency: 'low', firing: [], resolved: ['b', 'c'] },
    ]);
    // The resolved group is gone; BudgetBurn still fires and is looked at every 5 minutes.
    expect(Object.keys(state.groups)).toEqual([burnGroup]);
    expect(nextRoutingWakeAt(state)).toBe(T0 + 4 * HOUR + 30 * MINUTE + 50 * SECOND);
    expect(Object.keys(state.alerts)).toEqual([alertFingerprint(burn)]);
  });

  it('never tells an alert that resolved within group_wait, and drops its group', () => {
    const { notifications, state } = drive({
      trees: [checkout],
      script: [firing(T0, latency('a')), resolved(T0 + 20 * SECOND, T0, latency('a'))],
      until: T0 + HOUR,
    });
    expect(notifications).toEqual([]);
    expect(state).toEqual(EMPTY_ROUTING_STATE);
  });

  it('flushes at once an alert that has already fired for group_wait when its group is new', () => {
    const old = { labels: latency('a'), startsAt: T0 - 10 * MINUTE, endsAt: null };
    const step = planGroupNotifications(EMPTY_ROUTING_STATE, { kind: 'alert', alert: old, routes: matchRoutes([checkout], old.labels) }, T0);
    expect(step.notifications.map((n) => [n.at, n.reason])).toEqual([[T0, 'first notification']]);
  });

  it('keeps the group state as plain data that survives JSON, so a restarted server carries on', () => {
    const first = drive({ trees: [checkout], script: [firing(T0, latency('a'))], until: T0 + MINUTE });
    const stored = JSON.parse(JSON.stringify(first.state));
    const after = drive({ trees: [checkout], script: [firing(T0 + 2 * MINUTE, latency('b'))], until: T0 + 6 * MINUTE, state: stored });
    expect(after.notifications.map((n) => viewOf(n, 'instance', T0))).toEqual([
      { at: 5 * MINUTE + 30 * SECOND, groupKey: 'checkout{service="checkout"}:{alertname="HighLatency"}', reason: 'new alerts added', action: 'page', urgency: 'high', firing: ['a', 'b'], resolved: [] },
    ]);
  });
});

describe('planGroupNotifications: continue', () => {
  it('notifies every route an alert continues through, each in its own group', () => {
    const tree: RouteTree = {
      name: 'checkout', order: 0,
      root: {
        ...leaf({ matchers: [eq('service', 'checkout')], groupBy: ['alertname'] }), target: CHAT,
        routes: [leaf({ matchers: [re('severity', 'page|critical')], continue: true, target: ONCALL }), leaf({ target: CHAT })],
      },
    };
    const { notifications } = drive({
      trees: [tree],
      script: [firing(T0, latency('a')), firing(T0, { alertname: 'SlowQueries', service: 'checkout', severity: 'ticket', instance: 'db' })],
      until: T0 + MINUTE,
    });
    expect(notifications.map((n) => ({ ...viewOf(n, 'instance', T0), target: n.target }))).toEqual([
      { at: 30 * SECOND, groupKey: 'checkout{service="checkout"}/{severity=~"page|critical"}:{alertname="HighLatency"}', reason: 'first notification', action: 'page', urgency: 'high', firing: ['a'], resolved: [], target: ONCALL },
      { at: 30 * SECOND, groupKey: 'checkout{service="checkout"}/{}:{alertname="HighLatency"}', reason: 'first notification', action: 'notify', urgency: 'high', firing: ['a'], resolved: [], target: CHAT },
      // The ticket-tier alert skips the paging route and lands in the chat only.
      { at: 30 * SECOND, groupKey: 'checkout{service="checkout"}/{}:{alertname="SlowQueries"}', reason: 'first notification', action: 'notify', urgency: 'low', firing: ['db'], resolved: [], target: CHAT },
    ]);
  });
});

describe('planGroupNotifications: inhibition', () => {
  const regionDown = { alertname: 'RegionDown', region: 'eu', severity: 'page', service: 'checkout', instance: 'region-eu' };
  const euLatency = { ...latency('eu-1'), region: 'eu' };
  const usLatency = { ...latency('us-1'), region: 'us' };
  const byRegion: RouteTree = { name: 'checkout', order: 0, root: { ...leaf({ groupBy: ['alertname', 'region'] }), target: ONCALL } };
  const rules: SuppressionRules = {
    ...NO_SUPPRESSION_RULES,
    inhibitRules: [{ name: 'region-down', sourceMatchers: [eq('alertname', 'RegionDown')], targetMatchers: [re('severity', 'page|ticket')], equal: ['region'] }],
  };

  it('mutes the alerts of a region while it is down, and tells them once it is back', () => {
    const { notifications } = drive({
      trees: [byRegion],
      script: [firing(T0, regionDown), firing(T0, euLatency), firing(T0, usLatency), resolved(T0 + 2 * MINUTE, T0, regionDown)],
      until: T0 + 6 * MINUTE,
      rulesAt: () => rules,
    });
    expect(notifications.map((n) => viewOf(n, 'instance', T0))).toEqual([
      { at: 30 * SECOND, groupKey: 'checkout{}:{alertname="HighLatency", region="us"}', reason: 'first notification', action: 'page', urgency: 'high', firing: ['us-1'], resolved: [] },
      // RegionDown matches both sides of the rule, so it does not inhibit itself.
      { at: 30 * SECOND, groupKey: 'checkout{}:{alertname="RegionDown", region="eu"}', reason: 'first notification', action: 'page', urgency: 'high', firing: ['region-eu'], resolved: [] },
      // eu-1 was inhibited at 30 s; RegionDown resolved at 2 min, so the next look tells eu-1.
      { at: 5 * MINUTE + 30 * SECOND, groupKey: 'checkout{}:{alertname="HighLatency", region="eu"}', reason: 'first notification', action: 'page', urgency: 'high', firing: ['eu-1'], resolved: [] },
      { at: 5 * MINUTE + 30 * SECOND, groupKey: 'checkout{}:{alertname="RegionDown", region="eu"}', reason: 'all alerts resolved', action: 'notify', urgency: 'low', firing: [], resolved: ['region-eu'] },
    ]);
  });
});

describe('planGroupNotifications: a silence that ends when its alert resolves', () => {
  const disk = { alertname: 'DiskFull', service: 'checkout', severity: 'page', instance: 'db-1' };
  const silence = {
    id: 'mute-checkout-until-disk-ok',
    matchers: [eq('service', 'checkout')],
    startsAt: T0,
    endsAt: null,
    untilResolved: { fingerprint: alertFingerprint(disk), startsAt: T0 },
  };

  it('mutes the matching alerts until the tied alert resolves, then lets them page, and not the next episode', () => {
    const { notifications, endedSilences } = drive({
      trees: [checkout],
      script: [
        firing(T0, disk),
        firing(T0 + MINUTE, latency('web-1')),
        resolved(T0 + 10 * MINUTE, T0, disk),
        firing(T0 + 20 * MINUTE, disk), // DiskFull fires again: a new episode the silence does not cover
      ],
      until: T0 + 25 * MINUTE,
      rulesAt: () => ({ ...NO_SUPPRESSION_RULES, silences: [silence] }),
    });
    expect(notifications.map((n) => viewOf(n, 'instance', T0))).toEqual([
      // HighLatency was muted at 1 min 30 and 6 min 30; the silence ended at 10 min.
      { at: 11 * MINUTE + 30 * SECOND, groupKey: 'checkout{service="checkout"}:{alertname="HighLatency"}', reason: 'first notification', action: 'page', urgency: 'high', firing: ['web-1'], resolved: [] },
      // The first DiskFull episode was never told, so its resolution is not told either.
      { at: 20 * MINUTE + 30 * SECOND, groupKey: 'checkout{service="checkout"}:{alertname="DiskFull"}', reason: 'first notification', action: 'page', urgency: 'high', firing: ['db-1'], resolved: [] },
    ]);
    // Reported at the step that saw the resolution, and at each later step until the server stores an end.
    expect(endedSilences[0]).toEqual({ at: T0 + 10 * MINUTE, id: silence.id });
  });

  it('stops reporting the silence as ended once the server stored its end', () => {
    const { endedSilences } = drive({
      trees: [checkout],
      script: [firing(T0, disk), resolved(T0 + 10 * MINUTE, T0, disk)],
      until: T0 + 20 * MINUTE,
      rulesAt: (now) => ({ ...NO_SUPPRESSION_RULES, silences: [now > T0 + 10 * MINUTE ? { ...silence, endsAt: T0 + 10 * MINUTE } : silence] }),
    });
    expect(endedSilences).toEqual([{ at: T0 + 10 * MINUTE, id: silence.id }]);
  });

  it('tells the resolution of an alert that was told firing, even when silenced since', () => {
    const later = { id: 'later', matchers: [eq('alertname', 'HighLatency')], startsAt: T0 + 2 * MINUTE, endsAt: T0 + HOUR };
    const { notifications } = drive({
      trees: [checkout],
      script: [firing(T0, latency('a')), resolved(T0 + 7 * MINUTE, T0, latency('a'))],
      until: T0 + 15 * MINUTE,
      rulesAt: () => ({ ...NO_SUPPRESSION_RULES, silences: [later] }),
    });
    expect(notifications.map((n) => [n.at - T0, n.reason])).toEqual([[30 * SECOND, 'first notification'], [10 * MINUTE + 30 * SECOND, 'all alerts resolved']]);
  });
});

describe('planGroupNotifications: a maintenance window that recurs weekly', () => {
  // Saturdays 02:00–04:00 Berlin time; Europe moves to summer time on Sunday 29 March 2026.
  const window = {
    name: 'db-patching', matchers: [eq('service', 'checkout')], start: '2026-03-07T02:00:00', timeZone: 'Europe/Berlin',
    durationMs: 2 * HOUR, rrule: 'FREQ=WEEKLY;BYDAY=SA', suppress: 'pages' as const,
  };
  const rulesAt = (): SuppressionRules => ({ ...NO_SUPPRESSION_RULES, maintenanceWindows: [window] });
  const at = (iso: string): number => Date.parse(iso);
  const group = 'checkout{service="checkout"}:{alertname="HighLatency"}';

  it('holds pages back during each occurrence, in local time across DST, and pages once it ends', () => {
    const { notifications } = drive({
      trees: [checkout],
      script: [
        // 21 March, 02:30 CET = 01:30Z: inside; resolved before the window ends.
        firing(at('2026-03-21T01:30:00Z'), latency('w1')), resolved(at('2026-03-21T02:00:00Z'), at('2026-03-21T01:30:00Z'), latency('w1')),
        // 28 March, 02:30 CET = 01:30Z: inside; still firing when the window ends at 03:00Z.
        firing(at('2026-03-28T01:30:00Z'), latency('w2')), resolved(at('2026-03-28T03:10:00Z'), at('2026-03-28T01:30:00Z'), latency('w2')),
        // 4 April, summer time: 02:00 CEST is 00:00Z, so 01:30Z is inside and 02:30Z is after.
        firing(at('2026-04-04T01:30:00Z'), latency('w3')), resolved(at('2026-04-04T01:40:00Z'), at('2026-04-04T01:30:00Z'), latency('w3')),
        firing(at('2026-04-04T02:30:00Z'), latency('w4')),
      ],
      until: at('2026-04-04T02:31:00Z'),
      rulesAt,
    });
    expect(notifications.map((n) => ({ at: new Date(n.at).toISOString(), reason: n.reason, action: n.action, firing: n.firing.map((a) => a.labels.instance), resolved: n.resolved.map((a) => a.labels.instance) }))).toEqual([
      { at: '2026-03-21T01:30:30.000Z', reason: 'first notification', action: 'notify', firing: ['w1'], resolved: [] },
      { at: '2026-03-21T02:00:30.000Z', reason: 'all alerts resolved', action: 'notify', firing: [], resolved: ['w1'] },
      { at: '2026-03-28T01:30:30.000Z', reason: 'first notification', action: 'notify', firing: ['w2'], resolved: [] },
      // The window ends at 03:00Z; the group is looked at every 5 min from 01:30:30, so 03:00:30.
      { at: '2026-03-28T03:00:30.000Z', reason: 'maintenance ended', action: 'page', firing: ['w2'], resolved: [] },
      { at: '2026-03-28T03:10:30.000Z', reason: 'all alerts resolved', action: 'notify', firing: [], resolved: ['w2'] },
      { at: '2026-04-04T01:30:30.000Z', reason: 'first notification', action: 'notify', firing: ['w3'], resolved: [] },
      { at: '2026-04-04T01:40:30.000Z', reason: 'all alerts resolved', action: 'notify', firing: [], resolved: ['w3'] },
      { at: '2026-04-04T02:30:30.000Z', reason: 'first notification', action: 'page', firing: ['w4'], resolved: [] },
    ]);
    expect(notifications.every((n) => n.groupKey === group)).toBe(true);
  });

  it('mutes everything with `suppress: all`, and does not touch other services', () => {
    const { notifications } = drive({
      trees: [{ ...checkout, root: { ...checkout.root, matchers: [] } }],
      script: [firing(at('2026-03-28T01:30:00Z'), latency('w2')), firing(at('2026-03-28T01:30:00Z'), { ...latency('s1'), service: 'search' })],
      until: at('2026-03-28T01:45:00Z'),
      rulesAt: () => ({ ...NO_SUPPRESSION_RULES, maintenanceWindows: [{ ...window, suppress: 'all' }] }),
    });
    expect(notifications.map((n) => [n.action, n.firing.map((a) => a.labels.instance)])).toEqual([['page', ['s1']]]);
  });
});

describe('nextRoutingWakeAt', () => {
  it('is null without groups and the earliest flush otherwise', () => {
    expect(nextRoutingWakeAt(EMPTY_ROUTING_STATE)).toBeNull();
    const alert = { labels: latency('a'), startsAt: T0, endsAt: null };
    const step = planGroupNotifications(EMPTY_ROUTING_STATE, { kind: 'alert', alert, routes: matchRoutes([checkout], alert.labels) }, T0);
    expect(nextRoutingWakeAt(step.state)).toBe(T0 + 30 * SECOND);
  });
});
