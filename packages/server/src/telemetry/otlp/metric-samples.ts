import type { SampleKind } from '../sample';
import { pointLabels, type Labels } from './attribute-labels';
import type { OtlpExponentialPoint, OtlpHistogramPoint, OtlpMetric, OtlpNumberPoint, OtlpSummaryPoint } from './otlp-request';
import { prometheusFloat } from './prometheus-float';
import { prometheusMetricName } from './prometheus-names';
import type { SampleCollector } from './sample-collector';

/** A data point with its labels worked out (attributes, then the resource's labels) in place of its attributes. */
type Labelled<P> = Omit<P, 'attributes'> & { readonly labels: Readonly<Labels> };

export type NumberPoint = Labelled<OtlpNumberPoint>;
export type HistogramPoint = Labelled<OtlpHistogramPoint>;
export type ExponentialPoint = Labelled<OtlpExponentialPoint>;
export type SummaryPoint = Labelled<OtlpSummaryPoint>;

/** Replaces the data points of one kind of metric data with labelled ones. */
type WithPoints<D, P> = D extends { dataPoints: unknown } ? Omit<D, 'dataPoints'> & { readonly dataPoints: readonly P[] } : never;

/**
 * An OTLP `Metric` as `metricSamples` takes it: the shape `otlpMetricsRequestSchema` gives, with
 * labels in place of attributes, so that the JSON path and the protobuf decoder share one converter.
 */
export interface LabelledMetric {
  readonly name: string;
  readonly gauge?: WithPoints<NonNullable<OtlpMetric['gauge']>, NumberPoint> | undefined;
  readonly sum?: WithPoints<NonNullable<OtlpMetric['sum']>, NumberPoint> | undefined;
  readonly histogram?: WithPoints<NonNullable<OtlpMetric['histogram']>, HistogramPoint> | undefined;
  readonly exponentialHistogram?: WithPoints<NonNullable<OtlpMetric['exponentialHistogram']>, ExponentialPoint> | undefined;
  readonly summary?: WithPoints<NonNullable<OtlpMetric['summary']>, SummaryPoint> | undefined;
}

// DataPointFlags.FLAG_NO_RECORDED_VALUE: the point marks a series that went away; no value.
const NO_RECORDED_VALUE = 1;

/** The point's time, or undefined (after rejecting it) when it has none. */
function timeOf(point: { timeUnixNano?: number | undefined }, out: SampleCollector): number | undefined {
  if (point.timeUnixNano === undefined || point.timeUnixNano === 0) {
    out.reject(1, 'a data point has no timeUnixNano');
    return undefined;
  }
  return point.timeUnixNano;
}

function numberPoints(points: readonly NumberPoint[], kind: SampleKind, name: string, out: SampleCollector): void {
  for (const point of points) {
    if ((point.flags ?? 0) & NO_RECORDED_VALUE) continue;
    const at = timeOf(point, out);
    if (at === undefined) continue;
    const value = point.asDouble ?? point.asInt;
    if (value === undefined) out.reject(1, `a data point of ${name} has neither asDouble nor asInt`);
    else out.push(kind, name, point.labels, at, value);
  }
}

/** A histogram point's `_count` and `_sum` (when it has one); `_bucket`s are the caller's. */
function countAndSum(point: { count?: number | undefined; sum?: number | undefined; labels: Readonly<Labels> }, kind: SampleKind, name: string, at: number, out: SampleCollector): void {
  out.push(kind, `${name}_count`, point.labels, at, point.count ?? 0);
  if (point.sum !== undefined) out.push(kind, `${name}_sum`, point.labels, at, point.sum);
}

/**
 * Explicit-bucket histograms: OTLP counts each bucket on its own, `bucketCounts[i]` for
 * `(explicitBounds[i-1], explicitBounds[i]]` and the last for `(last bound, +Inf)`; Prometheus'
 * `le` buckets are running sums of them, and `+Inf` holds the total count.
 */
function histogramPoints(points: readonly HistogramPoint[], kind: SampleKind, name: string, out: SampleCollector): void {
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
      out.push(kind, `${name}_bucket`, pointLabels(point.labels, {}, ['le', prometheusFloat(bounds[i] ?? Infinity)]), at, running);
    }
    out.push(kind, `${name}_bucket`, pointLabels(point.labels, {}, ['le', '+Inf']), at, point.count ?? 0);
    countAndSum(point, kind, name, at, out);
  }
}

/**
 * Exponential histograms as `le` buckets at their own boundaries. At scale `s` the base is
 * `2^(2^-s)`; positive bucket `i` holds `(base^i, base^(i+1)]` and negative bucket `i` holds
 * `[-base^(i+1), -base^i)` (OTLP metrics data model, "ExponentialHistogram"). Running sums go
 * from the most negative bucket through the zero bucket (`le` = zeroThreshold) to `+Inf`.
 */
function exponentialPoints(points: readonly ExponentialPoint[], kind: SampleKind, name: string, out: SampleCollector): void {
  for (const point of points) {
    if ((point.flags ?? 0) & NO_RECORDED_VALUE) continue;
    const at = timeOf(point, out);
    if (at === undefined) continue;
    const step = 2 ** -(point.scale ?? 0);
    const bucket = (le: number, value: number) => out.push(kind, `${name}_bucket`, pointLabels(point.labels, {}, ['le', prometheusFloat(le)]), at, value);
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
    countAndSum(point, kind, name, at, out);
  }
}

/** Summaries: each quantile a gauge `name{quantile}`, `_count` and `_sum` cumulative (OTLP summaries have no temporality). */
function summaryPoints(points: readonly SummaryPoint[], name: string, out: SampleCollector): void {
  for (const point of points) {
    if ((point.flags ?? 0) & NO_RECORDED_VALUE) continue;
    const at = timeOf(point, out);
    if (at === undefined) continue;
    for (const { quantile = 0, value = 0 } of point.quantileValues ?? []) {
      out.push('gauge', name, pointLabels(point.labels, {}, ['quantile', prometheusFloat(quantile)]), at, value);
    }
    countAndSum(point, 'cumulative', name, at, out);
  }
}

function pointCount(metric: LabelledMetric): number {
  return (metric.gauge?.dataPoints.length ?? 0) + (metric.sum?.dataPoints.length ?? 0) + (metric.histogram?.dataPoints.length ?? 0)
    + (metric.exponentialHistogram?.dataPoints.length ?? 0) + (metric.summary?.dataPoints.length ?? 0);
}

/**
 * Turns one OTLP metric into Prometheus-model samples (see `Sample`) in `out`: its name as
 * `prometheusMetricName` gives it; monotonic sums `cumulative` or `delta` by their temporality,
 * gauges and non-monotonic cumulative sums `gauge`; histograms `_bucket{le}`, `_count` and `_sum`
 * of their temporality; summaries' quantiles `gauge`. Points it cannot take are rejected in `out`.
 */
export function metricSamples(metric: LabelledMetric, out: SampleCollector): void {
  const { gauge, sum, histogram, exponentialHistogram, summary } = metric;
  const name = prometheusMetricName(metric.name, { counter: sum?.isMonotonic === true });
  if (name === '') {
    out.reject(pointCount(metric), `a metric has no usable name ("${metric.name}")`);
    return;
  }
  if (gauge) numberPoints(gauge.dataPoints, 'gauge', name, out);
  for (const typed of [sum, histogram, exponentialHistogram]) {
    if (typed && typed.dataPoints.length > 0 && typed.aggregationTemporality === undefined) {
      out.reject(typed.dataPoints.length, `${name} has no aggregationTemporality`);
    }
  }
  if (sum?.aggregationTemporality) {
    // An up-down counter (non-monotonic sum) is a gauge when cumulative; a delta one still
    // carries changes, which the sink adds up like any delta.
    const kind = sum.isMonotonic || sum.aggregationTemporality === 'delta' ? sum.aggregationTemporality : 'gauge';
    numberPoints(sum.dataPoints, kind, name, out);
  }
  if (histogram?.aggregationTemporality) histogramPoints(histogram.dataPoints, histogram.aggregationTemporality, name, out);
  if (exponentialHistogram?.aggregationTemporality) {
    exponentialPoints(exponentialHistogram.dataPoints, exponentialHistogram.aggregationTemporality, name, out);
  }
  if (summary) summaryPoints(summary.dataPoints, name, out);
}
