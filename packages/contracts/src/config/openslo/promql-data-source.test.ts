import { describe, expect, it } from 'vitest';
import type { ConfigProblem } from '../config-object';
import { validateConfigDocument } from '../validate-config-document';

const problemsOf = (value: unknown): ConfigProblem[] => {
  const result = validateConfigDocument(value);
  return result.ok ? [] : result.problems;
};
const dataSource = (type: string, connectionDetails: unknown) => ({ apiVersion: 'openslo/v1', kind: 'DataSource', metadata: { name: 'prom' }, spec: { type, connectionDetails } });
const sli = (metricSource: unknown) => ({
  apiVersion: 'openslo/v1', kind: 'SLI', metadata: { name: 'requests' },
  spec: { ratioMetric: { counter: true, good: { metricSource }, total: { metricSource: { metricSourceRef: 'prom', spec: { selector: 'http_requests_total' } } } } },
});

describe('a DataSource of type Prometheus (any case)', () => {
  it('accepts a URL with a bearer token, basic auth or headers, and a timeout', () => {
    expect(problemsOf(dataSource('Prometheus', { url: 'http://prometheus:9090', bearerToken: 'secret', timeout: '30s' }))).toEqual([]);
    expect(problemsOf(dataSource('prometheus', { url: 'https://mimir.example.com/prometheus', basicAuth: { username: 'xops', password: 'pw' }, headers: [{ name: 'X-Scope-OrgID', value: 'shop' }] }))).toEqual([]);
  });

  it('reports a missing or wrong URL, both kinds of auth, a bad timeout and unknown keys, each with its path', () => {
    expect(problemsOf(dataSource('PROMETHEUS', { url: 'ftp://x', timeout: '1h', token: 'x' }))).toEqual([
      { path: ['spec', 'connectionDetails', 'url'], message: 'url must be an http(s) URL of the Prometheus HTTP API, such as http://prometheus:9090' },
      { path: ['spec', 'connectionDetails', 'timeout'], message: 'timeout is a duration such as 10s or 500ms, from 100 ms to 300 s' },
      { path: ['spec', 'connectionDetails'], message: 'Unrecognized key: "token"' },
    ]);
    expect(problemsOf(dataSource('Prometheus', { url: 'http://p:9090', bearerToken: 't', basicAuth: { username: 'u', password: 'p' } }))).toEqual([
      { path: ['spec', 'connectionDetails', 'basicAuth'], message: 'give either bearerToken or basicAuth, not both' },
    ]);
    expect(problemsOf(dataSource('Prometheus', undefined))).toEqual([{ path: ['spec', 'connectionDetails'], message: '`connectionDetails` is required: at least `url: http://prometheus:9090`' }]);
  });

  it('leaves the connectionDetails of other source types free-form', () => {
    expect(problemsOf(dataSource('Datadog', { apiKey: 'k', anything: [1] }))).toEqual([]);
  });
});

describe('an SLI read from a Prometheus DataSource', () => {
  it('checks the selector of a metric that names a DataSource, or says type Prometheus', () => {
    expect(problemsOf(sli({ metricSourceRef: 'prom', spec: { selector: 'http_requests_total{code!~"5.."}' } }))).toEqual([]);
    expect(problemsOf(sli({ metricSourceRef: 'prom', type: 'Prometheus', spec: { selector: 'sum(rate(x[5m]))' } })).map((problem) => problem.path))
      .toEqual([['spec', 'ratioMetric', 'good', 'metricSource', 'spec', 'selector']]);
  });

  it('keeps an OpenSLO `query` free-form, as other tools write it', () => {
    const free = { apiVersion: 'openslo/v1', kind: 'SLI', metadata: { name: 'free' }, spec: { ratioMetric: { counter: true,
      good: { metricSource: { type: 'Prometheus', spec: { query: 'sum(rate(x{ok="1"}[5m]))' } } },
      total: { metricSource: { type: 'Prometheus', spec: { query: 'sum(rate(x[5m]))' } } } } } };
    expect(problemsOf(free)).toEqual([]);
  });
});
