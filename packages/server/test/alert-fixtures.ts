import type { Scope } from '@xops/contracts';
import type { XopsStore } from '@xops/store';
import { generateTokenSecret, hashTokenSecret } from '../src/auth/token-secret';
import { paymentsPolicy, paymentsPrimary, paymentsTeam } from './oncall-fixtures';

/**
 * Routing for the alert pipeline tests, on the payments on-call of `oncall-fixtures.ts`:
 * - `payments-alerts`: alerts of team payments page the payments policy, grouped by alertname
 *   and slo, after Alertmanager's 30 s group_wait;
 * - `pagerduty`: PagerDuty events of component payments-api page it at once, one group per dedup key;
 * - `cart`: alerts of service cart notify the Slack channel ops-chat at once, grouped by alertname,
 *   except while a RegionDown alert of their region fires (inhibition);
 * - `checkout-slo`: the SLO engine's alerts of checkout page the payments policy after 30 s.
 */
const xops = (kind: string, name: string, spec: Record<string, unknown>) => ({ apiVersion: 'xops.dev/v1', kind, metadata: { name }, spec });

export const opsChat = {
  apiVersion: 'openslo/v1', kind: 'AlertNotificationTarget', metadata: { name: 'ops-chat' },
  spec: { target: 'https://hooks.slack.com/services/T000/B000/opschat' },
};

export const alertRoutes = [
  xops('Route', 'payments-alerts', { order: 1, matchers: ['team="payments"'], groupBy: ['alertname', 'slo'], groupWait: '30s', target: { escalationPolicy: 'payments' } }),
  xops('Route', 'pagerduty', { order: 2, matchers: ['component="payments-api"'], groupBy: ['dedup_key'], groupWait: '0s', target: { escalationPolicy: 'payments' } }),
  xops('Route', 'cart', { order: 3, matchers: ['service="cart"'], groupBy: ['alertname'], groupWait: '0s', groupInterval: '1m', target: { channel: 'ops-chat' },
    inhibitRules: [{ name: 'region-down', sourceMatchers: ['alertname="RegionDown"'], targetMatchers: ['service="cart"'], equal: ['region'] }] }),
  xops('Route', 'checkout-slo', { order: 4, matchers: ['slo="checkout-availability"'], groupBy: ['slo'], groupWait: '30s', target: { escalationPolicy: 'payments' } }),
];

/** Everything above with the on-call it pages, as an apply bundle. */
export const alertBundle = [paymentsTeam, paymentsPrimary, paymentsPolicy, opsChat, ...alertRoutes].map((object) => ({ object }));

/** A new ingest token with `scopes`, stored; returns its secret. */
export async function ingestToken(store: XopsStore, name: string, scopes: Scope[]): Promise<string> {
  const secret = generateTokenSecret();
  await store.insertToken({ name, scopes, hash: hashTokenSecret(secret), createdBy: 'test' });
  return secret;
}

/** Alertmanager's webhook body of reference/incident.md §1.8, for one alert of the payments team. */
export function alertmanagerWebhook(options: { status: 'firing' | 'resolved'; startsAt: string; endsAt?: string }) {
  return {
    version: '4',
    groupKey: '{}/{team="payments"}:{alertname="ErrorBudgetBurn", slo="checkout-availability"}',
    truncatedAlerts: 0,
    status: options.status,
    receiver: 'xops\\-ingest',
    notification_reason: options.status === 'firing' ? 'first notification' : 'all alerts resolved',
    groupLabels: { alertname: 'ErrorBudgetBurn', slo: 'checkout-availability' },
    commonLabels: { alertname: 'ErrorBudgetBurn', slo: 'checkout-availability', severity: 'page', team: 'payments' },
    commonAnnotations: { summary: 'checkout-availability burning 14.4x budget (1h/5m windows)' },
    routeLabels: {},
    externalURL: 'http://alertmanager.example.internal:9093',
    alerts: [{
      status: options.status,
      labels: { alertname: 'ErrorBudgetBurn', slo: 'checkout-availability', severity: 'page', team: 'payments', window: '1h' },
      annotations: { summary: 'checkout-availability burning 14.4x budget (1h/5m windows)', runbook_url: 'https://runbooks.example/slo-burn' },
      startsAt: options.startsAt,
      endsAt: options.endsAt ?? '0001-01-01T00:00:00Z',
      generatorURL: 'http://prometheus.example.internal:9090/graph?g0.expr=...',
      fingerprint: 'c4f2a1d0e9b87a36',
    }],
  };
}
