import { roleSchema, tokenCreatedSchema, tokenCreateRequestSchema, tokenInfoSchema } from '@xops/contracts';
import type { XopsStore } from '@xops/store';
import { z } from 'zod';
import { errorResponses } from '../http/error-envelope';
import type { ZodApp } from '../http/zod-app';
import { principalOf } from './authenticate';
import { generateTokenSecret, hashTokenSecret } from './token-secret';

const whoamiSchema = z.object({ name: z.string(), role: roleSchema });

/**
 * `POST /api/v1/tokens` and `GET /api/v1/tokens` (admin), `GET /api/v1/whoami` (any token).
 * The plaintext of a new token is in the 201 answer and nowhere else; the store records the
 * `token.create` audit entry (name, id, role) in the same transaction as the token.
 */
export function registerTokenRoutes(app: ZodApp, { store }: { store: XopsStore }): void {
  app.post('/api/v1/tokens', {
    config: { access: 'admin' },
    schema: {
      operationId: 'createToken',
      tags: ['tokens'],
      summary: 'Create an API token; its plaintext is returned once.',
      body: tokenCreateRequestSchema,
      response: { 201: tokenCreatedSchema, ...errorResponses(401, 403, 409) },
    },
  }, async (request, reply) => {
    const actor = principalOf(request);
    const secret = generateTokenSecret();
    const info = await store.insertToken({
      name: request.body.name,
      role: request.body.role,
      hash: hashTokenSecret(secret),
      createdBy: actor.name,
    });
    return reply.status(201).send({ ...info, token: secret });
  });

  app.get('/api/v1/tokens', {
    config: { access: 'admin' },
    schema: {
      operationId: 'listTokens',
      tags: ['tokens'],
      summary: 'List API tokens (never their secrets or hashes).',
      response: { 200: z.array(tokenInfoSchema), ...errorResponses(401, 403) },
    },
  }, async () => store.listTokens());

  app.get('/api/v1/whoami', {
    config: { access: 'viewer' },
    schema: {
      operationId: 'whoami',
      tags: ['tokens'],
      summary: 'The name and role of the calling token.',
      response: { 200: whoamiSchema, ...errorResponses(401) },
    },
  }, async (request) => {
    const { name, role } = principalOf(request);
    return { name, role };
  });
}
