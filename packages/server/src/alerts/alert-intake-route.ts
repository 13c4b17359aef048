import { alertIntakeResultSchema, type AlertIntakeResultBody } from '@xops/contracts';
import type { AlertReport } from '@xops/store';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { principalOf } from '../auth/authenticate';
import type { ScopedAccess } from '../auth/authorize';
import { errorResponses } from '../http/error-envelope';
import { ALERTS_BODY_LIMIT } from './alert-body-limits';
import type { AlertPipeline } from './alert-pipeline';
import { intakeResultBody } from './intake-result-body';

/**
 * The route options of an alert source that answers in xops' own shape (`AlertIntakeResult`):
 * its scope (or a responder: one may declare an incident and page by hand anyway, ADR 0010), the
 * alerts' body limit, its body schema and the answers it gives.
 *
 * @example app.post('/api/v1/alerts/events', alertIntakeRouteOptions({ access, operationId, summary, body }), handler)
 */
export function alertIntakeRouteOptions<Body extends z.ZodType>(route: {
  readonly access: ScopedAccess; readonly operationId: string; readonly summary: string; readonly body: Body;
}) {
  return {
    config: { access: route.access },
    bodyLimit: ALERTS_BODY_LIMIT,
    schema: {
      operationId: route.operationId, tags: ['alerts'], summary: route.summary,
      body: route.body,
      response: { 200: alertIntakeResultSchema, ...errorResponses(401, 403, 413, 415) },
    },
  };
}

/** Takes a request's reports in (one transaction, ADR 0013) as its token's principal, and the answer. */
export async function takeAlertsIn(pipeline: AlertPipeline, request: FastifyRequest, reports: readonly AlertReport[]): Promise<AlertIntakeResultBody> {
  return intakeResultBody(await pipeline.intake(reports, principalOf(request).name));
}
