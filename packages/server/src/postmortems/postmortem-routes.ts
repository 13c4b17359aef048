import { postmortemSchema, postmortemUpdateSchema } from '@xops/contracts';
import type { IncidentRecord, PostmortemRecord, XopsStore } from '@xops/store';
import { z } from 'zod';
import { principalOf } from '../auth/authenticate';
import type { Clock } from '../clock/clock';
import { errorResponses } from '../http/error-envelope';
import { XopsError } from '../http/xops-error';
import type { ZodApp } from '../http/zod-app';
import { auditIncident, findIncident, incidentRefParamsSchema } from '../incidents/incident-lookup';
import { draftPostmortemDocument, ensurePostmortem } from './draft-postmortem';
import { toPostmortemBody } from './postmortem-body';
import { postmortemMarkdown } from './postmortem-markdown';

/**
 * An incident's postmortem (issue 5 item 7): `GET /api/v1/incidents/{ref}/postmortem` (viewer;
 * drafted on first read if the resolve did not draft it), `PUT` (responder: summary,
 * contributing factors, status), `GET …/postmortem.md` (viewer: the Markdown export).
 */
export function registerPostmortemRoutes(app: ZodApp, deps: { store: XopsStore; clock: Clock }): void {
  const { store, clock } = deps;

  async function postmortemOf(ref: string): Promise<{ incident: IncidentRecord; postmortem: PostmortemRecord }> {
    const incident = await findIncident(store, ref);
    const postmortem = await ensurePostmortem(store, incident, clock.now());
    if (postmortem === undefined) {
      throw new XopsError('XOPS_ERR_NOT_FOUND', `Incident #${incident.number} is ${incident.state}: its postmortem is drafted once it is resolved.`, { kind: 'Postmortem', ref });
    }
    return { incident, postmortem };
  }

  app.get('/api/v1/incidents/:ref/postmortem', {
    config: { access: 'viewer' },
    schema: {
      operationId: 'getPostmortem', tags: ['postmortems'],
      summary: 'The postmortem of a resolved incident: summary, error budget consumed per SLO of its services, timeline, contributing factors, action items, and whether it is complete (no open action item).',
      params: incidentRefParamsSchema,
      response: { 200: postmortemSchema, ...errorResponses(401, 404) },
    },
  }, async (request) => {
    const { incident, postmortem } = await postmortemOf(request.params.ref);
    return toPostmortemBody(store, incident, postmortem, clock.now());
  });

  app.put('/api/v1/incidents/:ref/postmortem', {
    config: { access: 'responder' },
    schema: {
      operationId: 'updatePostmortem', tags: ['postmortems'],
      summary: 'Edit a postmortem: what is given (summary, contributingFactors, status) replaces what is stored, the rest stays. The impact is computed, not edited.',
      params: incidentRefParamsSchema,
      body: postmortemUpdateSchema,
      response: { 200: postmortemSchema, ...errorResponses(401, 403, 404) },
    },
  }, async (request) => {
    const { name: actor } = principalOf(request);
    const { incident, postmortem } = await postmortemOf(request.params.ref);
    const now = clock.now();
    const document = postmortem.document ?? await draftPostmortemDocument(store, incident);
    const { summary, contributingFactors, status } = request.body;
    const updated = await store.updatePostmortem({
      incidentId: incident.id,
      document: { ...document, ...(summary === undefined ? {} : { summary }), ...(contributingFactors === undefined ? {} : { contributingFactors }) },
      status: status ?? postmortem.status,
      actor,
      now,
    });
    if (updated === undefined) throw new XopsError('XOPS_ERR_NOT_FOUND', `Incident #${incident.number} has no postmortem.`);
    await auditIncident(store, { actor, action: 'incident.postmortem.update', incident, details: { fields: Object.keys(request.body) } });
    return toPostmortemBody(store, incident, updated, now);
  });

  app.get('/api/v1/incidents/:ref/postmortem.md', {
    config: { access: 'viewer' },
    schema: {
      operationId: 'exportPostmortem', tags: ['postmortems'],
      summary: 'The postmortem as Markdown, for a wiki or a pull request.',
      params: incidentRefParamsSchema,
      response: {
        200: { description: 'Markdown', content: { 'text/markdown': { schema: z.string().describe('CommonMark with GitHub tables') } } },
        ...errorResponses(401, 404),
      },
    },
  }, async (request, reply) => {
    const { incident, postmortem } = await postmortemOf(request.params.ref);
    const text = postmortemMarkdown(await toPostmortemBody(store, incident, postmortem, clock.now()));
    return reply.type('text/markdown; charset=utf-8')
      .header('content-disposition', `inline; filename="postmortem-${incident.number}.md"`)
      .send(text);
  });
}
