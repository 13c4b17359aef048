import { z } from 'zod';

// OTLP's JSON mapping (and protobufjs' toObject with `longs: String`) gives 64-bit integers as
// decimal strings; the JSON mapping lets senders use plain numbers too.
const uint64 = z.union([z.string().regex(/^\d{1,20}$/, 'expected an unsigned integer'), z.number().int().nonnegative()]);
const int64 = z.union([z.string().regex(/^-?\d{1,19}$/, 'expected an integer'), z.number().int()]);
// proto3's JSON mapping spells the doubles JSON has no literal for as strings; decoded protobuf
// holds them as numbers, which z.number() would refuse.
const anyNumber = z.custom<number>((value) => typeof value === 'number', 'expected a number');
const double = z.union([anyNumber, z.enum(['NaN', 'Infinity', '-Infinity']).transform(Number)]);
const count = uint64.transform(Number);

/** Nanoseconds since the epoch, to whole milliseconds (truncated, as Prometheus' OTLP receiver does). */
const unixNanoToMs = uint64.transform((nanos) => (typeof nanos === 'number' ? Math.floor(nanos / 1e6) : Number(BigInt(nanos) / 1_000_000n)));

const anyValue = z.object({
  stringValue: z.string().optional(),
  boolValue: z.boolean().optional(),
  intValue: int64.optional(),
  doubleValue: double.optional(),
  // Arrays and key-value lists become their JSON text as a label value; they are not walked.
  arrayValue: z.unknown().optional(),
  kvlistValue: z.unknown().optional(),
  bytesValue: z.string().optional(),
});
export type OtlpAnyValue = z.infer<typeof anyValue>;

const keyValues = z.array(z.object({ key: z.string(), value: anyValue.optional() })).optional();
export type OtlpAttributes = z.infer<typeof keyValues>;

// AggregationTemporality: 1 delta, 2 cumulative; proto3 JSON also allows the enum's names.
const temporality = z.union([
  z.number().int(),
  z.enum(['AGGREGATION_TEMPORALITY_UNSPECIFIED', 'AGGREGATION_TEMPORALITY_DELTA', 'AGGREGATION_TEMPORALITY_CUMULATIVE']),
]).optional().transform((value) => {
  if (value === 1 || value === 'AGGREGATION_TEMPORALITY_DELTA') return 'delta' as const;
  if (value === 2 || value === 'AGGREGATION_TEMPORALITY_CUMULATIVE') return 'cumulative' as const;
  return undefined;
});

const point = {
  attributes: keyValues,
  timeUnixNano: unixNanoToMs.optional(),
  // DataPointFlags: bit 0 set means "no recorded value" (a staleness marker).
  flags: z.number().int().optional(),
};

const numberPoint = z.object({ ...point, asDouble: double.optional(), asInt: int64.transform(Number).optional() });
const histogramPoint = z.object({
  ...point,
  count: count.optional(),
  sum: double.optional(),
  bucketCounts: z.array(count).optional(),
  explicitBounds: z.array(double).optional(),
});
const exponentialBuckets = z.object({ offset: z.number().int().optional(), bucketCounts: z.array(count).optional() }).optional();
const exponentialPoint = z.object({
  ...point,
  count: count.optional(),
  sum: double.optional(),
  scale: z.number().int().min(-10).max(20).optional(),
  zeroCount: count.optional(),
  zeroThreshold: double.optional(),
  positive: exponentialBuckets,
  negative: exponentialBuckets,
});
const summaryPoint = z.object({
  ...point,
  count: count.optional(),
  sum: double.optional(),
  quantileValues: z.array(z.object({ quantile: double.optional(), value: double.optional() })).optional(),
});

const metric = z.object({
  name: z.string().default(''),
  unit: z.string().optional(),
  gauge: z.object({ dataPoints: z.array(numberPoint).default([]) }).optional(),
  sum: z.object({ dataPoints: z.array(numberPoint).default([]), aggregationTemporality: temporality, isMonotonic: z.boolean().optional() }).optional(),
  histogram: z.object({ dataPoints: z.array(histogramPoint).default([]), aggregationTemporality: temporality }).optional(),
  exponentialHistogram: z.object({ dataPoints: z.array(exponentialPoint).default([]), aggregationTemporality: temporality }).optional(),
  summary: z.object({ dataPoints: z.array(summaryPoint).default([]) }).optional(),
});

/**
 * `ExportMetricsServiceRequest` in OTLP's JSON mapping (OTLP 1.x, "JSON Protobuf Encoding"):
 * camelCase keys, 64-bit integers as strings or numbers, enums as numbers or names. Unknown
 * fields are ignored, as the specification asks of receivers; exemplars, scope attributes and
 * the start times are not read.
 */
export const otlpMetricsRequestSchema = z.object({
  resourceMetrics: z.array(z.object({
    resource: z.object({ attributes: keyValues }).optional(),
    scopeMetrics: z.array(z.object({ metrics: z.array(metric).default([]) })).default([]),
  })).default([]),
});

export type OtlpMetricsRequest = z.infer<typeof otlpMetricsRequestSchema>;
export type OtlpMetric = OtlpMetricsRequest['resourceMetrics'][number]['scopeMetrics'][number]['metrics'][number];
export type OtlpNumberPoint = z.infer<typeof numberPoint>;
export type OtlpHistogramPoint = z.infer<typeof histogramPoint>;
export type OtlpExponentialPoint = z.infer<typeof exponentialPoint>;
export type OtlpSummaryPoint = z.infer<typeof summaryPoint>;
