import { describe, expect, it } from 'vitest';
import { validateConfigDocument } from '../validate-config-document';
import { goldenSignalSelectors } from './golden-signal-annotations';

const service = (annotations: Record<string, string>) => ({ apiVersion: 'openslo/v1', kind: 'Service', metadata: { name: 'checkout', annotations }, spec: {} });

describe('golden-signal annotations on a Service', () => {
  it('accepts valid selectors and parses them', () => {
    const annotations = {
      'xops.dev/requests': 'http_requests_total{service="checkout"}',
      'xops.dev/errors': 'http_requests_total{service="checkout",code=~"5.."}',
      'xops.dev/latency': 'http_request_duration_seconds{service="checkout"}',
      'xops.dev/saturation': 'process_cpu_utilization',
    };
    expect(validateConfigDocument(service(annotations)).ok).toBe(true);
    const selectors = goldenSignalSelectors(annotations);
    expect(selectors.errors?.matchers.map((m) => [m.label, m.op, m.value])).toEqual([['service', '=', 'checkout'], ['code', '=~', '5..']]);
    expect(selectors.saturation).toEqual({ name: 'process_cpu_utilization', matchers: [] });
  });

  it('refuses a selector that does not parse, a latency _bucket or le, and errors without requests', () => {
    const result = validateConfigDocument(service({
      'xops.dev/errors': 'http_requests_total{code=~"5..}',
      'xops.dev/latency': 'http_request_duration_seconds_bucket',
    }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((problem) => problem.path.join('.'))).toEqual([
      'metadata.annotations.xops.dev/errors',
      'metadata.annotations.xops.dev/latency',
      'metadata.annotations.xops.dev/errors',
    ]);
    expect(result.problems[1]?.message).toContain('`http_request_duration_seconds`');
    expect(result.problems[2]?.message).toContain('needs `xops.dev/requests`');
    const le = validateConfigDocument(service({ 'xops.dev/latency': 'h{le="0.1"}' }));
    expect(le.ok ? [] : le.problems.map((problem) => problem.message)).toEqual(['leave `le` out: every bucket is read to compute p50, p90 and p99']);
  });
});
