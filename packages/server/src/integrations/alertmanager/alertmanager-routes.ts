import { alertIntakeResultSchema } from '@xops/contracts';
import type { Clock } from '../../clock/clock';
import { ALERTS_BODY_LIMIT } from '../../alerts/alert-body-limits';
import type { AlertPipeline } from '../../alerts/alert-pipeline';
import { intakeResultBody } from '../../alerts/intake-result-body';
import { principalOf } from '../../auth/authenticate';
import { errorResponses } from '../../http/error-envelope';
import type { ZodApp } from '../../http/zod-app';
import { alertmanagerReports, alertmanagerWebhookSchema } from './alertmanager-webhook';

/**
 * `POST /api/v1/integrations/alertmanager`: Alertmanager's webhook receiver (payload version 4).
 * Point a `webhook_configs` entry at it with an `ingest:alertmanager` token (`http_config.authorization.credentials`).
 * Answers 200 once every alert of the group is stored and routed (one transaction, ADR 0013).
 */
export function registerAlertmanagerRoutes(app: ZodApp, deps: { pipeline: AlertPipeline; clock: Clock }): void {
  const { pipeline, clock } = deps;
  app.post('/api/v1/integrations/alertmanager', {
    // Alerts are a responder's business: one may declare an incident and page by hand anyway (ADR 0010).
    config: { access: { scope: 'ingest:alertmanager', orRole: 'responder' } },
    bodyLimit: ALERTS_BODY_LIMIT,
    schema: {
      operationId: 'alertmanagerWebhook', tags: ['alerts'],
      summary: 'Alertmanager webhook (payload version 4): each alert is stored by its fingerprint, routed by xops\' Routes, '
        + 'and firing or resolved accordingly; Alertmanager\'s groupKey is kept as an annotation.',
      body: alertmanagerWebhookSchema,
      response: { 200: alertIntakeResultSchema, ...errorResponses(401, 403, 413, 415) },
    },
  }, async (request) => {
    const reports = alertmanagerReports(request.body, clock.now());
    const outcome = await pipeline.intake(reports, principalOf(request).name);
    return intakeResultBody(outcome);
  });
}
