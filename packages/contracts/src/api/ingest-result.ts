import { z } from 'zod';

/**
 * How ingest writes a bucket that holds data already: `replace` overwrites it (sending the same
 * events twice changes nothing), `add` adds to it (for data sent in parts).
 */
export const INGEST_MODES = ['replace', 'add'] as const;
export const ingestModeSchema = z.enum(INGEST_MODES);
export type IngestMode = z.infer<typeof ingestModeSchema>;

/** The answer of `POST /api/v1/slis/{name}/events`: events taken, and buckets written (per series). */
export const ingestResultSchema = z.object({
  accepted: z.number().int().nonnegative(),
  buckets: z.number().int().nonnegative(),
});
export type IngestResult = z.infer<typeof ingestResultSchema>;

/** The content type of NDJSON bodies (one JSON value per line, ndjson.org). */
export const NDJSON_CONTENT_TYPE = 'application/x-ndjson';
