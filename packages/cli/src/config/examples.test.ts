import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfigFiles } from './load-config-files';

const EXAMPLES = fileURLToPath(new URL('../../../../examples/', import.meta.url));

describe('examples/ of the README tour', () => {
  it('load without a single problem', async () => {
    const result = await loadConfigFiles([EXAMPLES]);
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('hold the services with their SLOs, the alerting objects, the scrape and the PromQL examples, the on-call team, schedule and policy, and the routes and maintenance window', async () => {
    const result = await loadConfigFiles([EXAMPLES]);
    if (!result.ok) throw new Error('examples do not load');
    expect(result.documents.map(({ object }) => `${object.kind}/${object.metadata.name}`).sort()).toEqual([
      'AlertCondition/fast-burn',
      'AlertNotificationTarget/on-call-email',
      'AlertNotificationTarget/ops-chat',
      'AlertNotificationTarget/payments-chat',
      'AlertPolicy/page-on-fast-burn',
      'DataSource/billing-prometheus',
      'DataSource/demo-fleet',
      'DataSource/storefront-pods',
      'EscalationPolicy/payments',
      'MaintenanceWindow/checkout-db-patching',
      'Route/catch-all',
      'Route/payments',
      'SLI/billing-latency',
      'SLI/billing-requests',
      'SLI/cart-requests',
      'SLI/catalog-requests',
      'SLI/checkout-requests',
      'SLI/gateway-requests',
      'SLI/payments-requests',
      'SLI/search-latency-p99',
      'SLI/search-requests',
      'SLI/storefront-requests',
      'SLO/billing-availability',
      'SLO/billing-latency',
      'SLO/cart-availability',
      'SLO/cart-latency',
      'SLO/catalog-availability',
      'SLO/checkout-availability',
      'SLO/gateway-availability',
      'SLO/payments-availability',
      'SLO/search-latency',
      'SLO/search-monthly-availability',
      'SLO/storefront-availability',
      'SLO/storefront-latency',
      'Schedule/payments-primary',
      'Service/billing',
      'Service/cart',
      'Service/catalog',
      'Service/checkout',
      'Service/gateway',
      'Service/payments',
      'Service/search',
      'Service/storefront',
      'Team/payments',
    ]);
  });
});
