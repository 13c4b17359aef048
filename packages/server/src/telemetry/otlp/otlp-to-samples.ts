import type { Sample, SampleKind } from '../sample';
import type {
  OtlpAnyValue, OtlpAttributes, OtlpExponentialPoint, OtlpHistogramPoint, OtlpMetric, OtlpMetricsRequest, OtlpNumberPoint,
  OtlpSummaryPoint,
} from './otlp-request';
import { prometheusLabelName, prometheusMetricName } from './prometheus-names';

type Labels = Record<string, string>;

/** The samples of one OTLP request, by how they are to be read, and the points left out. */
export interface OtlpSamples {
  readonly samples: Readonly<Record<SampleKind, readonly Sample[]>>;
  /** Data points that could not be turned into samples, for `partialSuccess.rejectedDataPoints`. */
  readonly rejected: number;
  /** Why, one line per distinct reason (at most a few). */
  readonly reasons: readonly string[];
}

const MAX_REASONS = 5;
// DataPointFlags.FLAG_NO_RECORDED_VALUE: the point marks a series that went away; no value.
const NO_RECORDED_VALUE = 1;

class SampleCollector {
  readonly samples: Record<SampleKind, Sample[]> = { cumulative: [], delta: [], gauge: [] };
  rejected = 0;
  readonly reasons = new Set<string>();

  push(kind: SampleKind, name: string, labels: Labels, timestampMs: number, value: number): void {
    this.samples[kind].push({ name, labels, timestampMs, value });
  }

  reject(points: number, reason: string): void {
    this.rejected += points;
    if (this.reasons.size < MAX_REASONS) this.reasons.add(reason);
  }
}

/** `+Inf` and `-Inf` as Prometheus spells them in `le`; other numbers in JavaScript's shortest form. */
function formatFloat(value: number): string {
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

function attributeText(value: OtlpAnyValue | undefined): string {
  if (!value) return '';
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return String(value.boolValue);
  if (value.intValue !== undefined) return String(value.intValue);
  if (value.doubleValue !== undefined) return formatFloat(value.doubleValue);
  if (value.arrayValue !== undefined) return JSON.stringify(value.arrayValue);
  if (value.kvlistValue !== undefined) return JSON.stringify(value.kvlistValue);
  return value.bytesValue ?? '';
}

function attributeLabels(attributes: OtlpAttributes, into: Labels = Object.create(null)): Labels {
  for (const { key, value } of attributes ?? []) {
    const name = prometheusLabelName(key);
    const text = attributeText(value);
    // Two keys that map to one label name (`a.b` and `a_b`) keep both values, as Prometheus does.
    into[name] = Object.hasOwn(into, name) ? `${into[name]};${text}` : text;
  }
  return into;
}

/**
 * The labels a resource gives every sample, by Prometheus' OTLP conventions: `service` and
 * `job` from `service.name` (`job` is `service.namespace/service.name` when there is a
 * namespace) and `instance` from `service.instance.id`. Other resource attributes are not kept.
 */
export function resourceLabels(attributes: OtlpAttributes): Labels {
  const all = new Map((attributes ?? []).map(({ key, value }) => [key, attributeText(value)]));
  const labels: Labels = Object.create(null);
  const service = all.get('service.name');
  if (service !== undefined) {
    labels.service = service;
    const namespace = all.get('service.namespace');
    labels.job = namespace ? `${namespace}/${service}` : service;
  }
  const instance = all.get('service.instance.id');
  if (instance !== undefined) labels.instance = instance;
  return labels;
}

function pointLabels(attributes: OtlpAttributes, resource: Labels, extra?: readonly [string, string]): Labels {
  const labels = attributeLabels(attributes);
  Object.assign(labels, resource);
  if (extra) labels[extra[0]] = extra[1];
  return labels;
}

/** The point's time, or undefined (after rejecting it) when it has none. */
function timeOf(point: { timeUnixNano?: number | undefined }, out: SampleCollector): number | undefined {
  if (point.timeUnixNano === undefined || point.timeUnixNano === 0) {
    out.reject(1, 'a data point has no timeUnixNano');
    return undefined;
  }
  return point.timeUnixNano;
}

function numberPoints(points: readonly OtlpNumberPoint[], kind: SampleKind, name: string, resource: Labels, out: SampleCollector): void {
  for (const point of points) {
    if ((point.flags ?? 0) & NO_RECORDED_VALUE) continue;
    const at = timeOf(point, out);
    if (at === undefined) continue;
    const value = point.asDouble ?? point.asInt;
    if (value === undefined) out.reject(1, `a data point of ${name} has neither asDouble nor asInt`);
    else out.push(kind, name, pointLabels(point.attributes, resource), at, value);
  }
}

/** A histogram point's `_count` and `_sum` (when it has one); `_bucket`s are the caller's. */
function countAndSum(point: { count?: number | undefined; sum?: number | undefined }, kind: SampleKind, name: string, labels: Labels, at: number, out: SampleCollector): void {
  out.push(kind, `${name}_count`, labels, at, point.count ?? 0);
  if (point.sum !== undefined) out.push(kind, `${name}_sum`, labels, at, point.sum);
}

/**
 * Explicit-bucket histograms: OTLP counts each bucket on its own, `bucketCounts[i]` for
 * `(explicitBounds[i-1], explicitBounds[i]]` and the last for `(last bound, +Inf)`; Prometheus'
 * `le` buckets are running sums of them, and `+Inf` holds the total count.
 */
function histogramPoints(points: readonly OtlpHistogramPoint[], kind: SampleKind, name: string, resource: Labels, out: SampleCollector): void {
  for (const point of points) {
    if ((point.flags ?? 0) & NO_RECORDED_VALUE) continue;
    const at = timeOf(point, out);
    if (at === undefined) continue;
    const bounds = point.explicitBounds ?? [];
    const counts = point.bucketCounts ?? [];
    if (counts.length > 0 && counts.length !== bounds.length + 1) {
      out.reject(1, `a data point of ${name} has ${counts.length} bucketCounts for ${bounds.length} explicitBounds (expected ${bounds.length + 1})`);
      continue;
    }
    let running = 0;
    for (let i = 0; i < bounds.length && counts.length > 0; i += 1) {
      running += counts[i] ?? 0;
      out.push(kind, `${name}_bucket`, pointLabels(point.attributes, resource, ['le', formatFloat(bounds[i] ?? Infinity)]), at, running);
    }
    out.push(kind, `${name}_bucket`, pointLabels(point.attributes, resource, ['le', '+Inf']), at, point.count ?? 0);
    countAndSum(point, kind, name, pointLabels(point.attributes, resource), at, out);
  }
}

/**
 * Exponential histograms as `le` buckets at their own boundaries. At scale `s` the base is
 * `2^(2^-s)`; positive bucket `i` holds `(base^i, base^(i+1)]` and negative bucket `i` holds
 * `[-base^(i+1), -base^i)` (OTLP metrics data model, "ExponentialHistogram"). Running sums go
 * from the most negative bucket through the zero bucket (`le` = zeroThreshold) to `+Inf`.
 */
function exponentialPoints(points: readonly OtlpExponentialPoint[], kind: SampleKind, name: string, resource: Labels, out: SampleCollector): void {
  for (const point of points) {
    if ((point.flags ?? 0) & NO_RECORDED_VALUE) continue;
    const at = timeOf(point, out);
    if (at === undefined) continue;
    const step = 2 ** -(point.scale ?? 0);
    const bucket = (le: number, value: number) =>
      out.push(kind, `${name}_bucket`, pointLabels(point.attributes, resource, ['le', formatFloat(le)]), at, value);
    let running = 0;
    const negative = point.negative?.bucketCounts ?? [];
    const negativeOffset = point.negative?.offset ?? 0;
    for (let k = negative.length - 1; k >= 0; k -= 1) {
      running += negative[k] ?? 0;
      bucket(-(2 ** ((negativeOffset + k) * step)), running);
    }
    running += point.zeroCount ?? 0;
    bucket(point.zeroThreshold ?? 0, running);
    const positive = point.positive?.bucketCounts ?? [];
    const positiveOffset = point.positive?.offset ?? 0;
    for (let k = 0; k < positive.length; k += 1) {
      running += positive[k] ?? 0;
      bucket(2 ** ((positiveOffset + k + 1) * step), running);
    }
    bucket(Infinity, point.count ?? 0);
    countAndSum(point, kind, name, pointLabels(point.attributes, resource), at, out);
  }
}

/** Summaries: each quantile a gauge `name{quantile}`, `_count` and `_sum` cumulative (OTLP summaries have no temporality). */
function summaryPoints(points: readonly OtlpSummaryPoint[], name: string, resource: Labels, out: SampleCollector): void {
  for (const point of points) {
    if ((point.flags ?? 0) & NO_RECORDED_VALUE) continue;
    const at = timeOf(point, out);
    if (at === undefined) continue;
    for (const { quantile = 0, value = 0 } of point.quantileValues ?? []) {
      out.push('gauge', name, pointLabels(point.attributes, resource, ['quantile', formatFloat(quantile)]), at, value);
    }
    countAndSum(point, 'cumulative', name, pointLabels(point.attributes, resource), at, out);
  }
}

function pointCount(metric: OtlpMetric): number {
  return (metric.gauge?.dataPoints.length ?? 0) + (metric.sum?.dataPoints.length ?? 0) + (metric.histogram?.dataPoints.length ?? 0)
    + (metric.exponentialHistogram?.dataPoints.length ?? 0) + (metric.summary?.dataPoints.length ?? 0);
}

function convertMetric(metric: OtlpMetric, resource: Labels, out: SampleCollector): void {
  const { gauge, sum, histogram, exponentialHistogram, summary } = metric;
  const name = prometheusMetricName(metric.name, { counter: sum?.isMonotonic === true });
  if (name === '') {
    out.reject(pointCount(metric), `a metric has no usable name ("${metric.name}")`);
    return;
  }
  if (gauge) numberPoints(gauge.dataPoints, 'gauge', name, resource, out);
  for (const typed of [sum, histogram, exponentialHistogram]) {
    if (typed && typed.dataPoints.length > 0 && typed.aggregationTemporality === undefined) {
      out.reject(typed.dataPoints.length, `${name} has no aggregationTemporality`);
    }
  }
  if (sum?.aggregationTemporality) {
    // An up-down counter (non-monotonic sum) is a gauge when cumulative; a delta one still
    // carries changes, which the sink adds up like any delta.
    const kind = sum.isMonotonic || sum.aggregationTemporality === 'delta' ? sum.aggregationTemporality : 'gauge';
    numberPoints(sum.dataPoints, kind, name, resource, out);
  }
  if (histogram?.aggregationTemporality) histogramPoints(histogram.dataPoints, histogram.aggregationTemporality, name, resource, out);
  if (exponentialHistogram?.aggregationTemporality) {
    exponentialPoints(exponentialHistogram.dataPoints, exponentialHistogram.aggregationTemporality, name, resource, out);
  }
  if (summary) summaryPoints(summary.dataPoints, name, resource, out);
}

/**
 * Turns an OTLP metrics export into Prometheus-model samples (see `Sample`): metric names as
 * `prometheusMetricName` gives them, data point attributes as labels, plus `service`, `job`
 * and `instance` from the resource (`resourceLabels`). Monotonic sums are `cumulative` or
 * `delta` by their temporality, gauges and non-monotonic cumulative sums `gauge`; histograms
 * become `_bucket{le}`, `_count` and `_sum` of their temporality.
 */
export function otlpToSamples(request: OtlpMetricsRequest): OtlpSamples {
  const out = new SampleCollector();
  for (const { resource, scopeMetrics } of request.resourceMetrics) {
    const labels = resourceLabels(resource?.attributes);
    for (const { metrics } of scopeMetrics) {
      for (const metric of metrics) convertMetric(metric, labels, out);
    }
  }
  return { samples: out.samples, rejected: out.rejected, reasons: [...out.reasons] };
}
