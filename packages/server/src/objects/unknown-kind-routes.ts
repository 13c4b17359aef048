import { KINDS } from '@xops/contracts';
import { z } from 'zod';
import { XopsError } from '../http/xops-error';
import type { ZodApp } from '../http/zod-app';

const pluralParamsSchema = z.looseObject({ plural: z.string() });

/**
 * Catch-alls behind the per-kind routes: the router prefers a static path (`/api/v1/slos`), so
 * these only see plurals that name no kind, and answer 404 `XOPS_ERR_UNKNOWN_KIND` with the
 * valid ones instead of a bare "no such endpoint". Hidden from the OpenAPI document.
 */
export function registerUnknownKindRoutes(app: ZodApp): void {
  const valid = KINDS.map((info) => info.plural);
  for (const [url, methods] of [['/api/v1/:plural', ['GET', 'POST']], ['/api/v1/:plural/:name', ['GET', 'PUT', 'DELETE']]] as const) {
    app.route({
      method: [...methods],
      url,
      config: { access: 'viewer' },
      schema: { hide: true, params: pluralParamsSchema },
      handler: async (request) => {
        throw new XopsError('XOPS_ERR_UNKNOWN_KIND', `No kind "${request.params.plural.slice(0, 100)}"; the kinds are ${valid.join(', ')}.`, { kinds: valid });
      },
    });
  }
}
