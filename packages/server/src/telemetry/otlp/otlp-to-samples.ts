import { attributeLabels, pointLabels, resourceLabels, type Labels } from './attribute-labels';
import { metricSamples, type LabelledMetric } from './metric-samples';
import type { OtlpAttributes, OtlpMetric, OtlpMetricsRequest } from './otlp-request';
import { SampleCollector, type OtlpSamples } from './sample-collector';

function labelled<P extends { attributes?: OtlpAttributes }>(dataPoints: readonly P[], resource: Labels) {
  return dataPoints.map(({ attributes, ...point }) => ({ ...point, labels: pointLabels(attributeLabels(attributes), resource) }));
}

function labelledMetric({ name, gauge, sum, histogram, exponentialHistogram, summary }: OtlpMetric, resource: Labels): LabelledMetric {
  return {
    name,
    gauge: gauge && { dataPoints: labelled(gauge.dataPoints, resource) },
    sum: sum && { ...sum, dataPoints: labelled(sum.dataPoints, resource) },
    histogram: histogram && { ...histogram, dataPoints: labelled(histogram.dataPoints, resource) },
    exponentialHistogram: exponentialHistogram && { ...exponentialHistogram, dataPoints: labelled(exponentialHistogram.dataPoints, resource) },
    summary: summary && { dataPoints: labelled(summary.dataPoints, resource) },
  };
}

/**
 * Turns an OTLP metrics export, as `otlpMetricsRequestSchema` parses it, into Prometheus-model
 * samples (see `metricSamples`): data point attributes as labels, plus `service`, `job` and
 * `instance` from the resource (`resourceLabels`).
 */
export function otlpToSamples(request: OtlpMetricsRequest): OtlpSamples {
  const out = new SampleCollector();
  for (const { resource, scopeMetrics } of request.resourceMetrics) {
    const labels = resourceLabels(resource?.attributes);
    for (const { metrics } of scopeMetrics) {
      for (const metric of metrics) metricSamples(labelledMetric(metric, labels), out);
    }
  }
  return out.result();
}
