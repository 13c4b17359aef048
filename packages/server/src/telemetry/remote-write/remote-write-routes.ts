import protobuf from 'protobufjs/minimal.js';
import { uncompressSync } from 'snappy';
import { z } from 'zod';
import { INGEST_BODY_LIMIT } from '../../http/body-limits';
import { errorResponses } from '../../http/error-envelope';
import { XopsError } from '../../http/xops-error';
import type { ZodApp } from '../../http/zod-app';
import { OpaqueBody } from '../opaque-body';
import type { Sample, SampleSink } from '../sample';
import { decodeWriteRequest, WriteRequestError } from './decode-write-request';
import { ByteKeyedCache } from '../byte-keyed-cache';
import type { SeriesHead } from './series-head';
import { seriesKindFor } from './series-kind';

const PROTOBUF = 'application/x-protobuf';

/**
 * The largest `WriteRequest` taken, compressed and uncompressed. Prometheus sends at most
 * `max_samples_per_send` samples (2,000 by default), well under a megabyte; 32 MiB leaves room
 * for senders with far larger batches.
 */
export const REMOTE_WRITE_BODY_LIMIT = INGEST_BODY_LIMIT;

/** Snappy's block format starts with the uncompressed length as a varint. */
function uncompressedLength(body: Buffer): number {
  try {
    return protobuf.Reader.create(body).uint32();
  } catch {
    throw new XopsError('XOPS_ERR_VALIDATION', 'The body is not snappy-compressed: it does not start with a length.');
  }
}

function uncompress(body: Buffer): Buffer {
  const length = uncompressedLength(body);
  if (length > REMOTE_WRITE_BODY_LIMIT) {
    throw new XopsError('XOPS_ERR_BODY_TOO_LARGE', `The body uncompresses to ${length} bytes; at most ${REMOTE_WRITE_BODY_LIMIT} are taken.`, {
      limitBytes: REMOTE_WRITE_BODY_LIMIT,
    });
  }
  try {
    const bytes = uncompressSync(body);
    // Typed as Buffer | string; a string only comes back when `asBuffer: false` is asked for.
    if (typeof bytes === 'string') throw new TypeError('snappy returned text');
    return bytes;
  } catch (error) {
    throw new XopsError('XOPS_ERR_VALIDATION', `The body is not valid snappy (block format): ${error instanceof Error ? error.message : String(error)}.`);
  }
}

function checkHeaders(headers: Readonly<Record<string, string | string[] | undefined>>): void {
  const encoding = String(headers['content-encoding'] ?? 'snappy').trim().toLowerCase();
  // Remote write 1.0 says snappy; Prometheus' own receiver also takes a request without the header.
  if (encoding !== 'snappy') {
    throw new XopsError('XOPS_ERR_UNSUPPORTED_MEDIA_TYPE', `Content-Encoding "${encoding}" is not taken: remote write is snappy-compressed.`);
  }
  const version = String(headers['x-prometheus-remote-write-version'] ?? '0.1.0');
  const proto = /;\s*proto=([^;\s]+)/i.exec(String(headers['content-type'] ?? ''))?.[1];
  if (!version.startsWith('0.1.') || (proto !== undefined && proto !== 'prometheus.WriteRequest')) {
    throw new XopsError('XOPS_ERR_UNSUPPORTED_MEDIA_TYPE',
      `Only remote write 1.0 (prometheus.WriteRequest, version 0.1.0) is taken; got version ${version}${proto ? `, proto ${proto}` : ''}.`);
  }
}

/**
 * `POST /api/v1/write`: Prometheus remote write 1.0 (DESIGN.md §6), a snappy-compressed
 * protobuf `WriteRequest`. Series named like running totals (`_total`, `_count`, `_bucket`,
 * `_sum`) go to the sink as `cumulative`, the rest as `gauge` (see `seriesKindFor`); NaN
 * samples, among them Prometheus' staleness markers, are left out. Answers 204, or 400 for a
 * body that is not a valid `WriteRequest`, which tells Prometheus not to send it again.
 */
export function registerRemoteWriteRoutes(app: ZodApp, { sink }: { sink?: SampleSink }): void {
  // The series of every sender, by their label bytes: a series sent again is not decoded again.
  const heads = new ByteKeyedCache<SeriesHead>();
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(PROTOBUF, { parseAs: 'buffer', bodyLimit: REMOTE_WRITE_BODY_LIMIT },
      (_request, body, done) => done(null, new OpaqueBody(Buffer.isBuffer(body) ? body : Buffer.from(body))));
    scope.post('/api/v1/write', {
      // Senders use an ingest token with scope ingest:metrics (DESIGN.md §7, ADR 0010), which can
      // call nothing else; an editor may write too, since it could change what SLOs count anyway.
      config: { access: { scope: 'ingest:metrics', orRole: 'editor' } },
      bodyLimit: REMOTE_WRITE_BODY_LIMIT,
      schema: {
        operationId: 'remoteWrite',
        tags: ['telemetry'],
        summary: 'Prometheus remote write 1.0: a snappy-compressed protobuf WriteRequest.',
        consumes: [PROTOBUF],
        body: z.unknown().describe('A snappy-compressed (block format) protobuf prometheus.WriteRequest.'),
        response: { 204: z.null().describe('Accepted.'), ...errorResponses(401, 403, 413, 415, 503) },
      },
    }, async (request, reply) => {
      if (!sink) throw new XopsError('XOPS_ERR_NOT_READY', 'Telemetry ingest is not running on this server.');
      checkHeaders(request.headers);
      if (!(request.body instanceof OpaqueBody)) throw new XopsError('XOPS_ERR_UNSUPPORTED_MEDIA_TYPE');
      let decoded;
      try {
        decoded = decodeWriteRequest(uncompress(request.body.bytes), heads);
      } catch (error) {
        if (error instanceof WriteRequestError) throw new XopsError('XOPS_ERR_VALIDATION', error.message);
        throw error;
      }
      const kindOf = seriesKindFor(decoded.metadata);
      const cumulative: Sample[] = [];
      const gauge: Sample[] = [];
      for (const series of decoded.series) {
        const into = kindOf(series.name) === 'cumulative' ? cumulative : gauge;
        for (const sample of series.samples) into.push(sample);
      }
      if (cumulative.length > 0) await sink.accept({ kind: 'cumulative', samples: cumulative, source: 'remote-write' });
      if (gauge.length > 0) await sink.accept({ kind: 'gauge', samples: gauge, source: 'remote-write' });
      return reply.status(204).send();
    });
  });
}
