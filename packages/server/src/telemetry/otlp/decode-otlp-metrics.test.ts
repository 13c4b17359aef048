import fc from 'fast-check';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { findUnstorableJson } from '../../http/storable-json';
import { createOtlpCaches, decodeOtlpMetrics } from './decode-otlp-metrics';
import { otlpMessageType } from './otlp-proto';
import { otlpMetricsRequestSchema } from './otlp-request';
import { otlpToSamples } from './otlp-to-samples';
import { OtlpDecodeError } from './otlp-wire';
import type { OtlpSamples } from './sample-collector';

const RequestType = otlpMessageType('opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest');

type Outcome = { readonly samples: OtlpSamples } | { readonly refused: true };

/**
 * The path protobuf bodies took before the decoder, kept here as its reference: protobufjs'
 * reflection into OTLP's JSON shape, the input guard's check of that JSON, the zod schema, then
 * `otlpToSamples`.
 */
function reference(bytes: Uint8Array): Outcome {
  let json: unknown;
  try {
    json = RequestType.toObject(RequestType.decode(bytes), { longs: String, enums: Number, bytes: String });
  } catch {
    return { refused: true };
  }
  if (findUnstorableJson(json)) return { refused: true };
  const parsed = otlpMetricsRequestSchema.safeParse(json);
  return parsed.success ? { samples: otlpToSamples(parsed.data) } : { refused: true };
}

/** The decoder, with caches shared across calls like the route's; it may throw only `OtlpDecodeError`. */
const caches = createOtlpCaches();
function decoded(bytes: Uint8Array): Outcome {
  try {
    return { samples: decodeOtlpMetrics(bytes, caches) };
  } catch (error) {
    if (error instanceof OtlpDecodeError) return { refused: true };
    throw error;
  }
}

const encode = (request: object) => RequestType.encode(RequestType.fromObject(request)).finish();

// Text: attribute keys that map to Prometheus names in interesting ways and arbitrary text; now and
// then an empty key, a NUL or a lone surrogate, which both paths refuse (rarely, or nothing would pass).
const text = fc.oneof(
  { weight: 300, arbitrary: fc.constantFrom('service.name', 'service.namespace', 'service.instance.id', 'http.route', 'a.b', 'a_b', '__proto__', '9lives', 'le', 'quantile') },
  { weight: 300, arbitrary: fc.string({ minLength: 1, maxLength: 6 }) },
  { weight: 100, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom('', 'nul\u0000', 'lone\uD800') },
);
const uint64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(String);
const smallUint64 = fc.oneof(fc.integer({ min: 0, max: 20 }).map(String), uint64);
const double = fc.oneof(fc.double(), fc.constantFrom(0, -0, 0.5, 1, 2));

const { anyValue } = fc.letrec<{ anyValue: object; keyValue: object }>((tie) => ({
  anyValue: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ stringValue: text }),
    fc.record({ boolValue: fc.boolean() }),
    fc.record({ intValue: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String) }),
    fc.record({ doubleValue: double }),
    fc.record({ bytesValue: fc.uint8Array({ maxLength: 5 }) }),
    fc.record({ arrayValue: fc.record({ values: fc.array(tie('anyValue'), { maxLength: 3 }) }) }),
    fc.record({ kvlistValue: fc.record({ values: fc.array(tie('keyValue'), { maxLength: 3 }) }) }),
    fc.constant({}),
  ),
  keyValue: fc.record({ key: text, value: tie('anyValue') }, { requiredKeys: ['key'] }),
}));
const keyValue = fc.record({ key: text, value: anyValue }, { requiredKeys: ['key'] });
const attributes = fc.array(keyValue, { maxLength: 4 });
const exemplars = fc.array(fc.record({ filteredAttributes: attributes, asDouble: double, spanId: fc.uint8Array({ maxLength: 8 }) }), { maxLength: 1 });

const common = {
  attributes,
  timeUnixNano: fc.oneof(
    { weight: 10, arbitrary: fc.bigInt({ min: 10n ** 18n, max: 2n * 10n ** 18n }).map(String) },
    { weight: 2, arbitrary: uint64 },
    { weight: 1, arbitrary: fc.constantFrom('0', '1740830400999999999') },
  ),
  startTimeUnixNano: uint64,
  flags: fc.integer({ min: 0, max: 3 }),
  exemplars,
};
const numberPoint = fc.oneof(
  fc.record({ ...common, asDouble: double }, { requiredKeys: ['asDouble'] }),
  fc.record({ ...common, asInt: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String) }, { requiredKeys: [] }),
);
const histogramPoint = fc.record({
  ...common, count: smallUint64, sum: double, min: double,
  bucketCounts: fc.array(smallUint64, { maxLength: 4 }), explicitBounds: fc.array(double, { maxLength: 3 }),
}, { requiredKeys: [] });
const buckets = fc.record({ offset: fc.integer({ min: -5, max: 5 }), bucketCounts: fc.array(smallUint64, { maxLength: 3 }) }, { requiredKeys: [] });
const exponentialPoint = fc.record({
  ...common, count: smallUint64, sum: double, scale: fc.oneof({ weight: 30, arbitrary: fc.integer({ min: -10, max: 20 }) }, { weight: 1, arbitrary: fc.constantFrom(-11, 21) }), zeroCount: smallUint64, zeroThreshold: double,
  positive: buckets, negative: buckets,
}, { requiredKeys: [] });
const summaryPoint = fc.record({
  ...common, count: smallUint64, sum: double,
  quantileValues: fc.array(fc.record({ quantile: double, value: double }, { requiredKeys: [] }), { maxLength: 3 }),
}, { requiredKeys: [] });
const temporality = fc.oneof({ weight: 10, arbitrary: fc.constantFrom(1, 2) }, { weight: 1, arbitrary: fc.integer({ min: -1, max: 3 }) });
const points = <T>(point: fc.Arbitrary<T>) => fc.array(point, { maxLength: 3 });

const metric = fc.record({
  name: fc.oneof(fc.constantFrom('http.server.requests', 'queue.size', 'x_total', '..', ''), text),
  unit: text,
  description: text,
  data: fc.oneof(
    fc.record({ gauge: fc.record({ dataPoints: points(numberPoint) }) }),
    fc.record({ sum: fc.record({ dataPoints: points(numberPoint), aggregationTemporality: temporality, isMonotonic: fc.boolean() }) }),
    fc.record({ histogram: fc.record({ dataPoints: points(histogramPoint), aggregationTemporality: temporality }) }),
    fc.record({ exponentialHistogram: fc.record({ dataPoints: points(exponentialPoint), aggregationTemporality: temporality }) }),
    fc.record({ summary: fc.record({ dataPoints: points(summaryPoint) }) }),
    fc.constant({}),
  ),
}, { requiredKeys: ['data'] }).map(({ data, ...rest }) => ({ ...rest, ...data }));

const request = fc.record({
  resourceMetrics: fc.array(fc.record({
    resource: fc.record({ attributes, droppedAttributesCount: fc.nat(3) }, { requiredKeys: [] }),
    scopeMetrics: fc.array(fc.record({
      scope: fc.record({ name: text, version: text }, { requiredKeys: [] }),
      metrics: fc.array(metric, { maxLength: 4 }),
    }, { requiredKeys: ['metrics'] }), { maxLength: 2 }),
    schemaUrl: text,
  }, { requiredKeys: ['scopeMetrics'] }), { maxLength: 3 }),
});

/** A field as sent: its number, wire type, and either its value's bytes as sent or, for a message, its fields. */
interface WireField {
  readonly no: number;
  readonly wt: number;
  readonly raw: Uint8Array;
  readonly fields?: WireField[];
}

/** A length-delimited value without its length. */
function contentOf(raw: Uint8Array): Uint8Array {
  const reader = protobuf.Reader.create(raw);
  const length = reader.uint32();
  return raw.subarray(reader.pos, reader.pos + length);
}

/** Splits a message's bytes into its fields, down into the fields whose type is a message. */
function parseFields(type: protobuf.Type, bytes: Uint8Array): WireField[] {
  const reader = protobuf.Reader.create(bytes);
  const fields: WireField[] = [];
  while (reader.pos < reader.len) {
    const tag = reader.tag();
    const start = reader.pos;
    reader.skipType(tag & 7);
    const raw = bytes.subarray(start, reader.pos);
    const field = type.fieldsById[tag >>> 3];
    const nested = field?.resolvedType instanceof protobuf.Type && (tag & 7) === 2 ? field.resolvedType : undefined;
    fields.push({ no: tag >>> 3, wt: tag & 7, raw, ...(nested ? { fields: parseFields(nested, contentOf(raw)) } : {}) });
  }
  return fields;
}

const varint = (value: number) => protobuf.Writer.create().uint32(value).finish();
const lengthDelimited = (content: Uint8Array) => Buffer.concat([varint(content.length), content]);

/** Scalars without presence in a proto3 message, and how to send their zero value: wire type and bytes. */
function zeroOf(field: protobuf.Field): [number, Uint8Array] | undefined {
  if (field.repeated || field.partOf || field.resolvedType instanceof protobuf.Type) return undefined;
  if (['double', 'fixed64', 'sfixed64'].includes(field.type)) return [1, new Uint8Array(8)];
  if (field.type === 'string' || field.type === 'bytes') return [2, new Uint8Array([0])];
  return [0, new Uint8Array([0])];
}

/** The values of a packed repeated scalar field, one field each. */
function unpack(field: protobuf.Field, content: Uint8Array): WireField[] {
  const eight = ['double', 'fixed64', 'sfixed64'].includes(field.type);
  const out: WireField[] = [];
  for (let at = 0; at < content.length;) {
    let end = at + 8;
    if (!eight) {
      end = at;
      while ((content[end] ?? 0) >= 128) end += 1;
      end += 1;
    }
    out.push({ no: field.id, wt: eight ? 1 : 0, raw: content.subarray(at, end) });
    at = end;
  }
  return out;
}

/**
 * Sends the same message another way protobuf allows, as senders other than protobufjs may:
 * fields in another order (each field's own values kept in order), unknown fields (groups among
 * them) added, zero values of scalars without presence sent, packed fields unpacked, singular
 * messages split into two that merge back. `whole` is the message `fields` are part of: a zero is
 * sent only for a field the whole message lacks (one sent after a split-off part's value would
 * replace it, making another message).
 */
function resend(type: protobuf.Type, fields: readonly WireField[], random: () => number, whole: readonly WireField[] = fields): Uint8Array {
  let out: WireField[] = [];
  for (const field of fields) {
    const known = type.fieldsById[field.no];
    if (known && field.fields && known.resolvedType instanceof protobuf.Type) {
      const nested = known.resolvedType;
      const split = !known.repeated && random() < 0.3 ? Math.floor(random() * (field.fields.length + 1)) : -1;
      const parts = split < 0 ? [field.fields] : [field.fields.slice(0, split), field.fields.slice(split)];
      for (const part of parts) out.push({ no: field.no, wt: 2, raw: lengthDelimited(resend(nested, part, random, field.fields)) });
    } else if (known?.repeated && field.wt === 2 && known.type !== 'string' && known.type !== 'bytes' && random() < 0.5) {
      out.push(...unpack(known, contentOf(field.raw)));
    } else out.push(field);
  }
  for (const known of type.fieldsArray) {
    const zero = zeroOf(known);
    if (zero && !whole.some((f) => f.no === known.id) && random() < 0.3) out.push({ no: known.id, wt: zero[0], raw: zero[1] });
  }
  if (random() < 0.3) out.push({ no: 15_000, wt: 0, raw: varint(300) }, { no: 15_001, wt: 2, raw: lengthDelimited(new Uint8Array([1, 2, 3])) });
  if (random() < 0.2) out.push({ no: 15_002, wt: 1, raw: new Uint8Array(8) }, { no: 15_003, wt: 5, raw: new Uint8Array(4) });
  // A group: start tag, a field inside, the end tag of the same number.
  if (random() < 0.2) out.push({ no: 15_004, wt: 3, raw: Buffer.concat([varint((1 << 3) | 0), varint(7), varint((15_004 << 3) | 4)]) });
  // Another order, each field number's values in theirs.
  const keys = out.map(() => random());
  const byNumber = new Map<number, number[]>();
  out.forEach((field, i) => byNumber.set(field.no, [...byNumber.get(field.no) ?? [], i]));
  for (const indexes of byNumber.values()) {
    const sorted = indexes.map((i) => keys[i]!).sort((a, b) => a - b);
    indexes.forEach((i, k) => { keys[i] = sorted[k]!; });
  }
  out = out.map((field, i) => ({ field, key: keys[i]! })).sort((a, b) => a.key - b.key).map(({ field }) => field);
  return Buffer.concat(out.flatMap((field) => [varint((field.no << 3) | field.wt), field.raw]));
}

/** mulberry32: a small seeded generator, so that fast-check can shrink and replay. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d_2b_79_f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('decodeOtlpMetrics', () => {
  it('reads a request written the unusual ways protobuf allows, by hand', () => {
    // 2025-03-01T12:00:00Z in ms; its nanoseconds plus 999,999 ns, which are truncated away.
    const T = Date.UTC(2025, 2, 1, 12, 0, 0);
    const nanos = protobuf.util.LongBits.from(`${T}999999`).toLong(true);
    const w = protobuf.Writer.create();
    const point = (value: number) => {
      w.uint32((1 << 3) | 2).fork(); // Gauge.data_points
      w.uint32((6 << 3) | 1).sfixed64(value); // as_int, before the time
      w.uint32((3 << 3) | 1).fixed64(nanos);
      w.uint32((7 << 3) | 2).fork().uint32((1 << 3) | 2).string('http.route').uint32((2 << 3) | 2).fork().uint32((1 << 3) | 2).string('/pay').ldelim().ldelim();
      w.ldelim();
    };
    w.uint32((1 << 3) | 2).fork(); // ExportMetricsServiceRequest.resource_metrics
    w.uint32((2 << 3) | 2).fork(); // scope_metrics, before the resource
    w.uint32((2 << 3) | 2).fork(); // metrics
    w.uint32((5 << 3) | 2).fork(); // gauge, sent twice: the two merge
    point(5);
    w.ldelim();
    w.uint32((1 << 3) | 2).string('queue.size');
    w.uint32((5 << 3) | 2).fork();
    point(7);
    w.ldelim();
    w.ldelim().ldelim();
    w.uint32((99 << 3) | 3).uint32((1 << 3) | 0).uint32(1).uint32((99 << 3) | 4); // an unknown group
    w.uint32((1 << 3) | 2).fork().uint32((1 << 3) | 2).fork().uint32((1 << 3) | 2).string('service.name')
      .uint32((2 << 3) | 2).fork().uint32((1 << 3) | 2).string('checkout').ldelim().ldelim().ldelim(); // resource
    w.ldelim();
    const labels = { http_route: '/pay', service: 'checkout', job: 'checkout' };
    expect(decodeOtlpMetrics(w.finish())).toEqual({
      samples: { cumulative: [], delta: [], gauge: [
        { name: 'queue_size', labels, timestampMs: T, value: 5 },
        { name: 'queue_size', labels, timestampMs: T, value: 7 },
      ] },
      rejected: 0,
      reasons: [],
    });
  });

  it.each([
    ['a truncated message', [0x0a, 0x05, 0x12, 0x03]],
    ['wire type 7', [0x0f]],
    ['field number 0', [0x02, 0x00]],
    ['an end-group tag of another field', [0x0b, 0x14]],
  ])('refuses %s with OtlpDecodeError', (_what, bytes) => {
    expect(() => decodeOtlpMetrics(new Uint8Array(bytes))).toThrow(OtlpDecodeError);
  });

  it('gives what protobufjs, the input guard, the JSON schema and otlpToSamples give, for any request', () => {
    fc.assert(fc.property(request, (generated) => {
      const bytes = encode(generated);
      expect(decoded(bytes)).toEqual(reference(bytes));
    }), { numRuns: 1000 });
  });

  it('agrees with that path on requests with bytes changed, inserted or cut (wire types, lengths, unknown fields)', () => {
    const edit = fc.record({ at: fc.nat(), byte: fc.nat(255), kind: fc.constantFrom('set', 'insert', 'delete', 'truncate') });
    fc.assert(fc.property(request, fc.array(edit, { minLength: 1, maxLength: 3 }), (generated, edits) => {
      let bytes = Array.from(encode(generated));
      for (const { at, byte, kind } of edits) {
        const i = bytes.length === 0 ? 0 : at % bytes.length;
        if (kind === 'set') bytes[i] = byte;
        else if (kind === 'insert') bytes.splice(i, 0, byte);
        else if (kind === 'delete') bytes.splice(i, 1);
        else bytes = bytes.slice(0, i);
      }
      const body = Buffer.from(bytes);
      expect(decoded(body)).toEqual(reference(body));
    }), { numRuns: 2000 });
  });

  it('agrees with that path on the same requests sent another way (field order, unknown fields, zeros, unpacked, split)', () => {
    fc.assert(fc.property(request, fc.integer(), (generated, seed) => {
      const bytes = resend(RequestType, parseFields(RequestType, encode(generated)), seeded(seed));
      expect(decoded(bytes)).toEqual(reference(bytes));
    }), { numRuns: 1000 });
  });

  it('never throws anything but OtlpDecodeError on arbitrary bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
      expect(decoded(bytes)).toEqual(reference(bytes));
    }), { numRuns: 2000 });
  });
});
