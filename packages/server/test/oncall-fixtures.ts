/**
 * On-call and routing documents the server tests apply. `payments-primary` and the payments
 * escalation policy are those of examples/oncall/; `db-oncall` adds a schedule with gaps.
 *
 * payments-primary (Europe/Berlin): ana, ben and cem take a week each from Monday 5 January 2026
 * 09:00 (08:00Z); dora covers weekdays 09:00–17:00 on top; ben overrides Wednesday 7 January
 * 18:00 to Thursday 09:00 (17:00Z to 08:00Z). db-oncall: cem on weekdays 09:00–17:00 only.
 */
const xops = (kind: string, name: string, spec: Record<string, unknown>) => ({ apiVersion: 'xops.dev/v1', kind, metadata: { name }, spec });

export const paymentsTeam = xops('Team', 'payments', {
  timeZone: 'Europe/Berlin',
  members: [
    { name: 'ana', displayName: 'Ana Alves', email: 'ana@example.com', contactMethods: [{ type: 'email', address: 'ana@example.com' }, { type: 'slack', address: '@ana' }] },
    { name: 'ben', displayName: 'Ben Becker', email: 'ben@example.com', contactMethods: [{ type: 'teams', address: 'https://example.webhook.office.com/webhookb2/payments-ben' }] },
    { name: 'cem', displayName: 'Cem Çelik', email: 'cem@example.com', contactMethods: [{ type: 'webhook', address: 'https://pager.example.com/hooks/cem' }] },
    { name: 'dora', displayName: 'Dora Dietrich', email: 'dora@example.com' },
  ],
});

export const paymentsPrimary = xops('Schedule', 'payments-primary', {
  team: 'payments',
  timeZone: 'Europe/Berlin',
  layers: [
    { name: 'weekly', users: ['ana', 'ben', 'cem'], rotation: 'weekly', start: '2026-01-05T09:00' },
    {
      name: 'office-hours', users: ['dora'], rotation: 'weekly', start: '2026-01-05T09:00',
      restrictions: [{ days: ['monday:friday'], from: '09:00', to: '17:00' }],
    },
  ],
  overrides: [{ user: 'ben', from: '2026-01-07T18:00', to: '2026-01-08T09:00' }],
});

export const dbOncall = xops('Schedule', 'db-oncall', {
  team: 'payments',
  timeZone: 'Europe/Berlin',
  layers: [{ name: 'weekdays', users: ['cem'], rotation: 'daily', start: '2026-01-05T09:00', restrictions: [{ days: ['monday:friday'], from: '09:00', to: '17:00' }] }],
});

export const paymentsPolicy = xops('EscalationPolicy', 'payments', {
  team: 'payments',
  repeat: 1,
  levels: [
    { escalateAfter: '15m', targets: [{ schedule: 'payments-primary' }] },
    { escalateAfter: '10m', mode: 'round-robin', targets: [{ user: 'ana' }, { user: 'ben' }] },
    { escalateAfter: '10m', targets: [{ user: 'dora' }] },
  ],
});

/** A policy whose only level is db-oncall: at night it has nobody, and its user level takes over. */
export const dbPolicy = xops('EscalationPolicy', 'db', {
  team: 'payments',
  levels: [
    { escalateAfter: '5m', targets: [{ schedule: 'db-oncall' }] },
    { escalateAfter: '5m', targets: [{ user: 'ana' }, { user: 'dora' }] },
  ],
});

export const paymentsRoute = xops('Route', 'payments', {
  order: 10,
  matchers: ['service=~"checkout|payments"'],
  groupBy: ['alertname', 'service'],
  groupWait: '30s',
  groupInterval: '5m',
  repeatInterval: '4h',
  target: { escalationPolicy: 'payments' },
  routes: [
    { matchers: ['severity=~"ticket|warning|info"'], repeatInterval: '24h', target: { ticket: { project: 'PAY' } } },
    { matchers: ['team="db"'], groupWait: '0s', target: { escalationPolicy: 'db' } },
    { matchers: ['severity=~"page|critical"'], continue: true },
    { matchers: ['severity=~"page|critical"'], target: { channel: 'payments-chat' } },
  ],
  inhibitRules: [{ name: 'provider-down', sourceMatchers: ['alertname="PaymentProviderDown"'], targetMatchers: ['service="checkout"'], equal: ['region'] }],
});

export const catchAllRoute = xops('Route', 'catch-all', { order: 1000, groupBy: ['...'], target: { channel: 'ops-chat' } });

export const checkoutPatching = xops('MaintenanceWindow', 'checkout-db-patching', {
  services: ['checkout'], start: '2026-03-07T02:00', timeZone: 'Europe/Berlin', duration: '2h', rrule: 'FREQ=WEEKLY;BYDAY=SA', suppress: 'pages',
});

const channel = (name: string) => ({ apiVersion: 'openslo/v1', kind: 'AlertNotificationTarget', metadata: { name }, spec: { target: 'slack' } });

/** Everything above, as an apply bundle. */
export const oncallBundle = [
  paymentsTeam, paymentsPrimary, dbOncall, paymentsPolicy, dbPolicy,
  channel('payments-chat'), channel('ops-chat'), paymentsRoute, catchAllRoute, checkoutPatching,
].map((object) => ({ object }));
