import { alertSourceSchema, incomingAlertSchema, isoInstant, type IncomingAlertBody } from '@xops/contracts';
import type { IncomingAlertRecord, XopsStore } from '@xops/store';
import { z } from 'zod';
import type { Clock } from '../clock/clock';
import { errorResponses } from '../http/error-envelope';
import type { ZodApp } from '../http/zod-app';

/**
 * `GET /api/v1/alerts/incoming?status&source&limit` (viewer): the alerts the sources sent
 * (Alertmanager, PagerDuty, generic JSON, the SLO engine), newest first, each with what routing
 * did with it: its route and group, paged / notified / waiting / suppressed (and by what), and
 * its incident.
 */
export function registerIncomingAlertRoutes(app: ZodApp, deps: { store: XopsStore; clock: Clock }): void {
  const { store, clock } = deps;
  app.get('/api/v1/alerts/incoming', {
    config: { access: 'viewer' },
    schema: {
      operationId: 'listIncomingAlerts', tags: ['alerts'],
      summary: 'Alerts the sources sent, newest first, with their routing outcome (route, group, paged/notified/waiting/suppressed, incident).',
      querystring: z.object({
        status: z.enum(['firing', 'resolved']).optional().describe('only firing, or only resolved, alerts'),
        source: alertSourceSchema.optional().describe('only the alerts of one source: alertmanager, pagerduty, alerts or slo'),
        limit: z.coerce.number().int().min(1).max(1000).optional().describe('at most this many (default 100)'),
      }),
      response: { 200: z.array(incomingAlertSchema), ...errorResponses(401) },
    },
  }, async (request) => {
    const alerts = await store.listIncomingAlerts({ now: clock.now(), ...request.query });
    return alerts.map(toIncomingAlertBody);
  });
}

function toIncomingAlertBody(alert: IncomingAlertRecord): IncomingAlertBody {
  return {
    ...alert,
    labels: { ...alert.labels },
    annotations: { ...alert.annotations },
    startsAt: isoInstant(alert.startsAt),
    endsAt: alert.endsAt === null ? null : isoInstant(alert.endsAt),
    receivedAt: isoInstant(alert.receivedAt),
    suppressedBy: [...alert.suppressedBy],
  };
}
