import type { AlertPipeline } from '../../alerts/alert-pipeline';
import { alertIntakeRouteOptions, takeAlertsIn } from '../../alerts/alert-intake-route';
import type { Clock } from '../../clock/clock';
import type { ZodApp } from '../../http/zod-app';
import { alertmanagerReports, alertmanagerWebhookSchema } from './alertmanager-webhook';

/**
 * `POST /api/v1/integrations/alertmanager`: Alertmanager's webhook receiver (payload version 4).
 * Point a `webhook_configs` entry at it with an `ingest:alertmanager` token (`http_config.authorization.credentials`).
 * Answers 200 once every alert of the group is stored and routed (one transaction, ADR 0013).
 */
export function registerAlertmanagerRoutes(app: ZodApp, deps: { pipeline: AlertPipeline; clock: Clock }): void {
  const { pipeline, clock } = deps;
  app.post('/api/v1/integrations/alertmanager', alertIntakeRouteOptions({
    access: { scope: 'ingest:alertmanager', orRole: 'responder' },
    operationId: 'alertmanagerWebhook',
    summary: 'Alertmanager webhook (payload version 4): each alert is stored by its fingerprint, routed by xops\' Routes, '
      + 'and firing or resolved accordingly; Alertmanager\'s groupKey is kept as an annotation.',
    body: alertmanagerWebhookSchema,
  }), async (request) => takeAlertsIn(pipeline, request, alertmanagerReports(request.body, clock.now())));
}
