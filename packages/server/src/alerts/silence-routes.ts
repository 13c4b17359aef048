import { isoInstant, parsePrometheusDuration, silenceCreateSchema, silenceSchema, silenceStateSchema, type SilenceBody } from '@xops/contracts';
import type { SilenceRecord, XopsStore } from '@xops/store';
import { z } from 'zod';
import { principalOf } from '../auth/authenticate';
import type { Clock } from '../clock/clock';
import { errorResponses } from '../http/error-envelope';
import { XopsError } from '../http/xops-error';
import type { ZodApp } from '../http/zod-app';

/**
 * Silences (Alertmanager's, with one that ends when its alert resolves, ADR 0012):
 * `POST /api/v1/silences` (responder), `GET /api/v1/silences?state` (viewer),
 * `GET|DELETE /api/v1/silences/{id}` (viewer | responder: DELETE expires it now).
 */
export function registerSilenceRoutes(app: ZodApp, deps: { store: XopsStore; clock: Clock }): void {
  const { store, clock } = deps;
  const idParams = z.object({ id: z.string().min(1).max(100) });

  app.post('/api/v1/silences', {
    config: { access: 'responder' },
    schema: {
      operationId: 'createSilence', tags: ['alerts'],
      summary: 'Silence the alerts its matchers match, from startsAt (now) until endsAt, for a duration, or until a firing alert resolves (untilResolved).',
      body: silenceCreateSchema(() => clock.now()),
      response: { 201: silenceSchema, ...errorResponses(401, 403) },
    },
  }, async (request, reply) => {
    const now = clock.now();
    const { matchers, startsAt = now, endsAt, duration, untilResolved, comment } = request.body;
    const end = endsAt ?? (duration === undefined ? null : startsAt + (parsePrometheusDuration(duration) ?? 0));
    if (end !== null && end <= Math.max(startsAt, now)) {
      throw new XopsError('XOPS_ERR_VALIDATION', 'endsAt: the silence would end before it starts, or is over already.', { problems: [{ path: ['endsAt'], message: 'must be after startsAt and now' }] });
    }
    let tied: { fingerprint: string; startsAt: number } | null = null;
    if (untilResolved !== undefined) {
      const alert = await store.findFiringAlert(untilResolved, now);
      if (alert === undefined) {
        throw new XopsError('XOPS_ERR_VALIDATION', `untilResolved: no alert with fingerprint ${untilResolved} fires now; list them with xops get alerts --incoming.`, {
          problems: [{ path: ['untilResolved'], message: 'no firing alert has this fingerprint' }],
        });
      }
      tied = alert;
    }
    const silence = await store.createSilence({ matchers, startsAt, endsAt: end, untilResolved: tied, comment, createdBy: principalOf(request).name }, now);
    return reply.status(201).send(await silenceBody(store, silence, now));
  });

  app.get('/api/v1/silences', {
    config: { access: 'viewer' },
    schema: {
      operationId: 'listSilences', tags: ['alerts'],
      summary: 'Silences, newest first; state=active lists those muting alerts now.',
      querystring: z.object({ state: silenceStateSchema.optional().describe('pending, active or expired') }),
      response: { 200: z.array(silenceSchema), ...errorResponses(401) },
    },
  }, async (request) => {
    const now = clock.now();
    const bodies = await Promise.all((await store.listSilences()).map((silence) => silenceBody(store, silence, now)));
    return bodies.filter((body) => request.query.state === undefined || body.state === request.query.state);
  });

  app.get('/api/v1/silences/:id', {
    config: { access: 'viewer' },
    schema: {
      operationId: 'getSilence', tags: ['alerts'], summary: 'One silence.',
      params: idParams, response: { 200: silenceSchema, ...errorResponses(401, 404) },
    },
  }, async (request) => {
    const silence = await store.getSilence(request.params.id);
    if (silence === undefined) throw notFound(request.params.id);
    return silenceBody(store, silence, clock.now());
  });

  app.delete('/api/v1/silences/:id', {
    config: { access: 'responder' },
    schema: {
      operationId: 'expireSilence', tags: ['alerts'], summary: 'Expire a silence now (Alertmanager\'s DELETE); the alerts it muted are told at their group\'s next look.',
      params: idParams, response: { 200: silenceSchema, ...errorResponses(401, 403, 404) },
    },
  }, async (request) => {
    const now = clock.now();
    const silence = await store.expireSilence(request.params.id, principalOf(request).name, now);
    if (silence === undefined) throw notFound(request.params.id);
    return silenceBody(store, silence, now);
  });
}

function notFound(id: string): XopsError {
  return new XopsError('XOPS_ERR_NOT_FOUND', `Silence ${id} does not exist.`, { kind: 'Silence', id });
}

/** The API view, with the state at `now`: a silence "until resolved" has expired once its alert's episode stopped firing. */
async function silenceBody(store: XopsStore, silence: SilenceRecord, now: number): Promise<SilenceBody> {
  let state: SilenceBody['state'] = silence.expiredAt !== null || (silence.endsAt !== null && silence.endsAt <= now) ? 'expired'
    : silence.startsAt > now ? 'pending' : 'active';
  if (state !== 'expired' && silence.untilResolved !== null) {
    const alert = await store.findFiringAlert(silence.untilResolved.fingerprint, now);
    if (alert === undefined || alert.startsAt > silence.untilResolved.startsAt) state = 'expired';
  }
  return {
    id: silence.id,
    matchers: [...silence.matchers],
    startsAt: isoInstant(silence.startsAt),
    endsAt: silence.endsAt === null ? null : isoInstant(silence.endsAt),
    untilResolved: silence.untilResolved === null ? null : { fingerprint: silence.untilResolved.fingerprint, startsAt: isoInstant(silence.untilResolved.startsAt) },
    comment: silence.comment,
    createdBy: silence.createdBy,
    createdAt: isoInstant(silence.createdAt),
    expiredAt: silence.expiredAt === null ? null : isoInstant(silence.expiredAt),
    state,
  };
}
