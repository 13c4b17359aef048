import { publicStatusSchema, type PublicStatusBody } from '@xops/contracts';
import type { XopsStore } from '@xops/store';
import type { FastifyRequest } from 'fastify';
import type { Clock } from '../clock/clock';
import { errorResponses } from '../http/error-envelope';
import type { ZodApp } from '../http/zod-app';
import type { SloEvaluator } from '../slo/slo-evaluator';
import { buildPublicStatus } from './build-public-status';
import { renderStatusFeed, type FeedFormat } from './status-feed';
import { renderStatusPage, STATUS_PAGE_CSP } from './status-page-html';

// Clients and proxies may keep an answer this long: a crowd reloading the page hits a cache.
const CACHE_CONTROL = 'public, max-age=15';

/**
 * The public status page (DESIGN.md §6, ADR 0015), all without a token: `GET /api/v1/status`
 * (JSON), `GET /status` (HTML, no script), `GET /status/feed.atom` and `GET /status/feed.rss`
 * (the public incident updates). They answer from one snapshot: concurrent requests share the
 * one being built, so a crowd at the page during an outage costs one set of queries at a time.
 */
export function registerStatusPageRoutes(app: ZodApp, deps: { store: XopsStore; clock: Clock; evaluator?: SloEvaluator }): void {
  let building: Promise<PublicStatusBody> | undefined;
  const snapshot = (): Promise<PublicStatusBody> => {
    building ??= buildPublicStatus({ store: deps.store, evaluator: deps.evaluator, now: deps.clock.now() })
      .finally(() => { building = undefined; });
    return building;
  };

  app.get('/api/v1/status', {
    config: { access: 'public' },
    schema: {
      operationId: 'getPublicStatus', tags: ['status page'], security: [],
      summary: 'What the public status page shows: components grouped, each with its state and its SLOs\' SLI against the target; incidents with their public updates, active and resolved in the last 7 days.',
      response: { 200: publicStatusSchema, ...errorResponses() },
    },
  }, async (_request, reply) => {
    const body = await snapshot();
    void reply.header('cache-control', CACHE_CONTROL);
    return body;
  });

  app.get('/status', {
    config: { access: 'public' },
    // Pages for browsers and feed readers, not API operations: left out of the OpenAPI document.
    schema: { hide: true },
  }, async (_request, reply) => {
    const page = renderStatusPage(await snapshot());
    return reply.type('text/html; charset=utf-8').headers({
      'cache-control': CACHE_CONTROL, 'content-security-policy': STATUS_PAGE_CSP, 'x-content-type-options': 'nosniff',
    }).send(page);
  });

  const feeds: readonly { format: FeedFormat; type: string }[] = [
    { format: 'atom', type: 'application/atom+xml; charset=utf-8' },
    { format: 'rss', type: 'application/rss+xml; charset=utf-8' },
  ];
  for (const { format, type } of feeds) {
    app.get(`/status/feed.${format}`, {
      config: { access: 'public' },
      schema: { hide: true },
    }, async (request, reply) => {
      const text = renderStatusFeed(await snapshot(), { format, pageUrl: pageUrlOf(request) });
      return reply.type(type).headers({ 'cache-control': CACHE_CONTROL, 'x-content-type-options': 'nosniff' }).send(text);
    });
  }
}

/** The absolute URL of `/status` as the client asked for it; a Host header that is no host gives `http://localhost`. */
function pageUrlOf(request: FastifyRequest): string {
  try {
    return new URL('/status', `${request.protocol}://${request.host}`).href;
  } catch {
    return 'http://localhost/status';
  }
}
