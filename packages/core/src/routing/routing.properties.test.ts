import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GroupNotification } from './alert-group';
import type { LabelMatcher, LabelSet } from './label-matcher';
import { matchRoutes } from './match-routes';
import { EMPTY_ROUTING_STATE, nextRoutingWakeAt, planGroupNotifications, type RoutingEvent, type RoutingState } from './plan-group-notifications';
import type { RouteTree } from './route-tree';
import { silencedBy, type Silence } from './silence';
import { NO_SUPPRESSION_RULES, type SuppressionRules } from './suppression';
import { eq, HOUR, MINUTE, re, SECOND } from './testing/routing-fixtures';
import { urgencyOf } from './urgency';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const TIMINGS = { groupWaitMs: 30 * SECOND, groupIntervalMs: 5 * MINUTE, repeatIntervalMs: HOUR };

const tree: RouteTree = {
  name: 'shop', order: 0,
  root: {
    matchers: [], continue: false, groupBy: ['alertname'], timings: TIMINGS, target: { kind: 'escalation-policy', name: 'shop-oncall' },
    routes: [
      { matchers: [re('severity', 'page|critical')], continue: true, routes: [] },
      { matchers: [eq('service', 'cart')], continue: false, groupBy: 'all', target: { kind: 'channel', name: 'cart-chat' }, routes: [] },
      { matchers: [{ name: 'severity', op: '!~', value: 'page|critical' }], continue: false, target: { kind: 'ticket', project: 'SHOP' }, routes: [] },
    ],
  },
};

const labelsArb: fc.Arbitrary<LabelSet> = fc.record({
  alertname: fc.constantFrom('HighLatency', 'ErrorBurn', 'DiskFull'),
  service: fc.constantFrom('checkout', 'cart'),
  severity: fc.constantFrom('page', 'critical', 'ticket', 'warning'),
  instance: fc.constantFrom('a', 'b', 'c'),
});

/** A report at `offset` ms after T0: firing, or resolved at that moment. */
const reportArb = fc.record({ offset: fc.integer({ min: 0, max: 2 * HOUR }), labels: labelsArb, resolves: fc.boolean() });

const matcherArb: fc.Arbitrary<LabelMatcher> = fc.oneof(
  fc.record({ name: fc.constant('service'), op: fc.constant<LabelMatcher['op']>('='), value: fc.constantFrom('checkout', 'cart') }),
  fc.record({ name: fc.constant('alertname'), op: fc.constant<LabelMatcher['op']>('=~'), value: fc.constantFrom('High.*', 'DiskFull|ErrorBurn') }),
  fc.record({ name: fc.constant('instance'), op: fc.constant<LabelMatcher['op']>('!='), value: fc.constantFrom('a', 'b') }),
);
const silenceArb: fc.Arbitrary<Silence> = fc.record({
  id: fc.uuid(),
  matchers: fc.array(matcherArb, { minLength: 1, maxLength: 2 }),
  startsAt: fc.integer({ min: 0, max: 2 * HOUR }).map((offset) => T0 + offset),
  length: fc.integer({ min: 1, max: HOUR }),
}).map(({ id, matchers, startsAt, length }) => ({ id, matchers, startsAt, endsAt: startsAt + length }));

interface Observed {
  readonly notification: GroupNotification;
  readonly createdAt: number;
  readonly rules: SuppressionRules;
}

/** Runs the reports through the router with ticks at every wake-up, as the server would, recording each group's creation. */
function run(reports: readonly { offset: number; labels: LabelSet; resolves: boolean }[], rules: SuppressionRules): Observed[] {
  let state: RoutingState = EMPTY_ROUTING_STATE;
  const createdAt = new Map<string, number>();
  const observed: Observed[] = [];
  const step = (event: RoutingEvent, now: number): void => {
    const next = planGroupNotifications(state, event, now, rules);
    for (const key of Object.keys(next.state.groups)) if (!Object.hasOwn(state.groups, key) || !createdAt.has(key)) createdAt.set(key, now);
    for (const notification of next.notifications) observed.push({ notification, createdAt: createdAt.get(notification.groupKey) ?? Number.NaN, rules });
    for (const key of [...createdAt.keys()]) if (!Object.hasOwn(next.state.groups, key)) createdAt.delete(key);
    state = next.state;
  };
  const sorted = [...reports].sort((a, b) => a.offset - b.offset);
  const firstSeen = new Map<string, number>();
  for (const report of sorted) {
    const now = T0 + report.offset;
    for (let wake = nextRoutingWakeAt(state); wake !== null && wake < now; wake = nextRoutingWakeAt(state)) step({ kind: 'tick' }, wake);
    const key = JSON.stringify(report.labels);
    const startsAt = firstSeen.get(key) ?? now;
    firstSeen.set(key, startsAt);
    if (report.resolves) firstSeen.delete(key);
    step({ kind: 'alert', alert: { labels: report.labels, startsAt: report.resolves ? startsAt : now, endsAt: report.resolves ? now : null }, routes: matchRoutes([tree], report.labels) }, now);
  }
  const until = T0 + 4 * HOUR;
  for (let wake = nextRoutingWakeAt(state); wake !== null && wake <= until; wake = nextRoutingWakeAt(state)) step({ kind: 'tick' }, wake);
  return observed;
}

describe('routing properties', () => {
  it('never throws while matching routes, whatever the labels', () => {
    fc.assert(fc.property(fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 })), (labels) => {
      const matches = matchRoutes([tree], labels);
      expect(matches.length).toBeGreaterThan(0); // the root has no matchers: something always takes the alert
    }), { numRuns: 500 });
  });

  it('never pages for a silenced alert, nor lists one as firing', () => {
    fc.assert(fc.property(fc.array(reportArb, { maxLength: 30 }), fc.array(silenceArb, { maxLength: 3 }), (reports, silences) => {
      const rules = { ...NO_SUPPRESSION_RULES, silences };
      for (const { notification } of run(reports, rules)) {
        for (const alert of notification.firing) expect(silencedBy(alert, silences, notification.at, {})).toEqual([]);
        if (notification.action === 'page') expect(notification.firing.some((alert) => urgencyOf(alert.labels) === 'high')).toBe(true);
      }
    }), { numRuns: 150 });
  });

  it('pages no one while a silence covers every alert, and never pages for the ticket tier', () => {
    fc.assert(fc.property(fc.array(reportArb, { maxLength: 30 }), (reports) => {
      const everything = { ...NO_SUPPRESSION_RULES, silences: [{ id: 'all', matchers: [re('alertname', '.*')], startsAt: T0, endsAt: T0 + 5 * HOUR }] };
      expect(run(reports, everything)).toEqual([]);
      const ticketsOnly = reports.map((report) => ({ ...report, labels: { ...report.labels, severity: 'ticket' } }));
      expect(run(ticketsOnly, NO_SUPPRESSION_RULES).filter(({ notification }) => notification.action === 'page')).toEqual([]);
    }), { numRuns: 100 });
  });

  it('never notifies a group before group_wait, nor twice within group_interval', () => {
    fc.assert(fc.property(fc.array(reportArb, { maxLength: 40 }), (reports) => {
      const lastAt = new Map<string, { at: number; createdAt: number }>();
      for (const { notification, createdAt } of run(reports, NO_SUPPRESSION_RULES)) {
        expect(notification.at).toBeGreaterThanOrEqual(createdAt + TIMINGS.groupWaitMs);
        const previous = lastAt.get(notification.groupKey);
        if (previous !== undefined && previous.createdAt === createdAt) {
          expect(notification.at - previous.at).toBeGreaterThanOrEqual(TIMINGS.groupIntervalMs);
        }
        lastAt.set(notification.groupKey, { at: notification.at, createdAt });
      }
    }), { numRuns: 150 });
  });
});
