import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { INGEST_BODY_LIMIT } from '../../http/body-limits';
import { errorResponses } from '../../http/error-envelope';
import { XopsError } from '../../http/xops-error';
import type { ZodApp } from '../../http/zod-app';
import { OpaqueBody } from '../opaque-body';
import type { SampleKind, SampleSink } from '../sample';
import { createOtlpCaches, decodeOtlpMetrics } from './decode-otlp-metrics';
import type { OtlpCaches } from './otlp-decoding';
import { encodeOtlpResponse } from './otlp-proto';
import { otlpMetricsRequestSchema } from './otlp-request';
import { otlpToSamples } from './otlp-to-samples';
import { OtlpDecodeError } from './otlp-wire';
import type { OtlpSamples } from './sample-collector';

const JSON_TYPE = 'application/json';
const PROTOBUF = 'application/x-protobuf';
const KINDS: readonly SampleKind[] = ['cumulative', 'delta', 'gauge'];

/**
 * The largest OTLP body taken, compressed and uncompressed (the OpenTelemetry Collector's
 * default is 20 MiB); the uncompressed limit is what stops a gzip bomb.
 */
export const OTLP_BODY_LIMIT = INGEST_BODY_LIMIT;

const gunzipAsync = promisify(gunzip);

async function inflate(request: FastifyRequest, body: Buffer): Promise<Buffer> {
  const encoding = String(request.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity') return body;
  if (encoding !== 'gzip') {
    throw new XopsError('XOPS_ERR_UNSUPPORTED_MEDIA_TYPE', `Content-Encoding "${encoding}" is not taken: OTLP/HTTP bodies are gzip or uncompressed.`);
  }
  try {
    return await gunzipAsync(body, { maxOutputLength: OTLP_BODY_LIMIT });
  } catch (error) {
    if (error instanceof RangeError) {
      throw new XopsError('XOPS_ERR_BODY_TOO_LARGE', `The body inflates to more than ${OTLP_BODY_LIMIT} bytes.`, { limitBytes: OTLP_BODY_LIMIT });
    }
    throw new XopsError('XOPS_ERR_VALIDATION', `The body is not valid gzip: ${error instanceof Error ? error.message : String(error)}.`);
  }
}

function decodeJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new XopsError('XOPS_ERR_BAD_JSON', `The body is not valid JSON: ${error instanceof Error ? error.message : String(error)}.`);
  }
}

function decodeProtobuf(bytes: Buffer, caches: OtlpCaches): OtlpSamples {
  try {
    return decodeOtlpMetrics(bytes, caches);
  } catch (error) {
    if (error instanceof OtlpDecodeError) throw new XopsError('XOPS_ERR_VALIDATION', error.message, { in: 'body' });
    throw error;
  }
}

function parseRequest(body: unknown): OtlpSamples {
  const result = otlpMetricsRequestSchema.safeParse(body);
  if (result.success) return otlpToSamples(result.data);
  const issues = result.error.issues.map((issue) => ({ path: issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key)), message: issue.message }));
  const shown = issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new XopsError('XOPS_ERR_VALIDATION', `Invalid ExportMetricsServiceRequest: ${shown.join('; ')}${issues.length > 3 ? ` (and ${issues.length - 3} more)` : ''}`,
    { in: 'body', issues: issues.slice(0, 100) });
}

/**
 * `POST /v1/metrics`: OTLP/HTTP metrics (DESIGN.md §4), an `ExportMetricsServiceRequest` as
 * protobuf (`application/x-protobuf`) or in OTLP's JSON mapping (`application/json`), either
 * optionally gzip-compressed. Answers like an OpenTelemetry Collector: 200 with an
 * `ExportMetricsServiceResponse` in the request's encoding, carrying `partialSuccess` when
 * some data points could not be taken. Errors use the xops error envelope (JSON), whose
 * status codes (400, 413, 415, 503) are what OTLP clients act on.
 */
export function registerOtlpRoutes(app: ZodApp, { sink }: { sink?: SampleSink }): void {
  // The resources and point attributes of every sender, by their bytes: a series sent again is not decoded again.
  const caches = createOtlpCaches();
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    // JSON is parsed in the parser, so that the input guard checks its text and nesting; protobuf
    // is kept whole for the handler, whose decoder checks the same as it reads.
    const options = { parseAs: 'buffer', bodyLimit: OTLP_BODY_LIMIT } as const;
    scope.addContentTypeParser(JSON_TYPE, options, async (request: FastifyRequest, body: Buffer) => decodeJson(await inflate(request, body)));
    scope.addContentTypeParser(PROTOBUF, options, async (request: FastifyRequest, body: Buffer) => new OpaqueBody(await inflate(request, body)));
    scope.post('/v1/metrics', {
      // Senders use an ingest token with scope ingest:metrics (DESIGN.md §7, ADR 0010), which can
      // call nothing else; an editor may write too, since it could change what SLOs count anyway.
      config: { access: { scope: 'ingest:metrics', orRole: 'editor' } },
      bodyLimit: OTLP_BODY_LIMIT,
      schema: {
        operationId: 'otlpMetrics',
        tags: ['telemetry'],
        summary: 'OTLP/HTTP metrics export (protobuf or JSON, optionally gzip).',
        consumes: [PROTOBUF, JSON_TYPE],
        body: z.unknown().describe('An opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest.'),
        response: errorResponses(401, 403, 413, 415, 503),
      },
    }, async (request, reply) => {
      if (!sink) throw new XopsError('XOPS_ERR_NOT_READY', 'Telemetry ingest is not running on this server.');
      const converted = request.body instanceof OpaqueBody ? decodeProtobuf(request.body.bytes, caches) : parseRequest(request.body);
      for (const kind of KINDS) {
        const samples = converted.samples[kind];
        if (samples.length > 0) await sink.accept({ kind, samples, source: 'otlp' });
      }
      const message = converted.rejected > 0 ? `${converted.rejected} data points rejected: ${converted.reasons.join('; ')}.` : '';
      if (String(request.headers['content-type']).toLowerCase().startsWith(PROTOBUF)) {
        return reply.status(200).type(PROTOBUF).send(Buffer.from(encodeOtlpResponse(converted.rejected, message)));
      }
      const body = converted.rejected > 0 ? { partialSuccess: { rejectedDataPoints: String(converted.rejected), errorMessage: message } } : {};
      return reply.status(200).type(JSON_TYPE).send(JSON.stringify(body));
    });
  });
}
