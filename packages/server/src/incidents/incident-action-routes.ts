import {
  incidentNoteSchema, incidentRoleRequestSchema, incidentSeverityRequestSchema, incidentUpdateRequestSchema, incidentViewSchema,
} from '@xops/contracts';
import type { IncidentRecord, XopsStore } from '@xops/store';
import type { FastifyBaseLogger } from 'fastify';
import { principalOf } from '../auth/authenticate';
import type { Clock } from '../clock/clock';
import { errorResponses } from '../http/error-envelope';
import type { ZodApp } from '../http/zod-app';
import { ensurePostmortem } from '../postmortems/draft-postmortem';
import { toIncidentView } from './incident-bodies';
import { changeIncidentBy, type IncidentCommand } from './incident-change';
import { auditIncident, incidentRefParamsSchema } from './incident-lookup';

const STATE_ACTIONS = {
  acknowledge: 'Acknowledge: stops the escalation; mean time to acknowledge counts to here.',
  mitigate: 'Mitigate: the impact is over, the cause may not be (acknowledges too, if it was not).',
  resolve: 'Resolve: over; drafts the postmortem (acknowledges and mitigates too, if it was not).',
} as const;

/**
 * The responder's actions on an incident (responder role), each through `changeIncidentBy`, so
 * every change is on the timeline with who made it: `POST /api/v1/incidents/{ref}/acknowledge`,
 * `/mitigate`, `/resolve`, `/notes` `{text}`, `/roles` `{role, person}`, `/severity`
 * `{severity}`, `/updates` `{text, public}`. Each answers the incident as it is now.
 */
export function registerIncidentActionRoutes(app: ZodApp, deps: { store: XopsStore; clock: Clock }): void {
  const { store, clock } = deps;

  /** Runs the command, drafts the postmortem when it resolved the incident, and writes the audit entry. */
  async function act(request: { params: { ref: string }; log: FastifyBaseLogger }, actor: string, command: IncidentCommand) {
    const now = clock.now();
    const incident = await changeIncidentBy(store, { ref: request.params.ref, command, actor, now });
    await auditIncident(store, { actor, action: `incident.${command.kind}`, incident, details: command });
    if (command.kind === 'resolve') await draftQuietly(store, incident, now, request.log);
    const open = await store.countOpenActionItems([incident.id]);
    return toIncidentView(incident, open.get(incident.id) ?? 0);
  }

  for (const kind of ['acknowledge', 'mitigate', 'resolve'] as const) {
    app.post(`/api/v1/incidents/:ref/${kind}`, {
      config: { access: 'responder' },
      schema: {
        operationId: `${kind}Incident`, tags: ['incidents'], summary: STATE_ACTIONS[kind],
        params: incidentRefParamsSchema,
        response: { 200: incidentViewSchema, ...errorResponses(401, 403, 404, 409) },
      },
    }, async (request) => act(request, principalOf(request).name, { kind }));
  }

  app.post('/api/v1/incidents/:ref/notes', {
    config: { access: 'responder' },
    schema: {
      operationId: 'addIncidentNote', tags: ['incidents'], summary: 'Add a note to the timeline.',
      params: incidentRefParamsSchema, body: incidentNoteSchema,
      response: { 200: incidentViewSchema, ...errorResponses(401, 403, 404, 409) },
    },
  }, async (request) => act(request, principalOf(request).name, { kind: 'note', text: request.body.text }));

  app.post('/api/v1/incidents/:ref/roles', {
    config: { access: 'responder' },
    schema: {
      operationId: 'assignIncidentRole', tags: ['incidents'],
      summary: 'Give a role (commander, scribe, communications) to a person, or leave it unassigned with person null.',
      params: incidentRefParamsSchema, body: incidentRoleRequestSchema,
      response: { 200: incidentViewSchema, ...errorResponses(401, 403, 404, 409) },
    },
  }, async (request) => act(request, principalOf(request).name, { kind: 'assign-role', role: request.body.role, person: request.body.person }));

  app.post('/api/v1/incidents/:ref/severity', {
    config: { access: 'responder' },
    schema: {
      operationId: 'setIncidentSeverity', tags: ['incidents'], summary: 'Change the severity (SEV1 is the worst).',
      params: incidentRefParamsSchema, body: incidentSeverityRequestSchema,
      response: { 200: incidentViewSchema, ...errorResponses(401, 403, 404, 409) },
    },
  }, async (request) => act(request, principalOf(request).name, { kind: 'set-severity', severity: request.body.severity }));

  app.post('/api/v1/incidents/:ref/updates', {
    config: { access: 'responder' },
    schema: {
      operationId: 'postIncidentUpdate', tags: ['incidents'],
      summary: 'Post a status update; a public one (the default) shows on the status page, `public: false` keeps it on the timeline only.',
      params: incidentRefParamsSchema, body: incidentUpdateRequestSchema,
      response: { 200: incidentViewSchema, ...errorResponses(401, 403, 404, 409) },
    },
  }, async (request) => act(request, principalOf(request).name, { kind: 'update', text: request.body.text, public: request.body.public }));
}

/**
 * Drafts the postmortem of a just-resolved incident. A draft that fails (an SLO whose buckets
 * cannot be read) must not fail the resolve, which is committed: the postmortem route drafts it
 * on first read instead.
 */
export async function draftQuietly(store: XopsStore, incident: IncidentRecord, now: number, log: FastifyBaseLogger): Promise<void> {
  try {
    await ensurePostmortem(store, incident, now);
  } catch (error) {
    log.warn({ err: error, incident: incident.id }, 'cannot draft the postmortem yet; it is drafted when first read');
  }
}
