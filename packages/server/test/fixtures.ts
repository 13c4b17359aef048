/** Config documents the server tests apply: a small but realistic OpenSLO setup. */

export const checkoutService = {
  apiVersion: 'openslo/v1',
  kind: 'Service',
  metadata: { name: 'checkout', displayName: 'Checkout' },
  spec: { description: 'The checkout API of the web shop' },
};

export const checkoutSli = {
  apiVersion: 'openslo/v1',
  kind: 'SLI',
  metadata: { name: 'checkout-availability', displayName: 'Checkout availability' },
  spec: {
    description: 'Share of checkout requests answered without a server error',
    ratioMetric: {
      counter: true,
      good: {
        metricSource: {
          type: 'Prometheus',
          spec: { query: 'sum(rate(http_requests_total{service="checkout",code!~"5.."}[1m]))' },
        },
      },
      total: {
        metricSource: {
          type: 'Prometheus',
          spec: { query: 'sum(rate(http_requests_total{service="checkout"}[1m]))' },
        },
      },
    },
  },
};

/** Every field an SLO can carry that xops keeps, so a round trip shows nothing is lost. */
export const checkoutSlo = {
  apiVersion: 'openslo/v1',
  kind: 'SLO',
  metadata: {
    name: 'checkout-availability',
    displayName: 'Checkout availability',
    labels: { team: 'payments', tier: ['1', 'critical'] },
    annotations: { 'xops.dev/runbook': 'https://runbooks.example.com/checkout' },
  },
  spec: {
    description: '99.9 % of checkout requests succeed over 28 days',
    service: 'checkout',
    indicatorRef: 'checkout-availability',
    timeWindow: [{ duration: '28d', isRolling: true }],
    budgetingMethod: 'Occurrences',
    objectives: [{ displayName: 'Available', target: 0.999 }],
  },
};

/** The same SLO with another target: a real change. */
export const checkoutSloTightened = {
  ...checkoutSlo,
  spec: { ...checkoutSlo.spec, objectives: [{ displayName: 'Available', target: 0.9995 }] },
};

export const searchSlo = {
  ...checkoutSlo,
  metadata: { name: 'search-availability', labels: { team: 'discovery' } },
  spec: { ...checkoutSlo.spec, description: 'Search answers', service: 'checkout' },
};
