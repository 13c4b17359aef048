import { alertStateSchema, alertStatusSchema, alertTransitionSchema, instantSchema } from '@xops/contracts';
import type { XopsStore } from '@xops/store';
import { z } from 'zod';
import { errorResponses } from '../http/error-envelope';
import type { ZodApp } from '../http/zod-app';
import { toAlertStateBody, toAlertTransitionBody } from './alert-bodies';

const sloNameSchema = z.string().min(1).max(253);

const alertsQuerySchema = z.object({
  slo: sloNameSchema.optional().describe('only the alerts of this SLO'),
  status: z.union([alertStatusSchema, z.array(alertStatusSchema)]).optional()
    .describe('only alerts in this status; repeat for several, e.g. status=pending&status=firing'),
});

const transitionsQuerySchema = z.object({
  slo: sloNameSchema.optional(),
  from: instantSchema().optional(),
  to: instantSchema().optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
});

/**
 * `GET /api/v1/alerts?slo&status` (viewer): the current state of every alert the SLO engine
 * keeps, as the lease holder saved it; `GET /api/v1/alerts/transitions?slo&from&to&limit`
 * (viewer): their changes, newest first.
 */
export function registerAlertRoutes(app: ZodApp, { store }: { store: XopsStore }): void {
  app.get('/api/v1/alerts', {
    config: { access: 'viewer' },
    schema: {
      operationId: 'listAlerts', tags: ['alerts'],
      summary: 'Current SLO alert states, ordered by SLO, objective and rule. Alerts never active are not listed.',
      querystring: alertsQuerySchema,
      response: { 200: z.array(alertStateSchema), ...errorResponses(401) },
    },
  }, async (request) => {
    const { slo, status } = request.query;
    const wanted = status === undefined ? undefined : new Set([status].flat());
    const states = await store.listAlertStates(slo);
    return states.filter((state) => wanted === undefined || wanted.has(state.status)).map(toAlertStateBody);
  });

  app.get('/api/v1/alerts/transitions', {
    config: { access: 'viewer' },
    schema: {
      operationId: 'listAlertTransitions', tags: ['alerts'],
      summary: 'SLO alert transitions newest first, optionally of one SLO and within [from, to).',
      querystring: transitionsQuerySchema,
      response: { 200: z.array(alertTransitionSchema), ...errorResponses(401) },
    },
  }, async (request) => {
    const { slo, from, to, limit } = request.query;
    const transitions = await store.listAlertTransitions({ slo, from, to, limit });
    return transitions.map(toAlertTransitionBody);
  });
}
