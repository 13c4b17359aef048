import { z } from 'zod';

/** One document of an apply bundle; `source` says where it came from so errors can point there. */
export const applyDocumentSchema = z.object({
  object: z.unknown(),
  source: z.object({
    file: z.string().max(4096),
    /** 1-based line of the document's first line in `file`. */
    line: z.number().int().positive(),
    text: z.string(),
  }).strict().optional(),
}).strict();
export type ApplyDocument = z.infer<typeof applyDocumentSchema>;

export const applyRequestSchema = z.object({
  documents: z.array(applyDocumentSchema).max(10_000),
  /** Validate and report what would change, write nothing. */
  dryRun: z.boolean().optional(),
}).strict();
export type ApplyRequest = z.infer<typeof applyRequestSchema>;

export const applyActionSchema = z.enum(['created', 'configured', 'unchanged', 'deleted']);
export type ApplyAction = z.infer<typeof applyActionSchema>;

export const applyOutcomeSchema = z.object({
  kind: z.string(),
  name: z.string(),
  action: applyActionSchema,
  revision: z.number().int().nonnegative(),
});
export type ApplyOutcome = z.infer<typeof applyOutcomeSchema>;

export const applyResultSchema = z.object({
  dryRun: z.boolean(),
  results: z.array(applyOutcomeSchema),
});
export type ApplyResult = z.infer<typeof applyResultSchema>;

/** `POST /api/v1/delete`: removes the objects a bundle names, in one transaction. */
export const deleteRequestSchema = z.object({
  objects: z.array(z.object({ kind: z.string(), name: z.string() }).strict()).max(10_000),
  dryRun: z.boolean().optional(),
}).strict();
export type DeleteRequest = z.infer<typeof deleteRequestSchema>;
