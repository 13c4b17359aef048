import type { XopsStore } from '@xops/store';
import type { FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Clock } from '../clock/clock';
import { XopsError } from '../http/xops-error';
import type { ZodApp } from '../http/zod-app';
import { loadLinkKey, verifyLink } from '../notifications/signed-link';
import { escapeHtml } from '../status-page/escape-html';
import { draftQuietly } from './incident-action-routes';
import { changeIncidentBy } from './incident-change';
import { auditIncident } from './incident-lookup';

/** Who the timeline says acted, for a link that carries no token. */
export const SIGNED_LINK_ACTOR = 'signed link';

const ACTIONS = {
  ack: { command: 'acknowledge', verb: 'Acknowledge', done: 'acknowledged' },
  resolve: { command: 'resolve', verb: 'Resolve', done: 'resolved' },
} as const;
// The page has no script and loads nothing; its one form posts back to the same link.
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'";

const linkSchema = {
  params: z.object({ ref: z.string().min(1).max(100).describe('the incident id the link was signed for'), action: z.enum(['ack', 'resolve']) }),
  querystring: z.object({
    exp: z.coerce.number().int().nonnegative().describe('when the link stops working, epoch ms'),
    sig: z.string().min(1).max(200).describe('HMAC-SHA256 of id, action and exp, base64url'),
  }),
};

/**
 * The link in each notification (ADR 0013), public: `GET /api/v1/incidents/{id}/{ack|resolve}/signed?exp&sig`
 * checks the HMAC over incident id, action and expiry with the server's link key (`verifyLink`)
 * and answers a page with one button; the button POSTs to the same link, which acknowledges or
 * resolves as actor `signed link` and answers "Incident #n acknowledged". The GET changes
 * nothing: mail scanners and chat previews fetch every link in a message, and must not
 * acknowledge an incident nobody has seen. A bad signature gets 403, an expired link 410, a state
 * the incident has passed 409, each as a page, since a person reads it.
 */
export function registerSignedLinkRoutes(app: ZodApp, deps: { store: XopsStore; clock: Clock }): void {
  const { store, clock } = deps;
  const verify = async (request: { params: z.infer<typeof linkSchema.params>; query: z.infer<typeof linkSchema.querystring> }, reply: FastifyReply) => {
    const key = await loadLinkKey(store);
    const { ref: incidentId, action } = request.params;
    const verified = verifyLink(key, { incidentId, action, expiresAt: request.query.exp, signature: request.query.sig }, clock.now());
    if (verified.ok) return undefined;
    return verified.error === 'expired'
      ? page(reply, 410, 'This link has expired', 'Acknowledge or resolve the incident with xops incident ack|resolve, or from the dashboard.')
      : page(reply, 403, 'This link is not valid', 'It may have been cut short or changed. Use the full link of the notification.');
  };

  void app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    // The confirmation form posts `application/x-www-form-urlencoded` with nothing in it: the
    // link's query string carries everything.
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 }, (_request, _body, done) => done(null, {}));

    scope.get('/api/v1/incidents/:ref/:action/signed', {
      config: { access: 'public' },
      schema: {
        operationId: 'confirmSignedIncidentLink', tags: ['incidents'], security: [],
        summary: 'The signed link of a notification (no token): a page that asks to confirm; changes nothing.',
        ...linkSchema,
      },
    }, async (request, reply) => {
      const refused = await verify(request, reply);
      if (refused !== undefined) return refused;
      const incident = await store.getIncident(request.params.ref);
      if (incident === undefined) return page(reply, 404, 'No such incident', 'The incident of this link no longer exists.');
      const { verb } = ACTIONS[request.params.action];
      return page(reply, 200, `${verb} incident #${incident.number}?`, `${incident.title} (${incident.state})`, verb);
    });

    scope.post('/api/v1/incidents/:ref/:action/signed', {
      config: { access: 'public' },
      schema: {
        operationId: 'followSignedIncidentLink', tags: ['incidents'], security: [],
        summary: 'Acknowledge or resolve an incident from the signed link of a notification (no token); answers a small HTML page.',
        ...linkSchema,
      },
    }, async (request, reply) => {
      const refused = await verify(request, reply);
      if (refused !== undefined) return refused;
      const { ref: incidentId, action } = request.params;
      const now = clock.now();
      const { command, done } = ACTIONS[action];
      try {
        const incident = await changeIncidentBy(store, { ref: incidentId, command: { kind: command }, actor: SIGNED_LINK_ACTOR, now });
        await auditIncident(store, { actor: SIGNED_LINK_ACTOR, action: `incident.${command}`, incident });
        if (command === 'resolve') await draftQuietly(store, incident, now, request.log);
        return page(reply, 200, `Incident #${incident.number} ${done}`, incident.title);
      } catch (error) {
        if (!(error instanceof XopsError)) throw error;
        if (error.code === 'XOPS_ERR_NOT_FOUND') return page(reply, 404, 'No such incident', 'The incident of this link no longer exists.');
        const incident = await store.getIncident(incidentId);
        return page(reply, 409, incident === undefined ? 'Nothing changed' : `Incident #${incident.number} is ${incident.state} already`, incident?.title ?? '');
      }
    });
  });
}

/** A small page; with `button`, a form that posts back to the page's own address (the signed link). */
function page(reply: FastifyReply, status: number, heading: string, detail: string, button?: string) {
  const form = button === undefined ? '' : `<form method="post"><button type="submit" style="font-size:1.1rem;padding:.5rem 1.5rem">${escapeHtml(button)}</button></form>`;
  const html = '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">'
    + `<title>${escapeHtml(heading)}</title></head>`
    + `<body style="font-family:system-ui,sans-serif;margin:3rem auto;max-width:36rem"><h1>${escapeHtml(heading)}</h1>`
    + `${detail === '' ? '' : `<p>${escapeHtml(detail)}</p>`}${form}</body></html>\n`;
  return reply.status(status).type('text/html; charset=utf-8')
    .headers({ 'cache-control': 'no-store', 'content-security-policy': PAGE_CSP, 'x-content-type-options': 'nosniff' })
    .send(html);
}
