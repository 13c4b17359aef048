import { demoFaultRequestSchema, demoFaultSchema, isoInstant } from '@xops/contracts';
import { z } from 'zod';
import type { Clock } from '../clock/clock';
import { errorResponses } from '../http/error-envelope';
import { XopsError } from '../http/xops-error';
import type { ZodApp } from '../http/zod-app';
import type { DemoFault, DemoFleet } from './demo-fleet';

const toBody = (fault: DemoFault) => ({ service: fault.service, errors: fault.errors, latencyMs: fault.latencyMs, until: isoInstant(fault.untilMs) });

/**
 * `POST /api/v1/demo/faults` (editor): injects a fault into a service of the demo fleet — a share
 * of failing requests and added latency for a while — and answers every fault in effect.
 * `GET /api/v1/demo/faults` (viewer) lists them. Only on a server started by `xops demo`.
 */
export function registerDemoRoutes(app: ZodApp, { fleet, clock }: { fleet: DemoFleet; clock: Clock }): void {
  app.get('/api/v1/demo/faults', {
    config: { access: 'viewer' },
    schema: { operationId: 'listDemoFaults', tags: ['demo'], summary: 'Faults in effect on the demo fleet.', response: { 200: z.array(demoFaultSchema), ...errorResponses(401) } },
  }, async () => fleet.faults().map(toBody));

  app.post('/api/v1/demo/faults', {
    config: { access: 'editor' },
    schema: {
      operationId: 'injectDemoFault', tags: ['demo'],
      summary: 'Injects a fault (errors, latency, duration) into a service of the demo fleet.',
      body: demoFaultRequestSchema,
      response: { 200: z.array(demoFaultSchema), ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => {
    const { service, errors, latency, for: forMs } = request.body;
    if (!fleet.services.includes(service)) {
      throw new XopsError('XOPS_ERR_NOT_FOUND', `No demo service "${service}": the fleet is ${fleet.services.join(', ')}.`, { service });
    }
    // Traffic up to now was healthy: simulate it before the fault starts. Not awaited: a push
    // it starts goes to this very server, and the fault need not wait for it.
    void fleet.advance(clock.now());
    fleet.inject({ service, errors, latencyMs: latency, untilMs: clock.now() + forMs });
    return fleet.faults().map(toBody);
  });
}
