import type { Labels } from './attribute-labels';
import type { ExponentialPoint, HistogramPoint, NumberPoint, SummaryPoint } from './metric-samples';
import type { OtlpDecoding } from './otlp-decoding';
import { otlpMessageType } from './otlp-proto';
import {
  checkSkippedMessage, expectEnd, implicitDouble, messageEnd, OtlpDecodeError, readFixed64, readSfixed64, readUint64, readUnixNanoAsMs,
  skipField, type Reader,
} from './otlp-wire';

// Tags: field number << 3 | wire type (0 varint, 1 fixed64, 2 length-delimited); metrics.proto.
const tag = (field: number, wireType: number) => (field << 3) | wireType;

const START_TIME = tag(2, 1);
const TIME = tag(3, 1);
const COUNT = tag(4, 1);
const SUM = tag(5, 1);
// A point is at depth 5 of the message nesting (request, resourceMetrics, scopeMetrics, metric,
// gauge or the like), for protobufjs' limit on nested groups; an exemplar at depth 11 of the JSON
// a request becomes (… dataPoints, one, exemplars, one).
const POINT_DEPTH = 5;
const EXEMPLAR_DEPTH = 11;
const exemplarType = otlpMessageType('opentelemetry.proto.metrics.v1.Exemplar');

// The JSON schema holds an exponential histogram's scale to OTLP's range (metrics.proto).
const MIN_SCALE = -10;
const MAX_SCALE = 20;

/** Reads a packed repeated field (wire type 2) of values `read` reads. */
function readPacked(reader: Reader, into: number[], read: () => number): void {
  const end = messageEnd(reader);
  while (reader.pos < end) into.push(read());
  expectEnd(reader, end);
}

/** The field numbers that differ between kinds of data point for what they all have. */
interface PointTags {
  readonly attributes: number;
  readonly flags: number;
  /** -1 for a point without exemplars (summaries). */
  readonly exemplars: number;
}

/**
 * Reads a data point's fields: attributes, times, flags and exemplars here, every other field by
 * `readField`, which answers whether it was one of its own (if not, it is skipped).
 */
function readPoint(decoding: OtlpDecoding, end: number, tags: PointTags, readField: (field: number) => boolean) {
  const { reader, view } = decoding;
  decoding.beginPoint();
  let timeUnixNano: number | undefined;
  let flags: number | undefined;
  while (reader.pos < end) {
    const at = reader.pos;
    const field = reader.tag();
    if (field === tags.attributes) decoding.noteAttribute(at);
    else if (field === TIME) timeUnixNano = readUnixNanoAsMs(reader, view);
    else if (readField(field)) continue;
    else if (field === START_TIME) reader.skip(8);
    else if (field === tags.flags) flags = reader.uint32();
    else if (field === tags.exemplars) checkSkippedMessage(exemplarType, reader, messageEnd(reader), EXEMPLAR_DEPTH);
    else skipField(reader, field, POINT_DEPTH);
  }
  expectEnd(reader, end);
  return { timeUnixNano, flags };
}

const NUMBER = { attributes: tag(7, 2), asDouble: tag(4, 1), exemplars: tag(5, 2), asInt: tag(6, 1), flags: tag(8, 0) };

/** A `NumberDataPoint` (gauges and sums). */
export function readNumberPoint(decoding: OtlpDecoding, end: number, resource: Readonly<Labels>): NumberPoint {
  const { reader, view } = decoding;
  let asDouble: number | undefined;
  let asInt: number | undefined;
  const common = readPoint(decoding, end, NUMBER, (field) => {
    // as_double and as_int are a oneof: the last one sent wins.
    if (field === NUMBER.asDouble) {
      asDouble = reader.double();
      asInt = undefined;
    } else if (field === NUMBER.asInt) {
      asInt = readSfixed64(reader, view);
      asDouble = undefined;
    } else return false;
    return true;
  });
  return { labels: decoding.pointLabels(resource), ...common, asDouble, asInt };
}

const HISTOGRAM = {
  attributes: tag(9, 2), bucketCounts: tag(6, 1), packedBucketCounts: tag(6, 2), explicitBounds: tag(7, 1), packedExplicitBounds: tag(7, 2),
  exemplars: tag(8, 2), flags: tag(10, 0), min: tag(11, 1), max: tag(12, 1),
};

/** A `HistogramDataPoint` (explicit buckets). */
export function readHistogramPoint(decoding: OtlpDecoding, end: number, resource: Readonly<Labels>): HistogramPoint {
  const { reader, view } = decoding;
  let count: number | undefined;
  let sum: number | undefined;
  const bucketCounts: number[] = [];
  const explicitBounds: number[] = [];
  const readCount = () => readFixed64(reader, view);
  const readBound = () => reader.double();
  const common = readPoint(decoding, end, HISTOGRAM, (field) => {
    if (field === COUNT) count = readFixed64(reader, view);
    else if (field === SUM) sum = reader.double();
    else if (field === HISTOGRAM.packedBucketCounts) readPacked(reader, bucketCounts, readCount);
    else if (field === HISTOGRAM.bucketCounts) bucketCounts.push(readCount());
    else if (field === HISTOGRAM.packedExplicitBounds) readPacked(reader, explicitBounds, readBound);
    else if (field === HISTOGRAM.explicitBounds) explicitBounds.push(readBound());
    else if (field === HISTOGRAM.min || field === HISTOGRAM.max) reader.skip(8);
    else return false;
    return true;
  });
  return { labels: decoding.pointLabels(resource), ...common, count, sum, bucketCounts, explicitBounds };
}

const EXPONENTIAL = {
  attributes: tag(1, 2), scale: tag(6, 0), zeroCount: tag(7, 1), positive: tag(8, 2), negative: tag(9, 2), flags: tag(10, 0),
  exemplars: tag(11, 2), min: tag(12, 1), max: tag(13, 1), zeroThreshold: tag(14, 1),
};
const BUCKETS = { offset: tag(1, 0), bucketCounts: tag(2, 0), packedBucketCounts: tag(2, 2) };

interface Buckets {
  offset: number | undefined;
  readonly bucketCounts: number[];
}

/** `ExponentialHistogramDataPoint.Buckets`, added to `into` (a second occurrence is merged, as protobuf merges messages). */
function readBuckets(reader: Reader, end: number, into: Buckets = { offset: undefined, bucketCounts: [] }): Buckets {
  const readCount = () => readUint64(reader);
  while (reader.pos < end) {
    const field = reader.tag();
    if (field === BUCKETS.offset) into.offset = reader.sint32();
    else if (field === BUCKETS.packedBucketCounts) readPacked(reader, into.bucketCounts, readCount);
    else if (field === BUCKETS.bucketCounts) into.bucketCounts.push(readCount());
    else skipField(reader, field, POINT_DEPTH + 1);
  }
  expectEnd(reader, end);
  return into;
}

/** An `ExponentialHistogramDataPoint`. */
export function readExponentialPoint(decoding: OtlpDecoding, end: number, resource: Readonly<Labels>): ExponentialPoint {
  const { reader, view } = decoding;
  let count: number | undefined;
  let sum: number | undefined;
  let scale = 0;
  let zeroCount: number | undefined;
  let zeroThreshold: number | undefined;
  let positive: Buckets | undefined;
  let negative: Buckets | undefined;
  const common = readPoint(decoding, end, EXPONENTIAL, (field) => {
    if (field === COUNT) count = readFixed64(reader, view);
    else if (field === SUM) sum = reader.double();
    else if (field === EXPONENTIAL.scale) scale = reader.sint32();
    else if (field === EXPONENTIAL.zeroCount) zeroCount = readFixed64(reader, view);
    else if (field === EXPONENTIAL.positive) positive = readBuckets(reader, messageEnd(reader), positive);
    else if (field === EXPONENTIAL.negative) negative = readBuckets(reader, messageEnd(reader), negative);
    else if (field === EXPONENTIAL.zeroThreshold) zeroThreshold = implicitDouble(reader.double());
    else if (field === EXPONENTIAL.min || field === EXPONENTIAL.max) reader.skip(8);
    else return false;
    return true;
  });
  if (scale < MIN_SCALE || scale > MAX_SCALE) {
    throw new OtlpDecodeError(`Invalid ExportMetricsServiceRequest: an exponential histogram point ending at byte ${end} has scale ${scale}, outside ${MIN_SCALE}…${MAX_SCALE}.`);
  }
  return { labels: decoding.pointLabels(resource), ...common, count, sum, scale, zeroCount, zeroThreshold, positive, negative };
}

const SUMMARY = { attributes: tag(7, 2), quantileValues: tag(6, 2), flags: tag(8, 0), exemplars: -1 };
const QUANTILE = { quantile: tag(1, 1), value: tag(2, 1) };

function readQuantile(reader: Reader, end: number): { quantile: number | undefined; value: number | undefined } {
  let quantile: number | undefined;
  let value: number | undefined;
  while (reader.pos < end) {
    const field = reader.tag();
    if (field === QUANTILE.quantile) quantile = implicitDouble(reader.double());
    else if (field === QUANTILE.value) value = implicitDouble(reader.double());
    else skipField(reader, field, POINT_DEPTH + 1);
  }
  expectEnd(reader, end);
  return { quantile, value };
}

/** A `SummaryDataPoint`; its `sum` has no presence, so 0 is no sum (protobufjs leaves it out). */
export function readSummaryPoint(decoding: OtlpDecoding, end: number, resource: Readonly<Labels>): SummaryPoint {
  const { reader, view } = decoding;
  let count: number | undefined;
  let sum: number | undefined;
  const quantileValues: { quantile: number | undefined; value: number | undefined }[] = [];
  const common = readPoint(decoding, end, SUMMARY, (field) => {
    if (field === COUNT) count = readFixed64(reader, view);
    else if (field === SUM) sum = implicitDouble(reader.double());
    else if (field === SUMMARY.quantileValues) quantileValues.push(readQuantile(reader, messageEnd(reader)));
    else return false;
    return true;
  });
  return { labels: decoding.pointLabels(resource), ...common, count, sum, quantileValues };
}
