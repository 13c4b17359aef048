import { z } from 'zod';

/** An applied config object as the API returns it: the document plus its bookkeeping. */
export const storedObjectSchema = z.object({
  kind: z.string(),
  name: z.string(),
  apiVersion: z.string(),
  /** The document exactly as applied (after YAML parsing), every field kept. */
  object: z.record(z.string(), z.unknown()),
  /** Bumped only when the object changes; re-applying the same document leaves it alone. */
  revision: z.number().int().positive(),
  /** The YAML (or JSON) text of this document as the user wrote it, comments included. */
  sourceText: z.string(),
  sourceFile: z.string().nullable(),
  appliedBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type StoredObject = z.infer<typeof storedObjectSchema>;
