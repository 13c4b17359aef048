import { incidentReportSchema, instantSchema } from '@xops/contracts';
import type { XopsStore } from '@xops/store';
import { z } from 'zod';
import type { Clock } from '../clock/clock';
import { errorResponses } from '../http/error-envelope';
import { XopsError } from '../http/xops-error';
import type { ZodApp } from '../http/zod-app';
import { buildIncidentReport } from './incident-report';

const DEFAULT_SPAN_MS = 30 * 86_400_000;

/** `GET /api/v1/reports/incidents?from&to` (viewer): MTTA and MTTR per service and team, counts, and overdue action items. */
export function registerIncidentReportRoutes(app: ZodApp, deps: { store: XopsStore; clock: Clock }): void {
  const { store, clock } = deps;
  app.get('/api/v1/reports/incidents', {
    config: { access: 'viewer' },
    schema: {
      operationId: 'getIncidentReport', tags: ['incidents'],
      summary: 'Incidents opened in [from, to) (default: the last 30 days): counts by severity and state, mean time to acknowledge and to resolve overall, per service and per team, and every overdue action item.',
      querystring: z.object({
        from: instantSchema(() => clock.now()).optional().describe('start; 30 days before `to` unless given'),
        to: instantSchema(() => clock.now()).optional().describe('end; now unless given'),
      }),
      response: { 200: incidentReportSchema, ...errorResponses(401) },
    },
  }, async (request) => {
    const now = clock.now();
    const to = request.query.to ?? now;
    const from = request.query.from ?? to - DEFAULT_SPAN_MS;
    if (from >= to) throw new XopsError('XOPS_ERR_VALIDATION', `from must come before to; got ${new Date(from).toISOString()} and ${new Date(to).toISOString()}.`);
    return buildIncidentReport(store, { from, to, now });
  });
}
