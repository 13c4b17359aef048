import { alertIntakeResultSchema } from '@xops/contracts';
import type { Clock } from '../../clock/clock';
import { ALERTS_BODY_LIMIT } from '../../alerts/alert-body-limits';
import type { AlertPipeline } from '../../alerts/alert-pipeline';
import { intakeResultBody } from '../../alerts/intake-result-body';
import { principalOf } from '../../auth/authenticate';
import { errorResponses } from '../../http/error-envelope';
import type { ZodApp } from '../../http/zod-app';
import { genericAlertBodySchema, genericAlertReport } from './generic-alert-event';

/**
 * `POST /api/v1/alerts/events`: alerts in plain JSON, for anything that is neither Alertmanager
 * nor PagerDuty-shaped (a cron job, a CI check, a home-grown monitor). One event or a list;
 * answered once they are stored and routed, in one transaction (ADR 0013).
 */
export function registerGenericAlertRoutes(app: ZodApp, deps: { pipeline: AlertPipeline; clock: Clock }): void {
  const { pipeline, clock } = deps;
  app.post('/api/v1/alerts/events', {
    config: { access: { scope: 'ingest:alerts', orRole: 'responder' } },
    bodyLimit: ALERTS_BODY_LIMIT,
    schema: {
      operationId: 'sendAlertEvents', tags: ['alerts'],
      summary: 'Send alerts as JSON: {labels, annotations?, status: firing|resolved, startsAt?, endsAt?, dedupKey?}, or a list; '
        + 'a firing alert fires until resolved (or until its endsAt).',
      body: genericAlertBodySchema,
      response: { 200: alertIntakeResultSchema, ...errorResponses(401, 403, 413, 415) },
    },
  }, async (request) => {
    const now = clock.now();
    const outcome = await pipeline.intake(request.body.map((event) => genericAlertReport(event, now)), principalOf(request).name);
    return intakeResultBody(outcome);
  });
}
