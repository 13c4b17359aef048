import type protobuf from 'protobufjs';
import { findUnstorableJson } from '../../http/storable-json';

export type Reader = protobuf.Reader;

/** A protobuf OTLP body that is not valid protobuf, or holds what the JSON path would refuse too. */
export class OtlpDecodeError extends Error {
  override readonly name = 'OtlpDecodeError';
}

/** How deep the JSON input guard lets a body nest (`findUnstorableJson`); a decoded body is held to the same. */
const MAX_DEPTH = 64;

/** Refuses an object or array at `depth` (the body's root at 0), as the input guard refuses JSON nested that deep. */
export function checkDepth(depth: number): void {
  if (depth >= MAX_DEPTH) throw new OtlpDecodeError(`Invalid body: nested deeper than ${MAX_DEPTH} levels.`);
}

/** Reads a length prefix and returns where the embedded message ends. */
export function messageEnd(reader: Reader): number {
  // size(), as protobufjs reads lengths: a varint of at most 32 bits.
  const end = reader.size() + reader.pos;
  if (end > reader.len) throw new OtlpDecodeError(`A length at byte ${reader.pos} runs past the end of the body.`);
  return end;
}

export function expectEnd(reader: Reader, end: number): void {
  if (reader.pos !== end) throw new OtlpDecodeError(`A field at byte ${reader.pos} runs past the end of its message.`);
}

/**
 * Skips a field this decoder does not read: unknown fields, as protobuf requires, and known ones
 * sent with another wire type, as protobufjs does. `depth` is the message nesting, for
 * protobufjs' limit on nested groups.
 */
export function skipField(reader: Reader, tag: number, depth: number): void {
  reader.skipType(tag & 7, depth, tag >>> 3);
}

/** A fixed64 (unsigned) as the nearest double, as `Number()` of its decimal text gives it. */
export function readFixed64(reader: Reader, view: DataView): number {
  const at = reader.pos;
  if (at + 8 > reader.len) throw new OtlpDecodeError(`A fixed64 at byte ${at} runs past the end of the body.`);
  reader.pos = at + 8;
  return view.getUint32(at + 4, true) * 0x1_0000_0000 + view.getUint32(at, true);
}

/** An sfixed64 as the nearest double. */
export function readSfixed64(reader: Reader, view: DataView): number {
  const at = reader.pos;
  if (at + 8 > reader.len) throw new OtlpDecodeError(`An sfixed64 at byte ${at} runs past the end of the body.`);
  reader.pos = at + 8;
  return view.getInt32(at + 4, true) * 0x1_0000_0000 + view.getUint32(at, true);
}

/**
 * A fixed64 of nanoseconds since the epoch, to whole milliseconds, truncated and exact:
 * `hi·2³² + lo` is `hi·4294·10⁶ + (hi·967296 + lo)`, and the second term stays below 2⁵³.
 */
export function readUnixNanoAsMs(reader: Reader, view: DataView): number {
  const at = reader.pos;
  if (at + 8 > reader.len) throw new OtlpDecodeError(`A fixed64 at byte ${at} runs past the end of the body.`);
  reader.pos = at + 8;
  const hi = view.getUint32(at + 4, true);
  const rest = hi * 967_296 + view.getUint32(at, true);
  let ms = Math.floor(rest / 1e6);
  // Division rounds; the remainder, exact in integers, says whether it rounded up.
  if (rest - ms * 1e6 < 0) ms -= 1;
  return hi * 4294 + ms;
}

/** A uint64 varint as the nearest double. */
export function readUint64(reader: Reader): number {
  const raw = reader.uint64();
  return typeof raw === 'number' ? raw : (raw.high >>> 0) * 0x1_0000_0000 + (raw.low >>> 0);
}

/** A string field: valid UTF-8 (protobufjs' check for proto3 strings) and storable (no NUL, as the input guard asks). */
export function readText(reader: Reader): string {
  const text = reader.stringVerify();
  if (text.includes('\u0000')) throw new OtlpDecodeError(`Invalid body: the text before byte ${reader.pos} contains a NUL character (U+0000), which cannot be stored.`);
  return text;
}

/** A proto3 double without presence: 0 is as good as absent (protobufjs keeps -0). */
export function implicitDouble(value: number): number | undefined {
  return Object.is(value, 0) ? undefined : value;
}

/**
 * Reads a message this decoder takes nothing from (an exemplar, a scope, the deprecated
 * `instrumentation_library_metrics`) with protobufjs' reflection, and holds it to what the
 * input guard asks of the JSON it becomes: the body is refused for it as it was before the decoder.
 */
export function checkSkippedMessage(type: protobuf.Type, reader: Reader, end: number, depth: number): void {
  const length = end - reader.pos;
  const issue = findUnstorableJson(type.toObject(type.decode(reader, length), { longs: String, enums: Number, bytes: String }), depth);
  if (issue) throw new OtlpDecodeError(`Invalid body: ${issue.message}`);
}
