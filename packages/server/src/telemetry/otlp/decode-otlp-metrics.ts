import protobuf from 'protobufjs';
import { ByteKeyedCache } from '../byte-keyed-cache';
import { resourceLabels, type Labels } from './attribute-labels';
import { metricSamples, type ExponentialPoint, type HistogramPoint, type LabelledMetric, type NumberPoint, type SummaryPoint } from './metric-samples';
import { OtlpDecoding, type OtlpCaches } from './otlp-decoding';
import { otlpMessageType } from './otlp-proto';
import { checkSkippedMessage, expectEnd, messageEnd, OtlpDecodeError, readText, skipField } from './otlp-wire';
import { readExponentialPoint, readHistogramPoint, readNumberPoint, readSummaryPoint } from './read-data-points';
import { SampleCollector, type OtlpSamples } from './sample-collector';

// Tags: field number << 3 | wire type (0 varint, 2 length-delimited); metrics.proto and resource.proto.
const tag = (field: number, wireType: number) => (field << 3) | wireType;

const REQUEST_RESOURCE_METRICS = tag(1, 2);
const RESOURCE_METRICS = { resource: tag(1, 2), scopeMetrics: tag(2, 2), schemaUrl: tag(3, 2), instrumentationLibraryMetrics: tag(1000, 2) };
const RESOURCE = { attributes: tag(1, 2), droppedAttributesCount: tag(2, 0) };
const SCOPE_METRICS = { scope: tag(1, 2), metrics: tag(2, 2), schemaUrl: tag(3, 2) };
const METRIC = { name: tag(1, 2), description: tag(2, 2), unit: tag(3, 2), gauge: tag(5, 2), sum: tag(7, 2), histogram: tag(9, 2), exponentialHistogram: tag(10, 2), summary: tag(11, 2) };
const DATA = { dataPoints: tag(1, 2), temporality: tag(2, 0), isMonotonic: tag(3, 0) };

// Depths in the JSON a request becomes (what the input guard limits): a resource's attributes,
// a scope, an `instrumentation_library_metrics` entry.
const RESOURCE_ATTRIBUTE_DEPTH = 5;
const SCOPE_DEPTH = 5;
const LIBRARY_METRICS_DEPTH = 4;

const scopeType = otlpMessageType('opentelemetry.proto.common.v1.InstrumentationScope');
const libraryMetricsType = otlpMessageType('opentelemetry.proto.metrics.v1.InstrumentationLibraryMetrics');
const NO_RESOURCE: Readonly<Labels> = Object.freeze(resourceLabels(undefined));

/** The data of a metric as read so far: the member of the `data` oneof sent last, with its points. */
type MetricData =
  | { readonly kind: 'none' }
  | { readonly kind: 'gauge'; readonly dataPoints: NumberPoint[] }
  | { readonly kind: 'sum'; readonly dataPoints: NumberPoint[]; temporality: number; isMonotonic: boolean }
  | { readonly kind: 'histogram'; readonly dataPoints: HistogramPoint[]; temporality: number }
  | { readonly kind: 'exponentialHistogram'; readonly dataPoints: ExponentialPoint[]; temporality: number }
  | { readonly kind: 'summary'; readonly dataPoints: SummaryPoint[] };

/**
 * Reads a Gauge, Sum, Histogram, ExponentialHistogram or Summary message, adding its points
 * (which `readPoint` reads) to `points`; `aggregation_temporality` and `is_monotonic` go to
 * `target` when it has them (the last one sent wins).
 */
function readData<P>(decoding: OtlpDecoding, end: number, points: P[], readPoint: (end: number) => P, target?: { temporality: number; isMonotonic?: boolean }): void {
  const { reader } = decoding;
  while (reader.pos < end) {
    const field = reader.tag();
    if (field === DATA.dataPoints) points.push(readPoint(messageEnd(reader)));
    else if (target && field === DATA.temporality) target.temporality = reader.int32();
    else if (target?.isMonotonic !== undefined && field === DATA.isMonotonic) target.isMonotonic = reader.bool();
    else skipField(reader, field, 4);
  }
  expectEnd(reader, end);
}

/** AggregationTemporality: 1 delta, 2 cumulative; anything else is none (and its points are rejected). */
function temporalityName(value: number): 'delta' | 'cumulative' | undefined {
  if (value === 1) return 'delta';
  return value === 2 ? 'cumulative' : undefined;
}

function labelledMetric(name: string, data: MetricData): LabelledMetric {
  switch (data.kind) {
    case 'none': return { name };
    case 'gauge': return { name, gauge: { dataPoints: data.dataPoints } };
    case 'sum': return { name, sum: { dataPoints: data.dataPoints, aggregationTemporality: temporalityName(data.temporality), isMonotonic: data.isMonotonic || undefined } };
    case 'histogram': return { name, histogram: { dataPoints: data.dataPoints, aggregationTemporality: temporalityName(data.temporality) } };
    case 'exponentialHistogram': {
      return { name, exponentialHistogram: { dataPoints: data.dataPoints, aggregationTemporality: temporalityName(data.temporality) } };
    }
    case 'summary': return { name, summary: { dataPoints: data.dataPoints } };
  }
}

/** Reads one of the `data` oneof's members, on top of `data` when it is the same member (protobuf merges messages), else afresh. */
function readMetricData(decoding: OtlpDecoding, field: number, data: MetricData, resource: Readonly<Labels>): MetricData {
  const end = messageEnd(decoding.reader);
  if (field === METRIC.gauge) {
    const read = data.kind === 'gauge' ? data : { kind: 'gauge' as const, dataPoints: [] };
    readData(decoding, end, read.dataPoints, (pointEnd) => readNumberPoint(decoding, pointEnd, resource));
    return read;
  }
  if (field === METRIC.sum) {
    const read = data.kind === 'sum' ? data : { kind: 'sum' as const, dataPoints: [], temporality: 0, isMonotonic: false };
    readData(decoding, end, read.dataPoints, (pointEnd) => readNumberPoint(decoding, pointEnd, resource), read);
    return read;
  }
  if (field === METRIC.histogram) {
    const read = data.kind === 'histogram' ? data : { kind: 'histogram' as const, dataPoints: [], temporality: 0 };
    readData(decoding, end, read.dataPoints, (pointEnd) => readHistogramPoint(decoding, pointEnd, resource), read);
    return read;
  }
  if (field === METRIC.exponentialHistogram) {
    const read = data.kind === 'exponentialHistogram' ? data : { kind: 'exponentialHistogram' as const, dataPoints: [], temporality: 0 };
    readData(decoding, end, read.dataPoints, (pointEnd) => readExponentialPoint(decoding, pointEnd, resource), read);
    return read;
  }
  const read = data.kind === 'summary' ? data : { kind: 'summary' as const, dataPoints: [] };
  readData(decoding, end, read.dataPoints, (pointEnd) => readSummaryPoint(decoding, pointEnd, resource));
  return read;
}

function readMetric(decoding: OtlpDecoding, end: number, resource: Readonly<Labels>, out: SampleCollector): void {
  const { reader } = decoding;
  let name = '';
  let data: MetricData = { kind: 'none' };
  while (reader.pos < end) {
    const field = reader.tag();
    if (field === METRIC.name) name = readText(reader);
    else if (field === METRIC.description || field === METRIC.unit) readText(reader);
    else if (field === METRIC.gauge || field === METRIC.sum || field === METRIC.histogram || field === METRIC.exponentialHistogram || field === METRIC.summary) {
      data = readMetricData(decoding, field, data, resource);
    } else skipField(reader, field, 3);
  }
  expectEnd(reader, end);
  metricSamples(labelledMetric(name, data), out);
}

function readScopeMetrics(decoding: OtlpDecoding, end: number, resource: Readonly<Labels>, out: SampleCollector): void {
  const { reader } = decoding;
  while (reader.pos < end) {
    const field = reader.tag();
    if (field === SCOPE_METRICS.metrics) readMetric(decoding, messageEnd(reader), resource, out);
    else if (field === SCOPE_METRICS.scope) checkSkippedMessage(scopeType, reader, messageEnd(reader), SCOPE_DEPTH);
    else if (field === SCOPE_METRICS.schemaUrl) readText(reader);
    else skipField(reader, field, 2);
  }
  expectEnd(reader, end);
}

/** The labels of a resource sent as the `Resource` fields at `spans` (more than one are merged, as protobuf merges messages). */
function readResource(decoding: OtlpDecoding, spans: readonly number[]): Readonly<Labels> {
  const { reader } = decoding;
  const attributes: number[] = [];
  for (let i = 0; i < spans.length; i += 2) {
    reader.pos = spans[i] ?? 0;
    const end = spans[i + 1] ?? 0;
    while (reader.pos < end) {
      const field = reader.tag();
      if (field === RESOURCE.attributes) {
        const fieldEnd = messageEnd(reader);
        attributes.push(reader.pos, fieldEnd);
        reader.pos = fieldEnd;
      } else if (field === RESOURCE.droppedAttributesCount) reader.uint32();
      else skipField(reader, field, 2);
    }
    expectEnd(reader, end);
  }
  return resourceLabels(decoding.readAttributes(attributes, RESOURCE_ATTRIBUTE_DEPTH));
}

/** The resource's labels, from the cache when a single `Resource` field holds bytes seen before. */
function resourceOf(decoding: OtlpDecoding, spans: readonly number[]): Readonly<Labels> {
  const [start = 0, end = 0] = spans;
  if (spans.length === 0) return NO_RESOURCE;
  if (spans.length > 2) return readResource(decoding, spans);
  const range = { bytes: decoding.bytes, view: decoding.view, start, end };
  let labels = decoding.caches.resources.get(range);
  if (labels === undefined) {
    labels = readResource(decoding, spans);
    decoding.caches.resources.set(range, labels);
  }
  return labels;
}

/**
 * A `ResourceMetrics`: its fields are located first, because the resource, whose labels every
 * point gets, may come after the metrics (protobuf allows any order), then the metrics are read.
 */
function readResourceMetrics(decoding: OtlpDecoding, end: number, out: SampleCollector): void {
  const { reader } = decoding;
  const resources: number[] = [];
  const scopes: number[] = [];
  while (reader.pos < end) {
    const field = reader.tag();
    if (field === RESOURCE_METRICS.resource || field === RESOURCE_METRICS.scopeMetrics) {
      const fieldEnd = messageEnd(reader);
      (field === RESOURCE_METRICS.resource ? resources : scopes).push(reader.pos, fieldEnd);
      reader.pos = fieldEnd;
    } else if (field === RESOURCE_METRICS.schemaUrl) readText(reader);
    else if (field === RESOURCE_METRICS.instrumentationLibraryMetrics) {
      checkSkippedMessage(libraryMetricsType, reader, messageEnd(reader), LIBRARY_METRICS_DEPTH);
    } else skipField(reader, field, 1);
  }
  expectEnd(reader, end);
  const resource = resourceOf(decoding, resources);
  for (let i = 0; i < scopes.length; i += 2) {
    reader.pos = scopes[i] ?? 0;
    readScopeMetrics(decoding, scopes[i + 1] ?? 0, resource, out);
  }
  reader.pos = end;
}

/** Caches for `decodeOtlpMetrics`, kept across requests. */
export function createOtlpCaches(): OtlpCaches {
  return { resources: new ByteKeyedCache(), attributes: new ByteKeyedCache() };
}

/**
 * Decodes a protobuf `ExportMetricsServiceRequest` (OTLP 1.x, `metrics_service.proto` beside
 * this file) straight into samples, as `otlpToSamples` gives them for the same request through
 * protobufjs' reflection and the JSON schema, without the objects in between: written against
 * protobufjs' `Reader`, with point attributes and resources seen before (by their bytes, in
 * `caches`) not decoded again. Unknown fields are skipped. Throws `OtlpDecodeError` on anything
 * the reflection path refused: bytes that are not protobuf, invalid UTF-8, text the store cannot
 * hold, an attribute without a key, a scale outside -10…20, nesting deeper than the input guard allows.
 */
export function decodeOtlpMetrics(bytes: Uint8Array, caches: OtlpCaches = createOtlpCaches()): OtlpSamples {
  const reader = protobuf.Reader.create(bytes);
  const decoding = new OtlpDecoding(reader, bytes, caches);
  const out = new SampleCollector();
  try {
    while (reader.pos < reader.len) {
      const field = reader.tag();
      if (field === REQUEST_RESOURCE_METRICS) readResourceMetrics(decoding, messageEnd(reader), out);
      else skipField(reader, field, 0);
    }
  } catch (error) {
    if (error instanceof OtlpDecodeError) throw error;
    // protobufjs' own errors: a truncated varint, an index out of range, a bad wire type, invalid UTF-8.
    throw new OtlpDecodeError(`The body is not a valid protobuf ExportMetricsServiceRequest: ${error instanceof Error ? error.message : String(error)}.`);
  }
  return out.result();
}
