import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { ZodApp } from '../http/zod-app';
import { isDashboardNavigation } from './dashboard-navigation';
import { MISSING_BUILD_CSP, MISSING_BUILD_PAGE } from './missing-build-page';

/**
 * The dashboard's policy: its own scripts, styles and API only. uPlot and React set styles
 * through the CSSOM, which `style-src 'self'` allows; the icon is an empty `data:` URI.
 */
export const DASHBOARD_CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'",
  "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
].join('; ');

/** Vite names every asset after its content: a year's cache, never revalidated. */
const ASSET_MAX_AGE_MS = 365 * 86_400_000;

const assetParamsSchema = z.object({ '*': z.string() });

type RouteHandler = Parameters<ReturnType<Parameters<ZodApp['addConstraintStrategy']>[0]['storage']>['set']>[1];

/** The router constraint that tells browser navigations to client routes from other requests. */
const NAVIGATION = 'xopsDashboardNavigation';

/**
 * The dashboard (DESIGN.md §6, docs/adr/0017-dashboard.md), all public like any static file
 * (its data needs a token): `GET /` and every browser navigation to a client route answer
 * `index.html` (no-cache, with the CSP), `GET /assets/*` the hashed build output (immutable).
 * The API's paths, files that do not exist and clients that do not ask for HTML keep the 404
 * envelope. Without a build, `/` says how to make one.
 */
export async function registerDashboardRoutes(app: ZodApp, { root }: { root: string }): Promise<void> {
  // serve: false: the routes below, not the plugin's own, so that each declares its access.
  await app.register(fastifyStatic, { root, serve: false });

  const sendIndex = (reply: FastifyReply) => {
    if (!existsSync(join(root, 'index.html'))) {
      return reply.status(503).type('text/html; charset=utf-8')
        .headers({ 'cache-control': 'no-store', 'content-security-policy': MISSING_BUILD_CSP, 'x-content-type-options': 'nosniff' })
        .send(MISSING_BUILD_PAGE);
    }
    // no-cache: revalidated each time (the ETag makes that cheap), so a new build shows at once.
    return reply.headers({
      'cache-control': 'no-cache', 'content-security-policy': DASHBOARD_CSP, 'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin',
    }).sendFile('index.html', root, { cacheControl: false });
  };

  app.get('/', { config: { access: 'public' }, schema: { hide: true } }, (_request, reply) => sendIndex(reply));

  app.get('/assets/*', {
    config: { access: 'public' },
    schema: { hide: true, params: assetParamsSchema },
  }, (request, reply) => reply.header('x-content-type-options', 'nosniff')
    .sendFile(request.params['*'], join(root, 'assets'), { maxAge: ASSET_MAX_AGE_MS, immutable: true }));

  // Client routes (`/slos/checkout`) reloaded or opened from a link. The catch-all is constrained
  // to browser navigations: for any other request the router acts as if it were not there, so
  // that API paths keep their own errors (a 404 envelope, a 400 for an over-long parameter).
  app.addConstraintStrategy({
    name: NAVIGATION,
    storage() {
      const handlers = new Map<unknown, RouteHandler>();
      return { get: (value) => handlers.get(value) ?? null, set: (value, handler) => { handlers.set(value, handler); } };
    },
    deriveConstraint: (request) => (isDashboardNavigation(request.url ?? '', request.headers.accept) ? 'yes' : 'no'),
  });
  app.get('/*', { config: { access: 'public' }, schema: { hide: true }, constraints: { [NAVIGATION]: 'yes' } }, (_request, reply) => sendIndex(reply));
}
