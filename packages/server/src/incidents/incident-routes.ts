import { incidentDeclareSchema, incidentDetailsSchema, incidentStateSchema, incidentViewSchema } from '@xops/contracts';
import type { IncidentRecord, XopsStore } from '@xops/store';
import { z } from 'zod';
import { principalOf } from '../auth/authenticate';
import type { Clock } from '../clock/clock';
import { errorResponses } from '../http/error-envelope';
import { XopsError } from '../http/xops-error';
import type { ZodApp } from '../http/zod-app';
import { toIncidentDetails, toIncidentView } from './incident-bodies';
import { changeIncidentBy } from './incident-change';
import { auditIncident, findIncident, incidentRefParamsSchema } from './incident-lookup';
import { snapshotEscalationPolicy } from './escalation-snapshot';

/** One incident as `GET /api/v1/incidents/{ref}` answers: with its timeline, escalation and postmortem state. */
export async function incidentDetails(store: XopsStore, incident: IncidentRecord) {
  const [open, escalation, postmortem, timeline] = await Promise.all([
    store.countOpenActionItems([incident.id]), store.getEscalation(incident.id), store.getPostmortem(incident.id), store.listIncidentEvents(incident.id),
  ]);
  return toIncidentDetails({ incident, openActionItems: open.get(incident.id) ?? 0, escalation, postmortem, timeline });
}

/**
 * `POST /api/v1/incidents` (responder): declare an incident by hand, optionally paging an
 * escalation policy (snapshotted now, level 1 paged in the same transaction) and naming its
 * commander. `GET /api/v1/incidents?state` and `GET /api/v1/incidents/{ref}` (viewer).
 */
export function registerIncidentRoutes(app: ZodApp, deps: { store: XopsStore; clock: Clock }): void {
  const { store, clock } = deps;

  app.post('/api/v1/incidents', {
    config: { access: 'responder' },
    schema: {
      operationId: 'declareIncident', tags: ['incidents'],
      summary: 'Declare an incident by hand; with escalationPolicy, its first level is paged at once and the next ones until someone acknowledges.',
      body: incidentDeclareSchema,
      response: { 201: incidentDetailsSchema, ...errorResponses(401, 403) },
    },
  }, async (request, reply) => {
    const { name: actor } = principalOf(request);
    const { title, severity, services, escalationPolicy, commander } = request.body;
    const snapshot = escalationPolicy === undefined ? undefined : await snapshotEscalationPolicy(store, escalationPolicy);
    if (snapshot !== undefined && !snapshot.ok) {
      throw new XopsError('XOPS_ERR_VALIDATION', `escalationPolicy: ${snapshot.error}.`, { problems: [{ path: ['escalationPolicy'], message: snapshot.error }] });
    }
    const now = clock.now();
    let incident = await store.openIncident(
      { title, severity, groupKey: null, services: [...new Set(services)], escalationPolicy: escalationPolicy ?? null, declaredBy: actor },
      now,
      snapshot === undefined ? {} : { escalation: snapshot.value },
    );
    if (commander !== undefined) {
      incident = await changeIncidentBy(store, { ref: incident.id, command: { kind: 'assign-role', role: 'commander', person: commander }, actor, now });
    }
    await auditIncident(store, { actor, action: 'incident.declare', incident, details: { title, severity, services, escalationPolicy, commander } });
    return reply.status(201).send(await incidentDetails(store, incident));
  });

  app.get('/api/v1/incidents', {
    config: { access: 'viewer' },
    schema: {
      operationId: 'listIncidents', tags: ['incidents'],
      summary: 'Incidents, newest first: all, the open ones (not resolved), or those in one state.',
      querystring: z.object({
        state: z.union([z.literal('open'), incidentStateSchema]).optional().describe('open (not resolved), triggered, acknowledged, mitigated or resolved'),
        limit: z.coerce.number().int().min(1).max(500).optional().describe('at most this many (default 500)'),
      }),
      response: { 200: z.array(incidentViewSchema), ...errorResponses(401) },
    },
  }, async (request) => {
    const incidents = await store.listIncidents({ state: request.query.state, limit: request.query.limit });
    const open = await store.countOpenActionItems(incidents.map((incident) => incident.id));
    return incidents.map((incident) => toIncidentView(incident, open.get(incident.id) ?? 0));
  });

  app.get('/api/v1/incidents/:ref', {
    config: { access: 'viewer' },
    schema: {
      operationId: 'getIncident', tags: ['incidents'],
      summary: 'One incident with its timeline (every alert, page, acknowledgement, state and role change, note and update, with who did it), its escalation and postmortem state.',
      params: incidentRefParamsSchema,
      response: { 200: incidentDetailsSchema, ...errorResponses(401, 404) },
    },
  }, async (request) => incidentDetails(store, await findIncident(store, request.params.ref)));
}
