import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';

const PROTO_DIR = fileURLToPath(new URL('./proto/', import.meta.url));
const SERVICE_PROTO = 'opentelemetry/proto/collector/metrics/v1/metrics_service.proto';

function loadRoot(): protobuf.Root {
  const root = new protobuf.Root();
  // The files import each other by their path under the proto root, as protoc's -I would.
  root.resolvePath = (_origin, target) => join(PROTO_DIR, target);
  root.loadSync(SERVICE_PROTO).resolveAll();
  return root;
}

const root = loadRoot();
const requestType = root.lookupType('opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest');
const responseType = root.lookupType('opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse');

/**
 * Decodes a protobuf `ExportMetricsServiceRequest` into the shape of OTLP's JSON mapping
 * (camelCase keys, 64-bit integers as decimal strings, enums as numbers), so that one schema
 * and one converter serve both encodings. Throws on bytes that are not valid protobuf.
 */
export function decodeOtlpProtobuf(bytes: Uint8Array): Record<string, unknown> {
  return requestType.toObject(requestType.decode(bytes), { longs: String, enums: Number, bytes: String });
}

/** `ExportMetricsServiceResponse` as protobuf, with `partial_success` when points were rejected. */
export function encodeOtlpResponse(rejectedDataPoints: number, errorMessage: string): Uint8Array {
  const body = rejectedDataPoints > 0 ? { partialSuccess: { rejectedDataPoints, errorMessage } } : {};
  return responseType.encode(responseType.fromObject(body)).finish();
}
