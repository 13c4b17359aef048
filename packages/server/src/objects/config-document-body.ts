import type { KindInfo } from '@xops/contracts';
import { z } from 'zod';

/**
 * The body of `POST`/`PUT /api/v1/{plural}`. It accepts any JSON at the HTTP layer on purpose:
 * documents are checked by `validateConfigDocument`, which reports every problem with its field
 * path as a 422, rather than by a route schema that would stop at the shape with a 400. The
 * metadata only describes the document's envelope in the OpenAPI document.
 */
export function configDocumentBody(info: KindInfo) {
  return z.unknown().meta({
    description: `A ${info.kind} config document (${info.apiVersion}), as it would appear in a YAML file.`,
    type: 'object',
    required: ['apiVersion', 'kind', 'metadata', 'spec'],
    properties: {
      apiVersion: { const: info.apiVersion },
      kind: { const: info.kind },
      metadata: {
        type: 'object',
        required: ['name'],
        properties: {
          name: { type: 'string' },
          displayName: { type: 'string' },
          labels: { type: 'object', additionalProperties: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] } },
          annotations: { type: 'object', additionalProperties: { type: 'string' } },
        },
      },
      spec: { type: 'object', description: `The ${info.kind} spec; see the xops config reference.` },
    },
  });
}
