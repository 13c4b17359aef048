import { z } from 'zod';
import { metadataSchema } from './metadata';

/** zod schema for the `spec` of a kind whose spec is not checked yet: any mapping. */
export const anySpecSchema = z.record(z.string(), z.unknown());

/**
 * zod schema for a whole config document around `spec`. `apiVersion` and `kind` are accepted as
 * anything here: `validateConfigDocument` checks them itself, to name the valid ones.
 */
export function configDocumentSchema<S extends Readonly<Record<string, unknown>>>(spec: z.ZodType<S>) {
  return z.strictObject({
    apiVersion: z.unknown().optional(),
    kind: z.unknown().optional(),
    metadata: metadataSchema,
    spec,
  });
}
