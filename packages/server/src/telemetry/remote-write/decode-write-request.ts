import protobuf from 'protobufjs/minimal.js';
import type { Sample } from '../sample';
import { ByteKeyedCache } from '../byte-keyed-cache';
import type { SeriesHead } from './series-head';

/** One time series of a `WriteRequest`: its name, its labels but `__name__`, and its samples. */
export interface WriteSeries {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly samples: readonly Sample[];
}

/** A `MetricMetadata` entry: the type Prometheus knows for a metric family. */
export interface WriteMetadata {
  readonly family: string;
  /** `MetricMetadata.MetricType`: 1 counter, 2 gauge, 3 histogram, 4 gauge histogram, 5 summary, 6 info, 7 stateset. */
  readonly type: number;
}

export interface DecodedWriteRequest {
  readonly series: readonly WriteSeries[];
  readonly metadata: readonly WriteMetadata[];
  /** Samples left out because their value is NaN (Prometheus' staleness markers among them). */
  readonly droppedNaN: number;
}

/** A `WriteRequest` that is not valid protobuf, or breaks a rule of the remote-write data model. */
export class WriteRequestError extends Error {
  override readonly name = 'WriteRequestError';
}

// Tags: field number << 3 | wire type (0 varint, 1 fixed64, 2 length-delimited).
const TAG_TIMESERIES = (1 << 3) | 2;
const TAG_METADATA = (3 << 3) | 2;
const TAG_LABELS = (1 << 3) | 2;
const TAG_SAMPLES = (2 << 3) | 2;
const TAG_NAME = (1 << 3) | 2;
const TAG_VALUE = (2 << 3) | 2;
const TAG_SAMPLE_VALUE = (1 << 3) | 1;
const TAG_SAMPLE_TIMESTAMP = (2 << 3) | 0;
const TAG_METADATA_TYPE = (1 << 3) | 0;
const TAG_METADATA_FAMILY = (2 << 3) | 2;

type Reader = protobuf.Reader;

/** Reads a length prefix and returns where the embedded message ends. */
function messageEnd(reader: Reader): number {
  const end = reader.uint32() + reader.pos;
  if (end > reader.len) throw new WriteRequestError(`A length at byte ${reader.pos} runs past the end of the body.`);
  return end;
}

function expectEnd(reader: Reader, end: number): void {
  if (reader.pos !== end) throw new WriteRequestError(`A field at byte ${reader.pos} runs past the end of its message.`);
}

function skip(reader: Reader, tag: number): void {
  if (tag >>> 3 === 0) throw new WriteRequestError(`Field number 0 at byte ${reader.pos} is not valid protobuf.`);
  reader.skipType(tag & 7);
}

function nulError(name: string, value: string): WriteRequestError {
  const shown = (text: string) => text.replaceAll('\u0000', '\\0');
  return new WriteRequestError(`The label "${shown(name)}"="${shown(value)}" contains a NUL character.`);
}

/**
 * The label strings of the series read before, by position (name and value of the k-th label):
 * the series of one request mostly repeat their neighbours' label names and many of their values,
 * and bytes equal to bytes already decoded and checked give the same string, without decoding,
 * allocating and hashing it again. Positions past `CACHED_SLOTS` are decoded every time.
 */
interface StringCache {
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly strings: string[];
}

const CACHED_SLOTS = 64;

function newStringCache(): StringCache {
  return { starts: new Int32Array(CACHED_SLOTS).fill(-1), ends: new Int32Array(CACHED_SLOTS), strings: Array.from({ length: CACHED_SLOTS }, () => '') };
}

/** `reader.stringVerify()`, answered from `cache` when the bytes are those of its `slot`. */
function readString(reader: Reader, cache: StringCache, slot: number): string {
  if (slot >= CACHED_SLOTS) return reader.stringVerify();
  const before = reader.pos;
  const length = reader.uint32();
  const start = reader.pos;
  const cachedStart = cache.starts[slot] ?? -1;
  if (cachedStart >= 0 && (cache.ends[slot] ?? -1) - cachedStart === length && start + length <= reader.len) {
    const { buf } = reader;
    // From the end: values that differ (pod names, addresses) mostly share their start.
    let i = length - 1;
    while (i >= 0 && buf[start + i] === buf[cachedStart + i]) i -= 1;
    if (i < 0) {
      reader.pos = start + length;
      return cache.strings[slot] ?? '';
    }
  }
  // stringVerify: proto3 strings must be valid UTF-8, and invalid bytes must not reach the store.
  reader.pos = before;
  const text = reader.stringVerify();
  cache.starts[slot] = start;
  cache.ends[slot] = reader.pos;
  cache.strings[slot] = text;
  return text;
}

/** Reads the `index`-th `Label` of a series into `labels`, or into `series.name` when it is `__name__`. */
function readLabel(reader: Reader, end: number, series: { name: string; labels: Record<string, string> }, cache: StringCache, index: number): void {
  let name = '';
  let value = '';
  while (reader.pos < end) {
    const tag = reader.uint32();
    if (tag === TAG_NAME) name = readString(reader, cache, 2 * index);
    else if (tag === TAG_VALUE) value = readString(reader, cache, 2 * index + 1);
    else skip(reader, tag);
  }
  expectEnd(reader, end);
  if (name === '') throw new WriteRequestError('A label has an empty name.');
  const { labels } = series;
  // The store keeps label text in PostgreSQL, which cannot hold U+0000 (stringVerify refuses
  // invalid UTF-8, so no lone surrogate can get through).
  if (name.includes('\u0000') || value.includes('\u0000')) throw nulError(name, value);
  if (name === '__name__' ? series.name !== '' : Object.hasOwn(labels, name)) {
    throw new WriteRequestError(`The label "${name}" appears twice in one series.`);
  }
  if (name === '__name__') series.name = value;
  // A plain object keeps V8's fast properties; `__proto__` (a valid label name) is defined
  // rather than assigned, so that it stays a label and never touches the prototype.
  else if (name === '__proto__') Object.defineProperty(labels, name, { value, enumerable: true, writable: true, configurable: true });
  else labels[name] = value;
}

/**
 * An int64 varint as a number. Up to 7 bytes (below 2^49 ms, the year 19,800) it is read here,
 * exactly and without allocating; anything longer (negative, or far future) goes through
 * protobufjs, with its errors.
 */
function readTimestamp(reader: Reader): number {
  const { buf } = reader;
  const start = reader.pos;
  let value = 0;
  let scale = 1;
  for (let pos = start; pos < reader.len && pos - start < 7; pos += 1) {
    const byte = buf[pos] ?? 0;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) {
      reader.pos = pos + 1;
      return value;
    }
    scale *= 128;
  }
  // protobufjs gives a Long when the `long` package is present (it is a dependency of
  // protobufjs), a number otherwise. Epoch milliseconds fit a double exactly.
  const raw = reader.int64();
  return typeof raw === 'number' ? raw : raw.high * 0x1_0000_0000 + (raw.low >>> 0);
}

/** Reads one `Sample` into `out` unless its value is NaN; returns whether it kept it. */
function readSample(reader: Reader, end: number, head: SeriesHead, out: Sample[]): boolean {
  let value = 0;
  let timestampMs = 0;
  while (reader.pos < end) {
    const tag = reader.uint32();
    if (tag === TAG_SAMPLE_VALUE) value = reader.double();
    else if (tag === TAG_SAMPLE_TIMESTAMP) {
      timestampMs = readTimestamp(reader);
    } else skip(reader, tag);
  }
  expectEnd(reader, end);
  if (Number.isNaN(value)) return false;
  out.push({ name: head.name, labels: head.labels, timestampMs, value, series: head.key });
  return true;
}

/** What the decoding of one request shares: the reader, its bytes as a Buffer, and the caches. */
interface Decoding {
  readonly reader: Reader;
  readonly bytes: Buffer;
  readonly view: DataView;
  readonly strings: StringCache;
  readonly heads: ByteKeyedCache<SeriesHead>;
}

/** Decodes the labels at `spans` (start and end of each `Label`'s content) into a series head with this key. */
function readHead({ reader, strings }: Decoding, spans: readonly number[], key: string): SeriesHead {
  const head = { name: '', labels: {} };
  for (let i = 0; i < spans.length; i += 2) {
    reader.pos = spans[i] ?? 0;
    readLabel(reader, spans[i + 1] ?? 0, head, strings, i / 2);
  }
  if (head.name === '') throw new WriteRequestError('A series has no __name__ label.');
  return { name: head.name, labels: head.labels, key };
}

interface ReadSeries {
  readonly series: WriteSeries;
  readonly droppedNaN: number;
}

function readSeries(decoding: Decoding, end: number): ReadSeries {
  return readKnownSeries(decoding, end) ?? readAnySeries(decoding, end);
}

/**
 * A series seen before, in the usual layout (its labels ahead of its samples): the head comes
 * from the cache and the samples are read straight away. Undefined, with the reader back where it
 * was, for anything else.
 */
function readKnownSeries(decoding: Decoding, end: number): ReadSeries | undefined {
  const { reader } = decoding;
  const start = reader.pos;
  let labelsEnd = start;
  while (labelsEnd < end) {
    reader.pos = labelsEnd;
    if (reader.uint32() !== TAG_LABELS) break;
    labelsEnd = messageEnd(reader);
  }
  const head = labelsEnd === start ? undefined : decoding.heads.get({ bytes: decoding.bytes, view: decoding.view, start, end: labelsEnd });
  if (head === undefined) {
    reader.pos = start;
    return undefined;
  }
  reader.pos = labelsEnd;
  const samples: Sample[] = [];
  let droppedNaN = 0;
  while (reader.pos < end) {
    const tag = reader.uint32();
    if (tag === TAG_SAMPLES) {
      if (!readSample(reader, messageEnd(reader), head, samples)) droppedNaN += 1;
    } else if (tag === TAG_LABELS) {
      reader.pos = start;
      return undefined;
    } else skip(reader, tag);
  }
  expectEnd(reader, end);
  return { series: { name: head.name, labels: head.labels, samples }, droppedNaN };
}

/** Any series, in any field order; its head is kept for next time when its labels come first. */
function readAnySeries(decoding: Decoding, end: number): ReadSeries {
  const { reader } = decoding;
  const start = reader.pos;
  // Labels come before samples on the wire, but protobuf allows any order: fields are located
  // first, and the samples read once the labels are known.
  const labelSpans: number[] = [];
  const sampleSpans: number[] = [];
  let labelsEnd = start;
  // Whether every label field comes before any other field.
  let labelsFirst = true;
  let sawOther = false;
  while (reader.pos < end) {
    const tag = reader.uint32();
    if (tag !== TAG_LABELS && tag !== TAG_SAMPLES) {
      skip(reader, tag);
      sawOther = true;
      continue;
    }
    const fieldEnd = messageEnd(reader);
    if (tag === TAG_SAMPLES) {
      sampleSpans.push(reader.pos, fieldEnd);
      sawOther = true;
    } else {
      labelSpans.push(reader.pos, fieldEnd);
      if (sawOther) labelsFirst = false;
      labelsEnd = fieldEnd;
    }
    reader.pos = fieldEnd;
  }
  expectEnd(reader, end);
  // The usual layout, every label ahead of everything else, is identified by its bytes.
  const labels = labelsFirst && labelSpans.length > 0 ? { bytes: decoding.bytes, view: decoding.view, start, end: labelsEnd } : undefined;
  let head = labels === undefined ? undefined : decoding.heads.get(labels);
  if (head === undefined) {
    head = readHead(decoding, labelSpans, decoding.bytes.toString('latin1', start, labelsEnd));
    if (labels !== undefined) decoding.heads.set(labels, head);
  }
  const samples: Sample[] = [];
  let droppedNaN = 0;
  for (let i = 0; i < sampleSpans.length; i += 2) {
    reader.pos = sampleSpans[i] ?? end;
    if (!readSample(reader, sampleSpans[i + 1] ?? end, head, samples)) droppedNaN += 1;
  }
  reader.pos = end;
  return { series: { name: head.name, labels: head.labels, samples }, droppedNaN };
}

function readMetadata(reader: Reader, end: number): WriteMetadata {
  let family = '';
  let type = 0;
  while (reader.pos < end) {
    const tag = reader.uint32();
    if (tag === TAG_METADATA_TYPE) type = reader.int32();
    else if (tag === TAG_METADATA_FAMILY) family = reader.stringVerify();
    else skip(reader, tag);
  }
  expectEnd(reader, end);
  return { family, type };
}

/**
 * Decodes a Prometheus remote-write 1.0 `WriteRequest` (the uncompressed protobuf; see
 * `remote.proto` beside this file). Written against protobufjs' `Reader` rather than its
 * reflection decoder so that each sample costs one object, the `Sample` itself, and all the
 * samples of a series share one labels object. `heads` keeps the series decoded before, across
 * requests: a series sent again costs no label decoding. Throws `WriteRequestError` on anything
 * that is not valid protobuf or breaks the data model (a series without `__name__`, a label twice).
 */
export function decodeWriteRequest(bytes: Uint8Array, heads = new ByteKeyedCache<SeriesHead>()): DecodedWriteRequest {
  const reader = new protobuf.Reader(bytes);
  const decoding: Decoding = {
    reader, heads, strings: newStringCache(),
    bytes: Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
  };
  const series: WriteSeries[] = [];
  const metadata: WriteMetadata[] = [];
  let droppedNaN = 0;
  try {
    while (reader.pos < reader.len) {
      const tag = reader.uint32();
      if (tag === TAG_TIMESERIES) {
        const read = readSeries(decoding, messageEnd(reader));
        series.push(read.series);
        droppedNaN += read.droppedNaN;
      } else if (tag === TAG_METADATA) metadata.push(readMetadata(reader, messageEnd(reader)));
      else skip(reader, tag);
    }
  } catch (error) {
    if (error instanceof WriteRequestError) throw error;
    // protobufjs' own errors: a truncated varint, an index out of range, a bad wire type.
    throw new WriteRequestError(`Not a valid protobuf WriteRequest: ${error instanceof Error ? error.message : String(error)}.`);
  }
  return { series, metadata, droppedNaN };
}
