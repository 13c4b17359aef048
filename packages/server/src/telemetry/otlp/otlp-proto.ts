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
const responseType = root.lookupType('opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse');

/** A message type of the OTLP metrics protocol, by its full name, for protobufjs' reflection. */
export function otlpMessageType(name: string): protobuf.Type {
  return root.lookupType(name);
}

/** `ExportMetricsServiceResponse` as protobuf, with `partial_success` when points were rejected. */
export function encodeOtlpResponse(rejectedDataPoints: number, errorMessage: string): Uint8Array {
  const body = rejectedDataPoints > 0 ? { partialSuccess: { rejectedDataPoints, errorMessage } } : {};
  return responseType.encode(responseType.fromObject(body)).finish();
}
