import fastifySwagger from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { ZodApp } from '../http/zod-app';

/**
 * Collects every route registered after it into an OpenAPI 3.1 document, built from the same
 * zod schemas that validate the requests. Register before the routes: @fastify/swagger learns
 * them through the onRoute hook.
 */
export async function registerOpenApi(app: ZodApp, { version }: { version: string }): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'xops API',
        version,
        description: 'The HTTP API of xops, a self-hosted reliability control plane. Errors are '
          + '`{ "error": { "code": "XOPS_ERR_…", "message": "…", "details": … } }`.',
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'An xops API token, `xops_…`.' },
        },
      },
      // Every route needs a token unless it says otherwise (health, readiness and metrics do).
      security: [{ bearerAuth: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
}

/** `GET /api/v1/openapi.json`: the document, for client generators and the dashboard. */
export function registerOpenApiRoute(app: ZodApp): void {
  app.get('/api/v1/openapi.json', {
    config: { access: 'viewer' },
    schema: { operationId: 'openapi', tags: ['operations'], summary: 'This OpenAPI document.' },
  }, async () => app.swagger());
}
