import type { OtlpAnyValue } from './otlp-request';
import { checkDepth, expectEnd, messageEnd, OtlpDecodeError, readText, skipField, type Reader } from './otlp-wire';

// Tags (field number << 3 | wire type) of common.proto's KeyValue, AnyValue, ArrayValue and KeyValueList.
const TAG_KEY = (1 << 3) | 2;
const TAG_VALUE = (2 << 3) | 2;
const TAG_STRING = (1 << 3) | 2;
const TAG_BOOL = (2 << 3) | 0;
const TAG_INT = (3 << 3) | 0;
const TAG_DOUBLE = (4 << 3) | 1;
const TAG_ARRAY = (5 << 3) | 2;
const TAG_KVLIST = (6 << 3) | 2;
const TAG_BYTES = (7 << 3) | 2;
const TAG_VALUES = (1 << 3) | 2;

/** A JSON value: what protobufjs' `toObject` makes of a message, which is what an array attribute's label text is made from. */
type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * An `AnyValue` as read so far: the member of its oneof seen last (protobufjs keeps the last, as
 * protobuf says), and for an array or key-value list the values so far, which a further
 * occurrence of the same member adds to (protobuf merges messages).
 */
type AnyValueState =
  | { readonly kind: 'none' }
  | { readonly kind: 'stringValue' | 'intValue' | 'bytesValue'; readonly text: string }
  | { readonly kind: 'boolValue'; readonly flag: boolean }
  | { readonly kind: 'doubleValue'; readonly number: number }
  | { readonly kind: 'arrayValue' | 'kvlistValue'; readonly values: Json[] };

const NONE: AnyValueState = { kind: 'none' };

function readValues(reader: Reader, end: number, depth: number, read: (reader: Reader, end: number, depth: number) => Json, into: Json[]): void {
  while (reader.pos < end) {
    const tag = reader.tag();
    if (tag === TAG_VALUES) into.push(read(reader, messageEnd(reader), depth));
    else skipField(reader, tag, depth);
  }
  expectEnd(reader, end);
}

/** Reads `AnyValue` fields on top of `state`; `depth` is the AnyValue's own in the JSON of the whole body. */
function readAnyValue(reader: Reader, end: number, depth: number, state: AnyValueState): AnyValueState {
  checkDepth(depth);
  let read = state;
  while (reader.pos < end) {
    const tag = reader.tag();
    if (tag === TAG_ARRAY || tag === TAG_KVLIST) {
      checkDepth(depth + 1);
      const kind = tag === TAG_ARRAY ? 'arrayValue' : 'kvlistValue';
      const values = read.kind === kind ? read.values : [];
      // Values of an array sit at depth + 3 (AnyValue, arrayValue, values, element); a list's KeyValues likewise.
      readValues(reader, messageEnd(reader), depth + 3, tag === TAG_ARRAY ? anyValueJson : keyValueJson, values);
      read = { kind, values };
    } else if (tag === TAG_STRING) read = { kind: 'stringValue', text: readText(reader) };
    else if (tag === TAG_BOOL) read = { kind: 'boolValue', flag: reader.bool() };
    else if (tag === TAG_INT) read = { kind: 'intValue', text: String(reader.int64()) };
    else if (tag === TAG_DOUBLE) read = { kind: 'doubleValue', number: reader.double() };
    // protobufjs' toObject with `bytes: String` gives base64.
    else if (tag === TAG_BYTES) read = { kind: 'bytesValue', text: Buffer.from(reader.bytes()).toString('base64') };
    else skipField(reader, tag, depth);
  }
  expectEnd(reader, end);
  return read;
}

/** The JSON protobufjs' `toObject` makes of an `AnyValue`, from which an array or list attribute gets its label text. */
function stateJson(state: AnyValueState): Json {
  switch (state.kind) {
    case 'none': return {};
    case 'boolValue': return { boolValue: state.flag };
    case 'doubleValue': return { doubleValue: state.number };
    case 'arrayValue': case 'kvlistValue': return { [state.kind]: state.values.length > 0 ? { values: state.values } : {} };
    default: return { [state.kind]: state.text };
  }
}

/** The `AnyValue` as the JSON schema would give it from protobufjs' `toObject`. */
function stateValue(state: AnyValueState): OtlpAnyValue {
  switch (state.kind) {
    case 'none': return {};
    case 'stringValue': return { stringValue: state.text };
    case 'intValue': return { intValue: state.text };
    case 'bytesValue': return { bytesValue: state.text };
    case 'boolValue': return { boolValue: state.flag };
    case 'doubleValue': return { doubleValue: state.number };
    case 'arrayValue': return { arrayValue: state.values.length > 0 ? { values: state.values } : {} };
    case 'kvlistValue': return { kvlistValue: state.values.length > 0 ? { values: state.values } : {} };
  }
}

function anyValueJson(reader: Reader, end: number, depth: number): Json {
  return stateJson(readAnyValue(reader, end, depth, NONE));
}

interface KeyValue {
  readonly key: string;
  readonly value: AnyValueState | undefined;
}

function readKeyValueFields(reader: Reader, end: number, depth: number): KeyValue {
  checkDepth(depth);
  let key = '';
  let value: AnyValueState | undefined;
  while (reader.pos < end) {
    const tag = reader.tag();
    if (tag === TAG_KEY) key = readText(reader);
    // A second `value` is merged into the first, as protobuf merges singular messages.
    else if (tag === TAG_VALUE) value = readAnyValue(reader, messageEnd(reader), depth + 1, value ?? NONE);
    else skipField(reader, tag, depth);
  }
  expectEnd(reader, end);
  return { key, value };
}

/** A `KeyValue` nested in a key-value list, as JSON: an empty key is left out, as protobufjs leaves out default values. */
function keyValueJson(reader: Reader, end: number, depth: number): Json {
  const { key, value } = readKeyValueFields(reader, end, depth);
  const json: { [key: string]: Json } = {};
  if (key !== '') json.key = key;
  if (value !== undefined) json.value = stateJson(value);
  return json;
}

/** One attribute of a resource or data point: a `KeyValue`, which must have a key (the JSON schema's rule). */
export function readAttribute(reader: Reader, end: number, depth: number): { key: string; value?: OtlpAnyValue } {
  const { key, value } = readKeyValueFields(reader, end, depth);
  if (key === '') throw new OtlpDecodeError(`Invalid ExportMetricsServiceRequest: the attribute ending at byte ${end} has no key.`);
  return value === undefined ? { key } : { key, value: stateValue(value) };
}
