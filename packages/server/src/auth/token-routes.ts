import { roleSchema, SCOPE_DESCRIPTIONS, SCOPES, tokenCreatedSchema, tokenCreateRequestSchema, tokenInfoSchema } from '@xops/contracts';
import type { XopsStore } from '@xops/store';
import { z } from 'zod';
import { errorResponses } from '../http/error-envelope';
import { XopsError } from '../http/xops-error';
import type { ZodApp } from '../http/zod-app';
import { principalOf } from './authenticate';
import { generateTokenSecret, hashTokenSecret } from './token-secret';

const whoamiSchema = z.object({ name: z.string(), role: roleSchema });

/**
 * `POST /api/v1/tokens` and `GET /api/v1/tokens` (admin), `GET /api/v1/whoami` (any role token).
 * A new token has a role, or (an ingest token, ADR 0010) scopes. Its plaintext is in the 201
 * answer and nowhere else; the store records the `token.create` audit entry (name, id, and role
 * or scopes) in the same transaction as the token.
 */
export function registerTokenRoutes(app: ZodApp, { store }: { store: XopsStore }): void {
  app.post('/api/v1/tokens', {
    config: { access: 'admin' },
    schema: {
      operationId: 'createToken',
      tags: ['tokens'],
      summary: 'Create an API token; its plaintext is returned once.',
      description: 'Give `role` for a role token, or `scopes` for an ingest token, which can call only the ingest '
        + `routes of its scopes. ${SCOPES.map((scope) => `\`${scope}\`: ${SCOPE_DESCRIPTIONS[scope]}`).join('; ')}.`,
      body: tokenCreateRequestSchema,
      response: { 201: tokenCreatedSchema, ...errorResponses(401, 403, 409) },
    },
  }, async (request, reply) => {
    const actor = principalOf(request);
    const secret = generateTokenSecret();
    const info = await store.insertToken({ ...request.body, hash: hashTokenSecret(secret), createdBy: actor.name });
    return reply.status(201).send({ ...info, token: secret });
  });

  app.get('/api/v1/tokens', {
    config: { access: 'admin' },
    schema: {
      operationId: 'listTokens',
      tags: ['tokens'],
      summary: 'List API tokens with their role or scopes (never their secrets or hashes).',
      response: { 200: z.array(tokenInfoSchema), ...errorResponses(401, 403) },
    },
  }, async () => store.listTokens());

  app.get('/api/v1/whoami', {
    config: { access: 'viewer' },
    schema: {
      operationId: 'whoami',
      tags: ['tokens'],
      summary: 'The name and role of the calling token (ingest tokens get 403: they call only their ingest routes).',
      response: { 200: whoamiSchema, ...errorResponses(401, 403) },
    },
  }, async (request) => {
    const { name, role } = principalOf(request);
    // Unreachable for ingest tokens, which `viewer` access refuses; this tells the type so.
    if (role === undefined) throw new XopsError('XOPS_ERR_FORBIDDEN');
    return { name, role };
  });
}
