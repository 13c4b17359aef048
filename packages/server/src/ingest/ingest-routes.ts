import { ingestModeSchema, ingestResultSchema, NDJSON_CONTENT_TYPE } from '@xops/contracts';
import type { XopsStore } from '@xops/store';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { systemClock, type Clock } from '../clock/clock';
import { INGEST_BODY_LIMIT } from '../http/body-limits';
import { errorResponses } from '../http/error-envelope';
import type { ZodApp } from '../http/zod-app';
import { ingestBuckets } from './ingest-buckets';
import { resolveIngestTarget } from './ingest-target';
import { parseIngestBody } from './parse-ingest-body';

const paramsSchema = z.object({ name: z.string().min(1).max(253) });
const querySchema = z.strictObject({
  mode: ingestModeSchema.default('replace')
    .describe('replace (default): a bucket sent again is overwritten, so re-sending the same events changes nothing; add: added to what is stored'),
});
// Checked event by event in the handler, so that every bad event is reported with its line.
const bodySchema = z.unknown().describe('A JSON array of events, or NDJSON (content-type application/x-ndjson), one event per line. '
  + 'An event is {"ts", "good", "total"} or {"ts", "bad", "total"} for a ratio SLI, {"ts", "value"} for a threshold SLI; '
  + '`ts` is an RFC 3339 time or epoch milliseconds, at most 5 minutes ahead of the server.');

/**
 * `POST /api/v1/slis/{name}/events`: SLI data in (DESIGN.md §4), for SLIs whose
 * `metricSource.type` is `xops`. Events land in the 10-second bucket holding their `ts`; events
 * of one request that share a bucket are summed first, then each bucket is written with `mode`.
 * All or nothing as far as validation goes: one bad event and nothing is written. (A threshold
 * SLI used by several objectives is written one series at a time, each in its own transaction.)
 */
export function registerIngestRoutes(app: ZodApp, { store, clock = systemClock }: { store: XopsStore; clock?: Clock }): void {
  // A plugin of its own, so that the NDJSON parser applies to this route only: elsewhere NDJSON
  // stays an unsupported media type (415).
  void app.register(async (scope) => {
    scope.addContentTypeParser(NDJSON_CONTENT_TYPE, { parseAs: 'string' }, (_request, body, done) => done(null, body));
    scope.withTypeProvider<ZodTypeProvider>().post('/api/v1/slis/:name/events', {
      // Senders use an ingest token with scope ingest:metrics (DESIGN.md §7, ADR 0010), which can
      // call nothing else; an editor may write too, since it could change what SLOs count anyway.
      config: { access: { scope: 'ingest:metrics', orRole: 'editor' } },
      bodyLimit: INGEST_BODY_LIMIT,
      schema: {
        operationId: 'ingestSliEvents',
        tags: ['SLI'],
        summary: 'Send good/total (or threshold value) events of an SLI fed by xops; idempotent unless mode=add.',
        consumes: ['application/json', NDJSON_CONTENT_TYPE],
        params: paramsSchema,
        querystring: querySchema,
        body: bodySchema,
        response: { 200: ingestResultSchema, ...errorResponses(401, 403, 404, 413, 415, 422) },
      },
    }, async (request) => {
      const target = await resolveIngestTarget(store, request.params.name);
      const events = parseIngestBody(request.body, { sli: target.sli, kind: target.kind, now: clock.now() });
      let buckets = 0;
      for (const series of ingestBuckets(target, events)) {
        buckets += await store.writeBuckets(series.seriesKey, series.buckets, request.query.mode);
      }
      return { accepted: events.length, buckets };
    });
  });
}
