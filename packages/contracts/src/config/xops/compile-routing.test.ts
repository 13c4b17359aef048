import { EMPTY_ROUTING_STATE, explainRouting, matchRoutes, NO_SUPPRESSION_RULES } from '@xops/core';
import { describe, expect, it } from 'vitest';
import type { ConfigObject } from '../config-object';
import { validateConfigDocument } from '../validate-config-document';
import { compileRouting } from './compile-routing';

const doc = (kind: string, name: string, spec: unknown): ConfigObject => {
  const result = validateConfigDocument({ apiVersion: 'xops.dev/v1', kind, metadata: { name }, spec });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
};

// The documents of examples/routing/.
const payments = doc('Route', 'payments', {
  order: 10,
  matchers: ['service=~"checkout|payments"'],
  groupBy: ['alertname', 'service'],
  groupWait: '30s', groupInterval: '5m', repeatInterval: '4h',
  target: { escalationPolicy: 'payments' },
  routes: [
    { matchers: ['severity=~"ticket|warning|info"'], repeatInterval: '24h', target: { ticket: { project: 'PAY' } } },
    { matchers: ['severity=~"page|critical"'], continue: true },
    { matchers: ['severity=~"page|critical"'], target: { channel: 'payments-chat' } },
  ],
  inhibitRules: [{ name: 'provider-down', sourceMatchers: ['alertname="PaymentProviderDown"'], targetMatchers: ['service="checkout"'], equal: ['region'] }],
});
const catchAll = doc('Route', 'catch-all', { order: 1000, groupBy: ['...'], target: { channel: 'ops-chat' } });
const patching = doc('MaintenanceWindow', 'checkout-db-patching', {
  services: ['checkout'], start: '2026-03-07T02:00', timeZone: 'Europe/Berlin', duration: '2h', rrule: 'FREQ=WEEKLY;BYDAY=SA', suppress: 'pages',
});

describe('compileRouting', () => {
  it('turns Route and MaintenanceWindow documents into the router config', () => {
    const service = { kind: 'ignored' };
    const other: ConfigObject = { apiVersion: 'openslo/v1', kind: 'Service', metadata: { name: 'checkout' }, spec: service };
    expect(compileRouting([payments, catchAll, patching, other])).toEqual({
      ok: true,
      value: {
        trees: [
          {
            name: 'payments', order: 10,
            root: {
              matchers: [{ name: 'service', op: '=~', value: 'checkout|payments' }],
              continue: false,
              groupBy: ['alertname', 'service'],
              timings: { groupWaitMs: 30_000, groupIntervalMs: 300_000, repeatIntervalMs: 14_400_000 },
              target: { kind: 'escalation-policy', name: 'payments' },
              routes: [
                { matchers: [{ name: 'severity', op: '=~', value: 'ticket|warning|info' }], continue: false, timings: { repeatIntervalMs: 86_400_000 }, target: { kind: 'ticket', project: 'PAY' }, routes: [] },
                { matchers: [{ name: 'severity', op: '=~', value: 'page|critical' }], continue: true, routes: [] },
                { matchers: [{ name: 'severity', op: '=~', value: 'page|critical' }], continue: false, target: { kind: 'channel', name: 'payments-chat' }, routes: [] },
              ],
            },
          },
          { name: 'catch-all', order: 1000, root: { matchers: [], continue: false, groupBy: 'all', target: { kind: 'channel', name: 'ops-chat' }, routes: [] } },
        ],
        inhibitRules: [{
          name: 'provider-down',
          sourceMatchers: [{ name: 'alertname', op: '=', value: 'PaymentProviderDown' }],
          targetMatchers: [{ name: 'service', op: '=', value: 'checkout' }],
          equal: ['region'],
        }],
        maintenanceWindows: [{
          name: 'checkout-db-patching', matchers: [{ name: 'service', op: '=', value: 'checkout' }], start: '2026-03-07T02:00',
          timeZone: 'Europe/Berlin', durationMs: 7_200_000, rrule: 'FREQ=WEEKLY;BYDAY=SA', suppress: 'pages',
        }],
      },
    });
  });

  it('fills defaults: order 0, UTC, suppress pages, several services as one regex, inhibition rule names', () => {
    const tree = doc('Route', 'ops', { target: { channel: 'ops-chat' }, inhibitRules: [{ sourceMatchers: ['a="1"'], targetMatchers: ['b="2"'] }] });
    const window = doc('MaintenanceWindow', 'move', { services: ['cart', 'search'], matchers: ['env="prod"'], start: '2026-06-01T00:00', duration: '1d' });
    const compiled = compileRouting([tree, window]);
    expect(compiled.ok && compiled.value.trees[0]?.order).toBe(0);
    expect(compiled.ok && compiled.value.inhibitRules.map((rule) => [rule.name, rule.equal])).toEqual([['ops-inhibit-0', []]]);
    expect(compiled.ok && compiled.value.maintenanceWindows).toEqual([{
      name: 'move', matchers: [{ name: 'service', op: '=~', value: 'cart|search' }, { name: 'env', op: '=', value: 'prod' }],
      start: '2026-06-01T00:00', timeZone: 'UTC', durationMs: 86_400_000, suppress: 'pages',
    }]);
  });

  it('gives the problems of a document that does not pass its schema', () => {
    const bad: ConfigObject = { apiVersion: 'xops.dev/v1', kind: 'Route', metadata: { name: 'broken' }, spec: { target: {} } };
    expect(compileRouting([bad])).toEqual({ ok: false, error: ['Route "broken": target: a target is one of escalationPolicy (page), channel (notify only) or ticket (file a ticket)'] });
  });

  it('routes the example as its comments say', () => {
    const compiled = compileRouting([payments, catchAll, patching]);
    if (!compiled.ok) throw new Error(compiled.error.join('\n'));
    const { trees, inhibitRules, maintenanceWindows } = compiled.value;
    const targetsOf = (labels: Record<string, string>): unknown[] => matchRoutes(trees, labels).map((match) => match.target);
    expect(targetsOf({ alertname: 'HighErrorRate', service: 'checkout', severity: 'page' })).toEqual([
      { kind: 'escalation-policy', name: 'payments' }, { kind: 'channel', name: 'payments-chat' },
    ]);
    expect(targetsOf({ alertname: 'BudgetBurn', service: 'payments', severity: 'ticket' })).toEqual([{ kind: 'ticket', project: 'PAY' }]);
    expect(targetsOf({ alertname: 'DiskFull', service: 'checkout' })).toEqual([{ kind: 'escalation-policy', name: 'payments' }]);
    expect(targetsOf({ alertname: 'DiskFull', service: 'search', severity: 'page' })).toEqual([{ kind: 'channel', name: 'ops-chat' }]);

    // Saturday 28 March 2026, 02:30 in Berlin: the patching window holds checkout's pages back.
    const rules = { ...NO_SUPPRESSION_RULES, inhibitRules, maintenanceWindows };
    const during = explainRouting({ alertname: 'HighErrorRate', service: 'checkout', severity: 'page' }, { trees, rules, state: EMPTY_ROUTING_STATE, now: Date.parse('2026-03-28T01:30:00Z') });
    expect(during.routes.map((route) => route.outcome)).toEqual(['notify', 'notify']);
    const after = explainRouting({ alertname: 'HighErrorRate', service: 'checkout', severity: 'page' }, { trees, rules, state: EMPTY_ROUTING_STATE, now: Date.parse('2026-03-28T03:00:00Z') });
    expect(after.routes.map((route) => route.outcome)).toEqual(['page', 'notify']);
  });
});
