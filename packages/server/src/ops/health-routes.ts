import type { XopsStore } from '@xops/store';
import { z } from 'zod';
import { errorEnvelopeSchema } from '../http/error-envelope';
import { XopsError } from '../http/xops-error';
import type { ZodApp } from '../http/zod-app';

const statusSchema = z.object({ status: z.literal('ok') });

/**
 * `/healthz` (the process answers: always 200) and `/readyz` (it can serve: 200 when the store
 * answers a ping, else 503 `XOPS_ERR_NOT_READY`), for load balancers and Kubernetes probes.
 * No token: probes carry none (DESIGN.md §7).
 */
export function registerHealthRoutes(app: ZodApp, { store }: { store: XopsStore }): void {
  app.get('/healthz', {
    config: { access: 'public' },
    schema: {
      operationId: 'healthz', tags: ['operations'], summary: 'Liveness: the process is up.', security: [],
      response: { 200: statusSchema },
    },
  }, async () => ({ status: 'ok' as const }));

  app.get('/readyz', {
    config: { access: 'public' },
    schema: {
      operationId: 'readyz', tags: ['operations'], summary: 'Readiness: the database answers.', security: [],
      response: { 200: statusSchema, 503: errorEnvelopeSchema },
    },
  }, async (request) => {
    try {
      await store.ping();
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check failed: the store does not answer');
      throw new XopsError('XOPS_ERR_NOT_READY', 'The database does not answer.');
    }
    return { status: 'ok' as const };
  });
}
