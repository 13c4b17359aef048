import type { ByteKeyedCache } from '../byte-keyed-cache';
import { attributeLabels, pointLabels, type Labels } from './attribute-labels';
import { readAttribute } from './read-attributes';
import type { OtlpAttributes } from './otlp-request';
import { messageEnd, type Reader } from './otlp-wire';

/** Point attributes decoded before, by their bytes, with their labels merged with the last resource's. */
interface AttributeEntry {
  readonly labels: Labels;
  resource: Readonly<Labels> | undefined;
  merged: Readonly<Labels>;
}

/** What the protobuf decoder keeps across requests: resources and point attributes decoded before, by their bytes. */
export interface OtlpCaches {
  readonly resources: ByteKeyedCache<Readonly<Labels>>;
  readonly attributes: ByteKeyedCache<AttributeEntry>;
}

// A point's attributes sit at this depth of the JSON a request becomes: request, resourceMetrics,
// one of them, scopeMetrics, one, metrics, one, its gauge (sum, …), dataPoints, one, attributes, one.
const POINT_ATTRIBUTE_DEPTH = 11;

/**
 * The decoding of one request: the reader, its bytes, the caches, and the attribute fields of the
 * data point being read. A sender writes a series' attributes the same way every time, so the
 * bytes of a point's attribute fields, when they sit together (they do, from every SDK), identify
 * its labels: bytes seen before cost a hash and a comparison, not a decoding.
 */
export class OtlpDecoding {
  readonly bytes: Buffer;
  readonly view: DataView;
  /** Start and end of the content of each attribute field of the current point. */
  readonly #spans: number[] = [];
  /** Where the current point's attribute fields start and end, tags included, when they sit together. */
  #runStart = -1;
  #runEnd = -1;
  #together = true;

  constructor(readonly reader: Reader, bytes: Uint8Array, readonly caches: OtlpCaches) {
    this.bytes = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Starts a data point. */
  beginPoint(): void {
    this.#spans.length = 0;
    this.#runStart = -1;
    this.#together = true;
  }

  /** Notes an attribute field whose tag starts at `tagStart`, the reader being at its length, and moves past it. */
  noteAttribute(tagStart: number): void {
    const { reader } = this;
    const end = messageEnd(reader);
    if (this.#runStart < 0) this.#runStart = tagStart;
    else if (this.#runEnd !== tagStart) this.#together = false;
    this.#runEnd = end;
    this.#spans.push(reader.pos, end);
    reader.pos = end;
  }

  /** The current point's labels: its attributes', then the resource's (`pointLabels`). */
  pointLabels(resource: Readonly<Labels>): Readonly<Labels> {
    if (this.#spans.length === 0) return resource;
    const range = { bytes: this.bytes, view: this.view, start: this.#runStart, end: this.#runEnd };
    let entry = this.#together ? this.caches.attributes.get(range) : undefined;
    if (entry === undefined) {
      entry = { labels: attributeLabels(this.readAttributes(this.#spans, POINT_ATTRIBUTE_DEPTH)), resource: undefined, merged: resource };
      if (this.#together) this.caches.attributes.set(range, entry);
    }
    if (entry.resource !== resource) {
      entry.merged = pointLabels(entry.labels, resource);
      entry.resource = resource;
    }
    return entry.merged;
  }

  /** Reads the `KeyValue`s at `spans` (start and end of each), at `depth` in the request's JSON; the reader ends where it was. */
  readAttributes(spans: readonly number[], depth: number): NonNullable<OtlpAttributes> {
    const { reader } = this;
    const after = reader.pos;
    const attributes: NonNullable<OtlpAttributes> = [];
    for (let i = 0; i < spans.length; i += 2) {
      reader.pos = spans[i] ?? 0;
      attributes.push(readAttribute(reader, spans[i + 1] ?? 0, depth));
    }
    reader.pos = after;
    return attributes;
  }
}
