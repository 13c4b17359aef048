import { describe, expect, it } from 'vitest';
import type { ConfigProblem } from '../config-object';
import { validateConfigDocument } from '../validate-config-document';

const sli = (spec: unknown): unknown => ({ apiVersion: 'openslo/v1', kind: 'SLI', metadata: { name: 'requests' }, spec });
const problemsOf = (value: unknown): ConfigProblem[] => {
  const result = validateConfigDocument(value);
  return result.ok ? [] : result.problems;
};
const source = (query: string): unknown => ({ metricSource: { type: 'Prometheus', spec: { query } } });

describe('SLI', () => {
  it('accepts good/total, bad/total, raw and threshold metrics', () => {
    expect(problemsOf(sli({ ratioMetric: { counter: true, good: source('ok'), total: source('all') } }))).toEqual([]);
    expect(problemsOf(sli({ description: 'errors', ratioMetric: { counter: false, bad: source('err'), total: source('all') } }))).toEqual([]);
    expect(problemsOf(sli({ ratioMetric: { rawType: 'success', raw: source('ratio') } }))).toEqual([]);
    expect(problemsOf(sli({ thresholdMetric: { metricSource: { metricSourceRef: 'redshift-datasource', spec: { region: 'eu-central-1', query: 'SELECT 1' } } } }))).toEqual([]);
  });

  it('keeps metricSource.spec free-form: any fields, any nesting', () => {
    const spec = { query: 'q', nested: { list: [1, 'two', { three: null }] }, 'weird key': true };
    expect(problemsOf(sli({ thresholdMetric: { metricSource: { type: 'Custom', spec } } }))).toEqual([]);
  });

  it('needs exactly one of thresholdMetric and ratioMetric', () => {
    expect(problemsOf(sli({}))).toEqual([
      { path: ['spec'], message: 'an SLI needs `ratioMetric` (good or bad events against total) or `thresholdMetric` (one value compared with a threshold)' },
    ]);
    expect(problemsOf(sli({ thresholdMetric: source('a'), ratioMetric: { good: source('g'), total: source('t') } }))).toEqual([
      { path: ['spec', 'ratioMetric'], message: 'use either `thresholdMetric` or `ratioMetric`, not both' },
    ]);
  });

  it('says what a ratio lacks or has too much of', () => {
    expect(problemsOf(sli({ ratioMetric: { counter: true } }))).toEqual([
      { path: ['spec', 'ratioMetric'], message: '`ratioMetric` needs `good` or `bad` together with `total`, or `raw` with `rawType`' },
    ]);
    expect(problemsOf(sli({ ratioMetric: { good: source('g'), bad: source('b') } }))).toEqual([
      { path: ['spec', 'ratioMetric', 'bad'], message: 'use either `good` or `bad`, not both: the ratio is good/total or (total − bad)/total' },
      { path: ['spec', 'ratioMetric', 'total'], message: '`total` is required with `good` or `bad`: the denominator of the ratio' },
    ]);
    expect(problemsOf(sli({ ratioMetric: { total: source('t'), rawType: 'success' } }))).toEqual([
      { path: ['spec', 'ratioMetric', 'rawType'], message: '`rawType` only goes with `raw`: remove it (`good` or `bad` already says which ratio this is)' },
      { path: ['spec', 'ratioMetric', 'good'], message: '`good` or `bad` is required with `total`: the numerator of the ratio' },
    ]);
    expect(problemsOf(sli({ ratioMetric: { raw: source('r'), total: source('t'), rawType: 'succes' } }))).toEqual([
      { path: ['spec', 'ratioMetric', 'rawType'], message: '`rawType` must be one of `success`, `failure`, not `succes`' },
      { path: ['spec', 'ratioMetric', 'total'], message: '`total` cannot be used with `raw`: give either `raw` with `rawType` (a precomputed ratio), or `good` or `bad` with `total`' },
    ]);
    expect(problemsOf(sli({ ratioMetric: { raw: source('r') } }))).toEqual([
      { path: ['spec', 'ratioMetric', 'rawType'], message: '`rawType` is required with `raw`: `success` when the stored ratio is good/total, `failure` when it is bad/total' },
    ]);
  });

  it('needs a metric source type unless it refers to a DataSource, and a spec', () => {
    expect(problemsOf(sli({ thresholdMetric: { metricSource: { spec: { query: 'q' } } } }))).toEqual([
      { path: ['spec', 'thresholdMetric', 'metricSource', 'type'], message: '`type` is required when there is no `metricSourceRef`: name the source type, e.g. Prometheus, or refer to a DataSource with metricSourceRef' },
    ]);
    expect(problemsOf(sli({ thresholdMetric: { metricSource: { type: 'xops' } } }))).toEqual([
      { path: ['spec', 'thresholdMetric', 'metricSource', 'spec'], message: '`spec` is required: the query of this source as free-form fields, e.g. query: ...; use {} when it needs none' },
    ]);
  });

  it('rejects fields it does not know by name, with a guess and the v1 name of v2alpha fields', () => {
    expect(problemsOf(sli({ ratioMetric: { good: source('g'), totl: source('t') }, dataSourceRef: 'prom' }))).toEqual([
      { path: ['spec', 'ratioMetric', 'totl'], message: 'unknown field `totl`: did you mean `total`? Allowed here: counter, good, bad, total, rawType, raw' },
      { path: ['spec', 'ratioMetric', 'total'], message: '`total` is required with `good` or `bad`: the denominator of the ratio' },
      { path: ['spec', 'dataSourceRef'], message: 'unknown field `dataSourceRef`: that is OpenSLO v2alpha; openslo/v1 calls it `metricSource.metricSourceRef`. Allowed here: description, thresholdMetric, ratioMetric' },
    ]);
  });

  it('limits the description to 1050 characters', () => {
    expect(problemsOf(sli({ description: 'x'.repeat(1050), thresholdMetric: source('a') }))).toEqual([]);
    expect(problemsOf(sli({ description: 'x'.repeat(1051), thresholdMetric: source('a') }))).toEqual([
      { path: ['spec', 'description'], message: '`description` is 1051 characters long; at most 1050 are allowed' },
    ]);
  });
});

describe('SLI selectors (xops telemetry)', () => {
  const xops = (spec: Record<string, unknown>): unknown => ({ metricSource: { type: 'xops', spec } });
  it('accepts counter selectors on a ratio and a histogram on a threshold, and leaves other sources free-form', () => {
    expect(problemsOf(sli({ ratioMetric: { counter: true, good: xops({ selector: 'http_requests_total{code!~"5.."}' }), total: xops({ selector: 'http_requests_total' }) } }))).toEqual([]);
    expect(problemsOf(sli({ ratioMetric: { bad: xops({ selector: 'errors_total' }), total: xops({ selector: 'requests_total' }) } }))).toEqual([]);
    expect(problemsOf(sli({ thresholdMetric: xops({ histogram: 'http_request_duration_seconds{service="checkout"}' }) }))).toEqual([]);
    expect(problemsOf(sli({ thresholdMetric: { metricSource: { type: 'Datadog', spec: { histogram: '{{{' } } } }))).toEqual([]);
    // Without selectors, the JSON events API feeds them as before.
    expect(problemsOf(sli({ ratioMetric: { good: xops({}), total: xops({}) } }))).toEqual([]);
  });

  it('reports a bad selector at its field, with the character where it goes wrong', () => {
    expect(problemsOf(sli({ ratioMetric: { good: xops({ selector: 'http_requests_total{code=~"5.."' }), total: xops({ selector: 'http_requests_total' }) } }))).toEqual([
      { path: ['spec', 'ratioMetric', 'good', 'metricSource', 'spec', 'selector'], message: 'not a valid selector at character 32 of "http_requests_total{code=~\\"5..\\"": the selector ends before its closing `}`' },
    ]);
    expect(problemsOf(sli({ thresholdMetric: xops({ histogram: 42 }) }))).toEqual([
      { path: ['spec', 'thresholdMetric', 'metricSource', 'spec', 'histogram'], message: 'must be a PromQL selector in a string, e.g. \'http_request_duration_seconds{service="checkout"}\'' },
    ]);
  });

  it('refuses what it cannot count: half a ratio from selectors, counter: false, a _bucket name, le, raw', () => {
    expect(problemsOf(sli({ ratioMetric: { counter: false, good: xops({ selector: 'ok_total' }), total: xops({}) } }))).toEqual([
      { path: ['spec', 'ratioMetric', 'total', 'metricSource', 'spec'], message: 'give `selector` on every metric of the ratio or on none: good has one, total not (a ratio is counted either from samples or from JSON events)' },
      { path: ['spec', 'ratioMetric', 'counter'], message: 'selectors count counters (their increase per 10-second bucket): set `counter: true` or leave it out' },
    ]);
    expect(problemsOf(sli({ thresholdMetric: xops({ histogram: 'latency_seconds_bucket' }) }))).toEqual([
      { path: ['spec', 'thresholdMetric', 'metricSource', 'spec', 'histogram'], message: 'give the histogram\'s base name `latency_seconds`: xops reads its _bucket and _count series itself' },
    ]);
    expect(problemsOf(sli({ thresholdMetric: xops({ histogram: 'latency_seconds{le="0.3"}' }) }))).toEqual([
      { path: ['spec', 'thresholdMetric', 'metricSource', 'spec', 'histogram'], message: 'leave `le` out: the bucket is chosen by the objective\'s `value` (in seconds)' },
    ]);
    expect(problemsOf(sli({ thresholdMetric: xops({ selector: 'latency_seconds' }) }))[0]?.path).toEqual(['spec', 'thresholdMetric', 'metricSource', 'spec', 'selector']);
    expect(problemsOf(sli({ ratioMetric: { rawType: 'success', raw: xops({ selector: 'ratio' }) } }))[0]?.path).toEqual(['spec', 'ratioMetric', 'raw', 'metricSource', 'spec', 'selector']);
  });
});
