import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfigFiles } from './load-config-files';

const EXAMPLES = fileURLToPath(new URL('../../../../examples/', import.meta.url));

describe('examples/ of the README tour', () => {
  it('load without a single problem', async () => {
    const result = await loadConfigFiles([EXAMPLES]);
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('hold the services with their SLOs, the alerting objects and the scrape example', async () => {
    const result = await loadConfigFiles([EXAMPLES]);
    if (!result.ok) throw new Error('examples do not load');
    expect(result.documents.map(({ object }) => `${object.kind}/${object.metadata.name}`).sort()).toEqual([
      'AlertCondition/fast-burn',
      'AlertNotificationTarget/on-call-email',
      'AlertPolicy/page-on-fast-burn',
      'DataSource/storefront-pods',
      'SLI/checkout-requests',
      'SLI/search-latency-p99',
      'SLI/search-requests',
      'SLI/storefront-requests',
      'SLO/checkout-availability',
      'SLO/search-latency',
      'SLO/search-monthly-availability',
      'SLO/storefront-availability',
      'SLO/storefront-latency',
      'Service/checkout',
      'Service/search',
      'Service/storefront',
    ]);
  });
});
