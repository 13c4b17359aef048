import type { XopsStore } from '@xops/store';
import { z } from 'zod';
import type { Clock } from '../../clock/clock';
import { PAGERDUTY_BODY_LIMIT } from '../../alerts/alert-body-limits';
import type { AlertPipeline } from '../../alerts/alert-pipeline';
import { authenticateSecret } from '../../auth/authenticate';
import type { ScopedAccess } from '../../auth/authorize';
import { errorStatus } from '../../http/error-status';
import { toXopsError } from '../../http/to-xops-error';
import { XopsError } from '../../http/xops-error';
import type { ZodApp } from '../../http/zod-app';
import { newDedupKey, pagerdutyEventSchema, pagerdutyProblems, pagerdutyReport } from './pagerduty-event';

const ACCESS: ScopedAccess = { scope: 'ingest:pagerduty', orRole: 'responder' };

/** PagerDuty's answers (01-Overview.md): 202 with the dedup key, 400 with the problems. */
const acceptedSchema = z.object({ status: z.literal('success'), message: z.string(), dedup_key: z.string() }).meta({ id: 'PagerDutyAccepted' });
const refusedSchema = z.object({ status: z.string(), message: z.string(), errors: z.array(z.string()) }).meta({ id: 'PagerDutyRefused' });

/**
 * `POST /v2/enqueue`: PagerDuty's Events API v2, so anything that pages PagerDuty (its client
 * libraries, Alertmanager's pagerduty receiver, monitoring tools) pages xops by changing one URL.
 * The token is the `routing_key` (an xops token with scope `ingest:pagerduty`), or an
 * `Authorization: Bearer` header. `trigger` creates or updates the alert of its `dedup_key`
 * (made up and returned when absent), `acknowledge` acknowledges the incident it belongs to,
 * `resolve` resolves it. Every answer, errors included, has PagerDuty's shape.
 */
export function registerPagerdutyRoutes(app: ZodApp, deps: { store: XopsStore; pipeline: AlertPipeline; clock: Clock }): void {
  const { store, pipeline, clock } = deps;
  // A plugin of its own, so its error handler answers in PagerDuty's shape and no other route's.
  void app.register(async (scope) => {
    scope.setErrorHandler((error, request, reply) => {
      const known = toXopsError(error);
      if (known === undefined) {
        request.log.error({ err: error }, 'unexpected error');
        return reply.status(500).send({ status: 'error', message: 'An unexpected error; it has been logged.', errors: [] });
      }
      const status = errorStatus(known.code);
      request.log.info({ code: known.code }, known.message);
      const word = status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : status >= 500 ? 'error' : 'invalid event';
      return reply.status(status).send({ status: word, message: status === 400 ? 'Event object is invalid' : known.message, errors: [known.message] });
    });

    scope.post('/v2/enqueue', {
      config: { access: ACCESS, tokenInBody: true },
      bodyLimit: PAGERDUTY_BODY_LIMIT,
      schema: {
        operationId: 'pagerdutyEnqueue', tags: ['alerts'],
        summary: 'PagerDuty Events API v2: trigger, acknowledge or resolve an alert by dedup_key. The token goes in routing_key '
          + '(or an Authorization header); answers 202 {"status":"success","message":"Event processed","dedup_key":"…"} as PagerDuty does.',
        body: z.unknown().describe('a PagerDuty Events API v2 event: {routing_key, event_action, dedup_key?, payload: {summary, source, severity, …}}'),
        response: { 202: acceptedSchema, 400: refusedSchema, 401: refusedSchema, 403: refusedSchema, 413: refusedSchema, 415: refusedSchema, 500: refusedSchema },
      },
    }, async (request, reply) => {
      const { body } = request;
      if (request.principal === null) {
        const key = typeof body === 'object' && body !== null && 'routing_key' in body && typeof body.routing_key === 'string' ? body.routing_key : undefined;
        if (key === undefined) {
          throw new XopsError('XOPS_ERR_UNAUTHENTICATED', 'Send an xops token with scope ingest:pagerduty as routing_key, or as "Authorization: Bearer xops_…".');
        }
        request.principal = await authenticateSecret(store, key, ACCESS).catch((error: unknown) => {
          throw error instanceof XopsError && error.code === 'XOPS_ERR_UNAUTHENTICATED'
            ? new XopsError('XOPS_ERR_UNAUTHENTICATED', 'The routing_key is not a valid xops token: create one with xops token create NAME --scope ingest:pagerduty')
            : error;
        });
      }
      const parsed = pagerdutyEventSchema.safeParse(body);
      if (!parsed.success) return reply.status(400).send({ status: 'invalid event', message: 'Event object is invalid', errors: pagerdutyProblems(parsed.error) });
      const dedupKey = parsed.data.dedup_key ?? newDedupKey();
      await pipeline.intake([pagerdutyReport(parsed.data, dedupKey, clock.now())], request.principal.name);
      return reply.status(202).send({ status: 'success', message: 'Event processed', dedup_key: dedupKey });
    });
  });
}
