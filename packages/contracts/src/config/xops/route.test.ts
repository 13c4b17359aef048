import { describe, expect, it } from 'vitest';
import type { ConfigObject, ConfigProblem } from '../config-object';
import { validateBundle } from '../validate-bundle';
import { validateConfigDocument } from '../validate-config-document';

const route = (spec: unknown, name = 'payments'): unknown => ({ apiVersion: 'xops.dev/v1', kind: 'Route', metadata: { name }, spec });
const problemsOf = (value: unknown): ConfigProblem[] => {
  const result = validateConfigDocument(value);
  return result.ok ? [] : result.problems;
};
const checked = (value: unknown): ConfigObject => {
  const result = validateConfigDocument(value);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
};

/** The first document of examples/routing/routes.yaml. */
const exampleRoute = route({
  description: 'Alerts of the services the payments team owns',
  order: 10,
  matchers: ['service=~"checkout|payments"'],
  groupBy: ['alertname', 'service'],
  groupWait: '30s',
  groupInterval: '5m',
  repeatInterval: '4h',
  target: { escalationPolicy: 'payments' },
  routes: [
    { matchers: ['severity=~"ticket|warning|info"'], repeatInterval: '24h', target: { ticket: { project: 'PAY' } } },
    { matchers: ['severity=~"page|critical"'], continue: true },
    { matchers: ['severity=~"page|critical"'], target: { channel: 'payments-chat' } },
  ],
  inhibitRules: [{ name: 'provider-down', sourceMatchers: ['alertname="PaymentProviderDown"'], targetMatchers: ['service="checkout"'], equal: ['region'] }],
});

describe('Route', () => {
  it('accepts the example as written, and a bare tree that only names a target', () => {
    expect(validateConfigDocument(exampleRoute)).toEqual({ ok: true, value: exampleRoute });
    expect(problemsOf(route({ target: { channel: 'ops-chat' } }))).toEqual([]);
    expect(problemsOf(route({ groupBy: ['...'], groupWait: '0s', target: { ticket: { project: 'OPS' } } }))).toEqual([]);
  });

  it('points Alertmanager names at their xops spelling', () => {
    expect(problemsOf(route({ group_by: ['alertname'], repeat_interval: '4h', target: { channel: 'x' } }))).toEqual([
      { path: ['spec', 'group_by'], message: 'unknown field `group_by`: did you mean `groupBy`? Allowed here: description, order, matchers, continue, groupBy, groupWait, groupInterval, repeatInterval, target, routes, inhibitRules' },
      { path: ['spec', 'repeat_interval'], message: 'unknown field `repeat_interval`: did you mean `repeatInterval`? Allowed here: description, order, matchers, continue, groupBy, groupWait, groupInterval, repeatInterval, target, routes, inhibitRules' },
    ]);
  });

  it('says how to fix targets, grouping, timers and matchers, at every depth', () => {
    expect(problemsOf(route({
      matchers: ['service=="x"', '{a="b"}'],
      groupBy: ['...', 'alertname'],
      groupWait: '2h',
      groupInterval: 'soon',
      target: { channel: 'chat', ticket: { project: 'P' } },
      routes: [{ matchers: ['severity'], target: {}, groupBy: ['1x', 'team', 'team'], routes: [{ contnue: true, target: { escalationPolicy: 'Bad_Name' } }] }],
    }))).toEqual([
      { path: ['spec', 'matchers', 0], message: 'matcher `service=="x"`: `==` is not an operator: use = for equality, =~ for a regex' },
      { path: ['spec', 'matchers', 1], message: 'matcher `{a="b"}`: write one matcher per list item, without braces: e.g. service="checkout" or severity=~"page|critical"' },
      { path: ['spec', 'groupBy'], message: '`...` groups by every label: give it alone, [\'...\'], or list label names' },
      { path: ['spec', 'groupWait'], message: 'groupWait `2h` is out of range: use from 0s to 1h' },
      { path: ['spec', 'groupInterval'], message: 'groupInterval `soon` does not parse: use a duration such as 30s, 5m or 1h30m' },
      { path: ['spec', 'target'], message: 'a target is one of escalationPolicy, channel or ticket, not channel and ticket: use a child route with continue: true to send to both' },
      { path: ['spec', 'routes', 0, 'matchers', 0], message: 'matcher `severity`: `severity` needs an operator and a value: severity="…" (or !=, =~, !~)' },
      { path: ['spec', 'routes', 0, 'groupBy', 0], message: 'a label name has letters, digits and _, and does not start with a digit, e.g. service' },
      { path: ['spec', 'routes', 0, 'groupBy', 2], message: '`team` is listed twice' },
      { path: ['spec', 'routes', 0, 'target'], message: 'a target is one of escalationPolicy (page), channel (notify only) or ticket (file a ticket)' },
      { path: ['spec', 'routes', 0, 'routes', 0, 'target', 'escalationPolicy'], message: '`Bad_Name` is not a valid name: use letters, digits and \'-\', starting and ending with a letter or digit, e.g. checkout-availability' },
      { path: ['spec', 'routes', 0, 'routes', 0, 'contnue'], message: 'unknown field `contnue`: did you mean `continue`? Allowed here: description, matchers, continue, groupBy, groupWait, groupInterval, repeatInterval, target, routes' },
    ]);
  });

  it('needs a target at the root, and keeps order and inhibition rules to the root', () => {
    expect(problemsOf(route({}))).toEqual([{ path: ['spec', 'target'], message: '`target` is required: where alerts go unless a child route says otherwise: escalationPolicy, channel or ticket' }]);
    expect(problemsOf(route({ target: { channel: 'x' }, routes: [{ order: 1, inhibitRules: [] }] })).map((problem) => problem.path)).toEqual([
      ['spec', 'routes', 0, 'order'], ['spec', 'routes', 0, 'inhibitRules'],
    ]);
  });

  it('checks inhibition rules as Alertmanager does: both sides named, equal as label names', () => {
    expect(problemsOf(route({ target: { channel: 'x' }, inhibitRules: [{ sourceMatchers: [], targetMatchers: ['severity="page"'], equal: ['re-gion'] }] }))).toEqual([
      { path: ['spec', 'inhibitRules', 0, 'sourceMatchers'], message: '`sourceMatchers` needs at least one item' },
      { path: ['spec', 'inhibitRules', 0, 'equal', 0], message: 'a label name has letters, digits and _, and does not start with a digit, e.g. service' },
    ]);
  });

  it('checks that a channel names an AlertNotificationTarget, at any depth', () => {
    const chat = checked({ apiVersion: 'openslo/v1', kind: 'AlertNotificationTarget', metadata: { name: 'payments-chat' }, spec: { target: 'slack' } });
    const tree = checked(route({ target: { channel: 'payments-chat' }, routes: [{ routes: [{ target: { channel: 'payments-chta' } }] }] }));
    expect(validateBundle([chat, tree], () => false)).toEqual([{
      index: 1,
      problem: { path: ['spec', 'routes', 0, 'routes', 0, 'target', 'channel'], message: 'no AlertNotificationTarget named `payments-chta` exists in this bundle or on the server: did you mean `payments-chat`? Otherwise define it or fix the name' },
    }]);
  });
});
