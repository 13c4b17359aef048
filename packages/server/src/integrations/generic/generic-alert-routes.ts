import type { AlertPipeline } from '../../alerts/alert-pipeline';
import { alertIntakeRouteOptions, takeAlertsIn } from '../../alerts/alert-intake-route';
import type { Clock } from '../../clock/clock';
import type { ZodApp } from '../../http/zod-app';
import { genericAlertBodySchema, genericAlertReport } from './generic-alert-event';

/**
 * `POST /api/v1/alerts/events`: alerts in plain JSON, for anything that is neither Alertmanager
 * nor PagerDuty-shaped (a cron job, a CI check, a home-grown monitor). One event or a list;
 * answered once they are stored and routed, in one transaction (ADR 0013).
 */
export function registerGenericAlertRoutes(app: ZodApp, deps: { pipeline: AlertPipeline; clock: Clock }): void {
  const { pipeline, clock } = deps;
  app.post('/api/v1/alerts/events', alertIntakeRouteOptions({
    access: { scope: 'ingest:alerts', orRole: 'responder' },
    operationId: 'sendAlertEvents',
    summary: 'Send alerts as JSON: {labels, annotations?, status: firing|resolved, startsAt?, endsAt?, dedupKey?}, or a list; '
      + 'a firing alert fires until resolved (or until its endsAt).',
    body: genericAlertBodySchema,
  }), async (request) => {
    const now = clock.now();
    return takeAlertsIn(pipeline, request, request.body.map((event) => genericAlertReport(event, now)));
  });
}
