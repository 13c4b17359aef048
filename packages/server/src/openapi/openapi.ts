import fastifySwagger, { type SwaggerTransform } from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { Access } from '../auth/authorize';
import type { ZodApp } from '../http/zod-app';

/** Who may call a route, in words, from its `config.access` (routes that say nothing need admin). */
function describeAccess(access: Access = 'admin'): string | undefined {
  if (access === 'public') return undefined;
  if (typeof access === 'string') return `Needs a role token of at least \`${access}\`.`;
  return `Needs an ingest token with scope \`${access.scope}\`, or a role token of at least \`${access.orRole}\` (ADR 0010).`;
}

/** zod schemas to JSON Schema, then who may call the route added to its description. */
const transform: SwaggerTransform = (input) => {
  const result = jsonSchemaTransform(input);
  const note = describeAccess(input.route.config?.access);
  if (note === undefined) return result;
  const description = result.schema.description === undefined ? note : `${result.schema.description}\n\n${note}`;
  return { ...result, schema: { ...result.schema, description } };
};

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
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            description: 'An xops API token, `xops_…`: a role token (viewer, responder, editor, admin), or an ingest token '
              + 'that can call only the ingest routes of its scopes. Each operation says which it needs.',
          },
        },
      },
      // Every route needs a token unless it says otherwise (health, readiness and metrics do).
      security: [{ bearerAuth: [] }],
    },
    transform,
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
