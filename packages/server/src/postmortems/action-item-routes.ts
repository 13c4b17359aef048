import { actionItemCreateSchema, actionItemSchema, actionItemUpdateSchema } from '@xops/contracts';
import type { IncidentRecord, XopsStore } from '@xops/store';
import { z } from 'zod';
import { principalOf } from '../auth/authenticate';
import type { Clock } from '../clock/clock';
import { errorResponses } from '../http/error-envelope';
import { XopsError } from '../http/xops-error';
import type { ZodApp } from '../http/zod-app';
import { toActionItemBody, utcDay } from '../incidents/incident-bodies';
import { auditIncident, findIncident, incidentRefParamsSchema } from '../incidents/incident-lookup';

const itemParamsSchema = incidentRefParamsSchema.extend({
  id: z.string().min(1).max(40).describe('the action item: its id (4-2) or, within its incident, its number (2)'),
});

/**
 * An incident's action items (responder to change, viewer to read): `POST` and `GET
 * /api/v1/incidents/{ref}/action-items`, `PATCH` and `DELETE …/action-items/{id}`. An incident
 * with an open item is not complete; an open item past its due day is overdue in the report.
 */
export function registerActionItemRoutes(app: ZodApp, deps: { store: XopsStore; clock: Clock }): void {
  const { store, clock } = deps;
  const itemId = (incident: IncidentRecord, id: string) => (/^\d+$/.test(id) ? `${incident.number}-${id}` : id);
  const notFound = (incident: IncidentRecord, id: string) =>
    new XopsError('XOPS_ERR_NOT_FOUND', `Incident #${incident.number} has no action item ${id}.`, { kind: 'ActionItem', id });

  app.post('/api/v1/incidents/:ref/action-items', {
    config: { access: 'responder' },
    schema: {
      operationId: 'addActionItem', tags: ['postmortems'], summary: 'Add an action item: what, who owns it, and by which day.',
      params: incidentRefParamsSchema, body: actionItemCreateSchema,
      response: { 201: actionItemSchema, ...errorResponses(401, 403, 404) },
    },
  }, async (request, reply) => {
    const { name: actor } = principalOf(request);
    const incident = await findIncident(store, request.params.ref);
    const now = clock.now();
    const item = await store.addActionItem(incident.id, request.body, now);
    if (item === undefined) throw new XopsError('XOPS_ERR_NOT_FOUND', `Incident ${request.params.ref} does not exist.`);
    await auditIncident(store, { actor, action: 'incident.action-item.add', incident, details: { id: item.id, ...request.body } });
    return reply.status(201).send(toActionItemBody(item, utcDay(now)));
  });

  app.get('/api/v1/incidents/:ref/action-items', {
    config: { access: 'viewer' },
    schema: {
      operationId: 'listActionItems', tags: ['postmortems'], summary: 'An incident\'s action items, in the order they were added.',
      params: incidentRefParamsSchema,
      response: { 200: z.array(actionItemSchema), ...errorResponses(401, 404) },
    },
  }, async (request) => {
    const incident = await findIncident(store, request.params.ref);
    const today = utcDay(clock.now());
    return (await store.listActionItems(incident.id)).map((item) => toActionItemBody(item, today));
  });

  app.patch('/api/v1/incidents/:ref/action-items/:id', {
    config: { access: 'responder' },
    schema: {
      operationId: 'updateActionItem', tags: ['postmortems'], summary: 'Change an action item: title, owner, due day, or status (done closes it).',
      params: itemParamsSchema, body: actionItemUpdateSchema,
      response: { 200: actionItemSchema, ...errorResponses(401, 403, 404) },
    },
  }, async (request) => {
    const { name: actor } = principalOf(request);
    const incident = await findIncident(store, request.params.ref);
    const id = itemId(incident, request.params.id);
    const now = clock.now();
    const item = await store.updateActionItem(incident.id, id, request.body, now);
    if (item === undefined) throw notFound(incident, id);
    await auditIncident(store, { actor, action: 'incident.action-item.update', incident, details: { id, ...request.body } });
    return toActionItemBody(item, utcDay(now));
  });

  app.delete('/api/v1/incidents/:ref/action-items/:id', {
    config: { access: 'responder' },
    schema: {
      operationId: 'deleteActionItem', tags: ['postmortems'], summary: 'Remove an action item that should not have been one.',
      params: itemParamsSchema,
      response: { 204: z.null().describe('removed'), ...errorResponses(401, 403, 404) },
    },
  }, async (request, reply) => {
    const { name: actor } = principalOf(request);
    const incident = await findIncident(store, request.params.ref);
    const id = itemId(incident, request.params.id);
    if (!await store.deleteActionItem(incident.id, id)) throw notFound(incident, id);
    await auditIncident(store, { actor, action: 'incident.action-item.delete', incident, details: { id } });
    return reply.status(204).send(null);
  });
}
