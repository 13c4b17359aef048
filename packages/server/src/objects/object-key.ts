import { z } from 'zod';

/** A map key for the object `kind`/`name`; NUL cannot occur in either (the input guard rejects it). */
export function objectKey(kind: string, name: string): string {
  return `${kind}\u0000${name}`;
}

const identitySchema = z.object({ kind: z.string(), metadata: z.object({ name: z.string() }) });

/**
 * The kind and name of a document, even of one that is otherwise invalid, so that a broken
 * document still counts as present when others in its bundle refer to it.
 */
export function identityOf(document: unknown): { kind: string; name: string } | undefined {
  const parsed = identitySchema.safeParse(document);
  return parsed.success ? { kind: parsed.data.kind, name: parsed.data.metadata.name } : undefined;
}
