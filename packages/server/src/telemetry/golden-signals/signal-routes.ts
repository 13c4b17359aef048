import { GOLDEN_SIGNALS, goldenSignalSelectors, instantSchema, isoInstant, serviceSignalsSchema, stepSchema } from '@xops/contracts';
import { COARSE_BUCKET_MS, FINE_RETENTION_MS, type XopsStore } from '@xops/store';
import { z } from 'zod';
import type { Clock } from '../../clock/clock';
import { errorResponses } from '../../http/error-envelope';
import { XopsError } from '../../http/xops-error';
import type { ZodApp } from '../../http/zod-app';
import { seriesRange } from '../../slo/series-range';
import { signalPoints } from './signal-points';
import { serviceAnnotations } from './signal-rules';

const HOUR_MS = 3_600_000;

/**
 * `GET /api/v1/services/{name}/signals?from&to&step` (viewer): the golden signals of a Service —
 * requests/s, error ratio, latency p50/p90/p99 (seconds) and saturation — aligned on one `at` per
 * step, over the last hour by default. History older than a day is kept in minutes: there, a step
 * that is not a whole number of minutes gives null points (`signalPoints`), so the default step
 * is rounded up to whole minutes when the range reaches back that far.
 */
export function registerSignalRoutes(app: ZodApp, { store, clock }: { store: XopsStore; clock: Clock }): void {
  app.get('/api/v1/services/:name/signals', {
    config: { access: 'viewer' },
    schema: {
      operationId: 'getServiceSignals', tags: ['telemetry'],
      summary: 'Golden signals of a service (requests/s, error ratio, latency p50/p90/p99, saturation) over [from, to] (default: the last hour), one point per step. '
        + 'Data older than a day is kept per minute: there, points of a step that is not a whole number of minutes are null.',
      params: z.object({ name: z.string().min(1).max(253) }),
      querystring: z.object({ from: instantSchema(() => clock.now()).optional(), to: instantSchema(() => clock.now()).optional(), step: stepSchema.optional() }),
      response: { 200: serviceSignalsSchema, ...errorResponses(401, 404) },
    },
  }, async (request) => {
    const { name } = request.params;
    const service = await store.getObject('Service', name);
    if (service === undefined) throw new XopsError('XOPS_ERR_NOT_FOUND', `Service "${name}" does not exist.`, { kind: 'Service', name });
    const selectors = goldenSignalSelectors(serviceAnnotations(service));
    const declared = GOLDEN_SIGNALS.filter((signal) => selectors[signal] !== undefined);
    const now = clock.now();
    const to = request.query.to ?? now;
    const asked = seriesRange(request.query.from ?? to - HOUR_MS, to, request.query.step);
    // Minutes that ended a day ago or earlier may be rolled up.
    const rolledUpBefore = Math.floor((now - FINE_RETENTION_MS) / COARSE_BUCKET_MS) * COARSE_BUCKET_MS;
    const range = request.query.step === undefined && asked.from - asked.stepMs < rolledUpBefore
      ? { ...asked, stepMs: Math.ceil(asked.stepMs / COARSE_BUCKET_MS) * COARSE_BUCKET_MS }
      : asked;
    // From a minute before the first step, whose minute may reach into it.
    const buckets = await store.readSignalBuckets(name, range.from - range.stepMs - COARSE_BUCKET_MS, range.to);
    return {
      service: name, from: isoInstant(range.from), to: isoInstant(range.to), stepSeconds: range.stepMs / 1000, declared,
      points: signalPoints(buckets, { ...range, declared }),
    };
  });
}
