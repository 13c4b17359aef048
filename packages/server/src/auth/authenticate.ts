import type { XopsStore } from '@xops/store';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { XopsError } from '../http/xops-error';
import { accessRefusal, type Access, type Principal } from './authorize';
import { hashTokenSecret, looksLikeTokenSecret } from './token-secret';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /**
     * Who may call the route: `public`, a role, or `{ scope, orRole }` for an ingest route (see
     * `Access`). Routes that say nothing need `admin`: a forgotten declaration fails closed.
     */
    access?: Access;
    /**
     * The route reads its token from the body when the request has no Authorization header
     * (PagerDuty's `routing_key`): the hook lets such a request through unauthenticated, and the
     * route calls `authenticateSecret` once the body is parsed.
     */
    tokenInBody?: boolean;
  }
}

const BEARER = /^Bearer +(\S+) *$/i;

/**
 * Checks `Authorization: Bearer xops_…` on every route that is not `public`: 401
 * `XOPS_ERR_UNAUTHENTICATED` for a missing or unknown token, 403 `XOPS_ERR_FORBIDDEN` for a token
 * the route's `config.access` does not admit (a role too low, an ingest token on a route that
 * does not take its scopes: see `accessRefusal`). Runs as an onRequest hook rather than a
 * preHandler so that a caller without a valid token never gets its body read and parsed.
 */
export function installAuthentication(app: FastifyInstance, { store }: { store: XopsStore }): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request, reply) => {
    if (request.is404) return;
    const access = request.routeOptions.config.access ?? 'admin';
    if (access === 'public') return;
    if (request.routeOptions.config.tokenInBody === true && request.headers.authorization === undefined) return;
    const secret = BEARER.exec(request.headers.authorization ?? '')?.[1];
    request.principal = await authenticateSecret(store, secret, access, () => reply.header('www-authenticate', 'Bearer realm="xops"'));
  });
}

/**
 * The principal of a token secret, if `access` admits it: 401 `XOPS_ERR_UNAUTHENTICATED` for a
 * missing or unknown token (after `onUnknown`, which names the scheme to use), 403
 * `XOPS_ERR_FORBIDDEN` for one `accessRefusal` refuses.
 */
export async function authenticateSecret(
  store: XopsStore,
  secret: string | undefined,
  access: Exclude<Access, 'public'>,
  onUnknown: () => void = () => undefined,
): Promise<Principal> {
  const token = secret && looksLikeTokenSecret(secret) ? await store.findTokenByHash(hashTokenSecret(secret)) : undefined;
  if (!token) {
    // RFC 6750 §3: a 401 names the scheme the client should use.
    onUnknown();
    throw new XopsError('XOPS_ERR_UNAUTHENTICATED', secret
      ? 'The bearer token is not valid.'
      : 'A bearer token is required: send "Authorization: Bearer xops_…".');
  }
  const principal: Principal = 'scopes' in token ? { name: token.name, scopes: token.scopes } : { name: token.name, role: token.role };
  const refusal = accessRefusal(principal, access);
  if (refusal) throw refusal;
  return principal;
}

/** The caller of a route that is not `public`; throws when authentication did not run. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new XopsError('XOPS_ERR_UNAUTHENTICATED');
  return request.principal;
}
